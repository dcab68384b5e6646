"""Events in a real browser: axe finds nothing, the filters work without JavaScript."""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


@pytest.fixture(scope="module")
def event_paths(live_url):
    """The index, this month's view, a recurring event and the cancelled one of the demo."""
    html = audit.fetch(live_url + "/wydarzenia/")
    month = re.search(r'href="(/wydarzenia/\d{4}/\d{2}/)"', html).group(1)
    return {
        "index": "/wydarzenia/",
        "month": month,
        "archive": "/wydarzenia/archiwum/",
        "event": "/wydarzenia/spotkanie-klubu-seniora/",
        "cancelled": "/wydarzenia/wycieczka-do-klodzka/",
        "postponed": "/wydarzenia/spotkanie-z-dietetykiem/",
    }


def test_event_pages_have_no_axe_violations(browser, live_url, event_paths):
    results = audit.audit_pages(browser, live_url, list(event_paths.values()))
    failures = [(path, found) for path, found in results if found]
    report = "\n".join(audit.describe(found, where=f"{path} ") for path, found in failures)
    assert not failures, f"axe found violations:\n{report}"


def test_cancelled_event_is_clear_to_see(page, live_url, event_paths):
    page.goto(live_url + event_paths["cancelled"])
    status = page.locator(".event-status--cancelled")
    assert status.is_visible()
    assert status.inner_text().startswith("Odwołane")


def test_filters_work_without_javascript(browser, live_url):
    context = browser.new_context(locale="pl-PL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_url + "/wydarzenia/")
        page.select_option("#events-unit", "klub-seniora")
        page.select_option("#events-audience", "seniors")
        page.get_by_role("button", name="Pokaż wydarzenia").click()
        page.wait_for_load_state()
        assert "placowka=klub-seniora" in page.url and "dla=seniors" in page.url
        titles = page.locator(".event-item__title").all_inner_texts()
        assert any("Spotkanie Klubu Seniora" in t for t in titles)
        assert not any("Warsztaty plastyczne" in t for t in titles)
        page.locator(".events-views li:nth-child(3) a").click()  # next month, filters kept
        page.wait_for_load_state()
        assert re.search(r"/wydarzenia/\d{4}/\d{2}/\?placowka=klub-seniora", page.url)
    finally:
        context.close()
