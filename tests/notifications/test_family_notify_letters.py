"""Family notices through GOV.UK Notify: letters posted as their own PDF, text messages on their own template.

As in test_notifications_notify_backend.py, the real notifications-python-client runs over a fake
HTTP layer (requests.Session.request is patched); nothing above it is faked.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from unittest import mock

import pytest
import requests

from sendcase.cases import services
from sendcase.notifications.family.actions import letter_send
from sendcase.notifications.models import Channel, OutboxMessage, Status
from sendcase.people.models import Channel as Preferred
from tests.notifications.family_builders import add_letter_parent, add_parent
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

API_KEY = f"sendcase_test-{uuid.uuid4()}-{uuid.uuid4()}"
SMS_TEMPLATE_ID = str(uuid.uuid4())


@pytest.fixture(autouse=True)
def notify_settings(settings):
    settings.SENDCASE_NOTIFY_BACKEND = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = ""
    settings.NOTIFY_TEMPLATE_IDS = {"family_notice_request_received.sms": SMS_TEMPLATE_ID}


@pytest.fixture
def http():
    response = requests.Response()
    response.status_code = 201
    response._content = json.dumps({"id": "5b1c0000-0000-4000-8000-000000000001"}).encode()
    response.headers["Content-Type"] = "application/json"
    with mock.patch.object(requests.Session, "request", autospec=True, return_value=response) as fake:
        yield fake


def test_a_checked_letter_is_posted_as_its_pdf_first_class(
    http, officer, child, today, django_capture_on_commit_callbacks
):
    add_letter_parent(officer, child)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(actor=officer, child=child, received_on=today, source="parent")
    letter = OutboxMessage.objects.get(channel=Channel.LETTER)
    assert letter.status == Status.HELD and http.call_count == 0  # nothing posted before a person checks it
    with django_capture_on_commit_callbacks(execute=True):
        letter_send(actor=officer, message=letter)
    _session, method, url = http.call_args.args
    assert (method, url) == ("POST", "https://api.notifications.service.gov.uk/v2/notifications/letter")
    sent = json.loads(http.call_args.kwargs["data"])
    assert sent["reference"] == str(letter.pk) and sent["postage"] == "first"
    pdf = base64.b64decode(sent["content"])
    text = pdf_text(pdf, pages=slice(0, 1))
    assert "We have received a request for an assessment" in text and "DT1 1AA" in text
    letter.refresh_from_db()
    assert (letter.status, letter.provider_id) == (Status.SENT, "5b1c0000-0000-4000-8000-000000000001")


def test_a_family_text_message_uses_its_own_sms_template(
    http, officer, child, today, django_capture_on_commit_callbacks
):
    add_parent(officer, child, "Sam", "Hart", email="", mobile="07700900123", preferred_channel=Preferred.SMS)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(actor=officer, child=child, received_on=today - dt.timedelta(days=1), source="parent")
    _session, _method, url = http.call_args.args
    assert url.endswith("/v2/notifications/sms")
    sent = json.loads(http.call_args.kwargs["data"])
    assert sent["template_id"] == SMS_TEMPLATE_ID
    assert set(sent["personalisation"]) == {"council", "date", "reference", "link"}
    assert child.first_name not in json.dumps(sent)
