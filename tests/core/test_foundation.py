"""The site shell: settings, layout, search, sitemap, robots, errors, health, demo."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page

from core.models import BasePage, HomePage
from core.search import clean_query, fold
from tests.production import production_settings

ROOT = Path(__file__).resolve().parents[2]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _run_settings(module, extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update({"DJANGO_SETTINGS_MODULE": module, **extra_env})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


class TestSettings:
    def test_production_refuses_to_start_without_secret_key(self):
        result = _run_settings("website.settings.production", {})
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY" in result.stderr

    def test_production_starts_with_environment(self):
        result = _run_settings(
            "website.settings.production",
            {
                "DJANGO_SECRET_KEY": "x" * 60,
                "DJANGO_ALLOWED_HOSTS": "ops.example.pl",
                "REDIS_URL": "redis://127.0.0.1:6379/3",
                "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
            },
        )
        assert result.returncode == 0, result.stderr
        assert "started" in result.stdout

    def test_production_reads_database_cache_and_ssl_redirect(self):
        found = production_settings(
            DJANGO_ALLOWED_HOSTS="a.example.pl,b.example.pl",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
            REDIS_URL="redis://127.0.0.1:6379/3",
            DJANGO_SECURE_SSL_REDIRECT="false",
            MEDIA_ROOT="/srv/ops/media",
        )
        assert found["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert found["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
        assert found["SECURE_SSL_REDIRECT"] is False
        assert found["ALLOWED_HOSTS"] == ["a.example.pl", "b.example.pl"]
        assert found["MEDIA_ROOT"] == "/srv/ops/media"

    def test_production_falls_back_to_sqlite_and_shared_file_cache(self):
        found = production_settings()
        assert found["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
        # Shared by all gunicorn workers, unlike a per-process local-memory cache.
        assert found["CACHES"]["default"]["BACKEND"] == "pagecache.file_cache.SharedFileCache"
        assert found["SECURE_SSL_REDIRECT"] is True
        assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]

    def test_sqlite_uses_wal_and_waits_for_writers(self, db):
        from django.db import connection

        if connection.vendor != "sqlite":
            pytest.skip("SQLite only")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0].lower() == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000

    def test_language_and_time_zone(self, settings):
        assert settings.LANGUAGE_CODE == "pl"
        assert settings.TIME_ZONE == "Europe/Warsaw"


class TestShell:
    def test_home_page_has_skip_links_first_in_order(self, client, site_settings):
        html = client.get("/").content.decode()
        assert '<html lang="pl"' in html
        body = html[html.index("<body") :]
        first_link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', body)
        assert first_link.group(1) == "#tresc"
        assert first_link.group(2) == "Przejdź do treści"
        positions = [
            body.index(text)
            for text in (
                "Przejdź do treści",
                "Przejdź do menu",
                "Przejdź do wyszukiwarki",
                "Przejdź do stopki",
            )
        ]
        assert positions == sorted(positions)
        for target in ('id="tresc"', 'id="menu"', 'id="wyszukiwarka"', 'id="stopka"'):
            assert target in body
        assert "Do góry" in body

    def test_header_and_footer_come_from_site_settings(self, client, site_settings):
        site_settings.name = "Gminny Ośrodek Pomocy Społecznej w Próbkowie"
        site_settings.save()
        html = client.get("/").content.decode()
        assert "Gminny Ośrodek Pomocy Społecznej w Próbkowie" in html
        assert "ul. Próbna 1" in html
        assert 'href="tel:+48123456789"' in html
        assert "mailto:ops@example.pl" in html
        assert 'href="https://bip.example.pl/"' in html
        assert "Biuletyn Informacji Publicznej" in html

    def test_today_written_out_in_polish(self, client, site_settings):
        import time_machine

        with time_machine.travel(datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)):
            html = client.get("/").content.decode()
        assert "niedziela, 22 listopada 2026" in html

    def test_main_menu_lists_menu_pages(self, client, home, site_settings):
        shown = Page(title="Jak pomagamy", slug="jak-pomagamy", show_in_menus=True)
        hidden = Page(title="Ukryta strona", slug="ukryta", show_in_menus=False)
        home.add_child(instance=shown)
        home.add_child(instance=hidden)
        child = Page(title="Pomoc finansowa", slug="pomoc-finansowa", show_in_menus=True)
        shown.add_child(instance=child)
        html = client.get("/").content.decode()
        menu = html[html.index('id="menu"') : html.index("</nav>", html.index('id="menu"'))]
        assert "Jak pomagamy" in menu
        assert "Pomoc finansowa" in menu
        assert "Ukryta strona" not in menu

    def test_bip_link_has_accessible_name(self, client, site_settings):
        html = client.get("/").content.decode()
        link = re.search(r'<a href="https://bip\.example\.pl/" class="bip-link".*?</a>', html, re.S)
        assert link
        assert "Biuletyn Informacji Publicznej" in link.group(0)


class TestSearch:
    @pytest.fixture
    def pages(self, home):
        # A real page type: it indexes the folded copy of its text that makes
        # "swietlica" find "Świetlica" on PostgreSQL too (FTS5 folds by itself).
        from pages.models import StandardPage

        swietlica = StandardPage(title="Świetlica środowiskowa „Uśmiech”", slug="swietlica")
        zarzadzenie = StandardPage(title="Zarządzenie w sprawie regulaminu", slug="zarzadzenie")
        draft = StandardPage(title="Świetlica – szkic", slug="szkic", live=False)
        home.add_child(instance=swietlica)
        home.add_child(instance=zarzadzenie)
        home.add_child(instance=draft)
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        for page in (swietlica, zarzadzenie, draft):
            backend.add(page)
        return swietlica, zarzadzenie

    @pytest.mark.parametrize("query", ["świetlica", "swietlica", "SWIETLICA", "ŚWIETLICA"])
    def test_finds_with_and_without_diacritics(self, client, pages, query):
        html = client.get("/szukaj/", {"q": query}).content.decode()
        assert "Świetlica środowiskowa" in html
        assert "szkic" not in html

    def test_zarzadzenie_without_polish_letters(self, client, pages):
        html = client.get("/szukaj/", {"q": "zarzadzenie"}).content.decode()
        assert "Zarządzenie w sprawie regulaminu" in html
        assert "Znaleziono 1 wynik." in html

    def test_home_page_text_is_searchable(self, client, home):
        home.intro_text = "Pomagamy rodzinom w trudnej sytuacji życiowej."
        home.save_revision().publish()
        html = client.get("/szukaj/", {"q": "zyciowej"}).content.decode()
        assert 'class="search-results"' in html

    @pytest.mark.parametrize(
        "query",
        ['"', '""', "'", "AND OR NOT", "*", "()", "-", "a" * 5000, "\x00", "😀", "NEAR(", "%"],
    )
    def test_absurd_queries_answer_politely(self, client, pages, query):
        response = client.get("/szukaj/", {"q": query})
        assert response.status_code == 200

    def test_empty_query(self, client, home):
        response = client.get("/szukaj/")
        assert response.status_code == 200
        assert "Czego szukasz?" in response.content.decode()

    def test_nothing_found_page_helps(self, client, pages):
        html = client.get("/szukaj/", {"q": "xyzzyqwerty"}).content.decode()
        assert "Nic nie znaleźliśmy" in html

    def test_results_paginated_and_bad_page_numbers(self, client, home):
        from wagtail.search.backends import get_search_backend

        from pages.models import StandardPage

        backend = get_search_backend()
        for number in range(23):
            page = StandardPage(title=f"Pomoc sąsiedzka {number}", slug=f"pomoc-{number}")
            home.add_child(instance=page)
            backend.add(page)
        first = client.get("/szukaj/", {"q": "pomoc sasiedzka"}).content.decode()
        # The 23 pages with both words come first; the home page ("Jak możemy pomóc?")
        # has one of them, so it follows (partial matches are shown, issue 16).
        assert "Znaleziono 24 wyniki." in first
        titles = re.findall(r'class="search-results__title"><a href="[^"]+">([^<]+)<', first)
        assert len(titles) == 10 and all(t.startswith("Pomoc sąsiedzka") for t in titles)
        assert 'aria-label="Strony"' in first
        for bad in ("abc", "-1", "0", "99999", "1e9"):
            assert client.get("/szukaj/", {"q": "pomoc", "page": bad}).status_code == 200

    def test_search_form_array_parameter(self, client, home):
        assert client.get("/szukaj/?q=a&q=b&q[]=c").status_code == 200

    def test_clean_query(self):
        assert clean_query('"zarządzenie') == "zarzadzenie"
        assert clean_query("12/2020") == "12 2020"
        assert clean_query("Łódź – ŚWIETLICA!") == "lodz swietlica"
        assert clean_query("   ") == ""
        assert fold("Zażółć gęślą jaźń") == "zazolc gesla jazn"


class TestSiteWideViews:
    def test_404_in_polish_in_site_layout(self, client, site_settings):
        response = client.get("/tej-strony-nie-ma/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Nie znaleziono strony" in html
        assert 'id="tresc"' in html
        assert 'role="search"' in html
        assert "12 345 67 89" in html

    def test_500_page_renders_without_database(self, rf):
        from core.views import server_error

        with translation.override("pl"):
            response = server_error(rf.get("/"))
        assert response.status_code == 500
        assert "Coś poszło nie tak" in response.content.decode()

    def test_healthz_ok(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}

    def test_healthz_503_when_cache_down(self, client, db):
        with mock.patch.object(cache, "set", side_effect=ConnectionError("redis down")):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["cache"] == "error"

    def test_healthz_503_when_database_down(self, client, db):
        from django.db.backends.utils import CursorWrapper

        with mock.patch.object(CursorWrapper, "execute", side_effect=RuntimeError("db down")):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["database"] == "error"

    def test_robots_points_to_sitemap(self, client, db):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
        assert "Disallow: /admin/" in response.content.decode()

    def test_sitemap_lists_published_pages_only(self, client, home):
        published = Page(title="Kontakt", slug="kontakt")
        draft = Page(title="Szkic", slug="szkic", live=False)
        home.add_child(instance=published)
        home.add_child(instance=draft)
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        tree = ElementTree.fromstring(response.content)
        locations = [loc.text for loc in tree.findall(".//s:loc", SITEMAP_NS)]
        assert any(loc.endswith("/kontakt/") for loc in locations)
        assert not any("szkic" in loc for loc in locations)
        assert any(loc.endswith("/") for loc in locations)

    def test_redirects_app_works(self, client, home):
        from wagtail.contrib.redirects.models import Redirect

        Redirect.objects.create(old_path="/stara-strona", redirect_link="/", is_permanent=True)
        response = client.get("/stara-strona")
        assert response.status_code == 301

    def test_admin_is_in_polish(self, admin_client, home):
        html = admin_client.get("/admin/").content.decode()
        assert 'lang="pl"' in html
        assert "Strony" in html


class TestDemo:
    def test_load_demo_twice_gives_the_same_tree(self, db):
        from django.core.management import call_command

        call_command("load_demo", verbosity=0)
        first = list(Page.objects.order_by("path").values_list("path", "slug", "title"))
        call_command("load_demo", verbosity=0)
        second = list(Page.objects.order_by("path").values_list("path", "slug", "title"))
        assert first == second
        assert HomePage.objects.count() == 1
        assert len(first) > 1
        # the menu ends with the contact page, where residents look for it
        menu = HomePage.objects.get().get_children().live().in_menu()
        assert menu.last().slug == "kontakt"

    def test_if_empty_keeps_existing_content(self, home):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("load_demo", "--if-empty", stdout=out)
        assert "nothing to do" in out.getvalue()

    def test_ensure_admin_creates_one_account_and_prints_login(self, db, tmp_path, monkeypatch):
        from io import StringIO

        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from core.management.commands import ensure_admin

        monkeypatch.setattr(ensure_admin, "LOGIN_FILE", tmp_path / "login.txt")
        out = StringIO()
        call_command("ensure_admin", stdout=out)
        call_command("ensure_admin", stdout=out)
        assert get_user_model().objects.filter(is_superuser=True).count() == 1
        username, password = (tmp_path / "login.txt").read_text().split()
        assert f"password: {password}" in out.getvalue()
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password)


def test_every_page_model_inherits_base_page():
    """House rule: all our page types share BasePage (review date, folded search)."""
    from django.apps import apps

    ours = {"website", "news", "pages", "units"}
    for model in apps.get_models():
        if issubclass(model, Page) and model._meta.app_label in ours and not model._meta.abstract:
            assert issubclass(model, BasePage), model
