"""Staff: the event form refuses bad dates in Polish, editors copy an event to a new date."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventPage
from staff.roles import EDITORS
from tests.factories import make_event, make_event_index


@pytest.fixture
def index(home):
    return make_event_index(home)


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_user(
        "redaktor", "r@example.pl", "Bardzo-dlugie-haslo-2026"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def event_form(**overrides):
    data = {
        "title": "Spotkanie Klubu Seniora",
        "slug": "spotkanie-klubu",
        "lead": "Co tydzień rozmowy i gimnastyka.",
        "start_date": "2026-12-08",
        "start_time": "10:00",
        "end_date": "",
        "end_time": "12:00",
        "repeat": "",
        "repeat_interval": "1",
        "repeat_until": "",
        "skip_public_holidays": "on",
        "skip_closed_days": "on",
        "skipped_dates": inline_formset([]),
        "status": "planned",
        "audience": "seniors",
        "registration": "none",
        "places_taken": "0",
        "body": streamfield([("paragraph", rich_text("<p>Zapraszamy.</p>"))]),
        "action-submit": "submit",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return f"/admin/pages/add/events/eventpage/{index.pk}/"


def test_editor_submits_an_event_for_moderation(client, editor, index):
    response = client.post(add_url(index), event_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="spotkanie-klubu")
    assert not event.live  # a moderator publishes it (the existing workflow)
    assert event.current_workflow_state is not None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2026-12-07"}, "Wydarzenie nie może się skończyć przed rozpoczęciem."),
        ({"end_time": "09:00"}, "Wydarzenie nie może się skończyć przed rozpoczęciem."),
        (
            {"repeat": "daily", "repeat_until": "2028-12-31"},
            "Ta reguła daje ponad 500 terminów.",
        ),
        ({"repeat": "weekly"}, "Podaj ostatni dzień, w którym wydarzenie może się odbyć."),
    ],
)
def test_bad_dates_are_refused_in_polish(client, editor, index, overrides, message):
    response = client.post(add_url(index), event_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()


def test_every_field_has_polish_help(client, editor, index):
    html = client.get(add_url(index)).content.decode()
    for text in ["Godzina rozpoczęcia", "Powtarza się do", "Bez dni ustawowo wolnych", "Placówka"]:
        assert text.lower() in html.lower(), text


def test_copy_to_a_new_date_in_two_clicks(client, editor, index):
    today = timezone.localdate()
    original = make_event(
        index,
        "Mikołajki",
        start_date=today + datetime.timedelta(days=3),
        status="postponed",
        original_date=today,
        places=20,
        places_taken=12,
    )
    listing = client.get(f"/admin/pages/{index.pk}/").content.decode()
    copy_url = f"/admin/wydarzenia/{original.pk}/kopiuj/"
    assert copy_url in listing  # click 1: "Kopiuj na nowy termin" in the page's menu
    form = client.get(copy_url)
    assert form.status_code == 200 and "Nowy termin" in form.content.decode()
    new_day = today + datetime.timedelta(days=368)
    response = client.post(copy_url, {"start_date": new_day.isoformat()})  # click 2
    copy = EventPage.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert not copy.live and copy.start_date == new_day
    assert copy.status == "planned" and copy.original_date is None and copy.places_taken == 0
    assert copy.slug == f"mikolajki-{new_day.isoformat()}"
    assert copy.get_latest_revision_as_object().start_date == new_day
    assert client.get(f"/admin/pages/{copy.pk}/edit/").status_code == 200
    assert EventPage.objects.get(pk=original.pk).start_date == original.start_date


def test_copy_view_refuses_bad_dates_and_strangers(client, editor, index):
    original = make_event(index, "Mikołajki")
    url = f"/admin/wydarzenia/{original.pk}/kopiuj/"
    assert client.post(url, {"start_date": "2026-02-30"}).status_code == 200
    assert EventPage.objects.count() == 1
    assert client.get("/admin/wydarzenia/999999/kopiuj/").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
