"""The contact form against the outside test's findings (issue 22): a trusted client
address for its limit, no lost message when the cache is down, a capped message."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from tests.pages.test_pages import contact, contact_data  # noqa: F401 - fixture
from tests.security.test_redis_down import redis_down  # noqa: F401 - fixture

PROXY = "127.0.0.1"


def message_field(page):
    return next(f.clean_name for f in page.form_fields.all() if f.label == "Wiadomość")


def test_limit_keys_on_the_trusted_address_not_the_forged_one(contact, settings):  # noqa: F811
    """Finding 4: behind one proxy, the client writes the left of X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = []
    for i in range(8):
        forwarded = f"10.0.{i}.1, 203.0.113.7"  # forged left part, proxy-appended right part
        response = Client().post(
            contact.url, contact_data(contact), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        )
        statuses.append(response.status_code)
    assert statuses == [200] * 5 + [429] * 3
    assert FormSubmission.objects.count() == 5
    # another resident behind the same proxy is not affected
    other = Client().post(
        contact.url, contact_data(contact), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other.status_code == 200


def test_message_is_stored_and_sent_when_the_cache_is_down(contact, redis_down):  # noqa: F811
    """Finding 2: Redis down must not lose a resident's message (it answered 500)."""
    client = Client(raise_request_exception=False)
    response = client.post(contact.url, contact_data(contact))
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=contact).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("length, accepted", [(5000, True), (5001, False), (3_000_000, False)])
def test_message_length_is_capped(client, contact, length, accepted):  # noqa: F811
    """Finding 10: a 3 MB message was stored and mailed."""
    data = contact_data(contact, **{message_field(contact): "a" * length})
    response = client.post(contact.url, data)
    assert response.status_code == 200
    assert FormSubmission.objects.exists() is accepted
    assert len(mail.outbox) == int(accepted)
    if not accepted:
        assert "Wiadomość może mieć najwyżej 5000 znaków" in response.content.decode()
