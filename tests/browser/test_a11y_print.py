"""Print: navigation, banners and controls are hidden; link addresses follow their text."""

HIDDEN_IN_PRINT = [
    ".skip-links",
    ".top-bar",
    ".reading-aids",
    ".main-nav",
    "#wyszukiwarka",
    ".breadcrumbs",
    ".cookie-banner",
    ".back-to-top",
]


def after_content(page, selector):
    return page.locator(selector).first.evaluate("el => getComputedStyle(el, '::after').content")


def test_print_hides_navigation_and_banners_and_prints_link_addresses(page, live_url):
    page.goto(live_url + "/kontakt/")
    page.wait_for_function("document.readyState === 'complete'")
    present = [s for s in HIDDEN_IN_PRINT if page.locator(s).count()]
    assert ".main-nav" in present and ".top-bar" in present and ".breadcrumbs" in present
    page.emulate_media(media="print")
    for selector in present:
        assert (
            page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none"
        ), f"{selector} is printed"
    assert page.locator("main h1").is_visible()
    assert page.locator("#stopka").is_visible(), "the footer with the address is printed"

    # A link in the content prints its address after its text; tel: and mailto: do not.
    link = page.locator("main a[href^='http'], main a[href^='/']").first
    href = link.get_attribute("href")
    assert href in after_content(page, "main a[href^='http'], main a[href^='/']")
    if page.locator("main a[href^='tel:']").count():
        assert after_content(page, "main a[href^='tel:']") in ("none", "normal")

    # On screen nothing of this shows.
    page.emulate_media(media="screen")
    assert page.locator(".main-nav").is_visible()
    assert after_content(page, "main a[href^='http'], main a[href^='/']") in ("none", "normal")


def test_print_opens_closed_answers(page, live_url):
    page.goto(live_url + "/")
    page.evaluate(
        """() => {
          const d = document.createElement('details');
          d.innerHTML = '<summary>Pytanie</summary><p id="odpowiedz">Odpowiedź</p>';
          document.querySelector('main').appendChild(d);
        }"""
    )
    assert not page.locator("#odpowiedz").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("#odpowiedz").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.locator("#odpowiedz").is_visible()
