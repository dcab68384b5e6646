"""A news post has one publication date, whichever control staff use (issue 21, item 5)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsPage
from tests.factories import make_index, make_post

FORMAT = "%Y-%m-%d %H:%M"


@pytest.fixture
def post(home):
    return make_post(make_index(home), "Zbiórka zabawek", days_ago=2)


def edit_form(post, **fields):
    """The post's admin form, bound to what the editor sends (its saved values, changed)."""
    form_class = NewsPage.get_edit_handler().get_form_class()
    data = {
        "title": post.title,
        "slug": post.slug,
        "date": timezone.localtime(post.date).strftime(FORMAT),
        "lead": post.lead,
        "body": streamfield([("paragraph", rich_text("<p>Treść.</p>"))]),
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    form = form_class(nested_form_data(data), instance=post, for_user=None, parent_page=None)
    form.full_clean()
    return form


def minutes(moment):
    return moment.replace(second=0, microsecond=0)


def in_days(days):
    return minutes(timezone.localtime() + datetime.timedelta(days=days))


@pytest.mark.django_db
def test_a_time_set_in_the_schedule_dialog_becomes_the_posts_date(post):
    later = in_days(3)
    form = edit_form(post, go_live_at=later.strftime(FORMAT))
    assert form.is_valid(), form.errors
    assert form.instance.date == later and form.instance.go_live_at == later


@pytest.mark.django_db
def test_a_future_date_schedules_the_post(post):
    later = in_days(5)
    form = edit_form(post, date=later.strftime(FORMAT))
    assert form.is_valid(), form.errors
    assert form.instance.go_live_at == later


@pytest.mark.django_db
def test_moving_the_date_back_drops_the_schedule_left_from_before(post):
    post.date = post.go_live_at = in_days(4)
    post.save()
    now = in_days(0)
    form = edit_form(
        post,
        date=now.strftime(FORMAT),
        go_live_at=timezone.localtime(post.go_live_at).strftime(FORMAT),
    )
    assert form.is_valid(), form.errors
    assert form.instance.date == now and form.instance.go_live_at is None


@pytest.mark.django_db
def test_the_scheduling_fields_say_what_they_do(post):
    form = edit_form(post)
    assert "„Data publikacji”" in str(form.fields["go_live_at"].help_text)
    assert "zniknąć" in str(form.fields["expire_at"].help_text)
    assert "Zaplanuj publikację" in str(form.fields["date"].help_text)
