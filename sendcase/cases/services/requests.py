"""Recording the steps of an EHC needs assessment, from request to final plan.

Asking for and receiving advice is in sendcase/cases/services/advice.py.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.access.advice import advice_contributor_may_write
from sendcase.audit.services import audited_transaction, create_audited, update_audited
from sendcase.cases.models import (
    AdviceRequest,
    AssessDecision,
    AssessmentRequest,
    IssueDecision,
    Outcome,
    Plan,
    PlanStatus,
    RequestKind,
    RequestSource,
    TimescaleException,
)
from sendcase.cases.services.caseload import caseload_refresh
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import bump_version, lock_current
from sendcase.notifications.family import Notice, family_notify_step
from sendcase.people.models import Child

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import Organisation


def _save_step(
    *, actor: User, request: AssessmentRequest, expected_version: int | None, changes: dict[str, Any], summary: str
) -> AssessmentRequest:
    """Apply `changes` to a locked request, audit old and new values, refresh the caseload."""
    current = update_audited(
        request, actor=actor, expected_version=expected_version, changes=changes, summary=summary, what="this request"
    )
    caseload_refresh(child=current.child)
    return current


def _require_open(checks: Checks, request: AssessmentRequest) -> None:
    if request.outcome != Outcome.OPEN:
        checks.add(
            "request", f"This request is closed ({request.get_outcome_display().lower()}), so it cannot be changed"
        )


def request_create(
    *,
    actor: User,
    child: Child | None,
    received_on: dt.date | None,
    source: str,
    kind: str = RequestKind.INITIAL,
    requester_organisation: Organisation | None = None,
    notes: str = "",
    in_relevant_youth_accommodation: bool = False,
) -> AssessmentRequest:
    """Record a request for an EHC needs assessment (starts the 6, 16 and 20-week clocks)."""
    checks = Checks()
    if child is None:
        raise ValidationFailed(
            "There is a problem",
            field_errors={"child": "No child with that reference is known to SENDcase. Add the child first."},
        )
    require_casework(actor, child)
    checks.date_required("received_on", received_on, "date the request was received")
    checks.not_in_future("received_on", received_on, "date the request was received")
    if source not in RequestSource.values:
        checks.add("source", "Select who made the request")
    if kind not in RequestKind.values:
        checks.add("kind", "Select the kind of request")
    if child.requests.filter(outcome=Outcome.OPEN).exists():
        checks.add(
            "child", f"{child.full_name} already has an open request. Record its outcome before starting another."
        )
    if kind == RequestKind.REASSESSMENT and not child.plans.filter(status=PlanStatus.ACTIVE).exists():
        checks.add(
            "kind", "A re-assessment needs a plan the council maintains. Record an EHC needs assessment instead."
        )
    checks.raise_if_any()
    with audited_transaction():
        request = create_audited(
            AssessmentRequest,
            actor=actor,
            about=child,
            what=f"Request received {timescales.format_date(received_on)} ({RequestKind(kind).label})",
            audited=["received_on", "source", "kind"],
            child=child,
            kind=kind,
            received_on=received_on,
            source=source,
            requester_organisation=requester_organisation,
            notes=notes,
            in_relevant_youth_accommodation=in_relevant_youth_accommodation,
        )
        caseload_refresh(child=child)
        family_notify_step(actor=actor, request=request, notice=Notice.REQUEST_RECEIVED)
    return request


def assess_decision_record(
    *, actor: User, request: AssessmentRequest, decision: str, decided_on: dt.date | None, expected_version: int | None
) -> AssessmentRequest:
    """Record the decision whether to assess and the date the family was told (reg 5(1))."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if request.kind != RequestKind.INITIAL:
        checks.add("decision", "A re-assessment does not need a decision whether to assess")
    if request.assess_decision:
        checks.add("decision", "The decision whether to assess has already been recorded")
    if decision not in AssessDecision.values:
        checks.add("decision", "Select whether the council will assess")
    checks.date_required("decided_on", decided_on, "date the family was told the decision")
    checks.not_before("decided_on", decided_on, request.received_on, "decision date", "date the request was received")
    checks.not_in_future("decided_on", decided_on, "decision date")
    checks.raise_if_any()
    changes: dict[str, Any] = {"assess_decision": decision, "assess_decision_on": decided_on}
    if decision == AssessDecision.NOT_ASSESS:
        changes |= {"outcome": Outcome.NOT_ASSESSED, "closed_on": decided_on}
    with audited_transaction():
        current = _save_step(
            actor=actor,
            request=request,
            expected_version=expected_version,
            changes=changes,
            summary=f"Decision whether to assess: {AssessDecision(decision).label}",
        )
        family_notify_step(actor=actor, request=current, notice=Notice.ASSESSMENT_DECISION)
        return current


def exception_add(
    *,
    actor: User,
    request: AssessmentRequest,
    kind: str,
    start_on: dt.date | None,
    end_on: dt.date | None = None,
    note: str = "",
    advice: AdviceRequest | None = None,
) -> TimescaleException:
    """Record a circumstance that excuses a time limit (reg 5(4), 8(2), 10(4), 13(3)), with its dates."""
    if advice is None or not advice_contributor_may_write(actor, advice):
        # The contributor may record a reg 8(2) exception on their own advice; all else is casework.
        require_casework(actor, request.child)
    checks = Checks()
    valid_kinds = {k.value: k for k in timescales.ExceptionKind}
    exception_kind = valid_kinds.get(kind)
    if exception_kind is None:
        checks.add("kind", "Select which exception applies")
    elif advice is None and exception_kind.applies_to_advice and not exception_kind.applies_to_assessment:
        checks.add("kind", "This exception applies to one contributor's advice: record it against that advice request")
    elif advice is not None and not exception_kind.applies_to_advice:
        checks.add("kind", "This exception does not apply to advice: record it against the request")
    checks.date_required("start_on", start_on, "date the exception started")
    checks.not_before("start_on", start_on, request.received_on, "start date", "date the request was received")
    checks.not_before("end_on", end_on, start_on, "end date", "start date")
    checks.raise_if_any()
    with audited_transaction():
        lock_current(request, expected_version=None, what="this request")
        exception = create_audited(
            TimescaleException,
            actor=actor,
            about=request.child,
            what=lambda exception: f"Exception recorded: {exception.get_kind_display()}",
            audited=["kind", "start_on", "end_on"],
            request=request,
            advice_request=advice,
            kind=kind,
            start_on=start_on,
            end_on=end_on,
            note=note,
        )
        caseload_refresh(child=request.child)
        family_notify_step(actor=actor, request=request, notice=Notice.EXCEPTION, exception=exception)
    return exception


def issue_decision_record(
    *, actor: User, request: AssessmentRequest, decision: str, decided_on: dt.date | None, expected_version: int | None
) -> AssessmentRequest:
    """Record the decision whether to issue a plan; a refusal is due within 16 weeks (reg 10(1))."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if request.kind == RequestKind.INITIAL and request.assess_decision != AssessDecision.ASSESS:
        checks.add("decision", "Record a decision to assess before deciding whether to issue a plan")
    if request.issue_decision:
        checks.add("decision", "The decision whether to issue a plan has already been recorded")
    if decision not in IssueDecision.values:
        checks.add("decision", "Select whether the council will issue a plan")
    checks.date_required("decided_on", decided_on, "date of the decision")
    checks.not_before(
        "decided_on",
        decided_on,
        request.assess_decision_on or request.received_on,
        "decision date",
        "decision to assess" if request.assess_decision_on else "date the request was received",
    )
    checks.not_in_future("decided_on", decided_on, "decision date")
    checks.raise_if_any()
    changes: dict[str, Any] = {"issue_decision": decision, "issue_decision_on": decided_on}
    if decision == IssueDecision.NOT_ISSUE:
        changes |= {"outcome": Outcome.NOT_ISSUED, "closed_on": decided_on}
    with audited_transaction():
        current = _save_step(
            actor=actor,
            request=request,
            expected_version=expected_version,
            changes=changes,
            summary=f"Decision whether to issue a plan: {IssueDecision(decision).label}",
        )
        family_notify_step(actor=actor, request=current, notice=Notice.PLAN_DECISION)
        return current


def final_plan_issue(
    *,
    actor: User,
    request: AssessmentRequest,
    issued_on: dt.date | None,
    named_setting: Organisation | None,
    sen_setting: str = "",
    expected_version: int | None,
) -> Plan:
    """Issue the final EHC plan naming a setting; due within 20 weeks of the request (reg 13(2))."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if request.issue_decision != IssueDecision.ISSUE:
        checks.add("issued_on", "Record a decision to issue a plan before issuing the final plan")
    elif not request.draft_served_on:
        checks.add("issued_on", "Send the family the draft plan before issuing the final plan")
    checks.date_required("issued_on", issued_on, "date the final plan was issued")
    checks.not_before(
        "issued_on", issued_on, request.received_on, "date the plan was issued", "date the request was received"
    )
    checks.not_before(
        "issued_on", issued_on, request.draft_served_on, "date the plan was issued", "date the draft was served"
    )
    if (
        issued_on
        and request.draft_served_on
        and issued_on < timescales.draft_response_deadline(request.draft_served_on)
        and not request.family_response_on
    ):
        deadline = timescales.format_date(timescales.draft_response_deadline(request.draft_served_on))
        checks.add(
            "issued_on",
            f"The family has until {deadline} to respond to the draft. Record their response, or wait until then",
        )
    checks.not_in_future("issued_on", issued_on, "date the plan was issued")
    if named_setting is None and not sen_setting:
        checks.add("named_setting", "Select the school or setting the plan names, or the type of provision")
    elif named_setting is not None and not named_setting.is_setting:
        checks.add("named_setting", "Select a school or setting")
    existing = request.child.plans.filter(status=PlanStatus.ACTIVE).first()
    if existing is not None and request.kind == RequestKind.INITIAL:
        checks.add("issued_on", f"{request.child.full_name} already has a plan the council maintains")
    checks.raise_if_any()
    with audited_transaction():
        current = _save_step(
            actor=actor,
            request=request,
            expected_version=expected_version,
            changes={"final_issued_on": issued_on, "outcome": Outcome.PLAN_ISSUED, "closed_on": issued_on},
            summary="Final EHC plan issued",
        )
        if existing is not None:
            # A re-assessment replaces the plan: the old one ends the day the new one starts.
            existing.status, existing.ceased_on = PlanStatus.CEASED, issued_on
            existing.cease_reason = ""
            bump_version(existing)
            existing.save()
        plan = create_audited(
            Plan,
            actor=actor,
            about=request.child,
            what=f"EHC plan issued naming {named_setting or sen_setting}",
            audited=["issued_on", "named_setting", "sen_setting"],
            child=request.child,
            request=current,
            issued_on=issued_on,
            named_setting=named_setting,
            sen_setting=sen_setting,
        )
        caseload_refresh(child=request.child)
        family_notify_step(actor=actor, request=current, notice=Notice.FINAL_PLAN)
    return plan


def request_withdraw(
    *, actor: User, request: AssessmentRequest, withdrawn_on: dt.date | None, reason: str, expected_version: int | None
) -> AssessmentRequest:
    """Close a request the family or referrer withdrew (SEN2 outcome W)."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    checks.date_required("withdrawn_on", withdrawn_on, "date the request was withdrawn")
    checks.not_before(
        "withdrawn_on", withdrawn_on, request.received_on, "withdrawal date", "date the request was received"
    )
    checks.not_in_future("withdrawn_on", withdrawn_on, "withdrawal date")
    if not reason.strip():
        checks.add("reason", "Enter why the request was withdrawn")
    checks.raise_if_any()
    with audited_transaction():
        current = _save_step(
            actor=actor,
            request=request,
            expected_version=expected_version,
            changes={"outcome": Outcome.WITHDRAWN, "closed_on": withdrawn_on, "closed_reason": reason.strip()},
            summary="Request withdrawn",
        )
        family_notify_step(actor=actor, request=current, notice=Notice.REQUEST_WITHDRAWN)
        return current
