"""Opening-hours logic (units/hours.py) at frozen times, and the browser's copy of it."""

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import translation

from units.hours import WARSAW, Schedule, local_now, status_texts

JS = Path(__file__).resolve().parents[2] / "static" / "js" / "opening-hours.js"

# 3 March 2025 is a Monday.
MONDAY = date(2025, 3, 3)


def hours(weekday, opens, closes, note=""):
    return SimpleNamespace(
        weekday=weekday,
        opens=time.fromisoformat(opens),
        closes=time.fromisoformat(closes),
        note=note,
    )


def exception(day, to=None, closed=True, opens=None, closes=None, note=""):
    return SimpleNamespace(
        date=day,
        date_to=to,
        closed=closed,
        opens=time.fromisoformat(opens) if opens else None,
        closes=time.fromisoformat(closes) if closes else None,
        note=note,
    )


def at(day, hm):
    return datetime.combine(day, time.fromisoformat(hm), tzinfo=WARSAW)


OFFICE = [hours(day, "08:00", "16:00") for day in range(5)]  # Monday to Friday 8–16


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


def test_open_from_the_opening_minute_and_closed_from_the_closing_minute():
    schedule = Schedule(OFFICE)
    assert not schedule.is_open_at(at(MONDAY, "07:59"))
    assert schedule.is_open_at(at(MONDAY, "08:00"))
    assert schedule.is_open_at(at(MONDAY, "15:59"))
    assert not schedule.is_open_at(at(MONDAY, "16:00"))


def test_status_phrases_in_polish():
    schedule = Schedule(OFFICE)
    assert schedule.status(at(MONDAY, "07:00")) == "Zamknięte — otwieramy dziś o 8:00"
    assert schedule.status(at(MONDAY, "08:00")) == "Otwarte teraz, do 16:00"
    assert schedule.status(at(MONDAY, "16:00")) == "Zamknięte — otwieramy jutro o 8:00"
    friday = date(2025, 3, 7)
    assert schedule.status(at(friday, "17:00")) == "Zamknięte — otwieramy w poniedziałek o 8:00"
    assert schedule.next_opening(at(friday, "17:00")) == datetime(2025, 3, 10, 8, 0)


def test_a_time_in_another_zone_is_read_as_warsaw_time():
    schedule = Schedule(OFFICE)
    # 7:30 UTC is 8:30 in Warsaw in March (CET).
    assert schedule.is_open_at(datetime(2025, 3, 3, 7, 30, tzinfo=UTC))
    # 14:30 UTC is 16:30 in Warsaw in July (CEST): closed.
    assert not schedule.is_open_at(datetime(2025, 7, 7, 14, 30, tzinfo=UTC))
    assert schedule.is_open_at(datetime(2025, 7, 7, 13, 30, tzinfo=UTC))


def test_overnight_range_runs_past_midnight():
    schedule = Schedule([hours(4, "22:00", "02:00")])  # Friday night
    friday, saturday = date(2025, 3, 7), date(2025, 3, 8)
    assert schedule.is_open_at(at(friday, "23:30"))
    assert schedule.status(at(friday, "23:30")) == "Otwarte teraz, do 2:00"
    assert schedule.is_open_at(at(saturday, "01:59"))
    assert not schedule.is_open_at(at(saturday, "02:00"))
    assert not schedule.is_open_at(at(friday, "21:59"))
    assert schedule.next_opening(at(saturday, "02:00")) == datetime(2025, 3, 14, 22, 0)


def test_two_ranges_on_one_day():
    schedule = Schedule([hours(0, "08:00", "12:00"), hours(0, "14:00", "18:00")])
    assert schedule.status(at(MONDAY, "12:30")) == "Zamknięte — otwieramy dziś o 14:00"
    assert schedule.day_summary(MONDAY) == "8:00–12:00, 14:00–18:00"


def test_no_hours_at_all():
    schedule = Schedule([])
    assert not schedule
    assert not schedule.is_open_at(at(MONDAY, "10:00"))
    assert schedule.next_opening(at(MONDAY, "10:00")) is None
    assert schedule.status(at(MONDAY, "10:00")) == "Zamknięte"
    assert schedule.day_summary(MONDAY) == "nieczynne"


def test_closure_replaces_the_days_hours():
    schedule = Schedule(OFFICE, [exception(MONDAY, note="Dzień wolny")])
    assert not schedule.is_open_at(at(MONDAY, "10:00"))
    assert schedule.status(at(MONDAY, "07:00")) == "Zamknięte — otwieramy jutro o 8:00"
    assert schedule.is_open_at(at(date(2025, 3, 4), "10:00"))


def test_closure_over_several_days_and_far_next_opening():
    summer = exception(date(2025, 7, 1), to=date(2025, 8, 31), note="przerwa wakacyjna")
    schedule = Schedule(OFFICE, [summer])
    assert not schedule.is_open_at(at(date(2025, 7, 15), "10:00"))
    assert schedule.next_opening(at(date(2025, 7, 15), "10:00")) == datetime(2025, 9, 1, 8, 0)
    assert schedule.status(at(date(2025, 7, 15), "10:00")) == (
        "Zamknięte — otwieramy 1 września o 8:00"
    )


def test_changed_hours_on_one_day():
    eve = date(2025, 12, 24)  # a Wednesday
    schedule = Schedule(OFFICE, [exception(eve, closed=False, opens="08:00", closes="12:00")])
    assert schedule.is_open_at(at(eve, "11:59"))
    assert not schedule.is_open_at(at(eve, "12:00"))
    assert schedule.day_summary(eve) == "8:00–12:00"


def test_exception_with_hours_on_a_day_normally_closed():
    sunday = date(2025, 3, 9)
    schedule = Schedule(OFFICE, [exception(sunday, closed=False, opens="10:00", closes="13:00")])
    assert schedule.status(at(date(2025, 3, 8), "12:00")) == "Zamknięte — otwieramy jutro o 10:00"


def test_only_exceptions_from_today_go_to_the_browser():
    past = exception(date(2025, 1, 1))
    coming = exception(date(2025, 3, 10), to=date(2025, 3, 11))
    data = Schedule(OFFICE, [past, coming]).as_json(MONDAY)
    assert data["week"][0] == [["08:00", "16:00"]]
    assert data["week"][6] == []
    assert data["exceptions"] == [{"from": "2025-03-10", "to": "2025-03-11", "hours": []}]


@time_machine.travel(datetime(2025, 3, 3, 9, 15, tzinfo=WARSAW), tick=False)
def test_local_now_uses_the_frozen_warsaw_time():
    assert local_now() == datetime(2025, 3, 3, 9, 15)
    assert Schedule(OFFICE).is_open_at()


# The browser computes the same answers from the JSON (static/js/opening-hours.js).

JS_CASES = [
    (OFFICE, [], at(MONDAY, "07:00")),
    (OFFICE, [], at(MONDAY, "08:00")),
    (OFFICE, [], at(MONDAY, "16:00")),
    (OFFICE, [], at(date(2025, 3, 7), "17:00")),
    (OFFICE, [exception(MONDAY)], at(MONDAY, "07:00")),
    (OFFICE, [exception(date(2025, 7, 1), to=date(2025, 8, 31))], at(date(2025, 7, 2), "09:00")),
    (OFFICE, [exception(MONDAY, closed=False, opens="09:00", closes="11:00")], at(MONDAY, "10:00")),
    ([hours(4, "22:00", "02:00")], [], at(date(2025, 3, 8), "01:30")),
    ([hours(4, "22:00", "02:00")], [], at(date(2025, 3, 8), "02:00")),
    ([hours(0, "08:00", "12:00"), hours(0, "14:00", "18:00")], [], at(MONDAY, "12:30")),
    # Late October: the clocks go back on Sunday 26 October 2025.
    (OFFICE, [], datetime(2025, 10, 25, 12, 0, tzinfo=UTC)),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_browser_script_agrees_with_python():
    texts = status_texts()
    cases = []
    expected = []
    for rows, exceptions, moment in JS_CASES:
        schedule = Schedule(rows, exceptions)
        day = local_now(moment).date()
        cases.append({"data": schedule.as_json(day), "now": moment.astimezone(UTC).isoformat()})
        expected.append(
            {
                "open": schedule.is_open_at(moment),
                "status": schedule.status(moment),
                "today": texts["todayHours"] % {"hours": schedule.day_summary(day)},
            }
        )
    script = (
        f"const api = require({json.dumps(str(JS))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = input.cases.map(c => api.describe("
        "c.data, api.warsawNow(new Date(c.now)), input.texts, 'pl'));"
        "process.stdout.write(JSON.stringify(out));"
    )
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps({"cases": cases, "texts": texts}),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert json.loads(result.stdout) == expected


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_browser_script_leaves_units_without_hours_alone():
    script = (
        f"const api = require({json.dumps(str(JS))});"
        "const now = api.warsawNow(new Date('2025-03-03T10:00:00Z'));"
        "process.stdout.write(JSON.stringify(api.describe("
        "{week: [[], [], [], [], [], [], []], exceptions: []}, now, {}, 'pl')));"
    )
    result = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert result.stdout == "null"
