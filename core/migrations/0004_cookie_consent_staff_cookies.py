"""Cookies staff get in the admin, added to "Niezbędne" so the policy lists all the site sets.

Django's messages framework keeps admin notices ("Strona opublikowana") in a
``messages`` cookie, and the Wagtail admin remembers a collapsed side menu in
``wagtail_sidebar_collapsed``. Both are strictly necessary for the service staff
ask for; residents never get them.
"""

from django.db import migrations

COOKIES = [
    (
        "messages",
        "Komunikaty panelu administracyjnego dla pracowników ośrodka, np. „Strona "
        "opublikowana” (do wyświetlenia komunikatu).",
    ),
    (
        "wagtail_sidebar_collapsed",
        "Panel administracyjny: zapamiętuje zwinięcie menu bocznego u pracowników "
        "ośrodka (do zamknięcia przeglądarki).",
    ),
]


def add_cookies(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    group = CookieGroup.objects.filter(varname="necessary").first()
    if group is None:
        return
    for name, description in COOKIES:
        Cookie.objects.get_or_create(
            cookiegroup=group,
            name=name,
            domain="",
            defaults={"description": description, "path": "/"},
        )


def remove_cookies(apps, schema_editor):
    Cookie = apps.get_model("cookie_consent", "Cookie")
    Cookie.objects.filter(
        cookiegroup__varname="necessary", name__in=[name for name, _d in COOKIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0003_visit_counter"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(add_cookies, remove_cookies)]
