"""The notifications gateway: every message recorded, rendered from a template, never with a child's details."""

from __future__ import annotations

import pytest

from sendcase.notifications.models import OutboxMessage
from sendcase.notifications.services import notify

pytestmark = pytest.mark.django_db

FIELDS = {
    "council": "Dorset Council",
    "contributor": "health",
    "reference": "SC-ABC1234",
    "due_date": "24 June 2025",
    "link": "https://sendcase.example/advice/1/",
}


def test_a_message_is_rendered_from_its_template_and_kept_in_the_outbox(
    child, django_capture_on_commit_callbacks, settings
):
    settings.SENDCASE_NOTIFY_BACKEND = "outbox"
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(to="gp@nhs.example", template="advice_requested", personalisation=FIELDS, about_child=child)
    message.refresh_from_db()
    assert message.subject == "Request for advice for an EHC needs assessment: SC-ABC1234"
    assert "has asked for health advice" in message.body
    assert "Advice due by: 24 June 2025" in message.body
    assert "https://sendcase.example/advice/1/" in message.body
    assert (message.status, message.backend, message.attempts) == ("sent", "outbox", 1)
    assert message.child == child
    assert message.local_authority == child.local_authority


def test_a_message_is_only_handed_on_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = notify(to="gp@nhs.example", template="advice_requested", personalisation=FIELDS)
    message.refresh_from_db()
    assert message.status == "queued"
    assert len(callbacks) == 1


def test_a_field_the_template_does_not_take_is_refused_so_no_child_details_can_slip_in():
    with pytest.raises(ValueError, match="not allowed \\['child_name'\\]"):
        notify(
            to="gp@nhs.example",
            template="advice_requested",
            personalisation=FIELDS | {"child_name": "Amelia Hart"},
        )
    with pytest.raises(ValueError, match="missing \\['due_date'\\]"):
        notify(
            to="gp@nhs.example",
            template="advice_requested",
            personalisation={k: v for k, v in FIELDS.items() if k != "due_date"},
        )
    with pytest.raises(ValueError, match="No message template called 'welcome'"):
        notify(to="gp@nhs.example", template="welcome", personalisation={})
    assert not OutboxMessage.objects.exists()


def test_values_are_plain_text_not_html():
    message = notify(
        to="gp@nhs.example", template="advice_requested", personalisation=FIELDS | {"council": "Bath & North East"}
    )
    assert "Bath & North East" in message.body
    assert "&amp;" not in message.body
