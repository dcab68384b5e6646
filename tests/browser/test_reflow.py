"""Reflow (WCAG 1.4.10) and zoom: at 320 CSS px wide (a phone, or 1280 px at 400% zoom) no
page scrolls sideways and no content is cut off; at 200% zoom the page stays usable."""

import importlib.util
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

MAIN_TYPES = [
    "home",
    "news_index",
    "news_post",
    "ordinance_register",
    "ordinance",
    "mission",
    "tasks",
    "unit",
    "contact",
    "accessibility_statement",
]
EXTRA_PATHS = {"search": "/szukaj/?q=pomoc", "not_found": "/nie-ma-takiej-strony/"}

# Elements sticking out to the right of the viewport, unless inside something that scrolls
# or clips on purpose (a data table in its scrollable region is allowed by WCAG 1.4.10).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.right <= width + 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.position === 'fixed') continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const pcs = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(pcs.overflowX) || pcs.clip !== 'auto') {
        clipped = p.getBoundingClientRect().right <= width + 1;
        break;
      }
    }
    if (el.closest('.visually-hidden, .skip-links') || clipped) continue;
    out.push(el.outerHTML.slice(0, 120) + ' right=' + Math.round(rect.right));
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    bodyOverflow: getComputedStyle(document.body).overflowX,
    sticking: out.slice(0, 8),
  };
}"""


@cache
def site_map(live_url):
    return audit.discover(live_url)


def paths_for(live_url, key):
    if key in EXTRA_PATHS:
        return [EXTRA_PATHS[key]]
    paths = site_map(live_url).get(key)
    assert paths, f"no {key} page in the demo site"
    return paths[:1] if key != "unit" else paths


def check_reflow(page, url):
    page.goto(url)
    page.wait_for_function("document.readyState === 'complete'")
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"] + 1, f"{url} scrolls sideways: {result}"
    assert not result["sticking"], f"{url}: content cut off at the right: {result['sticking']}"


def new_page(browser, viewport, *, prefs=(), scale=1):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="pl-PL")
    for key, value in prefs:
        context.add_init_script(f"localStorage.setItem('{key}', '{value}')")
    return context, context.new_page()


@pytest.mark.parametrize("key", MAIN_TYPES + list(EXTRA_PATHS))
def test_no_horizontal_scrolling_at_320_px(key, browser, live_url):
    paths = paths_for(live_url, key)
    context, page = new_page(browser, {"width": 320, "height": 640})
    try:
        for path in paths:
            check_reflow(page, live_url + path)
    finally:
        context.close()


@pytest.mark.parametrize("key", ["home", "news_post", "ordinance_register", "unit", "contact"])
def test_400_percent_zoom_of_1280_px_with_text_spacing(key, browser, live_url):
    """1280 × 1024 at 400% is 320 × 256 CSS px; with increased text spacing (WCAG 1.4.12)."""
    paths = paths_for(live_url, key)
    context, page = new_page(
        browser, {"width": 320, "height": 256}, prefs=[("ops-spacing", "1")], scale=4
    )
    try:
        for path in paths[:1]:
            check_reflow(page, live_url + path)
    finally:
        context.close()


@pytest.mark.parametrize("key", ["home", "news_post", "ordinance_register", "unit", "contact"])
def test_largest_text_on_a_phone(key, browser, live_url):
    """A++ (150%) on a 375 px phone: nothing scrolls sideways or is cut off."""
    paths = paths_for(live_url, key)
    context, page = new_page(browser, {"width": 375, "height": 740}, prefs=[("ops-font-size", "2")])
    try:
        for path in paths[:1]:
            check_reflow(page, live_url + path)
    finally:
        context.close()


def test_200_percent_zoom_is_usable(browser, live_url):
    """1280 × 800 at 200% is 640 × 400 CSS px: menu, search and content all reachable."""
    context, page = new_page(browser, {"width": 640, "height": 400}, scale=2)
    try:
        check_reflow(page, live_url + "/")
        toggle = page.locator(".main-nav__toggle")
        assert toggle.is_visible()
        toggle.click()
        assert page.locator("#main-nav-list").is_visible()
        assert toggle.get_attribute("aria-expanded") == "true"
        search = page.locator("#search-q")
        assert search.is_visible()
        assert search.bounding_box()["width"] >= 150
        h1 = page.locator("h1")
        assert h1.is_visible()
        assert h1.evaluate("h => parseFloat(getComputedStyle(h).fontSize)") >= 24
        check_reflow(page, live_url + "/szukaj/?q=pomoc")
    finally:
        context.close()
