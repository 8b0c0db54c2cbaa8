"""Delivery receipts: GOV.UK Notify calls back with each message's status; a family not reached is contacted
another way."""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.notifications.models import Channel, OutboxMessage, Status
from sendcase.notifications.services import notify
from tests.notifications.family_builders import add_parent

pytestmark = pytest.mark.django_db

URL = reverse("notifications:notify-receipts")
TOKEN = "b6f1c0d2-receipts-token-for-tests"


@pytest.fixture(autouse=True)
def token(monkeypatch):
    monkeypatch.setenv("NOTIFY_CALLBACK_TOKEN", TOKEN)
    monkeypatch.delenv("NOTIFY_CALLBACK_TOKEN_FILE", raising=False)


@pytest.fixture
def email(officer, child, today, django_capture_on_commit_callbacks):
    parent = add_parent(officer, child, "Grace", "Hart", mobile="07700900123")
    with django_capture_on_commit_callbacks(execute=True):  # handed to the backend, as after commit
        services.request_create(actor=officer, child=child, received_on=today, source="parent")
    return OutboxMessage.objects.get(notice="request_received", family_member=parent)


def receipt(client, reference, status, *, token=TOKEN, **extra):
    payload = {
        "id": str(uuid.uuid4()),
        "reference": str(reference),
        "to": "grace@family.example",
        "status": status,
        "notification_type": "email",
        "created_at": "2025-06-02T10:00:00.000000Z",
        "completed_at": "2025-06-02T10:00:05.000000Z",
        "sent_at": "2025-06-02T10:00:01.000000Z",
    } | extra
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(URL, json.dumps(payload), content_type="application/json", **headers)


def _receipt_events(message):
    return AuditEvent.objects.filter(object_id=str(message.pk), summary__startswith="GOV.UK Notify delivery receipt")


def test_a_delivered_email_is_marked_delivered_and_audited_without_personal_data(client, email):
    assert email.status == Status.SENT
    assert receipt(client, email.pk, "delivered").status_code == 200
    email.refresh_from_db()
    assert email.status == Status.DELIVERED
    event = _receipt_events(email).get()
    assert event.summary == "GOV.UK Notify delivery receipt: email delivered"
    assert event.changes == {"status": ["sent", "delivered"]}
    assert event.actor_label == "SENDcase (automatic)"
    recorded = json.dumps({"summary": event.summary, "changes": event.changes})
    assert "grace" not in recorded.lower() and "Amelia" not in recorded


def test_a_permanent_failure_gives_the_officer_a_task_to_contact_the_family_another_way(client, email, officer):
    receipt(client, email.pk, "permanent-failure")
    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert "does not exist" in email.error
    task = OutboxMessage.objects.get(channel=Channel.PHONE, notice="request_received")
    assert (task.status, task.assigned_to, task.family_member_id) == (Status.TO_DO, officer, email.family_member_id)
    assert task.recipient == "07700900123"
    assert task.subject.startswith("Contact Grace Hart another way: the email about")
    assert task.letter.text == email.letter.text  # the whole notice, to say on the phone or post
    # The same receipt again (Notify retries) changes nothing and makes no second task.
    receipt(client, email.pk, "permanent-failure")
    assert OutboxMessage.objects.filter(channel=Channel.PHONE).count() == 1
    assert _receipt_events(email).count() == 1


def test_the_task_is_on_the_officer_s_list_and_the_failure_on_the_case_page(client, client_for, email, officer, child):
    receipt(client, email.pk, "temporary-failure")
    staff = client_for(officer)
    tasks = staff.get(reverse("notifications:family-tasks")).content.decode()
    assert "Contact Grace Hart another way" in tasks
    case = staff.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "the inbox was full or the phone was off" in case


def test_a_failed_text_message_to_a_family_makes_a_task_too(client, officer, child, today):
    from sendcase.people.models import Channel as Preferred

    add_parent(officer, child, "Sam", "Hart", email="", mobile="07700900123", preferred_channel=Preferred.SMS)
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    sms = OutboxMessage.objects.get(channel=Channel.SMS)
    receipt(client, sms.pk, "permanent-failure", notification_type="sms")
    assert OutboxMessage.objects.get(channel=Channel.PHONE).subject.startswith("Contact Sam Hart another way: the text")


def test_a_message_not_to_a_family_fails_without_a_task(client, child):
    message = notify(
        to="esme@ep.example",
        template="advice_submitted",
        personalisation={
            "contributor": "EP",
            "reference": child.reference,
            "received_date": "2 June 2025",
            "link": "x",
        },
        about_child=child,
    )
    receipt(client, message.pk, "permanent-failure")
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert not OutboxMessage.objects.filter(channel=Channel.PHONE).exists()


def test_statuses_on_the_way_and_a_delivery_after_a_failure_change_nothing(client, email):
    receipt(client, email.pk, "sending")
    email.refresh_from_db()
    assert email.status == Status.SENT
    receipt(client, email.pk, "technical-failure")
    receipt(client, email.pk, "delivered")
    email.refresh_from_db()
    assert email.status == Status.FAILED


@pytest.mark.parametrize("reference", [uuid.uuid4(), "not-a-uuid", ""])
def test_an_unknown_reference_is_ignored_with_200_as_notify_expects(client, email, reference):
    events = AuditEvent.objects.count()
    assert receipt(client, reference, "delivered").status_code == 200
    email.refresh_from_db()
    assert email.status == Status.SENT and AuditEvent.objects.count() == events


@pytest.mark.parametrize("token", [None, "wrong-token", TOKEN[:-1], TOKEN + "x", ""])
def test_a_call_without_the_right_bearer_token_is_refused(client, email, token):
    assert receipt(client, email.pk, "delivered", token=token).status_code == 403
    email.refresh_from_db()
    assert email.status == Status.SENT


def test_with_no_token_configured_every_call_is_refused(client, email, monkeypatch):
    monkeypatch.delenv("NOTIFY_CALLBACK_TOKEN")
    assert receipt(client, email.pk, "delivered", token="").status_code == 403
    assert receipt(client, email.pk, "delivered", token="anything").status_code == 403


def test_the_token_can_come_from_a_file(client, email, monkeypatch, tmp_path):
    secret = tmp_path / "token"
    secret.write_text("from-a-file-token-42\n")
    monkeypatch.delenv("NOTIFY_CALLBACK_TOKEN")
    monkeypatch.setenv("NOTIFY_CALLBACK_TOKEN_FILE", str(secret))
    assert receipt(client, email.pk, "delivered", token="from-a-file-token-42").status_code == 200


def test_only_a_json_object_posted_is_accepted(client, email):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
    assert client.post(URL, "not json", content_type="application/json", **auth).status_code == 400
    assert client.post(URL, "[1, 2]", content_type="application/json", **auth).status_code == 400
    assert client.get(URL, **auth).status_code == 405
