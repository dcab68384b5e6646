"""Cookie consent (issue 7): state and cache variant, views, templates, page cache, admin."""

import itertools
import random
import re
from datetime import timedelta

import pytest
from cookie_consent.models import ACTION_ACCEPTED, ACTION_DECLINED, Cookie, CookieGroup, LogItem
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.utils import timezone

from consent.state import (
    ACCEPTED,
    DECLINED,
    UNDECIDED,
    cache_variant,
    consent_state,
    state_from_cookie_value,
)
from core.blocks import YouTubeBlock

CONSENT = "cookie_consent"
ORIGIN = "http://testserver"
VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def media_group():
    return CookieGroup.objects.get(varname="external_media")


def accepted_value(*varnames):
    """A consent cookie value accepting the groups at their current version."""
    groups = {group.varname: group for group in CookieGroup.objects.all()}
    return "|".join(f"{name}={groups[name].get_version()}" for name in varnames)


def request_with(cookie_value=None):
    request = RequestFactory().get("/")
    if cookie_value is not None:
        request.COOKIES[CONSENT] = cookie_value
    return request


@pytest.fixture
def statistics_group(db):
    """A second optional group, as staff could add one in the admin."""
    group = CookieGroup.objects.create(
        varname="statistics", name="Statystyki", description="Pomiar odwiedzin.", ordering=20
    )
    Cookie.objects.create(cookiegroup=group, name="_stat", description="Statystyka (1 rok).")
    return group


def post_consent(client, view, data, origin=ORIGIN, **extra):
    headers = dict(extra)
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin
    return client.post(f"/cookies/{view}/", data, **headers)


# --- the groups the data migrations create ---------------------------------------------


def test_migrations_create_necessary_and_external_media_groups(db):
    necessary = CookieGroup.objects.get(varname="necessary")
    media = media_group()
    assert necessary.is_required and not necessary.is_deletable
    assert necessary.name == "Niezbędne"
    assert not media.is_required and media.is_deletable
    assert media.name == "Media zewnętrzne"
    assert {c.name for c in necessary.cookie_set.all()} == {
        "cookie_consent",
        "csrftoken",
        "sessionid",
        "messages",
        "wagtail_sidebar_collapsed",
    }
    assert {c.name for c in media.cookie_set.all()} == {"VISITOR_INFO1_LIVE", "YSC"}


# --- state and cache variant -------------------------------------------------------------


def test_no_cookie_is_undecided_and_variant_none(db):
    request = request_with()
    assert consent_state(request) == {"external_media": UNDECIDED}
    assert cache_variant(request) == "none"


def test_accepted_and_declined_states_have_distinct_variants(db):
    accepted = request_with(accepted_value("external_media"))
    declined = request_with("external_media=-1")
    assert consent_state(accepted) == {"external_media": ACCEPTED}
    assert consent_state(declined) == {"external_media": DECLINED}
    variants = {cache_variant(accepted), cache_variant(declined), cache_variant(request_with())}
    assert len(variants) == 3
    assert all(len(variant) <= 20 for variant in variants)


def test_variant_ignores_cookie_order(db, statistics_group):
    media = accepted_value("external_media")
    one = request_with(f"{media}|statistics=-1")
    other = request_with(f"statistics=-1|{media}")
    assert cache_variant(one) == cache_variant(other) != "none"


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "|||",
        "==",
        "external_media",
        "external_media=",
        "external_media=yes",
        "external_media=1",
        "external_media=a=b",
        "external_media=2020-01-01T00:00:00",  # naive timestamp
        "unknown_group=2099-01-01T00:00:00+00:00",
        "x" * 10_000,
        "external_media=" + "9" * 5000,
    ],
)
def test_junk_values_normalise_to_no_consent(db, junk):
    request = request_with(junk)
    assert consent_state(request) == {"external_media": UNDECIDED}
    assert cache_variant(request) == "none"


def test_unknown_groups_do_not_change_the_variant(db):
    plain = request_with(accepted_value("external_media"))
    noisy = request_with(accepted_value("external_media") + "|tracking=2099-01-01T00:00:00+00:00")
    assert cache_variant(plain) == cache_variant(noisy)


def test_variants_are_bounded_by_the_number_of_states(db, statistics_group):
    values = {
        "external_media": [accepted_value("external_media").split("=", 1)[1], "-1", "junk", None],
        "statistics": [accepted_value("statistics").split("=", 1)[1], "-1", "2000-01-01", None],
    }
    rng = random.Random(7)
    variants = set()
    for media, stats in itertools.product(values["external_media"], values["statistics"]):
        parts = []
        if media is not None:
            parts.append(f"external_media={media}")
        if stats is not None:
            parts.append(f"statistics={stats}")
        parts.append(f"noise{rng.randint(0, 10**6)}=1")
        rng.shuffle(parts)
        variants.add(cache_variant(request_with("|".join(parts))))
    # Two groups, three states each: at most 9 variants, whatever the cookie says.
    assert len(variants) == 9


def test_a_change_of_the_cookie_list_asks_again(db, client, site_settings):
    value = accepted_value("external_media")
    assert consent_state(request_with(value)) == {"external_media": ACCEPTED}
    client.cookies[CONSENT] = value
    assert b"data-cookie-banner" not in client.get("/").content
    Cookie.objects.create(
        cookiegroup=media_group(),
        name="__Secure-YEC",
        domain=".youtube-nocookie.com",
        description="YouTube: nowy plik.",
        created=timezone.now() + timedelta(seconds=1),
    )
    assert consent_state(request_with(value)) == {"external_media": UNDECIDED}
    assert cache_variant(request_with(value)) == "none"
    assert b"data-cookie-banner" in client.get("/").content


def test_declining_survives_a_change_of_the_cookie_list(db):
    Cookie.objects.create(cookiegroup=media_group(), name="NEW", domain=".youtube-nocookie.com")
    assert consent_state(request_with("external_media=-1")) == {"external_media": DECLINED}


def test_state_from_the_response_cookie_value(db):
    assert state_from_cookie_value("external_media=-1") == {"external_media": DECLINED}


def test_variant_on_a_warm_cache_makes_no_query(db, django_assert_num_queries):
    cache_variant(request_with("external_media=-1"))
    request = request_with(accepted_value("external_media"))
    with django_assert_num_queries(0):
        assert cache_variant(request) != "none"


# --- views -------------------------------------------------------------------------------


def test_accept_all_sets_the_cookie_logs_and_returns_to_next(client, site_settings):
    response = post_consent(client, "accept", {"all_groups": "on", "next": "/aktualnosci/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/aktualnosci/?page=2"
    assert client.cookies[CONSENT].value.startswith("external_media=")
    morsel = response.cookies[CONSENT]
    assert int(morsel["max-age"]) == 60 * 60 * 24 * 365
    assert morsel["httponly"]
    assert morsel["samesite"] == "Lax"
    log = LogItem.objects.get()
    assert log.action == ACTION_ACCEPTED and log.cookiegroup.varname == "external_media"
    assert log.version == media_group().get_version()


def test_decline_deletes_the_group_cookies_and_logs(client, site_settings):
    Cookie.objects.create(cookiegroup=media_group(), name="media_pref", domain="")
    client.cookies["media_pref"] = "1"
    response = post_consent(client, "decline", {"all_groups": "on", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.cookies[CONSENT].value == "external_media=-1"
    deleted = response.cookies["media_pref"]
    assert deleted.value == "" and int(deleted["max-age"]) == 0
    # YouTube's own cookies are deleted on their domain too (the browser decides if it can).
    assert response.cookies["YSC"]["domain"] == ".youtube-nocookie.com"
    assert int(response.cookies["YSC"]["max-age"]) == 0
    assert LogItem.objects.get().action == ACTION_DECLINED


def test_consent_log_holds_no_personal_data():
    fields = {field.name for field in LogItem._meta.get_fields()}
    assert fields == {"id", "action", "cookiegroup", "version", "created"}


def test_accept_one_group_from_a_placeholder(client, site_settings, statistics_group):
    response = post_consent(
        client, "accept", {"cookie_groups": "external_media", "next": "/film/#film-abc"}
    )
    assert response["Location"] == "/film/#film-abc"
    state = state_from_cookie_value(client.cookies[CONSENT].value)
    assert state == {"external_media": ACCEPTED, "statistics": UNDECIDED}


def test_save_view_accepts_ticked_groups_and_declines_the_rest(
    client, site_settings, statistics_group
):
    response = post_consent(client, "save", {"cookie_groups": ["statistics"], "next": "/"})
    assert response.status_code == 302
    state = state_from_cookie_value(client.cookies[CONSENT].value)
    assert state == {"external_media": DECLINED, "statistics": ACCEPTED}
    assert sorted(LogItem.objects.values_list("cookiegroup__varname", "action")) == [
        ("external_media", ACTION_DECLINED),
        ("statistics", ACTION_ACCEPTED),
    ]


def test_save_with_nothing_ticked_withdraws_consent(client, site_settings):
    client.cookies[CONSENT] = accepted_value("external_media")
    post_consent(client, "save", {"next": "/"})
    assert state_from_cookie_value(client.cookies[CONSENT].value) == {"external_media": DECLINED}


def test_fetch_requests_get_the_new_state_as_json(client, site_settings):
    response = post_consent(
        client, "accept", {"cookie_groups": "external_media"}, HTTP_X_COOKIE_CONSENT_FETCH="1"
    )
    assert response.status_code == 200
    assert response.json() == {"accepted": ["external_media"], "declined": [], "undecided": []}
    assert CONSENT in response.cookies
    response = post_consent(
        client, "decline", {"all_groups": "on"}, HTTP_X_COOKIE_CONSENT_FETCH="1"
    )
    assert response.json() == {"accepted": [], "declined": ["external_media"], "undecided": []}


def test_posts_need_no_csrf_token(site_settings):
    client = Client(enforce_csrf_checks=True)
    response = post_consent(client, "accept", {"all_groups": "on", "next": "/"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_REFERER": "not a url"},
        {},
    ],
)
@pytest.mark.parametrize("view", ["accept", "decline", "save"])
def test_cross_site_posts_are_refused(client, site_settings, headers, view):
    response = client.post(f"/cookies/{view}/", {"all_groups": "on", "next": "/"}, **headers)
    assert response.status_code == 403
    assert CONSENT not in response.cookies
    assert not LogItem.objects.exists()
    assert "Nie zapisaliśmy Twojego wyboru" in response.content.decode()


def test_referer_of_this_site_is_enough_without_origin(client, site_settings):
    response = client.post(
        "/cookies/accept/",
        {"all_groups": "on", "next": "/"},
        HTTP_REFERER="http://testserver/aktualnosci/",
    )
    assert response.status_code == 302


def test_trusted_origin_from_settings_is_accepted(client, site_settings, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://ops.example.pl"]
    response = post_consent(client, "accept", {"all_groups": "on"}, origin="https://ops.example.pl")
    assert response.status_code == 302


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "/\\evil.example",
    ],
)
def test_next_never_leaves_the_site(client, site_settings, next_url):
    response = post_consent(client, "accept", {"all_groups": "on", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/cookies/"


def test_unknown_group_is_a_400(client, site_settings):
    response = post_consent(client, "accept", {"cookie_groups": "tracking", "next": "/"})
    assert response.status_code == 400
    assert CONSENT not in response.cookies
    response = post_consent(client, "save", {"cookie_groups": "necessary", "next": "/"})
    assert response.status_code == 400


@pytest.mark.parametrize("view", ["accept", "decline", "save"])
def test_get_is_not_allowed(client, site_settings, view):
    assert client.get(f"/cookies/{view}/").status_code == 405


def test_status_endpoint_is_not_exposed(client, site_settings):
    assert client.get("/cookies/status/").status_code == 404


# --- templates -----------------------------------------------------------------------------


def test_first_visit_shows_the_banner_without_js(client, site_settings):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert 'aria-labelledby="cookie-banner-title"' in html
    assert "Pliki cookies na tej stronie" in html
    banner = html[html.index("data-cookie-banner") :]
    for label in ("Akceptuję wszystkie", "Odrzucam opcjonalne", "Ustawienia", "Zapisz mój wybór"):
        assert label in banner
    assert 'action="/cookies/accept/"' in banner
    assert 'action="/cookies/decline/"' in banner
    assert 'action="/cookies/save/"' in banner
    assert '<input type="hidden" name="next" value="/">' in banner
    assert "„Media zewnętrzne”" in banner
    # Optional groups are never pre-ticked.
    assert re.search(r'name="cookie_groups" value="external_media"[^>]*checked', html) is None
    assert "csrfmiddlewaretoken" not in html
    assert 'role="status"' in html
    assert "<script>" not in html


def test_banner_links_to_the_privacy_policy_when_set(client, site_settings, home):
    site_settings.privacy_policy = home
    site_settings.save()
    html = client.get("/").content.decode()
    banner = html[html.index("data-cookie-banner") :]
    assert 'href="/">Polityka prywatności i plików cookies</a>' in banner


@pytest.mark.parametrize("value", ["accepted", "external_media=-1"])
def test_no_banner_once_decided(client, site_settings, value):
    client.cookies[CONSENT] = accepted_value("external_media") if value == "accepted" else value
    html = client.get("/").content.decode()
    assert "data-cookie-banner" not in html
    assert "data-consent-status" in html


def test_banner_returns_with_the_query_of_the_page(client, site_settings):
    from tests.factories import make_register

    register = make_register(site_settings.site.root_page)
    html = client.get(register.url + "?rok=2024&utm_source=x").content.decode()
    assert f'<input type="hidden" name="next" value="{register.url}?rok=2024">' in html
    # a parameter the page does not use is not carried either (issue 22)
    html = client.get("/?page=2").content.decode()
    assert '<input type="hidden" name="next" value="/">' in html


def test_footer_has_the_cookie_settings_link_on_every_page(client, site_settings):
    client.cookies[CONSENT] = "external_media=-1"
    html = client.get("/").content.decode()
    footer = html[html.index('id="stopka"') :]
    assert '<li><a href="/cookies/">Ustawienia plików cookies</a></li>' in footer


def render_youtube(cookie_value=None, url=VIDEO_URL):
    block = YouTubeBlock()
    value = block.to_python({"url": url, "title": "Jak złożyć wniosek"})
    return block.render(value, context={"request": request_with(cookie_value)})


def test_youtube_placeholder_before_consent(db):
    html = render_youtube()
    assert "<iframe" not in html
    assert (
        'data-youtube data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    )
    assert "Jak złożyć wniosek" in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "Obejrzyj „Jak złożyć wniosek” w serwisie YouTube" in html
    assert 'action="/cookies/accept/"' in html
    assert 'name="cookie_groups" value="external_media"' in html
    assert 'name="next" value="/#film-dQw4w9WgXcQ"' in html
    assert "Zgadzam się i odtwórz" in html
    assert 'src="https://www' not in html


def test_youtube_placeholder_after_decline(db):
    assert "<iframe" not in render_youtube("external_media=-1")


def test_youtube_player_after_consent(db):
    html = render_youtube(accepted_value("external_media"))
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" '
        'title="Jak złożyć wniosek"' in html
    )
    assert "data-youtube" not in html
    assert "Zgadzam się i odtwórz" not in html


def test_youtube_without_a_video_id_is_a_plain_link(db):
    html = render_youtube(accepted_value("external_media"), url="https://example.com/film")
    assert "<iframe" not in html and 'href="https://example.com/film"' in html


def test_youtube_without_request_in_context_is_a_placeholder(db):
    block = YouTubeBlock()
    html = block.render(block.to_python({"url": VIDEO_URL, "title": "Film"}))
    assert "<iframe" not in html and "data-youtube" in html


def test_cookie_policy_table_lists_the_database(db, rf):
    from django.template.loader import render_to_string

    Cookie.objects.create(
        cookiegroup=media_group(), name="NEW_ONE", domain=".example.com", description="Nowy plik."
    )
    html = render_to_string("includes/cookie_policy_table.html", {"request": rf.get("/")})
    for group in CookieGroup.objects.all():
        assert group.name in html
        assert group.description in html
        for cookie in group.cookie_set.all():
            assert f"<code>{cookie.name}</code>" in html
            assert cookie.description in html
    assert "youtube-nocookie.com" in html
    assert "example.com" in html
    assert "ta strona" in html
    assert "Wymagane: bez nich strona nie działa" in html
    assert "Opcjonalne: zapisywane tylko za Twoją zgodą." in html
    assert 'href="/cookies/"' in html


def test_settings_page_shows_every_group_and_the_current_choice(client, site_settings):
    client.cookies[CONSENT] = "external_media=-1"
    response = client.get("/cookies/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ustawienia plików cookies</h1>" in html
    assert "Niezbędne" in html and "Media zewnętrzne" in html
    assert "zawsze włączone" in html
    assert 'data-consent-group-state="external_media">brak zgody' in html
    assert "data-cookie-banner" not in html
    assert "csrfmiddlewaretoken" not in html
    assert '<input type="hidden" name="next" value="/cookies/?zapisano=1">' in html
    assert "<code>YSC</code>" in html


def test_settings_page_confirms_a_saved_choice(client, site_settings):
    post_consent(
        client, "save", {"cookie_groups": ["external_media"], "next": "/cookies/?zapisano=1"}
    )
    html = client.get("/cookies/?zapisano=1").content.decode()
    assert "Zapisaliśmy Twój wybór." in html
    assert 'data-consent-group-state="external_media">zgoda wyrażona' in html
    assert re.search(r'value="external_media"[^>]*checked', html)


def test_settings_page_query_budget(client, site_settings, django_assert_max_num_queries):
    client.get("/cookies/")
    with django_assert_max_num_queries(12):
        assert client.get("/cookies/").status_code == 200


# --- page cache ------------------------------------------------------------------------------


@pytest.fixture
def video_page(home, site_settings):
    from pages.models import StandardPage

    page = StandardPage(
        title="Film o pomocy",
        slug="film",
        body=[("youtube", {"url": VIDEO_URL, "title": "Jak złożyć wniosek"})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def visitor(consent_value=None):
    client = Client()
    if consent_value is not None:
        client.cookies[CONSENT] = consent_value
    return client


def assert_undecided_page(response):
    html = response.content.decode()
    assert "data-cookie-banner" in html
    assert "data-youtube" in html
    assert "<iframe" not in html


def assert_consented_page(response):
    html = response.content.decode()
    assert "data-cookie-banner" not in html
    assert "data-youtube" not in html
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html


def test_cached_consented_page_never_reaches_a_new_visitor(video_page):
    consented = accepted_value("external_media")
    first = visitor(consented).get("/film/")
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    assert_consented_page(first)
    again = visitor(consented).get("/film/")
    assert again["X-Cache"] == "HIT"  # the cache is really on
    assert_consented_page(again)
    stranger = visitor().get("/film/")
    assert_undecided_page(stranger)
    assert not stranger.cookies


def test_cached_undecided_page_never_reaches_a_consented_visitor(video_page):
    first = visitor().get("/film/")
    assert first["X-Cache"] == "MISS"
    assert_undecided_page(first)
    assert visitor().get("/film/")["X-Cache"] == "HIT"
    consented = visitor(accepted_value("external_media")).get("/film/")
    assert_consented_page(consented)
    declined = visitor("external_media=-1").get("/film/")
    html = declined.content.decode()
    assert "data-youtube" in html and "data-cookie-banner" not in html


def test_visitor_sees_the_change_at_once_after_consent(video_page):
    client = visitor()
    assert_undecided_page(client.get("/film/"))
    post_consent(client, "accept", {"all_groups": "on", "next": "/film/"})
    assert_consented_page(client.get("/film/"))
    post_consent(client, "decline", {"all_groups": "on", "next": "/film/"})
    html = client.get("/film/").content.decode()
    assert "<iframe" not in html and "data-cookie-banner" not in html


def test_stale_consent_shares_the_undecided_copy(video_page):
    visitor().get("/film/")
    stale = visitor("external_media=2000-01-01T00:00:00+00:00").get("/film/")
    assert stale["X-Cache"] == "HIT"
    assert_undecided_page(stale)


# --- admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db, client):
    user = get_user_model().objects.create_superuser(
        "kierownik", "k@example.pl", "a-long-password-1"
    )
    client.force_login(user)
    return client


def admin_get(client, url):
    response = client.get(url)
    # Two-factor sign-in is optional by default: the admin must answer, not redirect.
    assert "2fa" not in response.get("Location", ""), "the admin asked for two-factor sign-in"
    return response


def test_admin_lists_groups_cookies_and_the_log(admin_client, site_settings):
    post_consent(Client(), "accept", {"all_groups": "on"})
    response = admin_get(admin_client, "/admin/snippets/cookie_consent/logitem/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Media zewnętrzne" in html and "Zgoda" in html
    assert "/admin/snippets/cookie_consent/logitem/add/" not in html
    groups = admin_get(admin_client, "/admin/snippets/cookie_consent/cookiegroup/")
    assert groups.status_code == 200 and "Niezbędne" in groups.content.decode()
    group = media_group()
    edit = admin_get(admin_client, f"/admin/snippets/cookie_consent/cookiegroup/edit/{group.pk}/")
    assert edit.status_code == 200
    cookies = admin_get(admin_client, "/admin/snippets/cookie_consent/cookie/")
    assert cookies.status_code == 200 and "VISITOR_INFO1_LIVE" in cookies.content.decode()


def test_consent_log_is_read_only_in_the_admin(admin_client, site_settings):
    post_consent(Client(), "decline", {"all_groups": "on"})
    item = LogItem.objects.get()
    assert admin_get(admin_client, "/admin/snippets/cookie_consent/logitem/add/").status_code == 403
    edit = admin_get(admin_client, f"/admin/snippets/cookie_consent/logitem/edit/{item.pk}/")
    assert edit.status_code == 403
    assert "tylko do odczytu" in edit.content.decode()
    response = admin_client.post(f"/admin/snippets/cookie_consent/logitem/delete/{item.pk}/")
    assert response.status_code == 403
    assert LogItem.objects.filter(pk=item.pk).exists()
    inspect = admin_get(admin_client, f"/admin/snippets/cookie_consent/logitem/inspect/{item.pk}/")
    assert inspect.status_code == 200
