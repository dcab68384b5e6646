"""'Czy ta strona była pomocna?': a cache-safe POST, limits, bots, the admin report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pages.models import StandardPage
from services.feedback import RATE_LIMIT
from services.models import Feedback
from tests.factories import make_service, make_service_topic, publish_child

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
URL = "/opinia/"


@pytest.fixture
def pages(home, site_settings):
    topic = make_service_topic(home)
    service = make_service(topic, "Zasiłek stały")
    content = publish_child(home, StandardPage(title="O nas", slug="o-nas"))
    return service, content


def post(client, data, **extra):
    return client.post(URL, data, HTTP_USER_AGENT=BROWSER, **extra)


def test_form_is_on_service_and_content_pages_and_the_page_stays_cached(pages, client):
    for page in pages:
        first = client.get(page.url, HTTP_USER_AGENT=BROWSER)
        html = first.content.decode()
        assert "Czy ta strona była pomocna?" in html
        assert f'name="page" value="{page.pk}"' in html
        assert 'action="/opinia/"' in html
        assert "csrfmiddlewaretoken" not in html
        assert "Set-Cookie" not in first.headers and not first.cookies
        assert "cookie" not in first.get("Vary", "").lower()
        post(client, {"page": page.pk, "helpful": "tak"})
        again = client.get(page.url, HTTP_USER_AGENT=BROWSER)
        assert again["X-Cache"] == "HIT"
        assert again.content == first.content


def test_answer_is_stored_without_personal_data(pages, client):
    service, _content = pages
    response = post(client, {"page": service.pk, "helpful": "nie", "comment": "Brak adresu."})
    assert response.status_code == 200
    assert "Dziękujemy" in response.content.decode()
    entry = Feedback.objects.get()
    assert (entry.page_id, entry.helpful, entry.comment, entry.handled) == (
        service.pk,
        False,
        "Brak adresu.",
        False,
    )
    assert {field.name for field in Feedback._meta.fields} == {
        "id",
        "page",
        "helpful",
        "comment",
        "created_at",
        "handled",
    }


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"helpful": "tak"}, 400),
        ({"page": "abc", "helpful": "tak"}, 400),
        ({"page": "999999", "helpful": "tak"}, 400),
        ({"page": "-1", "helpful": "tak"}, 400),
        ({"page": "PAGE", "helpful": "może"}, 400),
        ({"page": "PAGE", "comment": "Bez odpowiedzi"}, 400),
        ({"page": "PAGE", "helpful": "tak", "comment": "x" * 501}, 400),
    ],
)
def test_bad_input_is_refused_in_polish(pages, client, data, status):
    service, _content = pages
    data = {key: (service.pk if value == "PAGE" else value) for key, value in data.items()}
    response = post(client, data)
    assert response.status_code == status
    assert "Odpowiedź nie została zapisana" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_long_comment_is_refused_with_the_text_kept(pages, client):
    service, _content = pages
    response = post(client, {"page": service.pk, "helpful": "nie", "comment": "y" * 501})
    html = response.content.decode()
    assert "najwyżej 500 znaków" in html
    assert "y" * 501 in html
    assert (
        post(client, {"page": service.pk, "helpful": "nie", "comment": "y" * 500}).status_code
        == 200
    )


def test_bots_and_honeypot_are_ignored(pages, client):
    service, _content = pages
    bot = client.post(URL, {"page": service.pk, "helpful": "tak"}, HTTP_USER_AGENT="curl/8.0")
    trap = post(client, {"page": service.pk, "helpful": "tak", "strona_www": "http://spam"})
    assert bot.status_code == trap.status_code == 200
    assert Feedback.objects.count() == 0


def test_flood_is_refused_with_429_and_earlier_answers_are_kept(pages, client):
    service, _content = pages
    for _ in range(RATE_LIMIT.limit):
        assert post(client, {"page": service.pk, "helpful": "tak"}).status_code == 200
    refused = post(client, {"page": service.pk, "helpful": "tak"})
    assert refused.status_code == 429
    assert "zbyt wiele odpowiedzi" in refused.content.decode()
    assert Feedback.objects.count() == RATE_LIMIT.limit
    # Another connection is not affected.
    other = post(client, {"page": service.pk, "helpful": "nie"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_get_is_not_allowed(pages, client):
    assert client.get(URL).status_code == 405


def test_admin_report_counts_90_days_and_marks_handled(pages, admin_client):
    service, content = pages
    Feedback.objects.create(page=service, helpful=True)
    Feedback.objects.create(page=service, helpful=False, comment="Nie ma godzin.")
    old = Feedback.objects.create(page=service, helpful=False, comment="Stary komentarz")
    Feedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    Feedback.objects.create(page=content, helpful=True)
    report = admin_client.get(reverse("services_feedback")).content.decode()
    assert "Zasiłek stały" in report and "O nas" in report
    page_report = admin_client.get(reverse("services_feedback_page", args=[service.pk]))
    html = page_report.content.decode()
    assert "1 × tak, 1 × nie" in html
    assert "Nie ma godzin." in html
    assert "Stary komentarz" not in html
    entry = Feedback.objects.get(comment="Nie ma godzin.")
    response = admin_client.post(
        reverse("services_feedback_handled", args=[entry.pk]), {"handled": "1"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.handled


def test_report_needs_the_permission(pages, client, django_user_model):
    user = django_user_model.objects.create_user("redaktor", password="x" * 12)
    client.force_login(user)
    assert client.get(reverse("services_feedback")).status_code in (302, 403)
