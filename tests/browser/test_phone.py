"""Phone first (issue 23): at 375 × 667 the page's h1 and the first line of its content are in
the first screen on every page type, with the cookie banner open and closed; the header stays
small; the banner takes at most 40 % of the screen and covers neither the skip link nor the
focused element."""

from functools import cache

import pytest

# The page types, extra paths and the audit's discovery are the reflow tests' own.
from tests.browser.test_reflow import EXTRA_PATHS, audit
from tests.browser.test_reflow import MAIN_TYPES as PAGE_TYPES

PHONE = {"width": 375, "height": 667}
MAX_HEADER = 165

# Where the header ends, where the h1 ends, where the first line of content after it ends,
# and the top of the cookie banner when it sits over the page (fixed), in viewport px.
MEASURE_JS = """() => {
  const header = document.querySelector('.site-header');
  const h1 = document.querySelector('main h1');
  let next = h1;
  let first = null;
  while (!first) {
    while (next && !next.nextElementSibling) next = next.parentElement;
    if (!next || next === document.body) break;
    next = next.nextElementSibling;
    const rect = next.getBoundingClientRect();
    if (rect.height > 0 && (next.innerText || '').trim()) first = next;
  }
  let line = null;
  if (first) {
    const range = document.createRange();
    const walker = document.createTreeWalker(first, NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
    });
    const text = walker.nextNode();
    if (text) {
      range.selectNodeContents(text);
      const rects = range.getClientRects();
      if (rects.length) line = rects[0].bottom;
    }
  }
  const banner = document.querySelector('[data-cookie-banner]');
  const brect = banner && banner.getBoundingClientRect();
  const fixed = banner && getComputedStyle(banner).position === 'fixed';
  return {
    header: header.getBoundingClientRect().bottom,
    h1: h1 ? h1.getBoundingClientRect().bottom : null,
    firstLine: line,
    bannerTop: banner && brect.height ? (fixed ? brect.top : null) : null,
    bannerHeight: banner ? brect.height : 0,
    bannerInFlowBottom: banner && brect.height && !fixed ? brect.bottom : null,
  };
}"""


@cache
def site_map(live_url):
    return audit.discover(live_url)


def paths(live_url):
    found = site_map(live_url)
    out = {kind: found[kind][0] for kind in PAGE_TYPES if kind in found}
    out.update(EXTRA_PATHS)
    return out


def measure(page, url):
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_timeout(50)
    return page.evaluate(MEASURE_JS)


def check_first_screen(kind, m, banner_open):
    limit = m["bannerTop"] if banner_open and m["bannerTop"] is not None else PHONE["height"]
    assert m["header"] <= MAX_HEADER, f"{kind}: header ends at {m['header']:.0f} px"
    assert m["h1"] is not None and m["h1"] <= limit, f"{kind}: h1 ends at {m['h1']} (limit {limit})"
    assert m["firstLine"] is not None and m["firstLine"] <= limit, (
        f"{kind}: first line of content ends at {m['firstLine']} (limit {limit})"
    )


def decline_optional_cookies(page, live_url):
    """Answer the cookie banner once, so the context's next pages come without it."""
    page.goto(live_url + "/")
    page.locator("[data-cookie-banner] [data-consent-form=decline] button").click()
    page.wait_for_selector("[data-consent-done]:not([hidden])")


@pytest.mark.parametrize("banner_open", [True, False], ids=["banner-open", "banner-closed"])
def test_h1_and_first_line_in_first_phone_screen(browser, live_url, banner_open):
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        if not banner_open:
            decline_optional_cookies(page, live_url)
        failures = []
        report = []
        for kind, path in paths(live_url).items():
            m = measure(page, live_url + path)
            report.append(f"{kind}: {m}")
            if banner_open:
                assert page.locator("[data-cookie-banner]").is_visible(), f"{kind}: no banner"
                if m["bannerHeight"] > 0.4 * PHONE["height"] + 1:
                    failures.append(f"{kind}: banner {m['bannerHeight']:.0f} px high")
            else:
                assert not page.locator("[data-cookie-banner]").count()
            try:
                check_first_screen(kind, m, banner_open)
            except AssertionError as error:
                failures.append(str(error))
        print("\n".join(report))
        assert not failures, failures
    finally:
        context.close()


FOCUS_JS = """async () => {
  // Measured once the browser's own scroll into view and consent.js's are both done.
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const el = document.activeElement;
  const banner = document.querySelector('[data-cookie-banner]');
  if (!el || el === document.body) return null;
  const rect = el.getBoundingClientRect();
  const top = banner ? banner.getBoundingClientRect().top : innerHeight;
  return {
    element: el.outerHTML.slice(0, 100),
    inBanner: !!(banner && banner.contains(el)),
    bottom: rect.bottom,
    top: rect.top,
    bannerTop: top,
    visible: rect.width > 0 && rect.height > 0,
  };
}"""


def test_banner_covers_neither_skip_link_nor_focused_element(page, live_url):
    page.set_viewport_size(PHONE)
    page.goto(live_url + "/placowki/swietlica-usmiech/")
    page.wait_for_function("document.readyState === 'complete'")
    assert page.locator("[data-cookie-banner]").is_visible()
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUS_JS)
    assert "#tresc" in skip["element"] and skip["bottom"] <= skip["bannerTop"], skip
    seen_outside = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if not focus or not focus["visible"] or focus["inBanner"]:
            continue
        seen_outside += 1
        assert focus["bottom"] <= focus["bannerTop"] + 1, f"covered by the banner: {focus}"
        assert focus["bottom"] > 0, f"scrolled out at the top: {focus}"
    assert seen_outside > 10


def test_reading_aids_fold_behind_one_button_on_phones(page, live_url):
    page.set_viewport_size(PHONE)
    page.goto(live_url + "/")
    toggle = page.locator("[data-top-bar-toggle]")
    aids = page.locator("[data-reading-aids]")
    assert toggle.is_visible() and not aids.is_visible()
    assert not page.locator(".top-bar__links").is_visible()
    assert not page.locator("#search-q").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert aids.is_visible() and page.locator(".top-bar__links").is_visible()
    aids.locator("[data-font-size='2']").click()
    # The choice is kept as before (localStorage) and the button stays in the same place.
    page.goto(live_url + "/kontakt/")
    assert page.evaluate("document.documentElement.classList.contains('fs-2')")
    box = page.locator("[data-top-bar-toggle]").bounding_box()
    assert box["y"] < 60 and box["height"] >= 44
    page.locator("[data-top-bar-toggle]").click()
    page.locator("[data-reading-aids] [data-font-size='0']").focus()
    page.keyboard.press("Escape")
    assert not page.locator("[data-reading-aids]").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-top-bar-toggle')")
    # Search: behind its own button; the skip link opens it.
    search_toggle = page.locator("[data-search-toggle]")
    assert search_toggle.is_visible()
    search_toggle.click()
    assert page.locator("#search-q").is_visible()
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_phone_header_without_javascript_shows_everything(browser, live_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_url + "/")
        assert page.locator("#search-q").is_visible()
        assert page.locator(".top-bar__links").is_visible()
        assert not page.locator("[data-top-bar-toggle]").is_visible()
        assert not page.locator("[data-search-toggle]").is_visible()
    finally:
        context.close()


def test_desktop_header_as_before(page, live_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_url + "/")
    assert page.locator("[data-reading-aids]").is_visible()
    assert page.locator("#search-q").is_visible()
    assert not page.locator("[data-top-bar-toggle]").is_visible()
    assert not page.locator("[data-search-toggle]").is_visible()
    banner = page.locator("[data-cookie-banner]")
    assert banner.evaluate("b => getComputedStyle(b).position") == "static"


# Words (and times like 10:00 or 12:00–18:00) in the opening-hours table that the browser
# split over two lines: one range per word, more than one line box means broken.
BROKEN_WORDS_JS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.hours-table tbody th, .hours-table tbody td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  const row = document.querySelector('.hours-table tbody tr');
  return {broken, rowDisplay: row && getComputedStyle(row).display,
          scrollWidth: document.documentElement.scrollWidth};
}"""


def unit_paths_with_hours(live_url):
    found = site_map(live_url)
    return found.get("unit", [])


@pytest.mark.parametrize(
    ("size", "width"), [("0", 320), ("1", 320), ("2", 320), ("2", 375), ("0", 1280), ("2", 1280)]
)
def test_hours_never_break_a_word_or_time(browser, live_url, size, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="pl-PL")
    context.add_init_script(f"localStorage.setItem('ops-font-size', '{size}')")
    page = context.new_page()
    checked = 0
    try:
        for path in unit_paths_with_hours(live_url):
            page.goto(live_url + path)
            if not page.locator(".hours-table").count():
                continue
            checked += 1
            result = page.evaluate(BROKEN_WORDS_JS)
            assert not result["broken"], f"{path} at A{'+' * int(size)}, {width} px: {result}"
            assert result["scrollWidth"] <= width, f"{path}: the page scrolls sideways"
            if width <= 375:
                assert result["rowDisplay"] == "block", f"{path}: not reflowed to a list"
            elif size == "0":
                assert result["rowDisplay"] == "table-row", f"{path}: a table on wide screens"
    finally:
        context.close()
    assert checked >= 2


def test_contact_form_fields_say_what_to_autofill(page, live_url):
    page.set_viewport_size(PHONE)
    page.goto(live_url + "/kontakt/")
    fields = page.evaluate(
        """() => [...document.querySelectorAll('form input:not([type=hidden])')]
            .map(i => [i.name, i.type, i.getAttribute('autocomplete')])"""
    )
    by_name = {name: (kind, auto) for name, kind, auto in fields}
    assert by_name["imie_i_nazwisko"] == ("text", "name"), fields
    assert by_name["adres_e_mail"] == ("email", "email"), fields
    assert by_name["telefon"] == ("tel", "tel"), fields
