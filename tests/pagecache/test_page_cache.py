"""Full-page cache: hits, bypasses, what is never stored, and invalidation (issue 9)."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from core.models import HomePage, SiteSettings
from pagecache import invalidation as cache_invalidation
from pagecache import middleware as page_cache
from tests.factories import make_register
from tests.production import production_settings

BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def x_cache(response):
    return response.headers.get("X-Cache")


def get_twice(client, url, **extra):
    first = client.get(url, **extra)
    second = client.get(url, **extra)
    return first, second


def add_child(parent, title, slug):
    child = HomePage(title=title, slug=slug, intro_heading=title)
    parent.add_child(instance=child)
    child.save_revision().publish()
    return HomePage.objects.get(pk=child.pk)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs on_commit callbacks as the test's transaction never commits."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        "redaktor", "redaktor@example.pl", "a-long-test-password"
    )


# --- hits -------------------------------------------------------------------------------


def test_second_request_is_a_hit_with_the_same_page(client, site_settings):
    first, second = get_twice(client, "/")
    assert first.status_code == second.status_code == 200
    assert x_cache(first) == "MISS"
    assert x_cache(second) == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert int(second["Content-Length"]) == len(second.content)
    assert "Ośrodek Pomocy Społecznej w Testowie".encode() in second.content


def test_a_hit_makes_no_database_query(client, site_settings, django_assert_num_queries):
    client.get("/", HTTP_USER_AGENT=BOT_UA)
    # A bot is not counted by the visit counter, so the hit is the page cache alone.
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_USER_AGENT=BOT_UA)
    assert x_cache(response) == "HIT"


def test_head_is_answered_from_the_cache(client, site_settings):
    client.get("/")
    response = client.head("/")
    assert response.status_code == 200
    assert x_cache(response) == "HIT"


def test_hit_with_unrelated_cookies_present(client, site_settings):
    client.get("/")
    client.cookies["csrftoken"] = "x" * 32
    client.cookies["_pk_id"] = "something"
    response = client.get("/")
    assert x_cache(response) == "HIT"
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_consent_variants_are_cached_apart(client, site_settings):
    """Another visitor's consent never decides what the next visitor sees."""
    accepted = f"external_media={datetime.now(UTC).isoformat()}"
    client.get("/")
    client.cookies["cookie_consent"] = accepted
    assert x_cache(client.get("/")) == "MISS"
    assert x_cache(client.get("/")) == "HIT"
    # A visitor without the consent cookie still gets the page of "no consent given".
    del client.cookies["cookie_consent"]
    assert x_cache(client.get("/")) == "HIT"
    key_none = page_cache.entry_key(RequestFactory().get("/"))
    with_consent = RequestFactory().get("/")
    with_consent.COOKIES["cookie_consent"] = accepted
    declined = RequestFactory().get("/")
    declined.COOKIES["cookie_consent"] = "external_media=-1"
    keys = {key_none, page_cache.entry_key(with_consent), page_cache.entry_key(declined)}
    assert len(keys) == 3


def test_listing_parameters_are_part_of_the_key(client, site_settings):
    register = make_register(site_settings.site.root_page)
    client.get(register.url + "?rok=2024")
    assert x_cache(client.get(register.url + "?rok=2024")) == "HIT"
    assert x_cache(client.get(register.url + "?rok=2023")) == "MISS"
    # Order and tracking parameters do not make another entry.
    client.get(register.url + "?status=in_force&rok=2024")
    url = register.url + "?rok=2024&status=in_force&utm_source=facebook&fbclid=abc"
    assert x_cache(client.get(url)) == "HIT"


def test_a_filled_in_search_text_bypasses_but_an_empty_one_is_cached(rf):
    assert page_cache.entry_key(rf.get("/zarzadzenia/", {"q": "pomoc", "rok": "2024"})) is None
    assert page_cache.entry_key(rf.get("/zarzadzenia/", {"q": "", "rok": "2024"})) is not None


def test_parameters_a_page_does_not_use_are_answered_from_its_entry(client, site_settings):
    """Issue 22: the home page declares no parameters, so none makes another entry."""
    first, second = get_twice(client, "/?nocache=1")
    assert x_cache(first) == "MISS"
    assert x_cache(second) == "HIT"
    assert second.status_code == 200
    assert x_cache(client.get("/?page=" + "9" * 100)) == "HIT"


def test_query_parameters_on_views_that_are_not_pages_bypass_the_cache(client, site_settings):
    first, second = get_twice(client, "/robots.txt?nocache=1")
    assert x_cache(first) is None
    assert x_cache(second) is None
    assert second.status_code == 200


# --- bypasses ---------------------------------------------------------------------------


def test_staff_with_a_session_bypass_the_cache(client, site_settings, staff):
    client.get("/")
    assert x_cache(client.get("/")) == "HIT"
    client.force_login(staff)
    response = client.get("/")
    assert response.status_code == 200
    assert x_cache(response) is None
    # What staff got was not stored either.
    page_cache.bump_generation()
    client.get("/")
    client.logout()
    assert x_cache(client.get("/")) == "MISS"


def test_pending_flash_messages_bypass_the_cache(client, site_settings):
    client.get("/")
    client.cookies["messages"] = "something"
    assert x_cache(client.get("/")) is None


def test_post_is_never_served_from_or_stored_in_the_cache(client, site_settings):
    client.get("/")
    response = client.post("/", {"a": "b"})
    assert x_cache(response) is None


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/django-admin/",
        "/szukaj/?q=pomoc",
        "/szukaj/",
        "/dokumenty/1/a.pdf",
        "/cookies/",
    ],
)
def test_staff_search_documents_and_consent_views_are_never_cached(rf, path):
    assert page_cache.entry_key(rf.get(path)) is None


def test_search_results_are_not_served_from_the_cache(client, site_settings):
    first, second = get_twice(client, "/szukaj/?q=pomoc")
    assert x_cache(first) is None
    assert x_cache(second) is None


def test_preview_is_not_stored(rf, site_settings):
    def preview_view(request):
        request.is_preview = True
        return HttpResponse("<p>draft</p>", content_type="text/html; charset=utf-8")

    middleware = page_cache.PageCacheMiddleware(preview_view)
    middleware(rf.get("/"))
    assert x_cache(middleware(rf.get("/"))) == "MISS"


def test_wagtail_admin_preview_bypasses_the_cache(client, site_settings, staff, home):
    client.force_login(staff)
    response = client.get(f"/admin/pages/{home.pk}/edit/preview/")
    assert x_cache(response) is None


# --- what is never stored ---------------------------------------------------------------


def _middleware_with(response_factory):
    calls = []

    def view(request):
        calls.append(request)
        return response_factory()

    return page_cache.PageCacheMiddleware(view), calls


def _html(**headers):
    response = HttpResponse("<p>page</p>", content_type="text/html; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    return response


def test_a_response_that_sets_a_cookie_is_not_stored(rf, db):
    def with_cookie():
        response = _html()
        response.set_cookie("csrftoken", "secret-of-one-visitor")
        return response

    middleware, calls = _middleware_with(with_cookie)
    middleware(rf.get("/formularz/"))
    second = middleware(rf.get("/formularz/"))
    assert len(calls) == 2
    assert x_cache(second) == "MISS"


@pytest.mark.parametrize(
    "headers",
    [
        {"Vary": "Cookie"},
        {"Vary": "Accept-Language, Cookie"},
        {"Cache-Control": "private"},
        {"Cache-Control": "no-cache"},
        {"Cache-Control": "max-age=0, no-store"},
    ],
)
def test_responses_for_one_visitor_are_not_stored(rf, db, headers):
    middleware, calls = _middleware_with(lambda: _html(**headers))
    middleware(rf.get("/strona/"))
    middleware(rf.get("/strona/"))
    assert len(calls) == 2


@pytest.mark.parametrize("status", [301, 302, 404, 500])
def test_only_200_responses_are_stored(rf, db, status):
    middleware, calls = _middleware_with(lambda: HttpResponse("x", status=status))
    middleware(rf.get("/strona/"))
    middleware(rf.get("/strona/"))
    assert len(calls) == 2


def test_non_html_responses_are_not_stored(rf, db):
    middleware, calls = _middleware_with(
        lambda: HttpResponse(b"%PDF-1.4", content_type="application/pdf")
    )
    middleware(rf.get("/plik/"))
    middleware(rf.get("/plik/"))
    assert len(calls) == 2


def test_a_stored_page_keeps_its_headers_but_no_cookie(rf, db):
    middleware, calls = _middleware_with(lambda: _html(**{"X-Frame-Options": "SAMEORIGIN"}))
    middleware(rf.get("/strona/"))
    hit = middleware(rf.get("/strona/"))
    assert len(calls) == 1
    assert hit["X-Frame-Options"] == "SAMEORIGIN"
    assert hit["Content-Type"] == "text/html; charset=utf-8"
    assert not hit.cookies


def test_other_hosts_get_their_own_entries(rf, db):
    middleware, calls = _middleware_with(_html)
    middleware(rf.get("/", HTTP_HOST="ops-a.example.pl"))
    middleware(rf.get("/", HTTP_HOST="ops-b.example.pl"))
    middleware(rf.get("/", HTTP_HOST="ops-a.example.pl"))
    assert len(calls) == 2


# --- invalidation -----------------------------------------------------------------------


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert x_cache(client.get(url)) == "HIT", url


def test_publishing_empties_the_cache(client, site_settings, home, on_commit):
    warm(client, "/")
    revision = home.save_revision()
    home.intro_heading = "Nowy nagłówek strony"
    revision = home.save_revision()
    with on_commit():
        revision.publish()
    response = client.get("/")
    assert x_cache(response) == "MISS"
    assert "Nowy nagłówek strony" in response.content.decode()


def test_a_draft_does_not_empty_the_cache(client, site_settings, home, on_commit):
    warm(client, "/")
    home.intro_heading = "Szkic"
    with on_commit():
        home.save_revision()
    assert x_cache(client.get("/")) == "HIT"


def test_unpublishing_empties_the_cache(client, site_settings, home, on_commit):
    child = add_child(home, "Pomoc rodzinom", "pomoc-rodzinom")
    warm(client, "/", "/pomoc-rodzinom/")
    with on_commit():
        child.unpublish()
    assert client.get("/pomoc-rodzinom/").status_code == 404
    assert x_cache(client.get("/")) == "MISS"


def test_moving_empties_the_cache(client, site_settings, home, on_commit):
    child = add_child(home, "Pomoc rodzinom", "pomoc-rodzinom")
    other = add_child(home, "Świadczenia", "swiadczenia")
    warm(client, "/", "/pomoc-rodzinom/")
    with on_commit():
        Page.objects.get(pk=child.pk).move(other, pos="last-child")
    # Wagtail leaves a redirect from the old address.
    old_address = client.get("/pomoc-rodzinom/")
    assert old_address.status_code == 301
    assert old_address["Location"].endswith("/swiadczenia/pomoc-rodzinom/")
    assert client.get("/swiadczenia/pomoc-rodzinom/").status_code == 200
    assert x_cache(client.get("/")) == "MISS"


def test_deleting_empties_the_cache(client, site_settings, home, on_commit, monkeypatch):
    child = add_child(home, "Pomoc rodzinom", "pomoc-rodzinom")
    add_child(child, "Zasiłki", "zasilki")
    add_child(child, "Poradnictwo", "poradnictwo")
    warm(client, "/", "/pomoc-rodzinom/")
    bumps = []
    monkeypatch.setattr(
        cache_invalidation, "bump_generation", lambda: bumps.append(page_cache.bump_generation())
    )
    with on_commit():
        child.delete()
    assert len(bumps) == 1  # one emptying for the whole subtree
    assert client.get("/pomoc-rodzinom/").status_code == 404
    assert x_cache(client.get("/")) == "MISS"


def test_saving_site_settings_empties_the_cache(client, site_settings, on_commit):
    warm(client, "/")
    settings = SiteSettings.objects.get(pk=site_settings.pk)
    settings.email = "nowy-adres@example.pl"
    with on_commit():
        settings.save()
    response = client.get("/")
    assert x_cache(response) == "MISS"
    assert "nowy-adres@example.pl" in response.content.decode()


def test_saving_an_inline_phone_of_the_settings_empties_the_cache(client, site_settings, on_commit):
    warm(client, "/")
    phone = site_settings.phones.get()
    phone.number = "98 765 43 21"
    with on_commit():
        phone.save()
    response = client.get("/")
    assert x_cache(response) == "MISS"
    assert "98 765 43 21" in response.content.decode()


def test_a_view_restriction_empties_the_cache(client, site_settings, home, on_commit):
    child = add_child(home, "Dla pracowników", "dla-pracownikow")
    warm(client, "/dla-pracownikow/")
    with on_commit():
        PageViewRestriction.objects.create(page=child, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/dla-pracownikow/").status_code == 302


def test_images_and_documents_empty_the_cache(client, site_settings, on_commit):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from demo.media import demo_document, demo_image

    with on_commit():
        image = demo_image("Zdjęcie", ("#ffffff", "#000000", "#333333"), "house", "Dom")
        document = demo_document("Regulamin", "regulamin.pdf", ["Tekst."], 1)
    warm(client, "/")
    with on_commit():
        get_image_model().objects.get(pk=image.pk).save()
    assert x_cache(client.get("/")) == "MISS"
    warm(client, "/")
    with on_commit():
        get_document_model().objects.get(pk=document.pk).delete()
    assert x_cache(client.get("/")) == "MISS"


def test_bookkeeping_saves_of_a_file_do_not_empty_the_cache(client, site_settings, on_commit):
    from demo.media import demo_image

    with on_commit():
        image = demo_image("Zdjęcie", ("#ffffff", "#000000", "#333333"), "house", "Dom")
    warm(client, "/")
    with on_commit():
        image.save(update_fields=["file_hash"])
    assert x_cache(client.get("/")) == "HIT"


def test_invalidation_waits_for_the_commit(
    client, site_settings, home, django_capture_on_commit_callbacks
):
    """Emptying before the commit would let a request re-cache the old page."""
    warm(client, "/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        home.save_revision().publish()
    # Not committed yet: nothing emptied.
    assert x_cache(client.get("/")) == "HIT"
    for callback in callbacks:
        callback()
    assert x_cache(client.get("/")) == "MISS"


def test_a_page_rendered_before_a_publish_is_not_served_after_it(rf, db):
    """The entry carries the generation read before the view ran."""

    def view_racing_a_publish(request):
        page_cache.bump_generation()  # a publish commits while this page renders
        return _html()

    middleware = page_cache.PageCacheMiddleware(view_racing_a_publish)
    middleware(rf.get("/strona/"))
    assert x_cache(middleware(rf.get("/strona/"))) == "MISS"


def test_the_generation_is_recreated_when_lost(client, site_settings):
    warm(client, "/")
    page_cache.page_cache().delete(page_cache.GENERATION_KEY)
    assert x_cache(client.get("/")) == "MISS"
    assert x_cache(client.get("/")) == "HIT"


# --- the cache shared by the workers of one server without Redis -----------------------


@pytest.fixture
def file_caches(tmp_path):
    from pagecache.file_cache import SharedFileCache

    # Two instances on one directory: two gunicorn workers of one server.
    return (
        SharedFileCache(str(tmp_path), {"TIMEOUT": 60}),
        SharedFileCache(str(tmp_path), {"TIMEOUT": 60}),
    )


def test_file_cache_add_has_one_winner(file_caches):
    worker_a, worker_b = file_caches
    assert worker_a.add("visits:seen:abc", 1) is True
    assert worker_b.add("visits:seen:abc", 1) is False
    assert worker_b.get("visits:seen:abc") == 1


def test_file_cache_add_replaces_an_expired_entry(file_caches):
    worker_a, worker_b = file_caches
    worker_a.set("key", "old", timeout=-1)
    assert worker_b.add("key", "new") is True
    assert worker_a.get("key") == "new"


def test_an_emptying_in_one_worker_reaches_the_other(file_caches, settings, rf, db):
    from django.core.cache import caches

    worker_a, worker_b = file_caches
    settings.CACHES = {
        **settings.CACHES,
        "pages-a": {"BACKEND": "pagecache.file_cache.SharedFileCache", "LOCATION": worker_a._dir},
        "pages-b": {"BACKEND": "pagecache.file_cache.SharedFileCache", "LOCATION": worker_b._dir},
    }
    settings.PAGE_CACHE_ALIAS = "pages-a"
    middleware, calls = _middleware_with(_html)
    middleware(rf.get("/strona/"))
    assert x_cache(middleware(rf.get("/strona/"))) == "HIT"
    settings.PAGE_CACHE_ALIAS = "pages-b"
    page_cache.bump_generation()
    settings.PAGE_CACHE_ALIAS = "pages-a"
    assert x_cache(middleware(rf.get("/strona/"))) == "MISS"
    caches["pages-a"].clear()


# --- how long an entry is kept ----------------------------------------------------------


def five_seconds():
    return 5


def broken_limit():
    raise RuntimeError("no database")


def test_no_page_is_kept_past_midnight(db):
    """22:59:30 UTC is 23:59:30 in Warsaw."""
    import time_machine

    with time_machine.travel(datetime(2025, 3, 3, 22, 59, 30, tzinfo=UTC), tick=False):
        assert page_cache.seconds_until_midnight() == 30
        assert page_cache.entry_timeout() == 30


def test_no_page_is_kept_past_a_limit(client, site_settings, settings, monkeypatch):
    settings.PAGE_CACHE_TIMEOUT_LIMITS = ["tests.pagecache.test_page_cache.five_seconds"]
    cache = page_cache.page_cache()
    timeouts = []
    original_set = cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        if key.startswith(page_cache.ENTRY_KEY_PREFIX):
            timeouts.append(timeout)
        return original_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    client.get("/")
    assert timeouts == [5]
    assert x_cache(client.get("/")) == "HIT"


def test_a_failing_limit_keeps_the_page_out_of_the_cache(client, site_settings, settings):
    settings.PAGE_CACHE_TIMEOUT_LIMITS = ["tests.pagecache.test_page_cache.broken_limit"]
    assert client.get("/").status_code == 200
    assert x_cache(client.get("/")) == "MISS"


def test_alert_banners_limit_the_time_a_page_is_kept():
    from alerts.models import seconds_until_next_change

    assert page_cache._limit_function(page_cache.DEFAULT_TIMEOUT_LIMITS[0]) is (
        seconds_until_next_change
    )


# --- site-wide parts kept until the next publish ----------------------------------------


def test_cached_until_publish_tag_renders_once_per_generation(rf, db):
    from django.template import Context, Template

    template = Template(
        "{% load page_cache_tags %}{% cached_until_publish 'footer' %}"
        "{{ counter.next }}{% endcached_until_publish %}"
    )

    class Counter:
        calls = 0

        def next(self):
            self.calls += 1
            return self.calls

    counter = Counter()
    request = rf.get("/")
    render = lambda: template.render(Context({"counter": counter, "request": request}))  # noqa: E731
    assert render() == "1"
    assert render() == "1"
    page_cache.bump_generation()
    assert render() == "2"
    other_host = rf.get("/", HTTP_HOST="ops-b.example.pl")
    assert template.render(Context({"counter": counter, "request": other_host})) == "3"


@pytest.fixture
def backend_without_expiry(monkeypatch):
    """The shared cache keeps what it is given, whatever the time says (Redis on its own clock)."""
    cache = page_cache.page_cache()
    original_set = cache.set

    def keep(key, value, timeout=None, **kwargs):
        return original_set(key, value, None, **kwargs)

    monkeypatch.setattr(cache, "set", keep)
    return cache


def test_a_part_is_not_kept_past_midnight(db, backend_without_expiry):
    """The pages re-render at midnight; the parts they use must not outlive them."""
    import time_machine

    calls = []
    build = lambda: calls.append(1) or len(calls)  # noqa: E731
    with time_machine.travel(datetime(2025, 3, 3, 22, 59, 30, tzinfo=UTC), tick=False):
        assert page_cache.cached_until_publish("clock-part", build) == 1
        assert page_cache.cached_until_publish("clock-part", build) == 1
    with time_machine.travel(datetime(2025, 3, 3, 23, 0, 30, tzinfo=UTC), tick=False):
        assert page_cache.cached_until_publish("clock-part", build) == 2


def test_a_shared_entry_past_its_own_expiry_is_not_served(
    client, site_settings, backend_without_expiry
):
    """The expiry stored in the entry counts, not the backend's."""
    import time_machine

    with time_machine.travel(datetime(2025, 3, 3, 22, 59, 30, tzinfo=UTC), tick=False):
        assert x_cache(client.get("/")) == "MISS"
        assert x_cache(client.get("/")) == "HIT"
    page_cache.local_entries.entries.clear()  # as another process, reading the shared copy
    with time_machine.travel(datetime(2025, 3, 3, 23, 0, 30, tzinfo=UTC), tick=False):
        assert x_cache(client.get("/")) == "MISS"


# --- the copy kept in each process --------------------------------------------------------


def test_local_entries_follow_the_generation_expiry_and_size():
    import time

    local = page_cache.LocalEntries(size=2)
    now = time.time()
    local.put("a", ("gen-1", 200, [], b"a", now + 60))
    assert local.get("a", "gen-1")[3] == b"a"
    assert local.get("a", "gen-2") is None  # emptied by a publish in another process
    assert local.get("a", "gen-1") is None  # and forgotten
    local.put("b", ("gen-1", 200, [], b"b", now - 1))
    assert local.get("b", "gen-1") is None  # expired (midnight, alert, timeout)
    for key in "cde":
        local.put(key, ("gen-1", 200, [], key.encode(), now + 60))
    assert local.get("c", "gen-1") is None  # the least recently used went first
    assert local.get("e", "gen-1") is not None


def test_a_hit_from_the_process_copy_reads_no_page_from_the_shared_cache(
    client, site_settings, monkeypatch
):
    client.get("/")
    cache = page_cache.page_cache()
    reads = []
    original_get = cache.get

    def recording_get(key, *args, **kwargs):
        reads.append(key)
        return original_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", recording_get)
    assert x_cache(client.get("/")) == "HIT"
    assert not [key for key in reads if key.startswith(page_cache.ENTRY_KEY_PREFIX)]


# --- production settings ----------------------------------------------------------------


def production_caches(**env):
    found = production_settings(**env)
    return {
        "backends": {alias: config["BACKEND"] for alias, config in found["CACHES"].items()},
        "alias": found.get("PAGE_CACHE_ALIAS", "default"),
        "timeout": found["PAGE_CACHE_TIMEOUT"],
    }


def test_production_without_redis_shares_the_cache_between_workers(tmp_path):
    found = production_caches(CACHE_DIR=str(tmp_path), PAGE_CACHE_TIMEOUT="300")
    assert found["backends"][found["alias"]] == "pagecache.file_cache.SharedFileCache"
    assert found["backends"]["default"] == "pagecache.file_cache.SharedFileCache"
    assert found["timeout"] == 300


def test_production_with_redis_puts_the_page_cache_in_redis():
    found = production_caches(REDIS_URL="redis://127.0.0.1:6379/0")
    assert "Redis" in found["backends"][found["alias"]]


def test_without_the_shared_cache_nothing_is_served_or_kept(client, site_settings, monkeypatch):
    """Redis away (the resilient backend answers misses): pages render, none is kept."""
    from django.core.cache.backends.dummy import DummyCache

    monkeypatch.setattr(page_cache, "page_cache", lambda: DummyCache("dummy", {}))
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert x_cache(second) is None
