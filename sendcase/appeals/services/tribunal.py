"""Appeals to the First-tier Tribunal (SEND), their outcome, and the council's duties under its orders.

An open appeal against ceasing a plan keeps the plan maintained (s.45 CFA). A Tribunal order
starts the reg 44(2) clocks (sendcase.timescales.tribunal_order_deadlines), one step per duty.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.appeals.models import (
    ALTERNATIVE_STEPS,
    GROUNDS_FOR,
    ORDER_KIND_LABELS,
    ORDER_KINDS_FOR,
    ORDER_STEP_LABELS,
    AppealGround,
    AppealOutcome,
    AppealStatus,
    CeaseProposal,
    DecisionNotice,
    Mediation,
    TribunalAppeal,
    TribunalOrder,
    TribunalOrderStep,
    lower_first,
)
from sendcase.appeals.services.common import Checks, dated, past_date, save_changes
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.models import PlanStatus
from sendcase.core.locking import lock_current
from sendcase.notifications.family import family_notify_tribunal_order
from sendcase.timescales import TribunalOrderKind

if TYPE_CHECKING:
    from sendcase.accounts.models import User


def _cease_hold(*, actor: User, notice: DecisionNotice, effective: dt.date | None, summary: str) -> None:
    """Set the first day a ceased plan may end, for a notice that decided to cease a plan still maintained."""
    proposal = CeaseProposal.objects.filter(notice=notice).select_related("plan").first()
    if proposal is None or proposal.plan.status != PlanStatus.ACTIVE:
        return
    current = lock_current(proposal, expected_version=None, what="this proposal to cease the plan")
    save_changes(
        actor=actor, instance=current, child=notice.child, changes={"cease_effective_on": effective}, summary=summary
    )


def tribunal_appeal_lodge(
    *, actor: User, notice: DecisionNotice, lodged_on: dt.date | None, grounds: str, notes: str = ""
) -> TribunalAppeal:
    """Record an appeal the Tribunal received; against a cease decision it keeps the plan maintained."""
    require_casework(actor, notice.child)
    checks = Checks()
    past_date(checks, "lodged_on", lodged_on, "date the Tribunal received the appeal")
    checks.not_before(
        "lodged_on", lodged_on, notice.sent_on, "date the Tribunal received the appeal", "date the decision was sent"
    )
    allowed = GROUNDS_FOR[notice.about]
    if grounds not in AppealGround.values:
        checks.add("grounds", "Select what the appeal is about")
    elif grounds not in allowed:
        checks.add(
            "grounds",
            f"An appeal against this decision can only be about: {'; '.join(lower_first(g.label) for g in allowed)}",
        )
    if notice.appeals.filter(status__in=(AppealStatus.LODGED, AppealStatus.HEARING_LISTED)).exists():
        checks.add("lodged_on", "An appeal against this decision is already open")
    checks.raise_if_any()
    with audited_transaction():
        lock_current(notice, expected_version=None, what="this notice")
        appeal = create_audited(
            TribunalAppeal,
            actor=actor,
            about=notice.child,
            what=f"Appeal to the Tribunal lodged {dated(lodged_on)}: {AppealGround(grounds).label}",
            audited=["notice", "lodged_on", "grounds"],
            notice=notice,
            lodged_on=lodged_on,
            grounds=grounds,
            notes=notes.strip(),
        )
        _cease_hold(actor=actor, notice=notice, effective=None, summary="Appeal lodged: the plan is kept until it ends")
    return appeal


def _cease_effective_after(appeal: TribunalAppeal, outcome: str, concluded_on: dt.date | None) -> dt.date | None:
    """When a plan the council decided to cease may end, given how the appeal against it ended."""
    if concluded_on is None or outcome in ("", AppealOutcome.ALLOWED, AppealOutcome.CONCEDED):
        return None
    if outcome == AppealOutcome.DISMISSED:
        return concluded_on  # reg 44(2)(a): cease immediately
    # Withdrawn: the family could still appeal again while the window is open.
    certificate = Mediation.objects.filter(notice=appeal.notice).values_list("certificate_issued_on", flat=True).first()
    return max(concluded_on, timescales.earliest_cease_date(appeal.notice.sent_on, certificate))


def tribunal_appeal_update(
    *,
    actor: User,
    appeal: TribunalAppeal,
    hearing_on: dt.date | None,
    concluded_on: dt.date | None,
    outcome: str,
    notes: str = "",
    expected_version: int | None,
) -> TribunalAppeal:
    """Record the hearing date and, when it ends, how the appeal ended."""
    notice = appeal.notice
    require_casework(actor, notice.child)
    checks = Checks()
    checks.not_before("hearing_on", hearing_on, appeal.lodged_on, "hearing date", "date the appeal was lodged")
    past_date(checks, "concluded_on", concluded_on, "date the appeal ended", required=False)
    checks.not_before("concluded_on", concluded_on, appeal.lodged_on, "date the appeal ended", "date it was lodged")
    if outcome and outcome not in AppealOutcome.values:
        checks.add("outcome", "Select how the appeal ended")
    if outcome and concluded_on is None:
        checks.add("concluded_on", "Enter the date the appeal ended")
    if concluded_on is not None and not outcome:
        checks.add("outcome", "Select how the appeal ended")
    if appeal.orders.exists() and outcome != appeal.outcome:
        checks.add("outcome", "The Tribunal's order has been recorded, so the outcome cannot change")
    checks.raise_if_any()
    status = AppealStatus.CONCLUDED if outcome else AppealStatus.HEARING_LISTED if hearing_on else AppealStatus.LODGED
    with audited_transaction():
        current = lock_current(appeal, expected_version=expected_version, what="this appeal")
        save_changes(
            actor=actor,
            instance=current,
            child=notice.child,
            changes={
                "hearing_on": hearing_on,
                "concluded_on": concluded_on,
                "outcome": outcome,
                "status": status,
                "notes": notes.strip(),
            },
            summary=f"Appeal {lower_first(AppealStatus(status).label)}"
            + (f": {lower_first(AppealOutcome(outcome).label)}" if outcome else ""),
        )
        _cease_hold(
            actor=actor,
            notice=notice,
            effective=_cease_effective_after(current, outcome, concluded_on),
            summary="Appeal outcome recorded: when the plan may end",
        )
    return current


def tribunal_order_record(*, actor: User, appeal: TribunalAppeal, kind: str, made_on: dt.date | None) -> TribunalOrder:
    """Record a Tribunal order and its reg 44(2) deadlines; an open appeal ends with it."""
    notice = appeal.notice
    require_casework(actor, notice.child)
    checks = Checks()
    past_date(checks, "made_on", made_on, "date of the order")
    checks.not_before("made_on", made_on, appeal.lodged_on, "date of the order", "date the appeal was lodged")
    allowed = ORDER_KINDS_FOR[appeal.grounds]
    outcome = AppealOutcome.DISMISSED if kind == TribunalOrderKind.DISMISS_CEASE else AppealOutcome.ALLOWED
    if kind not in ORDER_KIND_LABELS:
        checks.add("kind", "Select what the Tribunal ordered")
    elif kind not in allowed:
        checks.add(
            "kind",
            f"An appeal about {lower_first(AppealGround(appeal.grounds).label)} can lead to: "
            f"{'; '.join(lower_first(ORDER_KIND_LABELS[k]) for k in allowed)}",
        )
    elif not appeal.is_open and appeal.outcome not in (outcome, AppealOutcome.CONCEDED):
        checks.add(
            "kind", f"This appeal ended {lower_first(appeal.get_outcome_display())}, which orders nothing of this kind"
        )
    elif appeal.orders.filter(kind=kind).exists():
        checks.add("kind", "This order has already been recorded")
    checks.raise_if_any()
    order_kind = TribunalOrderKind(kind)
    deadlines = timescales.tribunal_order_deadlines(order_kind, made_on)  # type: ignore[arg-type]
    due = "; ".join(f"{lower_first(ORDER_STEP_LABELS[step])} by {dated(day)}" for step, day in deadlines.items())
    with audited_transaction():
        current = lock_current(appeal, expected_version=None, what="this appeal")
        order = create_audited(
            TribunalOrder,
            actor=actor,
            about=notice.child,
            what=f"Tribunal order of {dated(made_on)}: {ORDER_KIND_LABELS[kind]} ({order_kind.rule.regulation}); {due}",
            audited=["appeal", "kind", "made_on"],
            appeal=current,
            kind=kind,
            made_on=made_on,
        )
        TribunalOrderStep.objects.bulk_create(
            TribunalOrderStep(order=order, step=step, due_on=due, created_by=actor, modified_by=actor)
            for step, due in deadlines.items()
        )
        if current.is_open:
            save_changes(
                actor=actor,
                instance=current,
                child=notice.child,
                changes={"status": AppealStatus.CONCLUDED, "concluded_on": made_on, "outcome": outcome},
                summary=f"Appeal ended with the Tribunal's order: {lower_first(AppealOutcome(outcome).label)}",
            )
        if order_kind is TribunalOrderKind.DISMISS_CEASE:
            _cease_hold(
                actor=actor,
                notice=notice,
                effective=made_on,
                summary="Appeal dismissed: the plan may cease (reg 44(2)(a))",
            )
        # The family is told what the council must now do, and by when (reg 44(2)).
        family_notify_tribunal_order(actor=actor, order=order)
    return order


def tribunal_order_step_comply(
    *, actor: User, step: TribunalOrderStep, complied_on: dt.date | None, expected_version: int | None
) -> TribunalOrderStep:
    """Record the day the council did what one step of a Tribunal order required."""
    order = step.order
    child = order.appeal.notice.child
    require_casework(actor, child)
    checks = Checks()
    if step.step == "cease":
        checks.add("complied_on", "End the plan from the proposal to cease it: that records this step too")
    elif not step.is_outstanding:
        checks.add("complied_on", "This step is already done, or no longer needed")
    past_date(checks, "complied_on", complied_on, "date the council did this")
    checks.not_before("complied_on", complied_on, order.made_on, "date the council did this", "date of the order")
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(step, expected_version=expected_version, what="this step of the order")
        save_changes(
            actor=actor,
            instance=current,
            child=child,
            changes={"complied_on": complied_on},
            summary=f"Tribunal order: {lower_first(current.get_step_display())} done {dated(complied_on)}",
        )
        other = ALTERNATIVE_STEPS.get(current.step)
        if other:
            for alternative in TribunalOrderStep.objects.filter(order=order, step=other, complied_on__isnull=True):
                save_changes(
                    actor=actor,
                    instance=alternative,
                    child=child,
                    changes={"not_needed": True},
                    summary=f"Tribunal order: {lower_first(alternative.get_step_display())} "
                    "no longer needed (reg 44(2)(b))",
                )
    return current
