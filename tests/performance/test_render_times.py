"""``manage.py render_times`` (make bench's in-process figures) measures real renders."""

import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from demo.management.commands import render_times


@pytest.mark.django_db
def test_every_main_page_type_is_rendered_with_its_queries(demo_site):
    out = StringIO()
    call_command("render_times", "--json", "--repeat", "2", stdout=out)
    rows = json.loads(out.getvalue())
    assert list(rows) == list(render_times.TARGETS)
    for name, row in rows.items():
        # Not the page cache's copy: a render asks the database (a cached answer would not).
        assert row["queries"] > 0, name
        assert 0 < row["fastest_ms"] <= row["median_ms"], name
        assert row["bytes"] > 5000, name


@pytest.mark.django_db
def test_a_page_that_does_not_answer_200_stops_the_measurement(demo_site):
    missing = mock.patch.object(render_times, "target_urls", return_value={"home": "/nie-ma/"})
    with missing, pytest.raises(CommandError, match="answered 404"):
        call_command("render_times", "--repeat", "1", stdout=StringIO())
