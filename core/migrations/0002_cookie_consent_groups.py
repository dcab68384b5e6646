"""Cookie groups and cookies the site sets, created once; staff edit them later."""

from django.db import migrations

GROUPS = [
    {
        "varname": "necessary",
        "name": "Niezbędne",
        "description": (
            "Pliki niezbędne do działania strony: zapamiętują Twój wybór dotyczący plików "
            "cookies i chronią formularze przed nadużyciami. Nie można ich wyłączyć."
        ),
        "is_required": True,
        "is_deletable": False,
        "ordering": 0,
        "cookies": [
            ("cookie_consent", "Zapamiętuje Twoje decyzje dotyczące plików cookies (12 miesięcy)."),
            ("csrftoken", "Chroni formularze (np. formularz kontaktowy) przed podszywaniem się (1 rok)."),
            ("sessionid", "Sesja zalogowanego pracownika ośrodka w panelu administracyjnym (do zamknięcia przeglądarki)."),
        ],
    },
    {
        "varname": "external_media",
        "name": "Media zewnętrzne",
        "description": (
            "Filmy osadzone z serwisu YouTube (Google). Po wyrażeniu zgody odtwarzacz "
            "ładuje się z youtube-nocookie.com i może zapisywać pliki cookies serwisu YouTube."
        ),
        "is_required": False,
        "is_deletable": True,
        "ordering": 10,
        "cookies": [
            ("VISITOR_INFO1_LIVE", "YouTube: ustawienia odtwarzacza i pomiar przepustowości (ok. 6 miesięcy)."),
            ("YSC", "YouTube: identyfikator sesji odtwarzania (do zamknięcia przeglądarki)."),
        ],
    },
]

YOUTUBE_DOMAIN = ".youtube-nocookie.com"


def create_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for data in GROUPS:
        group, _created = CookieGroup.objects.get_or_create(
            varname=data["varname"],
            defaults={
                key: data[key]
                for key in ("name", "description", "is_required", "is_deletable", "ordering")
            },
        )
        domain = YOUTUBE_DOMAIN if data["varname"] == "external_media" else ""
        for name, description in data["cookies"]:
            Cookie.objects.get_or_create(
                cookiegroup=group, name=name, domain=domain,
                defaults={"description": description, "path": "/"},
            )


def remove_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    CookieGroup.objects.filter(varname__in=[g["varname"] for g in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_initial"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
