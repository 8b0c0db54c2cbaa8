"""Moving between councils: a request closed as the child moved away, a plan taken over (SEN2 TransferLA),
and a plan handed on to the council the child moved to (SEN2 CeaseReason 5).

Same shape as every other step (sendcase.cases.services.requests): validate fully, one audited
transaction, the version the person saw, and the caseload summary refreshed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import sen2codes
from sendcase.access import require_casework
from sendcase.audit.services import audited_transaction, create_audited, update_audited
from sendcase.cases.models import (
    AssessmentRequest,
    Outcome,
    Plan,
    PlanStatus,
)
from sendcase.cases.services.caseload import caseload_refresh
from sendcase.cases.services.requests import _require_open, _save_step
from sendcase.cases.services.validation import Checks
from sendcase.notifications.family import (
    family_notify_plan_transfer_out,
    family_notify_transfer_in,
    family_notify_transfer_out,
)
from sendcase.people.models import Child

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import Organisation


def request_transfer_out(
    *, actor: User, request: AssessmentRequest, moved_on: dt.date | None, to_la: str, expected_version: int | None
) -> AssessmentRequest:
    """Close a request because the child moved to another council before it finished (SEN2 Exported)."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    checks.date_required("moved_on", moved_on, "date the child moved")
    checks.not_before(
        "moved_on", moved_on, request.received_on, "date the child moved", "date the request was received"
    )
    _other_council_checks(checks, to_la, request.child)
    checks.raise_if_any()
    with audited_transaction():
        saved = _save_step(
            actor=actor,
            request=request,
            expected_version=expected_version,
            changes={
                "outcome": Outcome.TRANSFERRED_OUT,
                "closed_on": moved_on,
                "transferred_out_to": to_la,
                "closed_reason": f"Moved to LA {to_la}",
            },
            summary=f"Child moved to LA {to_la} before the assessment finished",
        )
        # The family is told which council to contact now, in the same transaction.
        family_notify_transfer_out(actor=actor, request=saved)
        return saved


def transfer_in_record(
    *,
    actor: User,
    child: Child,
    from_la: str,
    plan_issued_on: dt.date | None,
    transferred_on: dt.date | None,
    named_setting: Organisation | None,
) -> Plan:
    """Take over the plan of a child who moved here from another council (SEN2 TransferLA)."""
    require_casework(actor, child)
    checks = Checks()
    if not (len(from_la) == 3 and from_la.isdigit()):
        checks.add("from_la", "Enter the 3-digit DfE number of the council the child moved from, like 838")
    checks.date_required("plan_issued_on", plan_issued_on, "date the plan was first issued")
    checks.date_required("transferred_on", transferred_on, "date the council became responsible")
    checks.not_before("transferred_on", transferred_on, plan_issued_on, "transfer date", "date the plan was issued")
    checks.not_in_future("transferred_on", transferred_on, "transfer date")
    if child.plans.filter(status=PlanStatus.ACTIVE).exists():
        checks.add("from_la", f"{child.full_name} already has a plan the council maintains")
    checks.raise_if_any()
    with audited_transaction():
        plan = create_audited(
            Plan,
            actor=actor,
            about=child,
            what=f"Plan transferred in from LA {from_la}",
            audited=["issued_on", "transferred_in_from", "named_setting"],
            child=child,
            issued_on=plan_issued_on,
            named_setting=named_setting,
            transferred_in_from=from_la,
        )
        caseload_refresh(child=child)
        # The family is told this council now maintains the plan, and who to contact.
        family_notify_transfer_in(actor=actor, plan=plan, transferred_on=transferred_on)  # type: ignore[arg-type]
    return plan


def _other_council_checks(checks: Checks, to_la: str, child: Child) -> None:
    if not (len(to_la) == 3 and to_la.isdigit()):
        checks.add("to_la", "Enter the 3-digit DfE number of the council the child moved to, like 838")
    elif to_la == child.local_authority.code:
        checks.add("to_la", "Enter the council the child moved to, not this council")


def plan_transfer_out(
    *, actor: User, plan: Plan, moved_on: dt.date | None, to_la: str, expected_version: int | None
) -> Plan:
    """Hand the plan on to the council the child moved to: this council no longer maintains it (SEN2 CeaseReason 5).

    The plan is not ceased (no notice, no appeal rights): the new council maintains it from the day
    the child moved. It ends here as "transferred to another council", which SEN2 returns as
    CeaseReason 5 with the date, and the family is told which council to contact now. The duties of
    the two councils on a move (reg 15 of the SEND Regulations 2014: the new council's 6 weeks to
    tell the family whether it will reassess, review or keep the plan) are [UNCONFIRMED] in
    SENDcase's domain notes, so SENDcase records the move and computes no clock of the new council's.
    """
    # Imported here: ceasing lives in the appeals app, which imports the cases models.
    from sendcase.appeals.services.ceasing import open_proposal

    child = plan.child
    require_casework(actor, child)
    checks = Checks()
    if plan.status != PlanStatus.ACTIVE:
        status = plan.get_status_display().lower()
        checks.add("moved_on", f"This plan is {status}, so it cannot move to another council")
    checks.date_required("moved_on", moved_on, "date the child moved")
    checks.not_before("moved_on", moved_on, plan.issued_on, "date the child moved", "date the plan was issued")
    checks.not_in_future("moved_on", moved_on, "date the child moved")
    _other_council_checks(checks, to_la, child)
    if plan.status == PlanStatus.ACTIVE and open_proposal(plan) is not None:
        checks.add(
            "moved_on",
            "Ceasing this plan is under way. Record the council's decision on ceasing first (not to cease, "
            "if the plan goes with the child), then record the move",
        )
    checks.raise_if_any()
    with audited_transaction():
        current = update_audited(
            plan,
            actor=actor,
            expected_version=expected_version,
            changes={
                "status": PlanStatus.TRANSFERRED_OUT,
                "ceased_on": moved_on,
                "cease_reason": sen2codes.CeaseReason.TRANSFERRED_TO_ANOTHER_LA.value,
                "transferred_out_to": to_la,
            },
            summary=f"EHC plan transferred to LA {to_la}: the child moved there on {moved_on:%d/%m/%Y}",
            what="this plan",
        )
        caseload_refresh(child=child)
        # The family is told which council maintains the plan now, in the same transaction.
        family_notify_plan_transfer_out(actor=actor, plan=current, moved_on=moved_on, to_la=to_la)  # type: ignore[arg-type]
    return current
