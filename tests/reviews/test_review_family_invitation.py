"""Sending the review invitations invites the family too, on each parent's own channel."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import OutboxMessage
from sendcase.reviews import services
from tests.notifications.family_builders import add_letter_parent, add_parent

pytestmark = pytest.mark.django_db


def test_each_parent_is_invited_to_the_review_on_their_channel(
    scheduled, officer, child, django_capture_on_commit_callbacks
):
    mother = add_parent(officer, child, "Maya", "Hart")
    father = add_letter_parent(officer, child)

    with django_capture_on_commit_callbacks(execute=True):
        services.review_invitations_send(
            actor=officer, review=scheduled, sent_on=dt.date(2025, 3, 10), expected_version=scheduled.version
        )

    invitations = OutboxMessage.objects.filter(child=child, notice="review_invitation")
    by_recipient = {m.channel: m for m in invitations}
    assert set(by_recipient) == {"email", "letter"}
    email = by_recipient["email"]
    assert mother.email in email.recipient
    assert "1 April 2025" in email.body
    assert child.first_name not in email.body and child.last_name not in email.subject
    assert father.last_name in by_recipient["letter"].recipient


def test_invitations_refused_for_short_notice_invite_nobody(
    scheduled, officer, child, django_capture_on_commit_callbacks
):
    add_parent(officer, child, "Maya", "Hart")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed) as refused:
        services.review_invitations_send(
            actor=officer, review=scheduled, sent_on=dt.date(2025, 3, 25), expected_version=scheduled.version
        )
    assert "2 weeks" in str(refused.value.field_errors["sent_on"])
    assert not OutboxMessage.objects.filter(child=child, notice="review_invitation").exists()
