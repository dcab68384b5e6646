"""opening-hours.js in a real browser: a page rendered on one day, read on another."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from tests.units.test_units import MONDAY_10, day_care, get, index  # noqa: F401
from units.hours import WARSAW

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
JS = Path(__file__).resolve().parents[2] / "static" / "js" / "opening-hours.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]


def read_in_browser(html, moment):
    """Open ``html`` at ``moment`` with the script; return what a resident reads."""
    from playwright.sync_api import sync_playwright

    html = html.replace('<script src="/static/js/', '<script data-off src="about:blank#')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            # A visitor abroad: the status must still follow Warsaw time.
            page = browser.new_page(timezone_id="America/New_York", locale="en-US")
            page.clock.set_fixed_time(moment)
            page.set_content(html)
            page.add_script_tag(content=JS.read_text(encoding="utf-8"))
            return page.evaluate(
                """() => ({
                  now: [...document.querySelectorAll('[data-status-now]')]
                    .map(e => e.hidden ? null : e.textContent),
                  day: [...document.querySelectorAll('[data-status-day]')].map(e => e.textContent),
                  today: [...document.querySelectorAll('tr[aria-current="date"]')]
                    .map(e => e.querySelector('th').textContent.trim()),
                  markers: document.querySelectorAll('[data-today-marker]').length,
                  open: [...document.querySelectorAll('[data-opening-hours]')]
                    .map(e => e.classList.contains('is-open')),
                })"""
            )
        finally:
            browser.close()


@pytest.fixture
def cached_page(client, day_care):  # noqa: F811
    """The unit page as the shared cache keeps it: rendered on Monday 3 March at 10:00."""
    with time_machine.travel(MONDAY_10, tick=False):
        return get(client, day_care)


def test_a_page_rendered_on_monday_tells_the_truth_on_a_wednesday_closure(cached_page):
    seen = read_in_browser(cached_page, datetime(2025, 3, 5, 17, 30, tzinfo=WARSAW))
    assert seen["now"] == ["Zamknięte — otwieramy jutro o 8:00"]
    assert seen["day"] == ["Dziś: nieczynne"]
    assert seen["today"] == ["Środa (dziś)"]
    assert seen["markers"] == 1
    assert seen["open"] == [False]


def test_open_now_in_warsaw_time_whatever_the_visitors_clock(cached_page):
    # 14:30 UTC on Thursday 6 March is 15:30 in Warsaw: open until 16:00.
    seen = read_in_browser(cached_page, datetime(2025, 3, 6, 14, 30, tzinfo=UTC))
    assert seen["now"] == ["Otwarte teraz, do 16:00"]
    assert seen["day"] == ["Dziś: 8:00–16:00"]
    assert seen["today"] == ["Czwartek (dziś)"]
    assert seen["open"] == [True]
