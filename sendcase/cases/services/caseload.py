"""The caseload summary on each child, and who their key worker is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils import timezone

from sendcase.access import require_casework
from sendcase.accounts.models import Role
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.cases.clock import next_due, request_steps
from sendcase.cases.models import (
    AdviceRequest,
    AssessDecision,
    AssessmentRequest,
    Outcome,
    Plan,
    PlanStatus,
    RequestKind,
    TimescaleException,
)
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.locking import bump_version, lock_current
from sendcase.people.models import Child, KeyWorkerAssignment, Stage
from sendcase.timescales.reviews import annual_review_due

if TYPE_CHECKING:
    from sendcase.accounts.models import User


def request_stage(request: AssessmentRequest) -> str:
    """The stage of a child whose open request this is."""
    if request.draft_served_on:
        return Stage.DRAFT
    if request.assess_decision == AssessDecision.ASSESS or request.kind != RequestKind.INITIAL:
        return Stage.ASSESSMENT
    return Stage.REQUEST


def summarise_case(
    *,
    request: AssessmentRequest | None,
    plan: Plan | None,
    today: dt.date,
    advice: Sequence[AdviceRequest] | None = None,
    exceptions: Sequence[TimescaleException] | None = None,
) -> tuple[str, dt.date | None, str]:
    """(stage, next due date, step code) from a child's open request, else its maintained plan.

    The one rule for the caseload summary: the live services and the bulk demo loader both call it.
    """
    if request is not None:
        step = next_due(request_steps(request, today=today, advice=advice, exceptions=exceptions))
        return request_stage(request), step.status.due if step else None, step.code if step else ""
    if plan is not None:
        return Stage.PLAN, annual_review_due(plan.last_review_on or plan.issued_on), "review"
    return Stage.CLOSED, None, ""


def caseload_summary(child: Child) -> tuple[str, dt.date | None, str]:
    """(stage, next due date, step code) for `child`, read from the database."""
    request = AssessmentRequest.objects.filter(child=child, outcome=Outcome.OPEN).order_by("-received_on").first()
    plan = None if request else Plan.objects.filter(child=child, status=PlanStatus.ACTIVE).first()
    return summarise_case(request=request, plan=plan, today=today())


def caseload_refresh(*, child: Child) -> None:
    """Recompute the child's stage and next statutory date. Call inside the writing transaction."""
    stage, due, step = caseload_summary(child)
    # modified_at moves too: systems synchronising through the API ask for children changed since
    # their last visit, and the stage and next date are part of what they hold.
    now = timezone.now()
    Child.objects.filter(pk=child.pk).update(stage=stage, next_due_on=due, next_due_step=step, modified_at=now)
    child.modified_at = now
    child.stage, child.next_due_on, child.next_due_step = stage, due, step  # type: ignore[assignment]


def key_worker_assign(
    *, actor: User, child: Child, officer: User | None, reason: str = "", expected_version: int | None
) -> Child:
    """Make `officer` the child's key worker, closing the previous assignment (a change counted on the scorecard)."""
    require_casework(actor, child)
    checks = Checks()
    if officer is None:
        checks.add("officer", "Select the officer who will hold this case")
    elif officer.local_authority_id != child.local_authority_id or officer.role not in (
        Role.CASE_OFFICER,
        Role.TEAM_MANAGER,
    ):
        checks.add("officer", "Select a case officer or team manager of this council")
    elif officer.pk == child.key_worker_id:
        checks.add("officer", f"{officer} is already the key worker")
    elif not officer.is_active:
        checks.add("officer", f"{officer} no longer has an active account")
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(child, expected_version=expected_version, what="this child's record")
        previous = current.key_worker
        now = timezone.now()
        KeyWorkerAssignment.objects.filter(child=current, ended_at__isnull=True).update(ended_at=now)
        KeyWorkerAssignment.objects.create(
            child=current, officer=officer, started_at=now, reason=reason.strip(), assigned_by=actor
        )
        current.key_worker = officer
        bump_version(current)
        current.modified_by = actor
        current.save(update_fields=["key_worker", "version", "modified_by", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            child=current,
            summary=f"Key worker changed to {officer}",
            changes={"key_worker": [str(previous.pk) if previous else None, str(officer.pk)]},
        )
    return current
