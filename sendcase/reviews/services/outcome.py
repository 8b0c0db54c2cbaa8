"""The review meeting and after it: report, decision, proposed amendments, amended plan (regs 20-22)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.apps import apps

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.appeals.models import DecisionAbout
from sendcase.appeals.services.ceasing import cease_from_review, review_cease_reason_checks
from sendcase.appeals.services.notices import review_notice_record
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.cases.models import Plan
from sendcase.cases.services.caseload import caseload_refresh
from sendcase.cases.services.validation import Checks
from sendcase.core.locking import bump_version, lock_current
from sendcase.notifications.family import Notice, family_notify_review_step
from sendcase.reviews.models import (
    OUTCOME_CODES,
    AnnualReview,
    ReviewDecision,
    short_notice_days,
    short_notice_text,
)
from sendcase.reviews.services._common import date_checks, require_open, save_review

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import Organisation

NO_PROPOSAL = "An amended plan needs proposed amendments sent first (reg 22)"


def plan_last_review_set(*, actor: User, plan: Plan, reviewed_on: dt.date) -> Plan:
    """Record the date of the plan's last review, from which the next is due (s.44(1)). Inside a transaction.

    sendcase.cases owns the Plan model; this is the reviews' one write to it, audited like any other,
    and it refreshes the child's caseload summary, whose next date is the next review.
    """
    current = lock_current(plan, expected_version=None, what="this plan")
    if current.last_review_on == reviewed_on:
        return current
    before = current.last_review_on
    current.last_review_on = reviewed_on
    bump_version(current)
    current.modified_by = actor
    current.save(update_fields=["last_review_on", "version", "modified_by", "modified_at"])
    audit_change(
        actor=actor,
        action=Action.UPDATE,
        instance=current,
        child=current.child,
        summary=f"Plan last reviewed {timescales.format_date(reviewed_on)}",
        changes={"last_review_on": [before.isoformat() if before else None, reviewed_on.isoformat()]},
    )
    caseload_refresh(child=current.child)
    return current


def review_meeting_record(
    *, actor: User, review: AnnualReview, held_on: dt.date | None, expected_version: int | None
) -> AnnualReview:
    """Record the review meeting held; the plan's next review is then due 12 months on (s.44(1)).

    A meeting held less than 2 weeks after the invitations went (regs 20(2) and 21(2)) is recorded
    all the same: it can really happen at short notice, for example when the family agree. The
    review then says how many days' notice there was (`AnnualReview.short_notice`), the audit
    event records it, and the performance figures do not count the meeting as held on time.
    """
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    if review.meeting_held_on:
        checks.add("held_on", "The meeting has already been recorded")
    if not review.invitations_sent_on:
        checks.add("held_on", "Record the invitations first: a meeting needs 2 weeks' notice (regs 20(2) and 21(2))")
    date_checks(checks, "held_on", held_on, "date the meeting was held")
    checks.not_before("held_on", held_on, review.invitations_sent_on, "meeting date", "date invitations were sent")
    checks.raise_if_any()
    with audited_transaction():
        current = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={"meeting_held_on": held_on},
            summary=_held_summary(held_on, review.invitations_sent_on),  # type: ignore[arg-type]
        )
        plan_last_review_set(actor=actor, plan=current.plan, reviewed_on=held_on)  # type: ignore[arg-type]
    return current


def _held_summary(held_on: dt.date, invitations_sent_on: dt.date | None) -> str:
    summary = f"Annual review meeting held {timescales.format_date(held_on)}"
    days = short_notice_days(invitations_sent_on, held_on)
    return f"{summary}. {short_notice_text(days)}" if days is not None else summary


def _require_meeting(checks: Checks, review: AnnualReview, field: str, what: str) -> None:
    if not review.meeting_held_on:
        checks.add(field, f"Record the review meeting before the {what}")


def review_report_record(
    *, actor: User, review: AnnualReview, received_on: dt.date | None, expected_version: int | None
) -> AnnualReview:
    """Record the review report received: due within 2 weeks of the meeting (regs 20(7), 21(7))."""
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    _require_meeting(checks, review, "received_on", "report")
    if review.report_received_on:
        checks.add("received_on", "The report has already been recorded")
    date_checks(checks, "received_on", received_on, "date the report was received")
    checks.not_before("received_on", received_on, review.meeting_held_on, "report date", "meeting date")
    checks.raise_if_any()
    with audited_transaction():
        current = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={"report_received_on": received_on},
            summary=f"Review report received {timescales.format_date(received_on)}",  # type: ignore[arg-type]
        )
        # Regs 20(7)-(8), 21(7): the family gets the report; they are told it is ready.
        family_notify_review_step(actor=actor, review=current, notice=Notice.REVIEW_REPORT)
        return current


def review_decision_record(
    *,
    actor: User,
    review: AnnualReview,
    decision: str,
    sent_on: dt.date | None,
    cease_reason: str = "",
    expected_version: int | None,
) -> AnnualReview:
    """Record the decision to keep, amend or cease the plan: due within 4 weeks of the meeting (reg 20(10)).

    Keep and cease finish the review, in the same transaction as what follows from them:

    - keeping the plan as it is can be appealed, so it records the decision notice
      (sendcase.appeals) with the appeal deadline the family's letter gives, for mediation or an
      appeal to be recorded against it;
    - ceasing starts the reg 31 process (a CeaseProposal with the SEN2 `cease_reason`), or joins
      the one already under way. The family's letter about the decision says ceasing is being
      considered and their views will be asked for, so nothing else is sent to them.
    """
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    _require_meeting(checks, review, "sent_on", "decision")
    if review.decision:
        checks.add("decision", "The decision has already been recorded")
    if decision not in ReviewDecision.values:
        checks.add("decision", "Select whether the council will keep, amend or cease the plan")
    date_checks(checks, "sent_on", sent_on, "date the decision was sent")
    checks.not_before("sent_on", sent_on, review.meeting_held_on, "decision date", "meeting date")
    if decision == ReviewDecision.CEASE:
        review_cease_reason_checks(checks, plan=review.plan, reason=cease_reason, field="cease_reason")
    checks.raise_if_any()
    finishes = decision != ReviewDecision.AMEND
    with audited_transaction():
        current = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={
                "decision": decision,
                "decision_sent_on": sent_on,
                "outcome": OUTCOME_CODES[ReviewDecision(decision)],
                "completed_on": sent_on if finishes else None,
            },
            summary=f"Review decision: {ReviewDecision(decision).label.lower()}",
        )
        # The family is told in the same transaction: keeping the plan carries appeal rights.
        family_notify_review_step(actor=actor, review=current, notice=Notice.REVIEW_DECISION)
        on: dt.date = sent_on  # type: ignore[assignment]  # present: checked above
        if decision == ReviewDecision.MAINTAIN:
            review_notice_record(
                actor=actor,
                review=current,
                about=DecisionAbout.NOT_AMEND,
                decided_on=on,
                reasons=f"After the annual review meeting on {timescales.format_date(current.meeting_held_on)}, "  # type: ignore[arg-type]
                "the council decided to keep the EHC plan as it is, without amending it.",
            )
        elif decision == ReviewDecision.CEASE:
            cease_from_review(actor=actor, review=current, reason=cease_reason, proposed_on=on)
        return current


def review_amendments_send(
    *, actor: User, review: AnnualReview, sent_on: dt.date | None, expected_version: int | None
) -> AnnualReview:
    """Record the proposed amendments sent; the family has 15 days to comment (reg 22(2))."""
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    if review.decision != ReviewDecision.AMEND:
        checks.add("sent_on", "Proposed amendments follow a decision to amend the plan. Record that decision first")
    if review.proposed_amendments_sent_on:
        checks.add("sent_on", "The proposed amendments have already been recorded")
    date_checks(checks, "sent_on", sent_on, "date the proposed amendments were sent")
    checks.not_before("sent_on", sent_on, review.meeting_held_on, "date the amendments were sent", "meeting date")
    checks.raise_if_any()
    with audited_transaction():
        current = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={
                "proposed_amendments_sent_on": sent_on,
                "representations_by": timescales.amendment_representations_deadline(sent_on),  # type: ignore[arg-type]
            },
            summary=f"Proposed amendments sent {timescales.format_date(sent_on)}",  # type: ignore[arg-type]
        )
        _freeze_proposals(actor=actor, plan=current.plan, sent_on=sent_on)  # type: ignore[arg-type]
        family_notify_review_step(actor=actor, review=current, notice=Notice.AMENDMENTS_PROPOSED)
        return current


def _freeze_proposals(*, actor: User, plan: Plan, sent_on: dt.date) -> None:
    """Freeze the proposals as a draft version of the plan's content, when sendcase.plans holds it (reg 22(2)).

    So the family, and the comparison with the plan in force, see exactly what was proposed.
    Content that is incomplete is refused there, and then nothing here is written either.
    """
    if apps.is_installed("sendcase.plans"):
        from sendcase.plans.services import proposed_amendments_freeze

        proposed_amendments_freeze(actor=actor, plan=plan, sent_on=sent_on)


def _issue_plan_version(*, actor: User, plan: Plan, issued_on: dt.date) -> int | None:
    """Freeze the plan's content as its amended version, when sendcase.plans is installed; its number."""
    if not apps.is_installed("sendcase.plans"):
        return None
    from sendcase.plans.services import plan_version_issue

    version = plan_version_issue(actor=actor, plan=plan, kind="amended", issued_on=issued_on)
    return int(version.number)


def review_amended_plan_issue(
    *,
    actor: User,
    review: AnnualReview,
    issued_on: dt.date | None,
    next_setting: Organisation | None = None,
    expected_version: int | None,
) -> AnnualReview:
    """Issue the amended plan: within 8 weeks of the proposals (reg 22(3)), 12 of the meeting (Devon).

    Freezes the plan's content as its next "amended" version (sendcase.plans) in the same
    transaction, so a refusal there writes nothing here either.
    """
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    sent = review.proposed_amendments_sent_on
    if not sent:
        checks.add("issued_on", NO_PROPOSAL)
    date_checks(checks, "issued_on", issued_on, "date the amended plan was issued")
    checks.not_before("issued_on", issued_on, sent, "date the amended plan was issued", "date the proposals were sent")
    if issued_on and review.representations_by and issued_on < review.representations_by:
        checks.add(
            "issued_on",
            f"The family has until {timescales.format_date(review.representations_by)} to comment on the proposed "
            "amendments (reg 22(2)). Issue the amended plan after that",
        )
    named = next_setting or review.next_setting
    if next_setting is not None and not next_setting.is_setting:
        checks.add("next_setting", "Select a school, college or setting")
    elif review.is_phase_transfer and named is None:
        checks.add("next_setting", "Name the school or college the child moves to: a phase transfer plan must name it")
    checks.raise_if_any()
    on: dt.date = issued_on  # type: ignore[assignment]  # present: checked above
    with audited_transaction():
        number = _issue_plan_version(actor=actor, plan=review.plan, issued_on=on)
        current = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={
                "amended_plan_issued_on": on,
                "amended_plan_version": number,
                "next_setting": named,
                "completed_on": on,
            },
            summary=f"Amended plan issued {timescales.format_date(on)}" + (f" (version {number})" if number else ""),
        )
        plan_last_review_set(actor=actor, plan=current.plan, reviewed_on=current.meeting_held_on)  # type: ignore[arg-type]
        family_notify_review_step(actor=actor, review=current, notice=Notice.AMENDED_PLAN)
        # The amended plan can be appealed: the notice its letter stands for (s.51 CFA 2014).
        review_notice_record(
            actor=actor,
            review=current,
            about=DecisionAbout.PLAN_CONTENTS,
            decided_on=on,
            reasons=f"After the annual review meeting on {timescales.format_date(current.meeting_held_on)}, "  # type: ignore[arg-type]
            f"the council amended the EHC plan and issued it on {timescales.format_date(on)}"
            + (f" (version {number})." if number else "."),
        )
    return current


def review_no_amendment_record(
    *, actor: User, review: AnnualReview, notified_on: dt.date | None, expected_version: int | None
) -> AnnualReview:
    """Record telling the family the plan will not be amended after all, with reasons (reg 22(4))."""
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    if not review.proposed_amendments_sent_on:
        checks.add("notified_on", "Record the proposed amendments first: this follows the family's comments on them")
    date_checks(checks, "notified_on", notified_on, "date the family was told")
    checks.not_before(
        "notified_on",
        notified_on,
        review.proposed_amendments_sent_on,
        "date the family was told",
        "date the proposals were sent",
    )
    checks.raise_if_any()
    with audited_transaction():
        current = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={"decision_not_to_amend_on": notified_on, "completed_on": notified_on},
            summary="Family told the plan will not be amended after all",
        )
        family_notify_review_step(actor=actor, review=current, notice=Notice.NO_AMENDMENT)
        told: dt.date = notified_on  # type: ignore[assignment]  # present: checked above
        # Not amending after all can be appealed (reg 22(4)): the notice its letter stands for.
        review_notice_record(
            actor=actor,
            review=current,
            about=DecisionAbout.NOT_AMEND,
            decided_on=told,
            reasons=f"The council sent proposed amendments to the EHC plan on "
            f"{timescales.format_date(current.proposed_amendments_sent_on)} and, after the family's comments, "  # type: ignore[arg-type]
            f"decided on {timescales.format_date(told)} not to make them.",
        )
        return current
