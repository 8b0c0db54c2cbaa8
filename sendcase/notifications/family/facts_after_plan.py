"""What each family notice after the plan says: annual reviews, ceasing, decision notices and appeals.

The dates come from the record the service has just saved and from sendcase.timescales, never
worked out here:

- a review meeting moved after the invitations went (regs 20(2) and 21(2): at least 2 weeks'
  notice of the meeting, which the reviews service checks against the new date): the old and new
  dates;
- the review report (regs 20(7)-(8) and 21(7)): the report goes to everyone invited within 2
  weeks of the meeting (`timescales.review_report_due`); the council's decision is due 4 weeks
  after the meeting (`timescales.review_decision_due`, reg 20(10));
- the review decision (reg 20(10)): keeping the plan as it is can be appealed (s.51 CFA 2014), so
  its letter gives the last day to contact a mediation adviser (reg 33) and to appeal (Tribunal
  Procedure Rules 2008 r.20(1)(c)), counted from the day the decision was sent; the plan's next
  review is due 12 months after the meeting (s.44(1));
- proposed amendments (reg 22(2)): the family has until `representations_by` (15 days, counting
  the day sent) to reply; the amended plan is due by `timescales.amended_plan_due`;
- the amended plan (reg 22(3)) and a decision not to amend after all (reg 22(4)): appealable,
  counted from the day issued or told;
- ceasing (reg 31): the proposal tells the family ceasing is being considered; a decision to
  cease gives the appeal dates stored on its DecisionNotice and the day the plan may end
  (`CeaseProposal.cease_effective_on`): the plan is kept at least until the appeal deadline
  (s.45 CFA as the DfE SEN2 guide describes it);
- a decision notice (reg 32): the appeal and mediation dates stored on it;
- a mediation certificate (regs 34 and 39): the notice's appeal deadline, recomputed by the
  appeals service from the certificate (r.20(1)(c)(ii)) before this reads it;
- a Tribunal order (reg 44(2)): each duty's deadline, as stored on the order's steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.notifications.family.facts import Facts, Notice
from sendcase.notifications.family.facts import _appeal_dates as _appeal_dates_from
from sendcase.notifications.family.facts import _recorded as _required

if TYPE_CHECKING:
    import datetime as dt

    from sendcase.appeals.models import CeaseProposal, DecisionNotice, Mediation, TribunalOrder
    from sendcase.reviews.models import AnnualReview

__all__ = [
    "facts_for_cease",
    "facts_for_certificate",
    "facts_for_decision_notice",
    "facts_for_review_moved",
    "facts_for_review_step",
    "facts_for_tribunal_order",
]


def _appeal_dates(notice: DecisionNotice) -> dict[str, dt.date]:
    """The dates stored on a decision notice, which the appeals services keep up to date."""
    return {"mediation_by": notice.mediation_contact_by, "appeal_by": notice.appeal_deadline_on}


def _setting_name(review: AnnualReview) -> str:
    setting = review.next_setting or review.plan.named_setting
    return str(setting) if setting else ""


def facts_for_review_moved(review: AnnualReview, *, was_on: dt.date) -> Facts:
    """The review meeting moved from `was_on` to the date now on the review, after the invitations went."""
    return Facts(
        Notice.REVIEW_MOVED,
        child=review.child,
        date=review.meeting_on,
        meeting_format=review.meeting_format,
        dates={"meeting_on": review.meeting_on, "was_on": was_on},
    )


def facts_for_review_step(notice: Notice, review: AnnualReview) -> Facts:
    """After the review meeting: the report, the decision, proposed amendments, the amended plan, or no amendment."""
    child = review.child
    meeting = _required(review.meeting_held_on, "review meeting")
    review_by = timescales.annual_review_due(meeting)
    if notice == Notice.REVIEW_REPORT:
        received = _required(review.report_received_on, "date the review report was received")
        dates = {
            "meeting_on": meeting,
            "report_by": timescales.review_report_due(meeting),
            "decision_by": timescales.review_decision_due(meeting),
        }
        return Facts(notice, child=child, date=received, dates=dates)
    if notice == Notice.REVIEW_DECISION:
        sent = _required(review.decision_sent_on, "date the decision was sent")
        dates: dict[str, dt.date] = {"review_by": review_by}
        if review.decision == "maintain":
            dates |= _appeal_dates_from(sent)
        elif review.decision == "amend":
            dates["amended_by"] = timescales.amended_plan_due_after_review(meeting)
        return Facts(notice, child=child, date=sent, outcome=review.decision, dates=dates)
    if notice == Notice.AMENDMENTS_PROPOSED:
        sent = _required(review.proposed_amendments_sent_on, "date the proposed amendments were sent")
        dates = {
            "reply_by": review.representations_by or timescales.amendment_representations_deadline(sent),
            "amended_by": timescales.amended_plan_due(sent, meeting),
        }
        return Facts(notice, child=child, date=sent, dates=dates)
    if notice == Notice.AMENDED_PLAN:
        issued = _required(review.amended_plan_issued_on, "date the amended plan was issued")
        dates = _appeal_dates_from(issued) | {"review_by": review_by}
        return Facts(notice, child=child, date=issued, dates=dates, named_setting=_setting_name(review))
    if notice == Notice.NO_AMENDMENT:
        told = _required(review.decision_not_to_amend_on, "date the family was told")
        dates = _appeal_dates_from(told) | {"review_by": review_by}
        return Facts(notice, child=child, date=told, dates=dates)
    raise ValueError(f"{notice} is not a step after a review meeting")


def facts_for_cease(notice: Notice, proposal: CeaseProposal) -> Facts:
    """The proposal to cease a plan (reg 31(1)), or the decision on it (reg 31(3))."""
    child = proposal.plan.child
    if notice == Notice.CEASE_PROPOSED:
        return Facts(notice, child=child, date=proposal.proposed_on, cease_reason=proposal.reason)
    if notice == Notice.CEASE_DECISION:
        decided = _required(proposal.decision_on, "decision on the proposal to cease the plan")
        if proposal.decision != "cease":
            return Facts(notice, child=child, date=decided, outcome=proposal.decision, cease_reason=proposal.reason)
        decision_notice = _required(proposal.notice, "notice of the decision to cease the plan")
        dates = _appeal_dates(decision_notice) | {"decided_on": decided}
        if proposal.cease_effective_on:
            dates["ends_on"] = proposal.cease_effective_on
        return Facts(
            notice,
            child=child,
            date=decision_notice.sent_on,
            outcome=proposal.decision,
            cease_reason=proposal.reason,
            reasons=decision_notice.reasons,
            mediation_adviser=decision_notice.mediation_adviser,
            dates=dates,
        )
    raise ValueError(f"{notice} is not a step of ceasing a plan")


def facts_for_decision_notice(decision_notice: DecisionNotice) -> Facts:
    """A notice of an appealable decision with its reasons (reg 32); `outcome` is what it is about."""
    dates = _appeal_dates(decision_notice) | {"decided_on": decision_notice.decided_on}
    return Facts(
        Notice.DECISION_NOTICE,
        child=decision_notice.child,
        date=decision_notice.sent_on,
        outcome=decision_notice.about,
        reasons=decision_notice.reasons,
        mediation_adviser=decision_notice.mediation_adviser,
        dates=dates,
    )


def facts_for_certificate(mediation: Mediation) -> Facts:
    """A mediation certificate recorded: the appeal deadline it gives (r.20(1)(c)(ii)), already recomputed."""
    decision_notice = mediation.notice
    issued = _required(mediation.certificate_issued_on, "date the certificate was issued")
    dates = {"appeal_by": decision_notice.appeal_deadline_on, "decided_on": decision_notice.decided_on}
    proposal = getattr(decision_notice, "cease_proposal", None)
    if proposal is not None and proposal.cease_effective_on:
        dates["ends_on"] = proposal.cease_effective_on
    return Facts(
        Notice.MEDIATION_CERTIFICATE,
        child=decision_notice.child,
        date=issued,
        outcome=decision_notice.about,
        exception_kind=mediation.certificate_kind,
        dates=dates,
    )


def facts_for_tribunal_order(order: TribunalOrder) -> Facts:
    """A Tribunal order: what the council must now do, and by when (reg 44(2))."""
    steps = tuple((step.step, step.due_on) for step in order.steps.order_by("due_on", "step"))
    return Facts(
        Notice.TRIBUNAL_ORDER,
        child=order.appeal.notice.child,
        date=order.made_on,
        outcome=order.kind,
        steps=steps,
        dates={"made_on": order.made_on},
    )
