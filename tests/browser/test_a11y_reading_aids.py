"""Reading aids in the top bar: text size A / A+ / A++, high contrast, text spacing.

Real buttons with aria-pressed, usable by keyboard; the choice is kept in localStorage (no
cookie) and applied by prefs-init.js in <head> before the page is painted.
"""

import pytest

# Records the <html> classes when <body> first exists (nothing can be painted before) and at
# DOMContentLoaded, before any of the page's own scripts could change them later.
RECORD_EARLY_CLASSES = """
new MutationObserver((records, observer) => {
  if (document.body && window.__classAtBody === undefined) {
    window.__classAtBody = document.documentElement.className;
    window.__bgAtBody = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
document.addEventListener("DOMContentLoaded", () => {
  window.__classAtDomReady = document.documentElement.className;
}, {capture: true});
"""


def pressed(page):
    """{button text: aria-pressed} for the reading-aid buttons."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-reading-aids] button')]
            .map(b => [b.firstChild.textContent.trim(), b.getAttribute('aria-pressed')]))"""
    )


def press_button(page, text):
    """Tab to the reading-aid button whose visible text is `text` and press Enter."""
    for _ in range(40):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => document.activeElement.closest('[data-reading-aids]') ? "
            "document.activeElement.firstChild.textContent.trim() : null"
        )
        if label == text:
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"reading-aid button {text} not reached by keyboard")


def root_font_px(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_buttons_are_real_toggle_buttons_with_names(page, live_url):
    page.goto(live_url + "/")
    group = page.locator("[data-reading-aids]")
    assert group.is_visible()
    assert group.get_attribute("role") == "group"
    assert group.get_attribute("aria-label") == "Ułatwienia w czytaniu"
    assert pressed(page) == {
        "A": "true",
        "A+": "false",
        "A++": "false",
        "Kontrast": "false",
        "Odstępy": "false",
    }
    # The accessible name starts with the visible text (WCAG 2.5.3 label in name).
    names = group.locator("button").evaluate_all("bs => bs.map(b => b.textContent.trim())")
    assert names[0].startswith("A –") and "rozmiar" in names[0]
    assert names[3].startswith("Kontrast")
    for button in group.locator("button").all():
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, "targets at least 44 × 44 px"


def test_text_size_by_keyboard(page, live_url):
    page.goto(live_url + "/")
    base = root_font_px(page)
    press_button(page, "A+")
    assert page.evaluate("document.documentElement.classList.contains('fs-1')")
    assert root_font_px(page) == pytest.approx(base * 1.25)
    press_button(page, "A++")
    classes = page.evaluate("document.documentElement.className")
    assert "fs-2" in classes and "fs-1" not in classes
    assert root_font_px(page) == pytest.approx(base * 1.5)
    assert pressed(page)["A++"] == "true"
    assert pressed(page)["A"] == "false" and pressed(page)["A+"] == "false"
    assert page.evaluate("localStorage.getItem('ops-font-size')") == "2"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # back to A
    assert root_font_px(page) == pytest.approx(base)
    assert page.evaluate("localStorage.getItem('ops-font-size')") is None
    assert pressed(page)["A"] == "true"


def test_a_plus_plus_and_contrast_persist_and_apply_before_first_paint(context, live_url):
    page = context.new_page()
    page.goto(live_url + "/")
    press_button(page, "A++")
    press_button(page, "Kontrast")
    assert pressed(page)["Kontrast"] == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate("localStorage.getItem('ops-contrast')") == "1"
    assert not context.cookies(), "reading aids set no cookie"

    # The next page: the choice is already there when <body> appears and at DOMContentLoaded.
    context.add_init_script(RECORD_EARLY_CLASSES)
    page.goto(live_url + "/szukaj/?q=pomoc")
    for moment in ("__classAtBody", "__classAtDomReady"):
        classes = page.evaluate(f"window.{moment}").split()
        assert "fs-2" in classes and "pref-contrast" in classes, moment
    assert page.evaluate("window.__bgAtBody") == "#000000"
    assert pressed(page)["A++"] == "true"
    assert pressed(page)["Kontrast"] == "true"
    assert root_font_px(page) == pytest.approx(24)
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(255, 255, 0)"

    # Switching contrast off is remembered too.
    press_button(page, "Kontrast")
    page.goto(live_url + "/")
    assert "pref-contrast" not in page.evaluate("window.__classAtBody")
    assert "fs-2" in page.evaluate("window.__classAtBody")


def test_text_spacing_meets_wcag_1_4_12(page, live_url):
    page.goto(live_url + "/o-nas/misja/")
    press_button(page, "Odstępy")
    assert pressed(page)["Odstępy"] == "true"
    spacing = page.evaluate(
        """() => {
          const p = document.querySelector('main p');
          const cs = getComputedStyle(p);
          const size = parseFloat(cs.fontSize);
          return {
            line: parseFloat(cs.lineHeight) / size,
            letter: parseFloat(cs.letterSpacing) / size,
            word: parseFloat(cs.wordSpacing) / size,
            paragraph: parseFloat(cs.marginBottom) / size,
          };
        }"""
    )
    assert spacing["line"] >= 1.5
    assert spacing["letter"] >= 0.12 - 0.005
    assert spacing["word"] >= 0.16 - 0.005
    assert spacing["paragraph"] >= 2 - 0.01
    page.reload()
    assert "pref-spacing" in page.evaluate("document.documentElement.className")


def test_storage_blocked_still_works(browser, live_url):
    """With localStorage unavailable the page still loads and the buttons still work."""
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    try:
        page.goto(live_url + "/")
        press_button(page, "A++")
        assert "fs-2" in page.evaluate("document.documentElement.className")
        assert not errors
    finally:
        context.close()
