"""Ceasing an EHC plan: proposal, consultation, decision with appeal rights, and the day it ends.

Regs 29 and 30 say when a plan may be ceased; reg 31 says how: tell the family ceasing is being
considered, consult the family and the school or institution named, then notify the decision with
appeal rights (reg 32). Section 45 CFA, as the DfE SEN2 guide describes it: the council keeps
maintaining the plan until the appeal period has expired or any appeal has been concluded; after
the Tribunal dismisses an appeal against ceasing, it may cease at once (reg 44(2)(a)). So the
plan stays "active" through all of this, and only plan_cease_finalise ends it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import sen2codes, timescales
from sendcase.access import require_casework
from sendcase.appeals.models import (
    AppealOutcome,
    CeaseDecision,
    CeaseProposal,
    DecisionAbout,
    Mediation,
    TribunalAppeal,
    TribunalOrderStep,
    lower_first,
)
from sendcase.appeals.services.common import Checks, dated, past_date, save_changes
from sendcase.appeals.services.notices import check_notice, notice_create
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.models import PlanStatus
from sendcase.cases.services.caseload import caseload_refresh
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import lock_current
from sendcase.notifications.family import Notice, family_notify_cease, family_notify_plan_ended

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.cases.models import Plan
    from sendcase.reviews.models import AnnualReview

# Ceasing on death needs no decision, consultation or notice: the plan simply ends.
DECEASED = sen2codes.CeaseReason.DECEASED.value


def window_message(appeal_deadline: dt.date) -> str:
    return f"The plan must be maintained until {dated(appeal_deadline)}, when the appeal window closes (s.45, reg 33)"


def open_proposal(plan: Plan) -> CeaseProposal | None:
    """The plan's proposal to cease that is still in progress, if any."""
    for proposal in CeaseProposal.objects.filter(plan=plan).select_related("notice"):
        if not proposal.decision:
            return proposal
        if proposal.decision == CeaseDecision.CEASE and not _appeal_allowed(proposal):
            return proposal
    return None


def _appeal_allowed(proposal: CeaseProposal) -> bool:
    if proposal.notice_id is None:
        return False
    return TribunalAppeal.objects.filter(
        notice_id=proposal.notice_id, outcome__in=(AppealOutcome.ALLOWED, AppealOutcome.CONCEDED)
    ).exists()


def cease_reason_checks(checks: Checks, reason: str, *, field: str = "reason") -> None:
    """A reason a proposal to cease can have (SEN2 CeaseReason): never a transfer to another council."""
    if reason not in {code.value for code in sen2codes.CeaseReason}:
        checks.add(field, "Select the reason for ceasing the plan")
    elif reason == sen2codes.CeaseReason.TRANSFERRED_TO_ANOTHER_LA:
        checks.add(field, "A plan that moves to another council is transferred, not ceased: record the move instead")


def cease_propose(
    *, actor: User, plan: Plan, reason: str, proposed_on: dt.date | None, notes: str = ""
) -> CeaseProposal:
    """Record that the family was told the council is considering ceasing the plan (reg 31(1))."""
    require_casework(actor, plan.child)
    checks = Checks()
    if plan.status != PlanStatus.ACTIVE:
        checks.add("plan", "This plan is no longer maintained, so it cannot be ceased")
    cease_reason_checks(checks, reason)
    past_date(checks, "proposed_on", proposed_on, "date the family was told")
    checks.not_before(
        "proposed_on", proposed_on, plan.issued_on, "date the family was told", "date the plan was issued"
    )
    if open_proposal(plan) is not None:
        checks.add("plan", "A proposal to cease this plan is already in progress")
    checks.raise_if_any()
    with audited_transaction():
        # Lock the plan so two officers cannot open two proposals for it at once.
        lock_current(plan, expected_version=None, what="this plan")
        if open_proposal(plan) is not None:
            raise ValidationFailed(
                "There is a problem", field_errors={"plan": "A proposal to cease this plan is already in progress"}
            )
        proposal = create_audited(
            CeaseProposal,
            actor=actor,
            about=plan.child,
            what=f"Ceasing the plan proposed: {sen2codes.CeaseReason(reason).label}",
            audited=["plan", "reason", "proposed_on"],
            plan=plan,
            reason=reason,
            proposed_on=proposed_on,
            notes=notes.strip(),
        )
        # Reg 31(1): the family is told ceasing is being considered, and asked for their views.
        family_notify_cease(actor=actor, proposal=proposal, notice=Notice.CEASE_PROPOSED)
        return proposal


def review_cease_reason_checks(checks: Checks, *, plan: Plan, reason: str, field: str) -> None:
    """What a review's decision to cease needs to start ceasing the plan: a reason, unless ceasing is under way."""
    if open_proposal(plan) is not None:
        return  # the proposal in progress keeps its reason
    if reason == DECEASED:
        checks.add(field, "When a child or young person has died, record it on the plan's ceasing panel instead")
    else:
        cease_reason_checks(checks, reason, field=field)


def cease_from_review(*, actor: User, review: AnnualReview, reason: str, proposed_on: dt.date) -> CeaseProposal:
    """Start ceasing the plan from a review's decision to cease it, inside the review service's transaction.

    The review's decision letter (reg 20(10)) tells the family the council is considering ceasing
    the plan and will ask for their views: that is the reg 31(1) step, so this sends nothing, and
    the family do not get a second letter saying the same. If ceasing the plan is already under
    way, the review is linked to that proposal instead. Checked by `review_cease_reason_checks`.
    """
    plan = review.plan
    # Lock the plan so that a proposal started meanwhile from the appeals panel is seen.
    lock_current(plan, expected_version=None, what="this plan")
    existing = open_proposal(plan)
    if existing is not None:
        if existing.review_id is None:
            locked = lock_current(existing, expected_version=None, what="this proposal to cease the plan")
            return save_changes(
                actor=actor,
                instance=locked,
                child=plan.child,
                changes={"review": review},
                summary=f"Annual review of {dated(review.meeting_held_on)} also decided to consider ceasing the plan",
            )
        return existing
    return create_audited(
        CeaseProposal,
        actor=actor,
        about=plan.child,
        what=f"Ceasing the plan proposed at the annual review: {sen2codes.CeaseReason(reason).label}",
        audited=["plan", "review", "reason", "proposed_on"],
        plan=plan,
        review=review,
        reason=reason,
        proposed_on=proposed_on,
        notes=f"Started by the decision after the annual review meeting of {dated(review.meeting_held_on)}.",
    )


def cease_consultation_record(
    *,
    actor: User,
    proposal: CeaseProposal,
    family_consulted_on: dt.date | None,
    setting_consulted_on: dt.date | None,
    notes: str = "",
    expected_version: int | None,
) -> CeaseProposal:
    """Record consulting the family and the school or institution named in the plan (reg 31(2))."""
    plan = proposal.plan
    require_casework(actor, plan.child)
    checks = Checks()
    if proposal.decision:
        checks.add("family_consulted_on", "The decision on this proposal has been made; the consultation is closed")
    past_date(checks, "family_consulted_on", family_consulted_on, "date the family was consulted")
    checks.not_before(
        "family_consulted_on",
        family_consulted_on,
        proposal.proposed_on,
        "date the family was consulted",
        "proposal date",
    )
    named = plan.named_setting
    past_date(
        checks,
        "setting_consulted_on",
        setting_consulted_on,
        "date the school was consulted",
        required=named is not None,
    )
    if named is not None and setting_consulted_on is None:
        checks.errors["setting_consulted_on"] = f"Enter the date {named} was consulted (reg 31(2))"
    checks.not_before(
        "setting_consulted_on",
        setting_consulted_on,
        proposal.proposed_on,
        "date the school was consulted",
        "proposal date",
    )
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(proposal, expected_version=expected_version, what="this proposal to cease the plan")
        return save_changes(
            actor=actor,
            instance=current,
            child=plan.child,
            changes={
                "family_consulted_on": family_consulted_on,
                "setting_consulted_on": setting_consulted_on,
                "consultation_notes": notes.strip(),
            },
            summary="Consultation on ceasing the plan recorded",
        )


def cease_decide(
    *,
    actor: User,
    proposal: CeaseProposal,
    decision: str,
    decided_on: dt.date | None,
    sent_on: dt.date | None = None,
    cease_on: dt.date | None = None,
    reasons: str = "",
    mediation_adviser: str = "",
    expected_version: int | None,
) -> CeaseProposal:
    """Decide to cease or to keep the plan; a decision to cease is sent with appeal rights (reg 31(3))."""
    plan = proposal.plan
    require_casework(actor, plan.child)
    checks = Checks()
    if proposal.decision:
        checks.add("decision", "The decision on this proposal has already been recorded")
    if plan.status != PlanStatus.ACTIVE:
        checks.add("decision", "This plan is no longer maintained")
    if decision not in CeaseDecision.values:
        checks.add("decision", "Select whether the council will cease the plan")
    past_date(checks, "decided_on", decided_on, "date of the decision")
    checks.not_before("decided_on", decided_on, proposal.proposed_on, "date of the decision", "proposal date")
    cease = decision == CeaseDecision.CEASE
    if cease and proposal.reason == DECEASED:
        checks.add("decision", "When a child or young person has died there is no decision to send: end the plan")
    elif cease and proposal.family_consulted_on is None:
        checks.add("decision", "Record the consultation with the family before deciding to cease (reg 31(2))")
    elif cease:
        for consulted, what in (
            (proposal.family_consulted_on, "date the family was consulted"),
            (proposal.setting_consulted_on, "date the school was consulted"),
        ):
            checks.not_before("decided_on", decided_on, consulted, "date of the decision", what)
    if cease:
        check_notice(
            checks, decided_on=decided_on, sent_on=sent_on, reasons=reasons, mediation_adviser=mediation_adviser
        )
        ok_sent = sent_on is not None and "sent_on" not in checks.errors
        if ok_sent and cease_on is not None and cease_on < timescales.earliest_cease_date(sent_on):  # type: ignore[arg-type]
            checks.add("cease_on", window_message(timescales.appeal_deadline(sent_on)))
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(proposal, expected_version=expected_version, what="this proposal to cease the plan")
        changes: dict[str, object] = {"decision": decision, "decision_on": decided_on}
        if cease:
            ends = cease_on or timescales.earliest_cease_date(sent_on)  # type: ignore[arg-type]
            changes["notice"] = notice_create(
                actor=actor,
                child=plan.child,
                about=DecisionAbout.CEASE,
                decided_on=decided_on,  # type: ignore[arg-type]
                sent_on=sent_on,  # type: ignore[arg-type]
                reasons=reasons,
                mediation_adviser=mediation_adviser,
                plan=plan,
                cease_on=ends,
            )
            changes["cease_effective_on"] = ends
        decided = save_changes(
            actor=actor,
            instance=current,
            child=plan.child,
            changes=changes,
            summary=f"Decided to {lower_first(CeaseDecision(decision).label)}",
        )
        # Reg 31(3): a decision to cease goes with appeal rights and the day the plan may end.
        family_notify_cease(actor=actor, proposal=decided, notice=Notice.CEASE_DECISION)
        return decided


def _finalise_checks(proposal: CeaseProposal, ceased_on: dt.date | None) -> Checks:
    checks = Checks()
    plan = proposal.plan
    if plan.status != PlanStatus.ACTIVE:
        checks.add("ceased_on", f"This plan is no longer maintained ({lower_first(plan.get_status_display())})")
        return checks
    past_date(checks, "ceased_on", ceased_on, "date the plan ended")
    if proposal.reason == DECEASED:
        checks.not_before("ceased_on", ceased_on, proposal.proposed_on, "date the plan ended", "date recorded")
        return checks
    notice = proposal.notice
    if proposal.decision != CeaseDecision.CEASE or notice is None:
        checks.add("ceased_on", "The council has not decided to cease this plan. Record the decision first")
        return checks
    appeals = list(TribunalAppeal.objects.filter(notice=notice).order_by("-lodged_on"))
    open_appeal = next((a for a in appeals if a.is_open), None)
    if open_appeal is not None:
        checks.add(
            "ceased_on",
            f"An appeal against this decision was lodged on {dated(open_appeal.lodged_on)} and is still open. "
            "The plan must be maintained until the appeal ends (s.45 CFA)",
        )
        return checks
    if appeals and not appeals[0].in_councils_favour:
        checks.add(
            "ceased_on",
            f"The appeal ended on {dated(appeals[0].concluded_on)}: {lower_first(appeals[0].get_outcome_display())}. "
            "The plan must be maintained",
        )
        return checks
    mediation = Mediation.objects.filter(notice=notice).first()
    if not appeals and mediation is not None and mediation.certificate_issued_on is None:
        checks.add(
            "ceased_on",
            f"The family contacted a mediation adviser on {dated(mediation.contacted_adviser_on)}. Record the "
            "mediation certificate first: it can move the appeal deadline "
            "(Tribunal Procedure Rules 2008 r.20(1)(c)(ii))",
        )
        return checks
    if ceased_on is not None and proposal.cease_effective_on is not None and ceased_on < proposal.cease_effective_on:
        if appeals:
            checks.add(
                "ceased_on",
                f"The plan can end on or after {dated(proposal.cease_effective_on)}, "
                "when the appeal ended (reg 44(2)(a))",
            )
        else:
            checks.add("ceased_on", window_message(notice.appeal_deadline_on))
    elif proposal.cease_effective_on is None:
        checks.add("ceased_on", window_message(notice.appeal_deadline_on))
    return checks


def plan_cease_finalise(
    *, actor: User, proposal: CeaseProposal, ceased_on: dt.date | None, expected_version: int | None
) -> Plan:
    """End the plan once the appeal window has closed with no appeal, or an appeal ended in the council's favour."""
    require_casework(actor, proposal.plan.child)
    _finalise_checks(proposal, ceased_on).raise_if_any()
    with audited_transaction():
        current = lock_current(proposal, expected_version=expected_version, what="this proposal to cease the plan")
        plan = lock_current(proposal.plan, expected_version=None, what="this plan")
        current.plan = plan
        # Checked again under the locks: an appeal or certificate recorded meanwhile must stop this.
        _finalise_checks(current, ceased_on).raise_if_any()
        child = plan.child
        save_changes(
            actor=actor,
            instance=plan,
            child=child,
            changes={"status": PlanStatus.CEASED, "ceased_on": ceased_on, "cease_reason": current.reason},
            summary=f"EHC plan ceased on {dated(ceased_on)}: {sen2codes.CeaseReason(current.reason).label}",
        )
        if current.notice_id is not None:
            # Ceasing is what a reg 44(2)(a) order asks for: the order's step is met the same day.
            for step in TribunalOrderStep.objects.filter(
                order__appeal__notice_id=current.notice_id, step="cease", complied_on__isnull=True
            ):
                save_changes(
                    actor=actor,
                    instance=step,
                    child=child,
                    changes={"complied_on": ceased_on},
                    summary="Tribunal order complied with: plan ceased (reg 44(2)(a))",
                )
        caseload_refresh(child=child)
        # The family is told the plan has ended, what happens now and who to contact.
        family_notify_plan_ended(actor=actor, plan=plan)
    return plan
