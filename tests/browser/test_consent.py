"""Cookie consent in a real browser (issue 7): nothing optional before consent, the banner
with and without JavaScript, YouTube players after consent, withdrawal, keyboard, cache.

Every request that leaves the test server is recorded and aborted (the tests stay
offline), so "no third-party request" means the recorder stays empty, and "the player
loads" means the browser asked youtube-nocookie.com for it, after consent only.
"""

import re
import time

import pytest
from playwright.sync_api import expect

VIDEO_PAGE = "/informacja-pjm/"
CONSENT = "cookie_consent"
BANNER = "[data-cookie-banner]"


class Recorder:
    """Records third-party requests of a browser context and aborts them."""

    def __init__(self, context, live_url):
        self.live_url = live_url
        self.external = []  # (monotonic time, url)
        self.local = []
        context.route("**/*", self.handle)

    def handle(self, route):
        url = route.request.url
        if url.startswith(self.live_url):
            self.local.append(url)
            route.continue_()
        else:
            self.external.append((time.monotonic(), url))
            route.abort()

    def youtube(self):
        return [(at, url) for at, url in self.external if "youtube" in url]


@pytest.fixture
def recorder(context, live_url):
    return Recorder(context, live_url)


@pytest.fixture
def no_js_page(browser, live_url):
    context = browser.new_context(locale="pl-PL", java_script_enabled=False)
    recorder = Recorder(context, live_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.recorder = recorder
    yield page
    context.close()


def cookie_names(context):
    return {cookie["name"] for cookie in context.cookies()}


def consent_value(context):
    for cookie in context.cookies():
        if cookie["name"] == CONSENT:
            return cookie["value"].strip('"')
    return None


def video_title(page):
    return page.locator("[data-youtube]").first.get_attribute("data-video-title")


def wait_for_youtube_request(recorder, page):
    page.locator(".video__frame iframe").first.wait_for(state="attached")
    deadline = time.monotonic() + 10
    while not recorder.youtube() and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return recorder.youtube()


# --- first visit -------------------------------------------------------------------------


def test_first_visit_sets_no_cookie_and_makes_no_third_party_request(
    page, context, recorder, live_url
):
    for path in ("/", VIDEO_PAGE, "/cookies/"):
        page.goto(live_url + path)
        page.wait_for_load_state("networkidle")
    assert recorder.external == []
    assert cookie_names(context) == set()
    page.goto(live_url + VIDEO_PAGE)
    assert page.locator("iframe").count() == 0
    placeholder = page.locator("[data-youtube]").first
    assert placeholder.is_visible()
    assert placeholder.get_by_role("button", name=re.compile("Zgadzam się i odtwórz")).is_visible()
    assert placeholder.get_by_role("link", name=re.compile("w serwisie YouTube")).is_visible()


def test_banner_is_a_labelled_region_right_after_the_skip_links(page, live_url):
    page.goto(live_url + "/")
    banner = page.get_by_role("region", name="Pliki cookies na tej stronie")
    assert banner.is_visible()
    for name in ("Akceptuję wszystkie", "Odrzucam opcjonalne"):
        assert banner.get_by_role("button", name=name).is_visible()
    assert banner.get_by_text("Ustawienia", exact=True).is_visible()
    assert page.evaluate(
        "document.querySelector('.skip-links').nextElementSibling"
        " === document.querySelector('[data-cookie-banner]')"
    )
    # In the page's flow, not an overlay over the content.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('[data-cookie-banner]')).position")
        == "static"
    )


# --- accepting -----------------------------------------------------------------------------


def test_accept_all_loads_the_players_only_after_consent(page, context, recorder, live_url):
    page.goto(live_url + VIDEO_PAGE)
    title = video_title(page)
    page.wait_for_load_state("networkidle")
    assert recorder.external == []
    clicked_at = time.monotonic()
    page.get_by_role("button", name="Akceptuję wszystkie").click()
    confirmation = page.locator("[data-consent-done]")
    confirmation.wait_for(state="visible")
    assert "Zaakceptowano wszystkie pliki cookies." in confirmation.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-consent-done')")
    requests = wait_for_youtube_request(recorder, page)
    frame = page.locator(".video__frame iframe").first
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert frame.get_attribute("title") == title
    assert requests and all(at >= clicked_at for at, _url in requests)
    assert all(url.startswith("https://www.youtube-nocookie.com/") for _at, url in requests)
    assert consent_value(context).startswith("external_media=")
    # Hiding the confirmation moves focus to the content.
    page.get_by_role("button", name="Ukryj ten komunikat").click()
    assert page.locator(BANNER).count() == 0
    assert page.evaluate("document.activeElement.id") == "tresc"
    # Next visits get the player straight from the server, and no banner.
    page.reload()
    assert page.locator(BANNER).count() == 0
    assert page.locator("[data-youtube]").count() == 0
    assert page.locator(".video--player iframe").first.get_attribute("title") == title


def test_placeholder_button_gives_consent_and_plays_in_place(page, context, recorder, live_url):
    page.goto(live_url + VIDEO_PAGE)
    title = video_title(page)
    page.get_by_role("button", name=re.compile("Zgadzam się i odtwórz")).first.click()
    requests = wait_for_youtube_request(recorder, page)
    assert requests
    frame = page.locator(".video__frame iframe").first
    assert frame.get_attribute("title") == title
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    expect(page.locator("[data-consent-status]")).to_contain_text("Zgoda zapisana")
    # The only optional group is decided: the banner has gone too.
    assert page.locator(BANNER).count() == 0
    assert consent_value(context).startswith("external_media=")


# --- declining and withdrawing ----------------------------------------------------------------


def test_decline_keeps_placeholders_and_deletes_the_group_cookies(
    page, context, recorder, live_url
):
    page.goto(live_url + VIDEO_PAGE)
    with page.expect_response(re.compile(r"/cookies/decline/$")) as info:
        page.get_by_role("button", name="Odrzucam opcjonalne").click()
    response = info.value
    set_cookie = response.headers_array()
    deletions = [h["value"] for h in set_cookie if h["name"].lower() == "set-cookie"]
    # Every cookie of the declined group is deleted on its domain (Max-Age=0).
    for name in ("YSC", "VISITOR_INFO1_LIVE"):
        assert any(
            value.startswith(f"{name}=")
            and "Max-Age=0" in value
            and "Domain=.youtube-nocookie.com" in value
            for value in deletions
        ), deletions
    page.locator("[data-consent-done]").wait_for(state="visible")
    assert "Odrzucono opcjonalne pliki cookies." in page.locator("[data-consent-done]").inner_text()
    assert consent_value(context) == "external_media=-1"
    assert cookie_names(context) == {CONSENT}
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator(BANNER).count() == 0
    assert page.locator("[data-youtube]").first.is_visible()
    assert page.locator("iframe").count() == 0
    assert recorder.external == []


def test_footer_link_changes_the_choice_back(page, context, recorder, live_url):
    page.goto(live_url + VIDEO_PAGE)
    page.get_by_role("button", name="Akceptuję wszystkie").click()
    page.locator("[data-consent-done]").wait_for(state="visible")
    page.locator("#stopka").get_by_role("link", name="Ustawienia plików cookies").click()
    page.wait_for_url(live_url + "/cookies/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ustawienia plików cookies"
    box = page.get_by_role("checkbox", name="Zgadzam się: Media zewnętrzne")
    assert box.is_checked()
    box.uncheck()
    page.get_by_role("button", name="Zapisz mój wybór").click()
    expect(page.locator('[data-consent-group-state="external_media"]')).to_have_text("brak zgody")
    expect(page.locator("[data-consent-status]")).to_have_text("Zapisaliśmy Twój wybór.")
    assert consent_value(context) == "external_media=-1"
    seen = len(recorder.youtube())
    page.goto(live_url + VIDEO_PAGE)
    page.wait_for_load_state("networkidle")
    assert page.locator("iframe").count() == 0
    assert page.locator(BANNER).count() == 0
    assert len(recorder.youtube()) == seen


# --- without JavaScript --------------------------------------------------------------------------


def test_no_js_decline_then_accept_from_the_placeholder(no_js_page, live_url):
    page = no_js_page
    page.goto(live_url + VIDEO_PAGE)
    banner = page.get_by_role("region", name="Pliki cookies na tej stronie")
    assert banner.is_visible()
    banner.get_by_role("button", name="Odrzucam opcjonalne").click()
    page.wait_for_load_state()
    assert page.url == live_url + VIDEO_PAGE
    assert page.locator(BANNER).count() == 0
    assert page.locator("[data-youtube]").first.is_visible()
    assert consent_value(page.context) == "external_media=-1"
    page.get_by_role("button", name=re.compile("Zgadzam się i odtwórz")).first.click()
    page.wait_for_load_state()
    assert re.fullmatch(re.escape(live_url + VIDEO_PAGE) + r"#film-[\w-]+", page.url)
    frame = page.locator(".video--player iframe").first
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert page.recorder.youtube()  # the server-rendered player asked YouTube
    assert consent_value(page.context).startswith("external_media=")


def test_no_js_accept_all_and_withdraw_on_the_settings_page(no_js_page, live_url):
    page = no_js_page
    page.goto(live_url + "/")
    page.get_by_role("button", name="Akceptuję wszystkie").click()
    page.wait_for_load_state()
    assert page.url == live_url + "/"
    assert page.locator(BANNER).count() == 0
    page.locator("#stopka").get_by_role("link", name="Ustawienia plików cookies").click()
    page.wait_for_load_state()
    page.get_by_role("checkbox", name="Zgadzam się: Media zewnętrzne").uncheck()
    page.get_by_role("button", name="Zapisz mój wybór").click()
    page.wait_for_load_state()
    assert page.url == live_url + "/cookies/?zapisano=1"
    assert page.get_by_role("status").first.inner_text() == "Zapisaliśmy Twój wybór."
    assert consent_value(page.context) == "external_media=-1"
    assert not page.get_by_role("checkbox", name="Zgadzam się: Media zewnętrzne").is_checked()


def test_no_js_settings_in_the_banner(no_js_page, live_url):
    page = no_js_page
    page.goto(live_url + VIDEO_PAGE)
    banner = page.locator(BANNER)
    banner.get_by_text("Ustawienia", exact=True).click()
    banner.get_by_role("checkbox", name="Zgadzam się: Media zewnętrzne").check()
    banner.get_by_role("button", name="Zapisz mój wybór").click()
    page.wait_for_load_state()
    assert page.url == live_url + VIDEO_PAGE
    assert page.locator(".video--player iframe").count() >= 1


# --- keyboard and small screens -------------------------------------------------------------


def focused(page):
    return page.evaluate(
        "(() => { const el = document.activeElement;"
        " return (el.getAttribute('aria-label') || el.innerText || el.value || el.tagName)"
        ".trim(); })()"
    )


def test_keyboard_path_through_the_banner(page, context, live_url):
    page.goto(live_url + "/")
    for expected in (
        "Przejdź do treści",
        "Przejdź do menu",
        "Przejdź do wyszukiwarki",
        "Przejdź do stopki",
    ):
        page.keyboard.press("Tab")
        assert focused(page) == expected
        # The focused skip link is visible and nothing covers it.
        assert page.evaluate(
            "(() => { const el = document.activeElement; const r = el.getBoundingClientRect();"
            " return r.top >= 0 && document.elementFromPoint(r.left + 5, r.top + 5) === el; })()"
        )
    page.keyboard.press("Tab")
    assert focused(page) == "Akceptuję wszystkie"
    page.keyboard.press("Tab")
    assert focused(page) == "Odrzucam opcjonalne"
    page.keyboard.press("Tab")
    assert focused(page) == "Ustawienia"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page) == "Zapisz mój wybór"
    page.keyboard.press("Enter")
    page.locator("[data-consent-done]").wait_for(state="visible")
    assert page.evaluate("document.activeElement.hasAttribute('data-consent-done')")
    assert "Zapisaliśmy Twój wybór." in page.locator("[data-consent-done]").inner_text()
    assert consent_value(context).startswith("external_media=")
    page.keyboard.press("Tab")
    assert focused(page) == "Ukryj ten komunikat"
    page.keyboard.press("Enter")
    assert page.locator(BANNER).count() == 0
    assert page.evaluate("document.activeElement.id") == "tresc"


@pytest.mark.parametrize("width", [320, 1280])
def test_banner_fits_small_screens_and_zoom(browser, live_url, width):
    # 320 CSS px is what a 1280 px window shows at 400% zoom (WCAG 1.4.10 reflow).
    context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": 640})
    page = context.new_page()
    try:
        page.goto(live_url + VIDEO_PAGE)
        banner = page.locator(BANNER)
        assert banner.is_visible()
        page.wait_for_load_state("networkidle")
        wide = page.evaluate(
            "(w) => [...document.querySelectorAll('body *')]"
            ".filter(el => el.getBoundingClientRect().right > w + 1)"
            ".map(el => el.tagName + '.' + el.className)",
            width,
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
        for name in ("Akceptuję wszystkie", "Odrzucam opcjonalne"):
            box = banner.get_by_role("button", name=name).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            assert box["height"] >= 44
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = banner.bounding_box()
        if width < 576:
            # On a phone it sits at the bottom, at most 40 % of the screen (issue 23).
            assert box["height"] <= 0.4 * 640 + 1 and box["y"] + box["height"] <= 641
        else:
            # Scrolling past it shows the content: the banner stays where it is in the page.
            assert page.evaluate(
                "document.querySelector('[data-cookie-banner]').getBoundingClientRect().bottom < 0"
            )
    finally:
        context.close()


# --- the page cache ------------------------------------------------------------------------------


def test_consented_visitor_never_leaks_into_a_new_visitors_page(browser, live_url):
    first = browser.new_context(locale="pl-PL")
    second = browser.new_context(locale="pl-PL")
    try:
        first_rec = Recorder(first, live_url)
        page = first.new_page()
        page.goto(live_url + VIDEO_PAGE + "?strona=consent-a")
        page.get_by_role("button", name="Akceptuję wszystkie").click()
        page.locator("[data-consent-done]").wait_for(state="visible")
        # Served (and cached) with consent.
        page.goto(live_url + VIDEO_PAGE + "?strona=consent-a")
        assert page.locator(".video--player iframe").count() >= 1
        assert first_rec.youtube()
        second_rec = Recorder(second, live_url)
        other = second.new_page()
        response = other.goto(live_url + VIDEO_PAGE + "?strona=consent-a")
        other.wait_for_load_state("networkidle")
        assert response.status == 200
        assert other.locator(BANNER).is_visible()
        assert other.locator("[data-youtube]").first.is_visible()
        assert other.locator("iframe").count() == 0
        assert second_rec.external == []
        assert cookie_names(second) == set()
    finally:
        first.close()
        second.close()


def test_new_visitors_cached_page_never_reaches_a_consented_visitor(browser, live_url):
    stranger = browser.new_context(locale="pl-PL")
    consented = browser.new_context(locale="pl-PL")
    try:
        Recorder(stranger, live_url)
        page = stranger.new_page()
        url = live_url + VIDEO_PAGE + "?strona=consent-b"
        page.goto(url)
        page.reload()  # the second view is a cache hit
        assert page.locator(BANNER).is_visible()
        Recorder(consented, live_url)
        setup = consented.new_page()
        setup.goto(live_url + "/cookies/")
        setup.get_by_role("button", name="Akceptuję wszystkie").click()
        expect(setup.locator('[data-consent-group-state="external_media"]')).to_have_text(
            "zgoda wyrażona"
        )
        response = setup.goto(url)
        assert response.status == 200
        assert setup.locator(BANNER).count() == 0
        assert setup.locator(".video--player iframe").count() >= 1
    finally:
        stranger.close()
        consented.close()
