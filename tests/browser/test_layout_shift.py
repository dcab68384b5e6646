"""Nothing jumps (issue 20): the cumulative layout shift of every page type stays at most 0.02
on a 412 px phone and at desktop width, with the cookie banner open and closed, and with the
reading aids applied before first paint.

A PerformanceObserver installed before the page's own scripts records the layout-shift entries
(not those right after input) until the page has settled: fonts loaded, load event fired and
two animation frames later. Counted are the shifts between frames that both show the whole
parsed document: what the page's scripts, styles, images and fonts move under the reader's
eyes. Not counted, only reported ("while parsing"): shifts in a frame compared with a frame of
a half-parsed document. Chrome paints those when parsing is slow on a loaded machine, so they
depend on the machine's speed, not on the page.

A page over the limit is loaded once more and fails only when it shifts again: with both cores
busy (the CI run), Chrome 156 now and then paints one frame with the top bar's links on the
reading aids' line at A++ (about 1 in 200 loads, 0.036), and not again on the reload. A shift
that the page's own styles, scripts or images cause comes back on every load, so it still fails.
"""

import pytest

from tests.browser.test_phone import decline_optional_cookies, site_map

MAX_CLS = 0.02
PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1280, "height": 800}

OBSERVE_JS = """
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const sources = entry.sources || [];
    window.__layoutShifts.push({
      value: entry.value,
      time: entry.startTime,
      sources: sources.map((s) => {
        const n = s.node;
        const name = !n || !n.tagName ? '#text' :
          n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
          (typeof n.className === 'string' && n.className ? '.' + n.className.split(' ')[0] : '');
        const r = (rect) => [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(',');
        return `${name} ${r(s.previousRect)} -> ${r(s.currentRect)}`;
      }),
    });
  }
}).observe({type: 'layout-shift', buffered: true});
// The second frame after the HTML is parsed: from there on, a frame compares with a frame of
// the whole document.
window.__wholeDocumentFrame = null;
document.addEventListener('readystatechange', () => {
  if (document.readyState !== 'interactive') return;
  requestAnimationFrame(() => requestAnimationFrame((time) => {
    window.__wholeDocumentFrame = time;
  }));
});
"""

SETTLED_JS = """async () => {
  await document.fonts.ready;
  if (document.readyState !== 'complete') {
    await new Promise((done) => addEventListener('load', done, {once: true}));
  }
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  while (window.__wholeDocumentFrame === null) {
    await new Promise((done) => requestAnimationFrame(done));
  }
  await new Promise((done) => setTimeout(done, 100));
  const whole = window.__wholeDocumentFrame;
  const shifts = window.__layoutShifts.filter((s) => s.time >= whole);
  const whilst = window.__layoutShifts.filter((s) => s.time < whole);
  return {
    cls: shifts.reduce((sum, s) => sum + s.value, 0),
    whileParsing: whilst.reduce((sum, s) => sum + s.value, 0),
    shifts,
  };
}"""

# The reader's choices as prefs-init.js reads them from localStorage before first paint.
AIDS = {
    "none": {},
    "text-larger": {"ops-font-size": "1"},
    "text-largest-contrast-spacing": {
        "ops-font-size": "2",
        "ops-contrast": "1",
        "ops-spacing": "1",
    },
}

CASES = [
    ("phone", "none", True),
    ("phone", "none", False),
    ("desktop", "none", True),
    ("desktop", "none", False),
    ("phone", "text-larger", False),
    ("phone", "text-largest-contrast-spacing", True),
    ("desktop", "text-largest-contrast-spacing", False),
]


def one_page_per_type(live_url):
    found = site_map(live_url)
    out = {kind: paths[0] for kind, paths in found.items() if kind != "unknown"}
    out["search"] = "/szukaj/?q=pomoc"
    out["not_found"] = "/nie-ma-takiej-strony/"
    return out


@pytest.mark.parametrize(
    ("viewport", "aids", "banner_open"),
    CASES,
    ids=[f"{v}-{a}-banner-{'open' if b else 'closed'}" for v, a, b in CASES],
)
def test_nothing_jumps_on_any_page_type(browser, live_url, viewport, aids, banner_open):
    size = PHONE if viewport == "phone" else DESKTOP
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw", viewport=size)
    stored = AIDS[aids]
    if stored:
        context.add_init_script(
            "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in stored.items())
        )
    context.add_init_script(OBSERVE_JS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        if not banner_open:
            decline_optional_cookies(page, live_url)
        types = one_page_per_type(live_url)
        assert len(types) >= 25, sorted(types)
        report, over = [], {}
        for kind, path in types.items():
            page.goto(live_url + path)
            if banner_open:
                assert page.locator("[data-cookie-banner]").is_visible(), f"{kind}: no banner"
            result = page.evaluate(SETTLED_JS)
            if result["cls"] > MAX_CLS:
                # Once more: a layout that moves, moves on every load; a loaded machine alone
                # can, rarely, paint a frame that no reader sees again (see the docstring).
                page.reload()
                result = page.evaluate(SETTLED_JS)
            report.append(f"{kind} {result['cls']:.4f} (parsing {result['whileParsing']:.4f})")
            if result["cls"] > MAX_CLS:
                over[kind] = result
        print("\n".join(report))
        assert over == {}, over
    finally:
        context.close()
