"""Ceasing, decision notices and orders tell the family in the step's own transaction; refusals tell nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.appeals import services
from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import Channel, OutboxMessage
from tests.appeals.conftest import ADVISER, REASONS
from tests.notifications.family_builders import add_letter_parent, add_parent

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def parents(officer, child):
    return add_parent(officer, child, "Maya", "Hart"), add_letter_parent(officer, child)


def _letter(child, notice):
    return OutboxMessage.objects.get(child=child, notice=notice, channel=Channel.LETTER).letter


def test_the_decision_to_cease_names_the_last_day_to_appeal_and_when_the_plan_may_end(parents, cease_decided, child):
    text = _letter(child, "cease_decision").text
    assert "We will keep the plan in place until at least 10 May 2025. This is the last day to appeal." in text
    assert "If nobody appeals, the plan will end on 11 May 2025." in text
    assert REASONS in text
    assert f"Mediation adviser: {ADVISER}." in text  # as the decision notice gives it (reg 32)
    email = OutboxMessage.objects.get(child=child, notice="cease_decision", channel=Channel.EMAIL)
    assert email.subject == "A decision about the plan has been made"


def test_deciding_to_keep_the_plan_says_so_without_an_appeal_section(officer, plan, child, parents):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=D(2025, 1, 13))
    services.cease_decide(
        actor=officer, proposal=proposal, decision="continue", decided_on=D(2025, 2, 3), expected_version=None
    )
    text = _letter(child, "cease_decision").text
    assert "We will keep the plan" in text and "On 3 February 2025 we decided to keep the plan." in text
    assert "If you disagree" not in text


def test_a_refused_decision_to_cease_tells_nobody(officer, plan, child, parents):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=D(2025, 1, 13))
    assert len(OutboxMessage.objects.filter(child=child, notice="cease_proposed")) == 2
    with pytest.raises(ValidationFailed):  # the family has not been consulted (reg 31(2))
        services.cease_decide(
            actor=officer,
            proposal=proposal,
            decision="cease",
            decided_on=D(2025, 3, 7),
            sent_on=D(2025, 3, 10),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            expected_version=None,
        )
    assert not OutboxMessage.objects.filter(child=child, notice="cease_decision").exists()


def test_a_family_whose_child_has_died_is_not_sent_a_notice_about_ending_the_plan(officer, plan, child, parents):
    services.cease_propose(actor=officer, plan=plan, reason="8", proposed_on=D(2025, 5, 1))
    assert not OutboxMessage.objects.filter(child=child, notice="cease_proposed").exists()


def test_a_duplicate_decision_notice_is_refused_and_tells_nobody_twice(parents, contents_notice, officer, child, plan):
    before = OutboxMessage.objects.filter(notice="decision_notice").count()
    with pytest.raises(ValidationFailed):
        services.decision_notice_send(
            actor=officer,
            child=child,
            about="plan_contents",
            decided_on=D(2025, 3, 7),
            sent_on=D(2025, 3, 10),
            reasons="Again",
            mediation_adviser=ADVISER,
            plan=plan,
        )
    assert OutboxMessage.objects.filter(notice="decision_notice").count() == before


def test_a_certificate_after_mediation_gives_the_later_appeal_deadline(parents, contents_notice, officer, child):
    mediation = services.mediation_record(
        actor=officer, notice=contents_notice, contacted_adviser_on=D(2025, 3, 20), mediation_held_on=D(2025, 4, 28)
    )
    services.certificate_record(
        actor=officer, mediation=mediation, issued_on=D(2025, 4, 30), kind="after_mediation", expected_version=None
    )
    text = _letter(child, "mediation_certificate").text
    # Sent 10 March: 2 months is 10 May; the certificate of 30 April gives 30 May, which is later.
    assert "The tribunal must receive your appeal by 30 May 2025." in text
    assert "mediation took place" in text


def test_a_dismissed_appeal_against_ceasing_tells_the_family_the_plan_can_end(parents, cease_decided, officer, child):
    appeal = services.tribunal_appeal_lodge(
        actor=officer, notice=cease_decided.notice, lodged_on=D(2025, 4, 1), grounds="cease"
    )
    services.tribunal_order_record(actor=officer, appeal=appeal, kind="dismiss_cease", made_on=D(2025, 5, 30))
    text = _letter(child, "tribunal_order").text
    assert "the tribunal agreed with our decision to end (cease)" in text
    assert "This means the plan can now end." in text
