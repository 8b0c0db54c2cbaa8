"""Ceasing a plan (regs 29-31, s.45 CFA): it stays maintained through the appeal window and any appeal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from sendcase.appeals import services
from sendcase.appeals.models import CeaseProposal, DecisionNotice
from sendcase.cases.models import Plan, PlanStatus
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.people.models import Child, Stage
from tests.appeals.conftest import ADVISER, REASONS

pytestmark = pytest.mark.django_db


def _refused(call, field):
    with pytest.raises(ValidationFailed) as caught:
        call()
    assert field in caught.value.field_errors, caught.value.field_errors
    return caught.value.field_errors[field]


def test_a_decision_to_cease_keeps_the_plan_until_the_appeal_window_closes(cease_decided, plan):
    # Notice sent 10 March 2025: appeal window to 10 May 2025 (r.20(1)(c)); may end from 11 May (s.45).
    notice = cease_decided.notice
    assert notice.about == "cease"
    assert notice.appeal_deadline_on == dt.date(2025, 5, 10)
    assert cease_decided.cease_effective_on == dt.date(2025, 5, 11)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert plan.ceased_on is None


def test_ceasing_inside_the_window_is_refused_with_the_date_and_nothing_is_written(
    officer, cease_decided, plan, audit_count
):
    before = audit_count()
    message = _refused(
        lambda: services.plan_cease_finalise(
            actor=officer,
            proposal=cease_decided,
            ceased_on=dt.date(2025, 5, 10),
            expected_version=cease_decided.version,
        ),
        "ceased_on",
    )
    assert message == "The plan must be maintained until 10 May 2025, when the appeal window closes (s.45, reg 33)"
    assert audit_count() == before
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE


def test_after_the_window_closes_with_no_appeal_the_plan_ceases_with_its_sen2_reason(
    officer, cease_decided, plan, child
):
    ended = services.plan_cease_finalise(
        actor=officer, proposal=cease_decided, ceased_on=dt.date(2025, 5, 12), expected_version=cease_decided.version
    )
    plan.refresh_from_db()
    assert ended.pk == plan.pk
    assert plan.status == PlanStatus.CEASED
    assert plan.ceased_on == dt.date(2025, 5, 12)
    assert plan.cease_reason == "2"  # SEN2 CeaseReason: needs met without a plan
    # The caseload no longer shows an annual review for a plan that has ended.
    assert Child.objects.get(pk=child.pk).stage == Stage.CLOSED


def test_a_plan_whose_window_is_still_open_today_cannot_end_today(officer, plan, mother, today):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="3", proposed_on=dt.date(2025, 3, 3))
    proposal = services.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=dt.date(2025, 3, 17),
        setting_consulted_on=dt.date(2025, 3, 17),
        expected_version=proposal.version,
    )
    proposal = services.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=dt.date(2025, 5, 1),
        sent_on=dt.date(2025, 5, 1),
        reasons=REASONS,
        mediation_adviser=ADVISER,
        expected_version=proposal.version,
    )
    message = _refused(
        lambda: services.plan_cease_finalise(
            actor=officer, proposal=proposal, ceased_on=today, expected_version=proposal.version
        ),
        "ceased_on",
    )
    assert "1 July 2025" in message
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE


def test_a_cease_date_inside_the_window_is_refused_before_any_notice_is_written(officer, plan, mother, audit_count):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    proposal = services.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=dt.date(2025, 1, 27),
        setting_consulted_on=dt.date(2025, 1, 27),
        expected_version=proposal.version,
    )
    before = audit_count()
    message = _refused(
        lambda: services.cease_decide(
            actor=officer,
            proposal=proposal,
            decision="cease",
            decided_on=dt.date(2025, 3, 7),
            sent_on=dt.date(2025, 3, 10),
            cease_on=dt.date(2025, 4, 30),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            expected_version=proposal.version,
        ),
        "cease_on",
    )
    assert message == "The plan must be maintained until 10 May 2025, when the appeal window closes (s.45, reg 33)"
    assert audit_count() == before
    assert not DecisionNotice.objects.exists()
    assert CeaseProposal.objects.get(pk=proposal.pk).decision == ""


def test_an_open_appeal_blocks_ceasing_and_a_dismissal_allows_it_at_once(officer, cease_decided, plan):
    appeal = services.tribunal_appeal_lodge(
        actor=officer, notice=cease_decided.notice, lodged_on=dt.date(2025, 5, 2), grounds="cease"
    )
    proposal = CeaseProposal.objects.get(pk=cease_decided.pk)
    assert proposal.cease_effective_on is None
    message = _refused(
        lambda: services.plan_cease_finalise(
            actor=officer, proposal=proposal, ceased_on=dt.date(2025, 5, 20), expected_version=proposal.version
        ),
        "ceased_on",
    )
    assert "lodged on 2 May 2025 and is still open" in message
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE

    # Reg 44(2)(a): the Tribunal dismisses the appeal on 27 May 2025; the plan may cease that day.
    order = services.tribunal_order_record(
        actor=officer, appeal=appeal, kind="dismiss_cease", made_on=dt.date(2025, 5, 27)
    )
    appeal.refresh_from_db()
    assert (appeal.status, appeal.outcome, appeal.concluded_on) == ("concluded", "dismissed", dt.date(2025, 5, 27))
    proposal.refresh_from_db()
    assert proposal.cease_effective_on == dt.date(2025, 5, 27)
    services.plan_cease_finalise(
        actor=officer, proposal=proposal, ceased_on=dt.date(2025, 5, 27), expected_version=proposal.version
    )
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CEASED
    assert order.steps.get(step="cease").complied_on == dt.date(2025, 5, 27)


def test_when_the_tribunal_allows_the_appeal_the_plan_continues(officer, cease_decided, plan):
    appeal = services.tribunal_appeal_lodge(
        actor=officer, notice=cease_decided.notice, lodged_on=dt.date(2025, 5, 2), grounds="cease"
    )
    services.tribunal_appeal_update(
        actor=officer,
        appeal=appeal,
        hearing_on=dt.date(2025, 5, 28),
        concluded_on=dt.date(2025, 5, 28),
        outcome="allowed",
        expected_version=appeal.version,
    )
    proposal = CeaseProposal.objects.get(pk=cease_decided.pk)
    message = _refused(
        lambda: services.plan_cease_finalise(
            actor=officer, proposal=proposal, ceased_on=dt.date(2025, 6, 1), expected_version=proposal.version
        ),
        "ceased_on",
    )
    assert "allowed" in message
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    # The proposal is over, so a new one can be started later.
    assert services.open_proposal(plan) is None


def test_a_certificate_moves_the_first_day_the_plan_may_end(officer, cease_decided):
    # Certificate 25 April 2025: the family may appeal until 25 May 2025 (r.20(1)(c)(ii)), later than 10 May.
    notice = cease_decided.notice
    mediation = services.mediation_record(actor=officer, notice=notice, contacted_adviser_on=dt.date(2025, 4, 22))
    proposal = CeaseProposal.objects.get(pk=cease_decided.pk)
    blocked = _refused(
        lambda: services.plan_cease_finalise(
            actor=officer, proposal=proposal, ceased_on=dt.date(2025, 5, 12), expected_version=proposal.version
        ),
        "ceased_on",
    )
    assert "Record the mediation certificate first" in blocked
    services.certificate_record(
        actor=officer,
        mediation=mediation,
        issued_on=dt.date(2025, 4, 25),
        kind="not_wish",
        expected_version=mediation.version,
    )
    proposal.refresh_from_db()
    assert proposal.cease_effective_on == dt.date(2025, 5, 26)
    message = _refused(
        lambda: services.plan_cease_finalise(
            actor=officer, proposal=proposal, ceased_on=dt.date(2025, 5, 12), expected_version=proposal.version
        ),
        "ceased_on",
    )
    assert "25 May 2025" in message


def test_deciding_to_cease_needs_the_consultation_of_reg_31_first(officer, plan, mother):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    message = _refused(
        lambda: services.cease_decide(
            actor=officer,
            proposal=proposal,
            decision="cease",
            decided_on=dt.date(2025, 3, 7),
            sent_on=dt.date(2025, 3, 10),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            expected_version=proposal.version,
        ),
        "decision",
    )
    assert "reg 31(2)" in message


def test_the_school_named_in_the_plan_must_be_consulted(officer, plan, setting):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    message = _refused(
        lambda: services.cease_consultation_record(
            actor=officer,
            proposal=proposal,
            family_consulted_on=dt.date(2025, 1, 27),
            setting_consulted_on=None,
            expected_version=proposal.version,
        ),
        "setting_consulted_on",
    )
    assert setting.name in message


def test_deciding_to_continue_closes_the_proposal_without_a_notice(officer, plan):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    decided = services.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="continue",
        decided_on=dt.date(2025, 2, 3),
        expected_version=proposal.version,
    )
    assert decided.notice is None
    assert services.open_proposal(plan) is None
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE


def test_a_transfer_to_another_council_is_not_a_cease(officer, plan, audit_count):
    before = audit_count()
    _refused(
        lambda: services.cease_propose(actor=officer, plan=plan, reason="5", proposed_on=dt.date(2025, 1, 13)), "reason"
    )
    assert audit_count() == before
    assert not CeaseProposal.objects.exists()


def test_only_one_proposal_at_a_time(officer, plan):
    services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    _refused(
        lambda: services.cease_propose(actor=officer, plan=plan, reason="9", proposed_on=dt.date(2025, 1, 14)), "plan"
    )


def test_when_a_child_has_died_the_plan_ends_without_a_notice(officer, plan):
    proposal = services.cease_propose(actor=officer, plan=plan, reason="8", proposed_on=dt.date(2025, 5, 20))
    services.plan_cease_finalise(
        actor=officer, proposal=proposal, ceased_on=dt.date(2025, 5, 20), expected_version=proposal.version
    )
    plan.refresh_from_db()
    assert (plan.status, plan.cease_reason) == (PlanStatus.CEASED, "8")
    assert not DecisionNotice.objects.exists()


def test_a_stale_version_is_refused(officer, cease_decided):
    with pytest.raises(EditConflict):
        services.plan_cease_finalise(
            actor=officer,
            proposal=cease_decided,
            ceased_on=dt.date(2025, 5, 12),
            expected_version=cease_decided.version - 1,
        )


def test_read_only_staff_cannot_cease_a_plan(read_only, cease_decided, plan):
    with pytest.raises(PermissionDenied):
        services.plan_cease_finalise(
            actor=read_only,
            proposal=cease_decided,
            ceased_on=dt.date(2025, 5, 12),
            expected_version=cease_decided.version,
        )
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
