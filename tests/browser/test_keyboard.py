"""Keyboard only: everything works with Tab, Enter, Space, arrows and Escape; focus is always
visible (an outline or ring with at least 3:1 contrast against what surrounds it) and is
never lost or trapped."""

import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

# Identifies the focused element across key presses ("BODY" when focus is on no element,
# e.g. after the last element, when a real browser would move to its address bar).
FOCUS_ID_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return "BODY";
  if (!el.dataset.kbId) el.dataset.kbId = String((window.__kbCount = (window.__kbCount || 0) + 1));
  return el.dataset.kbId;
}"""

# The focus indicator of the focused element: its outline (at least 2px) or box-shadow ring,
# and the better contrast of either against the background around the element.
FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const parse = c => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => {
    const f = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  let around = null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c && c.a > 0) { around = c; break; }
  }
  around = around || {r: 255, g: 255, b: 255, a: 1};
  const cs = getComputedStyle(el);
  const rings = [];
  if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) {
    rings.push(parse(cs.outlineColor));
  }
  const shadow = cs.boxShadow !== "none" && cs.boxShadow.match(/rgba?\\([^)]+\\)/);
  if (shadow) rings.push(parse(shadow[0]));
  const contrasts = rings.filter(c => c && c.a > 0).map(c => ratio(c, around));
  const rect = el.getBoundingClientRect();
  return {
    element: el.outerHTML.slice(0, 160),
    outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor,
    boxShadow: cs.boxShadow,
    contrast: contrasts.length ? Math.max(...contrasts) : 0,
    visible: rect.width > 0 && rect.height > 0,
  };
}"""


@cache
def site_map(live_url):
    return audit.discover(live_url)


@cache
def _pages_html(live_url):
    return [(path, audit.fetch(live_url + path)) for path in audit.sitemap_paths(live_url)]


def find_page(live_url, pattern):
    """The first sitemap page whose HTML matches the pattern (the demo site has one)."""
    for path, html in _pages_html(live_url):
        if re.search(pattern, html):
            return path
    pytest.fail(f"no page in the demo site matches {pattern!r}")


def open_page(page, url, viewport=DESKTOP):
    page.set_viewport_size(viewport)
    page.goto(url)
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_timeout(50)


def tab_to(page, selector, limit=150, key="Tab"):
    """Press Tab until the focused element matches the selector; fail if it never does.

    Returns a locator for that element (not for whatever has focus later)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused_matches(page, selector):
            return page.locator(f'[data-kb-id="{page.evaluate(FOCUS_ID_JS)}"]')
    raise AssertionError(f"{selector} never received focus after {limit} presses of {key}")


def focused_matches(page, selector):
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


# -- Focus never trapped, always visible -------------------------------------------------


def test_tabbing_through_the_home_page_never_traps_focus(page, live_url):
    open_page(page, live_url + "/")
    ids = []
    for _ in range(200):
        page.keyboard.press("Tab")
        ids.append(page.evaluate(FOCUS_ID_JS))
    for before, after in zip(ids, ids[1:], strict=False):
        assert before != after, f"focus stuck on element {before}"
    assert "BODY" in ids, "Tab reaches the end of the page and leaves it (to the address bar)"
    wraps = [i for i, value in enumerate(ids) if value == "BODY"]
    assert ids[wraps[0] + 1] == ids[0], "after the end, Tab starts again at the first skip link"
    assert len(set(ids)) > 25, "Tab visits every link, button and field of the home page"


@pytest.mark.parametrize("contrast", [False, True], ids=["default", "high-contrast"])
@pytest.mark.parametrize("key", ["home", "news_post", "unit", "contact", "ordinance_register"])
def test_focus_is_visible_with_enough_contrast(key, contrast, browser, live_url):
    paths = site_map(live_url).get(key)
    assert paths, f"no {key} page in the demo site"
    context = browser.new_context(viewport=DESKTOP, locale="pl-PL")
    if contrast:
        context.add_init_script("localStorage.setItem('ops-contrast', '1')")
    page = context.new_page()
    try:
        open_page(page, live_url + paths[0])
        problems, count = [], 0
        for _ in range(250):
            page.keyboard.press("Tab")
            style = page.evaluate(FOCUS_STYLE_JS)
            if style is None:
                break
            count += 1
            if not style["visible"] or style["contrast"] < 3:
                problems.append(style)
        assert count > 10
        assert not problems, "focus not clearly visible on:\n" + "\n".join(
            f"{p['element']}\n  outline {p['outline']}, shadow {p['boxShadow']}, "
            f"contrast {p['contrast']:.2f}, visible {p['visible']}"
            for p in problems
        )
    finally:
        context.close()


# -- Main menu ---------------------------------------------------------------------------


def test_submenu_opens_with_enter_and_space_and_escape_returns_focus(page, live_url):
    open_page(page, live_url + "/")
    assert page.locator(".main-nav__sub-toggle").count(), "the demo menu has no submenus"
    toggle = tab_to(page, ".main-nav__sub-toggle")
    submenu = page.locator("#" + toggle.get_attribute("aria-controls"))
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not submenu.is_visible()

    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert submenu.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-nav__sub') !== null")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not submenu.is_visible()
    assert focused_matches(page, ".main-nav__sub-toggle")

    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert submenu.is_visible()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"

    # Leaving the open submenu with Tab closes it.
    page.keyboard.press("Enter")
    links = submenu.locator("a").count()
    for _ in range(links + 1):
        page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.closest('.main-nav__sub') !== null")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not submenu.is_visible()


def test_mobile_menu_opens_and_closes_by_keyboard_and_announces_its_state(page, live_url):
    open_page(page, live_url + "/", viewport=PHONE)
    toggle = page.locator(".main-nav__toggle")
    menu = page.locator("#main-nav-list")
    assert toggle.is_visible()
    assert toggle.inner_text().strip() == "Menu"
    assert toggle.get_attribute("aria-controls") == "main-nav-list"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()

    tab_to(page, ".main-nav__toggle")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#main-nav-list') !== null")
    first_link = page.evaluate("document.activeElement.textContent.trim()")
    assert first_link
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert focused_matches(page, ".main-nav__toggle")

    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()


def test_menu_is_a_plain_list_without_javascript(browser, live_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_url + "/")
        assert page.locator("#main-nav-list").is_visible()
        assert not page.locator(".main-nav__toggle").is_visible()
        assert page.locator("#main-nav-list > li > a").count() >= 3
        assert not page.locator("[data-reading-aids]").is_visible(), "no dead buttons"
    finally:
        context.close()


# -- Search ------------------------------------------------------------------------------


def test_search_by_keyboard(page, live_url):
    open_page(page, live_url + "/")
    tab_to(page, ".skip-links a[href='#wyszukiwarka']")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'wyszukiwarka'")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#search-q")
    page.keyboard.type("zarządzenie")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/szukaj/" in page.url
    assert "zarządzenie" in page.locator("h1").inner_text()
    tab_to(page, ".search-results__item a")


# -- Gallery and accordion ---------------------------------------------------------------


def test_gallery_opens_by_keyboard_arrows_move_escape_returns_focus(page, live_url):
    path = find_page(live_url, r"data-gallery-item")
    open_page(page, live_url + path)
    opener = tab_to(page, "[data-gallery-item]", limit=300)
    opener_href = opener.get_attribute("href")
    assert opener_href, "the photo links to its large version (works without JS)"
    assert opener.locator("img").count() == 1, "the link shows the photo"
    opener_alt = opener.get_attribute("data-alt")
    total = page.locator("[data-gallery] [data-gallery-item]").first.evaluate(
        "a => a.closest('[data-gallery]').querySelectorAll('[data-gallery-item]').length"
    )
    page.keyboard.press("Enter")
    dialog = page.locator(".lightbox[role=dialog]")
    assert dialog.is_visible()
    assert dialog.get_attribute("aria-modal") == "true"
    assert dialog.get_attribute("aria-label") == "Powiększone zdjęcie"
    assert focused_matches(page, ".lightbox [data-close]")
    assert dialog.locator("button").all_inner_texts() == [
        "Poprzednie zdjęcie",
        "Następne zdjęcie",
        "Zamknij",
    ]
    caption = dialog.locator(".lightbox__caption")
    assert f"(zdjęcie 1 z {total})" in caption.inner_text()
    assert dialog.locator("img").get_attribute("src") == opener_href
    assert dialog.locator("img").get_attribute("alt") == opener_alt
    if total > 1:
        page.keyboard.press("ArrowRight")
        assert f"(zdjęcie 2 z {total})" in caption.inner_text()
        page.keyboard.press("ArrowLeft")
        assert f"(zdjęcie 1 z {total})" in caption.inner_text()
        page.keyboard.press("ArrowLeft")
        assert f"(zdjęcie {total} z {total})" in caption.inner_text()
    # Tab stays in the dialog while it is open (Escape is the way out).
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.lightbox') !== null")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert focused_matches(page, "[data-gallery-item]")
    assert page.evaluate("document.activeElement.getAttribute('href')") == opener_href


def test_accordion_opens_and_closes_by_keyboard(page, live_url):
    path = find_page(live_url, r'<details class="accordion__item')
    open_page(page, live_url + path)
    summary = tab_to(page, ".accordion__item > summary", limit=300)
    details = summary.locator("xpath=..")
    assert details.evaluate("d => d.open") is False
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open") is True
    assert details.locator(".accordion__body").is_visible()
    page.keyboard.press("Space")
    assert details.evaluate("d => d.open") is False


# -- Quick exit and cookie banner --------------------------------------------------------


def _route_exit_target(page, href):
    """The quick exit leaves for another site; answer it locally (the tests are offline)."""
    from urllib.parse import urlsplit

    host = urlsplit(href).netloc
    page.route(
        f"**://{host}/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Pogoda</title><p>Pogoda</p>"
        ),
    )


@pytest.mark.parametrize("how", ["enter", "escape"])
def test_quick_exit_by_keyboard_leaves_without_history(how, page, live_url):
    path = find_page(live_url, r"data-quick-exit")
    page.goto(live_url + "/")
    open_page(page, live_url + path)
    button = page.locator("[data-quick-exit]")
    href = button.get_attribute("href")
    _route_exit_target(page, href)
    if how == "enter":
        # Two keys from the top: the "skip to content" link, then the first thing in <main>.
        tab_to(page, ".skip-links a[href='#tresc']", limit=1)
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.id === 'tresc'")
        page.keyboard.press("Tab")
        assert focused_matches(page, "[data-quick-exit]")
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Escape")
    page.wait_for_url(href.rstrip("/") + "**")
    # location.replace: Back goes to where the visitor was before, not to the crisis page.
    page.go_back()
    assert page.url.rstrip("/") == live_url.rstrip("/")


def test_cookie_banner_by_keyboard_keeps_focus(page, live_url):
    open_page(page, live_url + "/")
    assert page.locator("[data-cookie-banner]").is_visible(), "no cookie banner on the home page"
    # Right after the skip links.
    accept = tab_to(page, "[data-cookie-banner] button", limit=8)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => !document.querySelector('[data-consent-ask]') || "
        "document.querySelector('[data-consent-ask]').hidden || "
        "!document.querySelector('[data-cookie-banner]')"
    )
    assert page.evaluate("document.activeElement !== document.body"), "focus is not lost"
    assert not accept.is_visible() or not accept.count()
