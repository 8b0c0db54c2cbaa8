"""The EHC needs assessment process through its services: each step, its clock, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.clock import request_steps
from sendcase.cases.models import AssessmentRequest, Outcome, Plan
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.people.models import Stage
from sendcase.timescales import StepState

pytestmark = pytest.mark.django_db


def steps_by_code(request, today):
    return {s.code.split(":")[0]: s for s in request_steps(request, today=today)}


def test_a_new_request_puts_the_decision_on_the_caseload_six_weeks_after_receipt(request_received, child, today):
    child.refresh_from_db()
    assert child.stage == Stage.REQUEST
    # Received 5 May 2025: reg 5(1) gives until 16 June 2025.
    assert request_received.received_on == dt.date(2025, 5, 5)
    assert child.next_due_on == dt.date(2025, 6, 16)
    assert child.next_due_step == "decision"
    step = steps_by_code(request_received, today)["decision"]
    assert step.status.state == StepState.DUE
    assert step.status.days == 14
    assert "Regulation 5(1)" in step.status.rule.regulation


def test_the_whole_process_from_request_to_final_plan(request_received, child, officer, setting, today):
    r = request_received
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 5, 20), expected_version=r.version
    )
    child.refresh_from_db()
    assert child.stage == Stage.ASSESSMENT
    # Next is the 16-week limit (reg 10(1)): 5 May + 112 days = 25 August 2025.
    assert child.next_due_on == dt.date(2025, 8, 25)
    advice = services.advice_request_add(
        actor=officer, request=r, contributor="health", requested_on=dt.date(2025, 5, 21)
    )
    child.refresh_from_db()
    # Health advice is due 6 weeks after the request reached them (reg 8(1)): 2 July 2025.
    assert child.next_due_on == dt.date(2025, 7, 2)
    assert child.next_due_step == f"advice:{advice.pk}"
    services.advice_received_record(
        actor=officer, advice=advice, received_on=dt.date(2025, 5, 30), expected_version=advice.version
    )
    r.refresh_from_db()
    r = services.issue_decision_record(
        actor=officer, request=r, decision="issue", decided_on=dt.date(2025, 5, 31), expected_version=r.version
    )
    r = services.draft_plan_serve(actor=officer, request=r, served_on=dt.date(2025, 6, 1), expected_version=r.version)
    child.refresh_from_db()
    assert child.stage == Stage.DRAFT
    steps = steps_by_code(r, today)
    # Served 1 June: the 15 days begin that day, so the family has until 15 June (reg 13(1)).
    assert steps["response"].status.due == dt.date(2025, 6, 15)
    assert steps["response"].owner == "family"
    r = services.family_response_record(
        actor=officer,
        request=r,
        responded_on=dt.date(2025, 6, 2),
        requested_setting=setting,
        notes="Happy with the draft",
        expected_version=r.version,
    )
    plan = services.final_plan_issue(
        actor=officer, request=r, issued_on=dt.date(2025, 6, 2), named_setting=setting, expected_version=r.version
    )
    r.refresh_from_db()
    child.refresh_from_db()
    assert r.outcome == Outcome.PLAN_ISSUED
    assert plan.named_setting == setting
    final = steps_by_code(r, today)["final"]
    assert final.status.state == StepState.DONE_ON_TIME
    assert child.stage == Stage.PLAN
    # The maintained plan's next date is its first annual review, 12 months on (s.44(1) CFA).
    assert child.next_due_on == dt.date(2026, 6, 2)
    actions = list(AuditEvent.objects.filter(child=child).values_list("summary", flat=True))
    assert "Final EHC plan issued" in actions
    assert "Decision whether to assess: Assess" in actions


def test_a_late_decision_shows_how_many_days_late(request_received, officer, today):
    r = request_received
    r.received_on = dt.date(2025, 3, 3)
    r.save()
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 4, 17), expected_version=r.version
    )
    status = steps_by_code(r, today)["decision"].status
    # Due 14 April 2025 (reg 5(1)); decided 17 April: 3 days late.
    assert status.state == StepState.DONE_LATE
    assert status.days == 3
    assert "3 days late" in status.describe()


def test_an_absence_from_the_area_covers_the_twenty_week_limit(request_received, officer, child):
    r = request_received
    r.received_on = dt.date(2024, 12, 2)
    r.save()
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 1, 6), expected_version=r.version
    )
    services.exception_add(
        actor=officer,
        request=r,
        kind="reg-10-4-d",
        start_on=dt.date(2025, 1, 10),
        end_on=dt.date(2025, 3, 14),
        note="Family abroad for a funeral",
    )
    steps = steps_by_code(r, dt.date(2025, 6, 2))
    assert steps["final"].status.state == StepState.EXCEPTION
    assert "absence" in steps["final"].status.describe().lower()
    # A missed appointment excuses advice only (reg 8(2)(c)), never the request's limits.
    with pytest.raises(ValidationFailed) as refused:
        services.exception_add(actor=officer, request=r, kind="reg-8-2-c", start_on=dt.date(2025, 1, 10))
    assert "advice" in refused.value.field_errors["kind"]


@pytest.mark.parametrize(
    ("decided_on", "message"),
    [
        (dt.date(2025, 5, 1), "on or after the date the request was received (5 May 2025)"),
        (dt.date(2025, 6, 3), "must be today or in the past"),
        (None, "Enter the date the family was told the decision"),
    ],
)
def test_a_bad_decision_date_is_refused_and_nothing_is_written(request_received, officer, decided_on, message):
    before_audit = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.assess_decision_record(
            actor=officer,
            request=request_received,
            decision="assess",
            decided_on=decided_on,
            expected_version=request_received.version,
        )
    assert message in refused.value.field_errors["decided_on"]
    fresh = AssessmentRequest.objects.get(pk=request_received.pk)
    assert fresh.assess_decision == "" and fresh.assess_decision_on is None
    assert AuditEvent.objects.count() == before_audit


def test_a_plan_issued_before_its_request_is_refused(request_received, officer, setting):
    r = services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 6),
        expected_version=request_received.version,
    )
    r = services.issue_decision_record(
        actor=officer, request=r, decision="issue", decided_on=dt.date(2025, 5, 7), expected_version=r.version
    )
    r = services.draft_plan_serve(actor=officer, request=r, served_on=dt.date(2025, 5, 8), expected_version=r.version)
    with pytest.raises(ValidationFailed) as refused:
        services.final_plan_issue(
            actor=officer, request=r, issued_on=dt.date(2025, 5, 1), named_setting=setting, expected_version=r.version
        )
    assert "on or after the date the request was received" in refused.value.field_errors["issued_on"]
    assert not Plan.objects.exists()
    assert AssessmentRequest.objects.get(pk=r.pk).outcome == Outcome.OPEN


def test_the_final_plan_waits_for_the_familys_fifteen_days(request_received, officer, setting):
    r = services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 6),
        expected_version=request_received.version,
    )
    r = services.issue_decision_record(
        actor=officer, request=r, decision="issue", decided_on=dt.date(2025, 5, 20), expected_version=r.version
    )
    r = services.draft_plan_serve(actor=officer, request=r, served_on=dt.date(2025, 5, 25), expected_version=r.version)
    with pytest.raises(ValidationFailed) as refused:
        services.final_plan_issue(
            actor=officer, request=r, issued_on=dt.date(2025, 6, 1), named_setting=setting, expected_version=r.version
        )
    assert "until 8 June 2025" in refused.value.field_errors["issued_on"]


def test_a_request_for_an_unknown_child_is_refused(officer):
    with pytest.raises(ValidationFailed) as refused:
        services.request_create(actor=officer, child=None, received_on=dt.date(2025, 5, 1), source="parent")
    assert "No child with that reference" in refused.value.field_errors["child"]
    assert not AssessmentRequest.objects.exists()


def test_a_second_open_request_for_the_same_child_is_refused(request_received, officer, child):
    with pytest.raises(ValidationFailed) as refused:
        services.request_create(actor=officer, child=child, received_on=dt.date(2025, 5, 20), source="setting")
    assert "already has an open request" in refused.value.field_errors["child"]
    assert AssessmentRequest.objects.filter(child=child).count() == 1


def test_two_people_saving_the_same_request_one_gets_a_conflict_and_nothing_is_lost(
    request_received, officer, colleague
):
    seen_version = request_received.version
    services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=seen_version,
    )
    stale = AssessmentRequest.objects.get(pk=request_received.pk)
    with pytest.raises(EditConflict) as conflict:
        services.request_withdraw(
            actor=colleague,
            request=stale,
            withdrawn_on=dt.date(2025, 5, 21),
            reason="Family moved",
            expected_version=seen_version,
        )
    assert "Someone else changed this request" in conflict.value.message
    fresh = AssessmentRequest.objects.get(pk=request_received.pk)
    assert fresh.assess_decision == "assess"
    assert fresh.outcome == Outcome.OPEN


def test_withdrawing_closes_the_request_and_clears_its_deadlines(request_received, officer, child):
    services.request_withdraw(
        actor=officer,
        request=request_received,
        withdrawn_on=dt.date(2025, 5, 10),
        reason="Needs met at school",
        expected_version=request_received.version,
    )
    child.refresh_from_db()
    assert child.stage == Stage.CLOSED
    assert child.next_due_on is None


def test_moving_to_another_council_needs_a_real_la_number(request_received, officer):
    with pytest.raises(ValidationFailed) as refused:
        services.request_transfer_out(
            actor=officer,
            request=request_received,
            moved_on=dt.date(2025, 5, 10),
            to_la="Wilts",
            expected_version=request_received.version,
        )
    assert "3-digit" in refused.value.field_errors["to_la"]
    r = services.request_transfer_out(
        actor=officer,
        request=request_received,
        moved_on=dt.date(2025, 5, 10),
        to_la="865",
        expected_version=request_received.version,
    )
    assert r.outcome == Outcome.TRANSFERRED_OUT and r.transferred_out_to == "865"


def test_a_transfer_in_starts_maintaining_the_plan(child, officer, setting):
    plan = services.transfer_in_record(
        actor=officer,
        child=child,
        from_la="865",
        plan_issued_on=dt.date(2023, 9, 1),
        transferred_on=dt.date(2025, 4, 1),
        named_setting=setting,
    )
    child.refresh_from_db()
    assert plan.transferred_in_from == "865"
    assert child.stage == Stage.PLAN


def test_every_change_records_old_and_new_values(request_received, officer):
    services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="not_assess",
        decided_on=dt.date(2025, 5, 30),
        expected_version=request_received.version,
    )
    event = AuditEvent.objects.filter(object_id=str(request_received.pk), action="update").get()
    assert event.actor == officer
    assert event.changes["assess_decision"] == ["", "not_assess"]
    assert event.changes["assess_decision_on"] == [None, "2025-05-30"]
    assert event.changes["outcome"] == ["open", "not_assessed"]


def test_a_reassigned_case_keeps_its_key_worker_history(child, officer, colleague):
    services.key_worker_assign(
        actor=officer, child=child, officer=colleague, reason="Caseload balancing", expected_version=child.version
    )
    history = list(child.key_worker_history.order_by("started_at"))
    assert [h.officer for h in history] == [officer, colleague]
    assert history[0].ended_at is not None and history[1].ended_at is None
    child.refresh_from_db()
    assert child.key_worker == colleague
