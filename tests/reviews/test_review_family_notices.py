"""Each step after a review meeting tells the family in its own transaction; a refused step tells nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import Channel, OutboxMessage
from sendcase.reviews import services
from tests.notifications.family_builders import add_letter_parent, add_parent

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def parents(officer, child):
    return add_parent(officer, child, "Maya", "Hart"), add_letter_parent(officer, child)


def _notices(child, notice):
    return list(OutboxMessage.objects.filter(child=child, notice=notice))


def test_a_review_decision_tells_each_parent_on_their_channel(held, officer, child, parents):
    services.review_decision_record(
        actor=officer, review=held, decision="maintain", sent_on=D(2025, 4, 20), expected_version=held.version
    )
    sent = _notices(child, "review_decision")
    assert sorted(m.channel for m in sent) == [Channel.EMAIL, Channel.LETTER]
    email = next(m for m in sent if m.channel == Channel.EMAIL)
    assert email.recipient == parents[0].email and "20 April 2025" in email.body
    letter = next(m for m in sent if m.channel == Channel.LETTER).letter
    assert "We will keep the plan as it is" in letter.text
    assert "The tribunal must receive your appeal by 20 June 2025" in letter.text


def test_a_review_decision_to_cease_starts_the_consultation_and_has_no_appeal_clock_yet(held, officer, child, parents):
    services.review_decision_record(
        actor=officer,
        review=held,
        decision="cease",
        sent_on=D(2025, 4, 20),
        cease_reason="2",
        expected_version=held.version,
    )
    letter = OutboxMessage.objects.get(child=child, notice="review_decision", channel=Channel.LETTER).letter
    assert "We are thinking about ending the plan" in letter.text
    assert "We have not decided yet." in letter.text
    assert "The tribunal must receive" not in letter.text


def test_a_refused_review_decision_tells_nobody(held, officer, child, parents):
    with pytest.raises(ValidationFailed):
        services.review_decision_record(
            actor=officer, review=held, decision="maintain", sent_on=D(2025, 6, 3), expected_version=held.version
        )
    assert not _notices(child, "review_decision")


def test_proposed_amendments_refused_before_a_decision_to_amend_tell_nobody(held, officer, child, parents):
    with pytest.raises(ValidationFailed):
        services.review_amendments_send(
            actor=officer, review=held, sent_on=D(2025, 4, 20), expected_version=held.version
        )
    assert not _notices(child, "amendments_proposed")


def test_when_the_amended_plan_cannot_be_issued_the_family_is_not_told_it_was(proposed, officer, child, parents):
    # No issued version of the plan yet: sendcase.plans refuses, and the whole step rolls back.
    with pytest.raises(ValidationFailed):
        services.review_amended_plan_issue(
            actor=officer, review=proposed, issued_on=D(2025, 5, 20), expected_version=proposed.version
        )
    assert not _notices(child, "amended_plan")


def test_the_amended_plan_and_not_amending_tell_the_family(parents, versioned_plan, proposed, officer, child):
    services.review_amended_plan_issue(
        actor=officer, review=proposed, issued_on=D(2025, 5, 20), expected_version=proposed.version
    )
    assert len(_notices(child, "amended_plan")) == 2
    assert len(_notices(child, "amendments_proposed")) == 2  # sent by the `proposed` fixture
