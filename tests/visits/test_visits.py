"""Visit counter (issue 6): what counts, privacy, fallbacks, display, staff report, command."""

import datetime
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory

from visits import counter as visits
from visits import spool
from visits.bots import is_bot
from visits.models import DailyVisits, PageViews, VisitorSeen, VisitSalt

WARSAW = ZoneInfo("Europe/Warsaw")
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
COUNTER_TABLES = [VisitSalt, VisitorSeen, DailyVisits, PageViews]


@pytest.fixture(autouse=True)
def _fresh_salt_memo():
    visits.reset_salt_memo()
    yield
    visits.reset_salt_memo()


def visit(client, path="/", ua=BROWSER, ip="203.0.113.10", **extra):
    return client.get(path, HTTP_USER_AGENT=ua, REMOTE_ADDR=ip, **extra)


def folded():
    """What the fold adds to the tables (the background thread does it every few seconds)."""
    return spool.fold(own=True)


def day_row(day=None):
    folded()
    return DailyVisits.objects.filter(day=day or visits.today()).first()


def total_visits():
    folded()
    return sum(DailyVisits.objects.values_list("visits", flat=True))


def total_views():
    folded()
    return sum(DailyVisits.objects.values_list("page_views", flat=True))


class BrokenCache:
    """A cache whose server is down: every call raises, like RedisCache without Redis."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache server unavailable")

        return fail


# -- what counts ------------------------------------------------------------------------


def test_first_and_repeat_view_on_a_day(client, site_settings):
    assert visit(client).status_code == 200
    assert visit(client).status_code == 200
    row = day_row()
    assert (row.visits, row.page_views) == (1, 2)
    folded()
    assert PageViews.objects.get(day=row.day, path="/").views == 2


def test_distinct_visitors_by_address_and_user_agent(client, site_settings):
    visit(client, ip="203.0.113.10", ua=BROWSER)
    visit(client, ip="203.0.113.11", ua=BROWSER)
    visit(client, ip="203.0.113.10", ua=PHONE)
    visit(client, ip="203.0.113.10", ua=BROWSER)
    row = day_row()
    assert (row.visits, row.page_views) == (3, 4)


def test_a_new_day_counts_the_same_visitor_again(client, site_settings):
    with time_machine.travel(datetime.datetime(2025, 3, 10, 12, 0, tzinfo=WARSAW), tick=False):
        visit(client)
        visit(client)
    with time_machine.travel(datetime.datetime(2025, 3, 11, 9, 0, tzinfo=WARSAW), tick=False):
        visit(client)
    assert day_row(datetime.date(2025, 3, 10)).visits == 1
    assert day_row(datetime.date(2025, 3, 11)).visits == 1


def test_the_day_is_the_warsaw_day_not_utc(client, site_settings):
    # 23:30 UTC on 10 March is 00:30 on 11 March in Warsaw: a new day there.
    with time_machine.travel(
        datetime.datetime(2025, 3, 10, 22, 0, tzinfo=datetime.UTC), tick=False
    ):
        visit(client)
    with time_machine.travel(
        datetime.datetime(2025, 3, 10, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        visit(client)
    assert day_row(datetime.date(2025, 3, 10)).visits == 1
    assert day_row(datetime.date(2025, 3, 11)).visits == 1


def test_the_salt_rotates_daily_and_old_salts_are_deleted(client, site_settings):
    with time_machine.travel(datetime.datetime(2025, 3, 10, 12, 0, tzinfo=WARSAW), tick=False):
        visit(client)
        first = VisitSalt.objects.get()
        assert first.day == datetime.date(2025, 3, 10)
    with time_machine.travel(datetime.datetime(2025, 3, 11, 0, 5, tzinfo=WARSAW), tick=False):
        visit(client)
        second = VisitSalt.objects.get()
    assert second.day == datetime.date(2025, 3, 11)
    assert second.salt != first.salt
    assert not VisitSalt.objects.filter(salt=first.salt).exists()


def test_pages_served_from_the_page_cache_are_counted(client, site_settings):
    """The counter sits before the page cache; the footer of a cached page can be stale,
    which is why visit-counter.js refreshes it from /licznik.json."""
    assert visit(client, ip="203.0.113.1")["X-Cache"] == "MISS"
    hit = visit(client, ip="203.0.113.2")
    assert hit["X-Cache"] == "HIT"
    assert visit(client, ip="203.0.113.2")["X-Cache"] == "HIT"
    row = day_row()
    assert (row.visits, row.page_views) == (2, 3)
    assert "data-visit-month>0<" in hit.content.decode()  # rendered before any count
    assert client.get("/licznik.json").json()["month"] == 0  # the figure cached for 60 s
    cache.delete(visits.COUNTS_CACHE_KEY)  # ... until it expires
    assert client.get("/licznik.json").json()["month"] == 2


def test_search_result_pages_are_counted(client, site_settings):
    response = visit(client, "/szukaj/?q=pomoc")
    assert response.status_code == 200
    assert day_row().visits == 1
    folded()
    assert PageViews.objects.get().path == "/szukaj/"


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/124.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Wget/1.21.4",
        "",
        "   ",
    ],
)
def test_bots_and_tools_are_not_counted(client, site_settings, ua):
    assert visit(client, ua=ua).status_code == 200
    folded()
    assert not DailyVisits.objects.exists()
    assert not PageViews.objects.exists()


@pytest.mark.parametrize(
    "ua",
    [
        BROWSER,
        PHONE,
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (Linux; Android 13; Cubot KingKong 9) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
    ],
)
def test_browsers_are_not_bots(ua):
    assert not is_bot(ua)


def test_staff_with_a_session_are_not_counted(client, admin_client, site_settings):
    assert visit(admin_client).status_code == 200
    client.cookies[settings.SESSION_COOKIE_NAME] = "any-session"
    assert visit(client).status_code == 200
    folded()
    assert not DailyVisits.objects.exists()


def test_admin_preview_is_not_counted(admin_client, site_settings, home):
    preview_url = f"/admin/pages/{home.pk}/edit/preview/"
    data = {
        "title": home.title,
        "slug": home.slug,
        "intro_heading": "Podgląd",
        "task_links-count": "0",
    }
    admin_client.post(preview_url, data, HTTP_USER_AGENT=BROWSER)
    response = admin_client.get(preview_url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    folded()
    assert not DailyVisits.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/3/edit/preview/",
        "/admin/",
        "/django-admin/",
        "/static/css/site.css",
        "/media/images/plakat.jpg",
        "/dokumenty/1/zarzadzenie.pdf",
        "/cookies/",
        "/healthz",
    ],
)
def test_excluded_paths_are_not_counted_even_as_html(db, path):
    """Even a 200 text/html answer on these paths is not a public page view."""
    middleware = visits.VisitCounterMiddleware(lambda request: HttpResponse("<p>ok</p>"))
    request = RequestFactory().get(path, HTTP_USER_AGENT=BROWSER)
    assert middleware(request).status_code == 200
    folded()
    assert not DailyVisits.objects.exists()


def test_the_same_html_answer_on_a_public_path_is_counted(db):
    middleware = visits.VisitCounterMiddleware(lambda request: HttpResponse("<p>ok</p>"))
    request = RequestFactory().get("/aktualnosci/", HTTP_USER_AGENT=BROWSER)
    middleware(request)
    assert day_row().visits == 1


def test_not_found_is_not_counted(client, site_settings):
    assert visit(client, "/nie-ma-takiej-strony/").status_code == 404
    folded()
    assert not DailyVisits.objects.exists()


def test_post_is_not_counted(client, site_settings):
    client.post("/", {}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.10")
    folded()
    assert not DailyVisits.objects.exists()


def test_head_counts_the_visit_but_no_page_view(client, site_settings):
    """Issue 22: HEAD requests added page views; only a GET is a view of the page."""
    for _ in range(3):
        assert client.head("/", HTTP_USER_AGENT=BROWSER).status_code == 200
    row = day_row()
    assert (row.visits, row.page_views) == (1, 0)
    folded()
    assert not PageViews.objects.exists()
    assert client.get("/", HTTP_USER_AGENT=BROWSER).status_code == 200
    row = day_row()
    assert (row.visits, row.page_views) == (1, 1)
    folded()
    assert PageViews.objects.get(day=row.day, path="/").views == 1


def test_non_html_answers_are_not_counted(client, site_settings):
    assert visit(client, "/robots.txt").status_code == 200
    assert visit(client, "/sitemap.xml").status_code == 200
    folded()
    assert not DailyVisits.objects.exists()


def test_static_file_is_not_counted(client, site_settings):
    visit(client, "/static/css/site.css")
    visit(client, "/static/js/visit-counter.js")
    folded()
    assert not DailyVisits.objects.exists()


def test_redirects_are_not_counted(client, site_settings):
    # A page path without its slash: CommonMiddleware redirects (301), the page is counted later.
    response = visit(client, "/szukaj")
    assert response.status_code in (301, 302)
    folded()
    assert not DailyVisits.objects.exists()


# -- visitor identity and privacy -----------------------------------------------------


def test_no_address_or_user_agent_is_stored_anywhere(client, site_settings, monkeypatch):
    ip = "198.51.100.77"
    ua = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/125.0 Lipowo-Marker/9.9"
    visit(client, ip=ip, ua=ua)
    monkeypatch.setattr(visits, "cache", BrokenCache())
    visit(client, "/szukaj/?q=zasilek", ip=ip, ua=ua)  # the database fallback stores a row too
    folded()
    assert VisitorSeen.objects.exists()
    assert day_row().visits >= 1

    scanned = 0
    for model in COUNTER_TABLES:
        columns = [field.attname for field in model._meta.concrete_fields]
        for values in model.objects.values_list(*columns):
            for value in values:
                text = str(value)
                scanned += 1
                assert ip not in text and "198.51.100" not in text
                assert "Lipowo-Marker" not in text and "Firefox" not in text
    assert scanned > 10

    for key, value in raw_cache_entries():
        assert ip not in key and "Lipowo-Marker" not in key
        assert ip.encode() not in value and b"Lipowo-Marker" not in value


def raw_cache_entries():
    """(key, pickled value) of every entry in the test cache: local memory or Redis."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return list(backend._cache.items())
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        keys = client.keys(backend.make_key("*"))
        assert keys
        return [(key.decode(), client.get(key) or b"") for key in keys]
    pytest.fail(f"unknown cache backend {type(backend)}")


def test_forwarded_for_is_ignored_unless_trusted(client, site_settings, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    visit(client, HTTP_X_FORWARDED_FOR="198.51.100.1")
    visit(client, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert day_row().visits == 1


def test_trusted_proxy_uses_the_right_most_forwarded_address(client, site_settings, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client may forge the left part; the proxy appends the real address on the right.
    visit(client, HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.1", ip="127.0.0.1")
    visit(client, HTTP_X_FORWARDED_FOR="10.0.0.2, 198.51.100.1", ip="127.0.0.1")
    visit(client, HTTP_X_FORWARDED_FOR="198.51.100.2", ip="127.0.0.1")
    assert day_row().visits == 2


# -- robustness and cost --------------------------------------------------------------


def test_cache_unavailable_still_counts_exactly(client, site_settings, monkeypatch):
    monkeypatch.setattr(visits, "cache", BrokenCache())
    assert visit(client).status_code == 200
    assert visit(client).status_code == 200
    assert visit(client, ua=PHONE).status_code == 200
    row = day_row()
    assert (row.visits, row.page_views) == (2, 3)
    folded()
    assert VisitorSeen.objects.count() == 2


def test_seen_visitors_are_kept_until_the_day_after_tomorrow(client, site_settings):
    """Yesterday's last lines may be folded after midnight; older hashes are deleted."""
    for day in (10, 11, 12):
        with time_machine.travel(datetime.datetime(2025, 3, day, 12, 0, tzinfo=WARSAW), tick=False):
            visit(client)
            folded()
            visit(client, "/szukaj/")  # the next request of the day finds yesterday's salt gone
    folded()
    assert sorted(VisitorSeen.objects.values_list("day", flat=True)) == [
        datetime.date(2025, 3, 11),
        datetime.date(2025, 3, 12),
    ]
    assert list(VisitSalt.objects.values_list("day", flat=True)) == [datetime.date(2025, 3, 12)]


def test_yesterdays_lines_folded_after_midnight_count_no_visitor_twice(client, site_settings):
    with time_machine.travel(datetime.datetime(2025, 3, 10, 23, 59, tzinfo=WARSAW), tick=False):
        visit(client)
        folded()
        visit(client, "/szukaj/")  # spooled, not folded before midnight
    with time_machine.travel(datetime.datetime(2025, 3, 11, 0, 1, tzinfo=WARSAW), tick=False):
        visit(client)  # the first request of the day forgets the past salts
        folded()
    yesterday = DailyVisits.objects.get(day=datetime.date(2025, 3, 10))
    assert (yesterday.visits, yesterday.page_views) == (1, 2)
    assert day_row(datetime.date(2025, 3, 11)).visits == 1


def test_a_counting_error_never_breaks_the_page(client, site_settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(visits, "record_view", broken)
    response = visit(client)
    assert response.status_code == 200
    assert "Licznik odwiedzin" in response.content.decode()


def test_a_counted_request_costs_no_statement_and_a_fold_a_few(
    client, site_settings, django_assert_num_queries, django_assert_max_num_queries
):
    visit(client)  # today's salt exists, the page's parts are cached
    folded()
    with django_assert_num_queries(0):
        day = visits.today()
        salt = visits.daily_salt(day)
        for number in range(300):
            visitor = visits.visitor_hash(salt, f"198.51.100.{number % 150}", BROWSER)
            visits.record_view(day, f"/strona-{number % 3}/", visitor)
    # One file, whatever its length: the marker, one look-up and one insert of the 150
    # visitors, the day's UPDATE, and per new path an UPDATE and an INSERT (with the
    # savepoints: 18 in all).
    with django_assert_max_num_queries(18):
        result = folded()
    assert (result.files, result.lines, result.visits, result.page_views) == (1, 300, 150, 300)
    row = day_row()
    assert (row.visits, row.page_views) == (151, 301)
    assert PageViews.objects.get(day=day, path="/strona-2/").views == 100


def test_increment_after_a_concurrent_create(db, monkeypatch):
    """The row another process created between our UPDATE and INSERT is updated, not lost."""
    day = datetime.date(2025, 3, 10)
    DailyVisits.objects.create(day=day, visits=5, page_views=5)  # the other process's row
    real_update_rows = visits._update_rows
    calls = []

    def update_before_the_other_commit(model, keys, amounts):
        calls.append(keys)
        return 0 if len(calls) == 1 else real_update_rows(model, keys, amounts)

    monkeypatch.setattr(visits, "_update_rows", update_before_the_other_commit)
    visits._increment(DailyVisits, {"day": day}, {"visits": 1, "page_views": 1})
    assert len(calls) == 2  # UPDATE (no row yet), INSERT (IntegrityError), UPDATE
    row = DailyVisits.objects.get(day=day)
    assert (row.visits, row.page_views) == (6, 6)


# -- display ---------------------------------------------------------------------------


def test_footer_shows_this_month_and_total(client, site_settings):
    site_settings.visits_starting_total = 35000
    site_settings.save()
    today = visits.today()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    DailyVisits.objects.create(day=today, visits=9150, page_views=20000)
    DailyVisits.objects.create(day=last_month, visits=709, page_views=1000)
    html = visit(client).content.decode()
    assert '<section aria-labelledby="footer-visits"' in html
    assert '<h2 id="footer-visits">Licznik odwiedzin</h2>' in html
    assert "W tym miesiącu: <strong data-visit-month>9150</strong>" in html
    assert "W sumie: <strong data-visit-total>44859</strong>" in html
    assert "js/visit-counter.js" in html


def test_starting_total_is_added_to_the_total(site_settings):
    with time_machine.travel(datetime.datetime(2025, 3, 15, 12, 0, tzinfo=WARSAW), tick=False):
        DailyVisits.objects.create(day=datetime.date(2025, 3, 1), visits=10)
        DailyVisits.objects.create(day=datetime.date(2025, 3, 14), visits=5)
        DailyVisits.objects.create(day=datetime.date(2025, 2, 28), visits=100)
        DailyVisits.objects.create(day=datetime.date(2024, 3, 20), visits=1000)
        assert visits.compute_counts() == {"month": 15, "total": 1115}
        site_settings.visits_starting_total = 35860
        site_settings.save()
        assert visits.compute_counts() == {"month": 15, "total": 36975}


def test_footer_numbers_lag_at_most_a_minute(client, site_settings, monkeypatch):
    # A local-memory cache follows the travelling clock (Redis expires in real time).
    monkeypatch.setattr(visits, "cache", LocMemCache("visits-lag-test", {}))
    start = datetime.datetime(2025, 3, 15, 12, 0, tzinfo=WARSAW)
    with time_machine.travel(start, tick=False) as clock:
        assert visits.get_counts()["month"] == 0
        visit(client)
        assert visits.get_counts()["month"] == 0  # the cached figure
        folded()  # within seconds: the spool period and the fold period are 5 s each
        clock.shift(visits.COUNTS_MAX_AGE - 1)
        assert visits.get_counts()["month"] == 0
        clock.shift(2)
        assert visits.get_counts()["month"] == 1
    lag = settings.VISITS_SPOOL_SECONDS + settings.VISITS_FOLD_SECONDS + visits.COUNTS_MAX_AGE
    assert lag <= 60


def test_counter_json(client, site_settings):
    DailyVisits.objects.create(day=visits.today(), visits=7, page_views=9)
    response = visit(client, "/licznik.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"month": 7, "total": 7}
    max_age = int(response["Cache-Control"].split("max-age=")[1])
    assert 0 <= max_age <= 60
    assert not response.cookies
    folded()
    assert DailyVisits.objects.get().page_views == 9  # the endpoint is not counted


def test_counter_json_refuses_post(client, db):
    assert client.post("/licznik.json").status_code == 405


def test_visits_command_prints_one_json_line(site_settings):
    site_settings.visits_starting_total = 100
    site_settings.save()
    DailyVisits.objects.create(day=visits.today(), visits=3, page_views=4)
    VisitSalt.objects.create(day=datetime.date(2020, 1, 1), salt="old")
    out = io.StringIO()
    call_command("visits", stdout=out)
    assert out.getvalue().count("\n") == 1
    assert json.loads(out.getvalue()) == {"month": 3, "total": 103}
    assert not VisitSalt.objects.filter(day=datetime.date(2020, 1, 1)).exists()


# -- staff ------------------------------------------------------------------------------


def test_report_needs_admin_login(client, db):
    response = client.get("/admin/statystyki-odwiedzin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_report_shows_accessible_chart_table_and_top_pages(
    admin_client, site_settings, django_assert_max_num_queries
):
    with time_machine.travel(datetime.datetime(2025, 3, 15, 12, 0, tzinfo=WARSAW), tick=False):
        DailyVisits.objects.create(day=datetime.date(2025, 3, 2), visits=40, page_views=90)
        DailyVisits.objects.create(day=datetime.date(2025, 1, 20), visits=25, page_views=30)
        DailyVisits.objects.create(day=datetime.date(2023, 3, 31), visits=999)  # > 24 months
        PageViews.objects.create(day=datetime.date(2025, 3, 2), path="/", views=60)
        PageViews.objects.create(day=datetime.date(2025, 3, 2), path="/szukaj/", views=30)
        PageViews.objects.create(day=datetime.date(2025, 2, 2), path="/stare/", views=500)
        with django_assert_max_num_queries(40):
            response = admin_client.get("/admin/statystyki-odwiedzin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Statystyki odwiedzin" in html
    assert '<svg role="img" aria-labelledby="visits-chart-title visits-chart-desc"' in html
    assert '<title id="visits-chart-title">' in html and '<desc id="visits-chart-desc">' in html
    assert html.count("<rect ") == 24
    # Coordinates use a decimal point even in Polish (a comma would make x a list of positions).
    for attributes in re.findall(r"<(?:rect|text|line) ([^>]*)>", html):
        assert "," not in attributes
    assert "Kwiecień 2023" in html and "Marzec 2025" in html and "Marzec 2023" not in html
    assert '<th scope="row">Styczeń 2025</th><td class="visits-report__number">25</td>' in html
    assert '<th scope="row">Razem</th><td class="visits-report__number">65</td>' in html
    # Most viewed pages this month, titled where the path is a page; February's not listed.
    assert "Strona główna" in html and "/szukaj/" in html and "/stare/" not in html
    assert html.index(">60<") < html.index(">30<")


def test_menu_item_and_dashboard_panel(admin_client, site_settings):
    DailyVisits.objects.create(day=visits.today(), visits=4242, page_views=5000)
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/statystyki-odwiedzin/" in html
    assert "Statystyki odwiedzin" in html
    assert "4242" in html


# -- the spool: off the request, exact through kills and repeated folds ----------------------


def spool_files():
    return sorted(spool.spool_dir().glob("*" + spool.SUFFIX))


def test_a_file_still_written_is_not_folded_and_a_closed_one_is(client, site_settings, settings):
    visit(client)
    assert len(spool_files()) == 1
    assert spool.fold().files == 0  # this process still holds it
    assert not DailyVisits.objects.exists()
    settings.VISITS_SPOOL_SECONDS = 0  # the period is over: the next line opens a new file
    visit(client, "/szukaj/")
    spool.spool.rotate_if_stale()
    assert spool.fold().files == 2
    assert spool_files() == []
    row = DailyVisits.objects.get()
    assert (row.visits, row.page_views) == (1, 2)


def test_a_killed_writers_lines_are_all_counted(db, tmp_path, settings):
    """SIGKILL in the middle of writing: every line written is in the file, the lock is gone."""
    import signal
    import subprocess
    import sys

    settings.VISITS_SPOOL_DIR = tmp_path
    day = visits.today().isoformat()
    script = f"""
import os, signal, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
os.environ["OPS_TEST_SPOOL_DIR"] = {str(tmp_path)!r}
django.setup()
import datetime
from visits.spool import encode_line, spool
day = datetime.date.fromisoformat({day!r})
for number in range(500):
    spool.append(encode_line(day, format(number % 50, "064x"), "/"))
os.kill(os.getpid(), signal.SIGKILL)
"""
    process = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR, check=False)
    assert process.returncode == -signal.SIGKILL
    result = spool.fold()
    assert (result.files, result.lines, result.visits) == (1, 500, 50)
    assert DailyVisits.objects.get().page_views == 500


def test_a_fold_killed_after_its_commit_does_not_count_the_file_again(
    client, site_settings, monkeypatch
):
    from pathlib import Path

    visit(client)
    visit(client, ua=PHONE)
    spool.spool.close()
    real_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: None)  # killed here
    assert spool.fold().visits == 2
    assert len(spool_files()) == 1
    monkeypatch.setattr(Path, "unlink", real_unlink)
    assert spool.fold().visits == 0  # its name is recorded: deleted unread
    assert spool_files() == []
    row = DailyVisits.objects.get()
    assert (row.visits, row.page_views) == (2, 2)


def test_a_path_with_tabs_and_newlines_keeps_its_line(client, site_settings):
    day = visits.today()
    visitor = "a" * 64
    visits.record_view(day, "/a\tb\nc%41/", visitor)
    visits.record_view(day, "/", "b" * 64, page_view=False)
    result = folded()
    assert (result.lines, result.visits, result.page_views, result.skipped_lines) == (2, 2, 1, 0)
    assert PageViews.objects.get().path == "/a\tb\nc%41/"


def test_an_unreadable_line_is_skipped_and_the_rest_counted(db, settings, tmp_path):
    settings.VISITS_SPOOL_DIR = tmp_path
    day = visits.today()
    good = spool.encode_line(day, "c" * 64, "/")
    (tmp_path / f"x-1-1-0{spool.SUFFIX}").write_bytes(
        good + b"garbage\n2025-13-40\t" + b"d" * 64 + b"\t/\n" + good
    )
    result = spool.fold()
    assert (result.lines, result.skipped_lines, result.visits, result.page_views) == (2, 2, 1, 2)


def test_flush_visits_command_folds_and_reports(client, site_settings):
    visit(client)
    spool.spool.close()
    out = io.StringIO()
    call_command("flush_visits", stdout=out)
    assert out.getvalue().strip() == "folded 1 files: 1 lines, 1 visits, 1 page views"
    assert day_row().visits == 1


def test_the_spool_holds_no_address_and_only_its_owner_reads_it(client, site_settings):
    import stat

    visit(client, ip="198.51.100.77", ua="Mozilla/5.0 Lipowo-Marker/9.9")
    (path,) = spool_files()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_bytes()
    assert b"198.51.100.77" not in content and b"Lipowo-Marker" not in content
