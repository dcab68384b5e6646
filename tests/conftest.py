"""Shared fixtures. Each app's tests build the pages they need with the models' own API."""

import json

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Site

from website.models import HomePage, SiteSettings, SiteSettingsPhone


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A published home page as the default site's root, like ``load_demo`` makes."""
    root = Page.get_first_root_node()
    home = HomePage(title="Strona główna", slug="strona-glowna", intro_heading="Jak możemy pomóc?")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def site_settings(home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Ośrodek Pomocy Społecznej w Testowie"
    settings.street_address = "ul. Próbna 1"
    settings.postal_code = "00-001"
    settings.city = "Testowo"
    settings.email = "ops@example.pl"
    settings.bip_url = "https://bip.example.pl/"
    settings.save()
    SiteSettingsPhone.objects.create(settings=settings, label="Sekretariat", number="12 345 67 89")
    return SiteSettings.objects.get(pk=settings.pk)


@pytest.fixture
def demo_site(db):
    """The whole demo site (slow: use for integration tests only)."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return HomePage.objects.get()


@pytest.fixture
def collected(tmp_path, settings):
    """collectstatic of our own static folder with the production storage: (root, manifest)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_DIRS = [django_settings.BASE_DIR / "static"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "website.storage.MinifiedStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DEBUG = False
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]
    return settings.STATIC_ROOT, manifest
