"""'Jak załatwić sprawę' in a real browser: axe finds nothing on each page type and state,
and the self-check, the worker search and the feedback work without JavaScript."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

HELP = "/jak-pomagamy"
SERVICE = f"{HELP}/pomoc-finansowa/zasilek-staly/"
SELF_CHECK = f"{HELP}/sprawdz-czy-mozesz-dostac-pomoc/"
WORKERS = f"{HELP}/znajdz-pracownika-socjalnego/"
FORMS = f"{HELP}/druki-do-pobrania/"

STATES = {
    "service page": SERVICE,
    "service page with quick exit and crisis lines": f"{HELP}/pomoc-w-kryzysie/niebieska-karta/",
    "topic": f"{HELP}/pomoc-finansowa/",
    "audience hub": f"{HELP}/komu-pomagamy/seniorzy/",
    "audiences index": f"{HELP}/komu-pomagamy/",
    "forms library": FORMS,
    "forms library filtered": FORMS + "?kategoria=wsparcie-i-opieka",
    "form page": FORMS + "wniosek-o-dodatek-mieszkaniowy/",
    "self-check": SELF_CHECK,
    "self-check with results": SELF_CHECK + "?osoby=2&dochod=1200&sytuacja=wiek&sytuacja=opieka",
    "self-check with errors": SELF_CHECK + "?osoby=99&dochod=abc",
    "worker search": WORKERS,
    "worker search with results": WORKERS + "?adres=Lipowej+12",
    "worker search without results": WORKERS + "?adres=%22%3Cxyz%3E",
}


def assert_clean(path, violations):
    assert not violations, audit.describe(violations, where=f"{path} ")


@pytest.mark.parametrize("state", list(STATES))
def test_no_axe_violations(state, page, live_url):
    path = STATES[state]
    audit.load(page, live_url + path)
    assert page.locator("h1").count() == 1
    assert_clean(path, audit.run_axe(page))


def test_self_check_without_javascript(browser, live_url):
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    page.goto(live_url + SELF_CHECK)
    page.fill("#id_osoby", "1")
    page.fill("#id_dochod", "900")
    page.check("input[name=sytuacja][value=wiek]")
    page.click("main form.self-check button[type=submit]")
    assert "osoby=1" in page.url
    results = page.locator(".self-check-results")
    assert "Zasiłek stały" in results.inner_text()
    page.fill("#id_dochod", "-5")
    page.click("main form.self-check button[type=submit]")
    summary = page.locator(".error-summary")
    assert "nie może być ujemny" in summary.inner_text()
    summary.locator("a").first.click()
    context.close()


def test_worker_search_without_javascript(browser, live_url):
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    page.goto(live_url + WORKERS)
    page.fill("#worker-address", "w Wólce")
    page.click("main form.worker-search button[type=submit]")
    assert "Magdalena Sikora" in page.locator(".worker-results").inner_text()
    context.close()


# Headless Chromium says "HeadlessChrome", which the feedback ignores as a bot.
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)


def test_feedback_round_trip_and_its_states(browser, live_url):
    context = browser.new_context(locale="pl-PL", user_agent=BROWSER_UA)
    page = context.new_page()
    page.set_default_timeout(15_000)
    audit.load(page, live_url + SERVICE)
    page.check("#feedback-no")
    page.fill("#feedback-comment", "Nie wiem, gdzie jest pokój 5.")
    page.click(".feedback button[type=submit]")
    assert "Dziękujemy" in page.locator("h1").inner_text()
    assert_clean("/opinia/ (thanks)", audit.run_axe(page))
    audit.load(page, live_url + SERVICE)
    page.check("#feedback-yes")
    page.eval_on_selector("#feedback-comment", "el => el.removeAttribute('maxlength')")
    page.fill("#feedback-comment", "x" * 501)
    page.click(".feedback button[type=submit]")
    assert "najwyżej 500 znaków" in page.locator(".error-summary").inner_text()
    assert_clean("/opinia/ (comment too long)", audit.run_axe(page))
    context.close()
