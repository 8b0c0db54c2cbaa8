"""Sending through GOV.UK Notify.

GOV.UK Notify cannot be reached from where these tests run, so they use the real
notifications-python-client (NotificationsAPIClient builds the requests, signs them and reads the
answers) with a fake HTTP layer: requests.Session.request is patched to record each call and
return a canned Notify answer. Nothing above the HTTP layer is faked.
"""

from __future__ import annotations

import json
import uuid
from unittest import mock

import jwt
import pytest
import requests

from sendcase.notifications.models import OutboxMessage
from sendcase.notifications.services import MAX_ATTEMPTS, message_deliver, messages_retry, notify

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"sendcase_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())
GENERIC_SMS_ID = str(uuid.uuid4())
FIELDS = {
    "council": "Dorset Council",
    "contributor": "health",
    "reference": "SC-ABC1234",
    "due_date": "24 June 2025",
    "link": "https://sendcase.example/advice/1/",
}


@pytest.fixture(autouse=True)
def notify_settings(settings):
    settings.SENDCASE_NOTIFY_BACKEND = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = ""
    settings.NOTIFY_TEMPLATE_IDS = {"advice_requested": TEMPLATE_ID, "generic_sms": GENERIC_SMS_ID}


def answer(status: int, body: dict) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    response.headers["Content-Type"] = "application/json"
    response.url = "https://api.notifications.service.gov.uk/"
    return response


@pytest.fixture
def http():
    """The fake HTTP layer under notifications-python-client."""
    with mock.patch.object(requests.Session, "request", autospec=True) as fake:
        fake.return_value = answer(201, {"id": "7a1b9c2d-0000-4000-8000-000000000001"})
        yield fake


def sent_call(http, n=-1):
    _session, method, url = http.call_args_list[n].args
    return method, url, http.call_args_list[n].kwargs


def test_an_email_is_sent_with_the_configured_template_and_its_fields(http, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(to="gp@nhs.example", template="advice_requested", personalisation=FIELDS)
    method, url, kwargs = sent_call(http)
    assert (method, url) == ("POST", "https://api.notifications.service.gov.uk/v2/notifications/email")
    assert json.loads(kwargs["data"]) == {
        "email_address": "gp@nhs.example",
        "template_id": TEMPLATE_ID,
        "personalisation": FIELDS,
        "reference": str(message.pk),
    }
    token = kwargs["headers"]["Authorization"].removeprefix("Bearer ")
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["iss"] == SERVICE_ID
    message.refresh_from_db()
    assert (message.status, message.provider_id, message.backend) == (
        "sent",
        "7a1b9c2d-0000-4000-8000-000000000001",
        "notify",
    )
    assert message.sent_at is not None


def test_without_its_own_template_a_message_goes_through_the_channels_generic_one(http):
    message = OutboxMessage.objects.create(
        channel="sms",
        recipient="07700900123",
        template="advice_reminder",
        subject="Reminder: advice due",
        body="Advice for SC-ABC1234 is due on 24 June 2025.",
        backend="notify",
    )
    assert message_deliver(message_id=message.pk) == "sent"
    method, url, kwargs = sent_call(http)
    assert url.endswith("/v2/notifications/sms")
    assert json.loads(kwargs["data"])["template_id"] == GENERIC_SMS_ID
    assert json.loads(kwargs["data"])["personalisation"] == {
        "subject": "Reminder: advice due",
        "body": "Advice for SC-ABC1234 is due on 24 June 2025.",
    }


def test_a_4xx_from_notify_fails_the_message_and_is_never_retried(http, django_capture_on_commit_callbacks):
    http.return_value = answer(400, {"errors": [{"error": "BadRequestError", "message": "Not a valid email address"}]})
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(to="not-an-address", template="advice_requested", personalisation=FIELDS)
    message.refresh_from_db()
    assert message.status == "failed"
    assert "GOV.UK Notify refused the message" in message.error
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=message.created_at.replace(year=2000))
    assert messages_retry() == 0
    assert http.call_count == 1


def test_a_5xx_leaves_the_message_queued_and_a_later_retry_sends_it(http, django_capture_on_commit_callbacks):
    http.return_value = answer(500, {"errors": [{"error": "Exception", "message": "Internal server error"}]})
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(to="gp@nhs.example", template="advice_requested", personalisation=FIELDS)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=message.created_at.replace(year=2000))
    http.return_value = answer(201, {"id": "7a1b9c2d-0000-4000-8000-000000000002"})
    assert messages_retry() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.provider_id) == (
        "sent",
        2,
        "7a1b9c2d-0000-4000-8000-000000000002",
    )


def test_a_message_that_keeps_failing_is_marked_failed_after_the_last_try(http):
    http.side_effect = requests.ConnectionError("no route to host")
    message = OutboxMessage.objects.create(
        channel="email", recipient="gp@nhs.example", template="advice_requested", body="x", backend="notify"
    )
    for _ in range(MAX_ATTEMPTS):
        message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    assert message_deliver(message_id=message.pk) == "failed"
    assert http.call_count == MAX_ATTEMPTS


def test_a_message_another_process_is_sending_is_not_sent_again_unless_that_process_died(http):
    from django.utils import timezone

    message = OutboxMessage.objects.create(
        channel="email",
        recipient="gp@nhs.example",
        template="advice_requested",
        personalisation=FIELDS,
        body="x",
        backend="notify",
        claimed_at=timezone.now(),
    )
    assert message_deliver(message_id=message.pk) == "claimed elsewhere"
    assert http.call_count == 0
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - timezone.timedelta(minutes=3))
    assert message_deliver(message_id=message.pk) == "sent"
    assert http.call_count == 1


def test_a_letter_goes_with_the_address_as_notify_letter_lines(http, settings):
    settings.NOTIFY_TEMPLATE_IDS = {"advice_requested": TEMPLATE_ID}
    message = OutboxMessage.objects.create(
        channel="letter",
        recipient="Ms A Parent\n1 High Street\nDorchester\nDT1 1AA",
        template="advice_requested",
        personalisation=FIELDS,
        body="x",
        backend="notify",
    )
    assert message_deliver(message_id=message.pk) == "sent"
    _method, url, kwargs = sent_call(http)
    assert url.endswith("/v2/notifications/letter")
    assert json.loads(kwargs["data"])["personalisation"] == {
        "address_line_1": "Ms A Parent",
        "address_line_2": "1 High Street",
        "address_line_3": "Dorchester",
        "address_line_4": "DT1 1AA",
        **FIELDS,
    }
