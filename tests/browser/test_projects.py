"""Projects in a real browser: axe finds nothing; the programme filter works without JS."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

PAGES = [
    "/projekty/",
    "/projekty/?program=fundusze-europejskie-dla-dolnego-slaska-2021-2027",
    "/projekty/szansa-pomoc-aktywizacja/",  # 2021–2027 with a regional sign and a partner
    "/projekty/centrum-aktywnosci-seniora/",  # 2014–2020
    "/projekty/nordic-walking-po-lipowie/",  # national funds: no strip
    "/aktualnosci/szansa-pomoc-aktywizacja-rekrutacja/",  # a post linked to a project
]


def test_project_pages_have_no_axe_violations(browser, live_url):
    results = audit.audit_pages(browser, live_url, PAGES)
    failures = [(path, found) for path, found in results if found]
    report = "\n".join(audit.describe(found, where=f"{path} ") for path, found in failures)
    assert not failures, f"axe found violations:\n{report}"


def test_programme_filter_works_without_javascript(browser, live_url):
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    try:
        page.goto(live_url + "/projekty/")
        page.select_option("#project-programme", label="Środki własne Gminy Lipowo Zdrojowe")
        page.get_by_role("button", name="Pokaż projekty").click()
        page.wait_for_load_state()
        assert page.url.endswith("/projekty/?program=srodki-wlasne-gminy-lipowo-zdrojowe")
        titles = page.locator("main .card__title").all_inner_texts()
        assert titles == ["Nordic Walking po Lipowie"]
        page.get_by_role("link", name="Nordic Walking po Lipowie").click()
        assert page.locator("h1").inner_text() == "Nordic Walking po Lipowie"
        assert page.locator(".eu-strip").count() == 0
    finally:
        context.close()


def test_strip_signs_stand_in_one_row_in_order(page, live_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + "/projekty/szansa-pomoc-aktywizacja/")
    signs = page.locator(".eu-strip img")
    assert signs.evaluate_all("els => els.map(e => e.alt)") == [
        "Fundusze Europejskie dla Dolnego Śląska",
        "Rzeczpospolita Polska",
        "Dofinansowane przez Unię Europejską",
        "Dolny Śląsk",
    ]
    boxes = [signs.nth(i).bounding_box() for i in range(4)]
    assert [round(box["height"]) for box in boxes] == [60] * 4
    assert all(a["x"] < b["x"] for a, b in zip(boxes, boxes[1:], strict=False))
    # In the first screen, above the heading.
    assert boxes[0]["y"] + boxes[0]["height"] < 900
    assert boxes[0]["y"] < page.locator("h1").bounding_box()["y"]
