"""Core of the demo site: the home page and the centre's settings.

Other apps add their own parts in ``<app>/demo.py`` with a ``load(ctx)``
function; ``load_demo`` calls them in order. Every step is idempotent.
"""

from django.db import transaction
from wagtail.models import Page, Site

from core.models import FooterLink, HomePage, SiteSettings, SiteSettingsPhone

from .media import demo_image

CENTRE_NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie Zdrojowym"

PALETTES = {
    "blue": ("#cfe3f5", "#4f7d4a", "#f2b632"),
    "green": ("#e3f0d8", "#5d8c3a", "#d9534f"),
    "warm": ("#fbe6c8", "#8a6d3b", "#0b4f8a"),
    "evening": ("#d7d3ef", "#3f5d7d", "#f08a24"),
}


def load(ctx):
    home = ensure_home()
    ctx["home"] = home
    ctx["site"] = Site.objects.get(is_default_site=True)
    ensure_settings(ctx["site"])
    ctx["logo"] = demo_image("Logo ośrodka", PALETTES["blue"], "house", "")
    return ctx


@transaction.atomic
def ensure_home():
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = HomePage(
        title="Strona główna",
        slug="strona-glowna",
        intro_heading="Jak możemy pomóc?",
        intro_text=(
            "Pomagamy mieszkańcom gminy Lipowo Zdrojowe w trudnych sytuacjach życiowych: "
            "wspieramy rodziny, osoby starsze i niepełnosprawne, prowadzimy świetlicę dla dzieci "
            "i klub seniora. Porady są bezpłatne."
        ),
        seo_title=CENTRE_NAME,
        search_description=(
            "Strona Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie Zdrojowym: "
            "pomoc społeczna, świadczenia, placówki, aktualności i kontakt."
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(
            hostname="127.0.0.1",
            port=8000,
            root_page=home,
            is_default_site=True,
            site_name=CENTRE_NAME,
        )
    else:
        site.root_page = home
        site.site_name = CENTRE_NAME
        site.hostname, site.port = "127.0.0.1", 8000
        site.save()
    # Wagtail's placeholder "Welcome" page is not part of our site.
    if old_root and old_root.pk != home.pk and old_root.specific_class is Page:
        old_root.delete()
    return HomePage.objects.get(pk=home.pk)


def ensure_settings(site):
    settings = SiteSettings.for_site(site)
    if settings.street_address:
        return settings
    settings.name = CENTRE_NAME
    settings.short_name = "MGOPS w Lipowie Zdrojowym"
    settings.street_address = "ul. Słoneczna 12"
    settings.postal_code = "58-321"
    settings.city = "Lipowo Zdrojowe"
    settings.email = "sekretariat@mgops-lipowo.example.pl"
    settings.epuap_address = "/mgopslipowo/SkrytkaESP"
    settings.opening_hours = (
        "poniedziałek: 8:00–16:00\nwtorek–czwartek: 7:30–15:30\npiątek: 7:30–14:30"
    )
    settings.bip_url = "https://bip.mgops-lipowo.example.pl/"
    settings.visits_starting_total = 35860
    settings.save()
    phones = [
        ("Sekretariat", "74 812 34 50"),
        ("Dział świadczeń rodzinnych", "74 812 34 55"),
        ("Pracownicy socjalni", "74 812 34 57"),
    ]
    for order, (label, number) in enumerate(phones):
        SiteSettingsPhone.objects.create(
            settings=settings, sort_order=order, label=label, number=number
        )
    FooterLink.objects.create(
        settings=settings,
        sort_order=0,
        title="Nasz kanał w serwisie YouTube",
        url="https://www.youtube.com/@mgops-lipowo-przyklad",
    )
    FooterLink.objects.create(
        settings=settings,
        sort_order=1,
        title="Urząd Miasta i Gminy Lipowo Zdrojowe",
        url="https://lipowo-zdrojowe.example.pl/",
    )
    return settings
