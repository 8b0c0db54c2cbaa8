"""One function per statutory step the family is told about, for the service that records the step.

Each is called inside the service's audited transaction, once the step is saved, and returns the
messages written (send.py). A step the service refuses writes nothing, so tells nobody.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendcase.notifications.family.facts import Notice, facts_for_request, facts_for_review
from sendcase.notifications.family.facts_after_plan import (
    facts_for_cease,
    facts_for_certificate,
    facts_for_decision_notice,
    facts_for_review_moved,
    facts_for_review_step,
    facts_for_tribunal_order,
)
from sendcase.notifications.family.facts_moves import (
    facts_for_plan_ended,
    facts_for_plan_transfer_out,
    facts_for_transfer_in,
    facts_for_transfer_out,
)
from sendcase.notifications.family.send import family_notices_send

if TYPE_CHECKING:
    import datetime as dt

    from sendcase.accounts.models import User
    from sendcase.appeals.models import CeaseProposal, DecisionNotice, Mediation, TribunalOrder
    from sendcase.cases.models import AdviceRequest, AssessmentRequest, Plan, TimescaleException
    from sendcase.notifications.models import OutboxMessage
    from sendcase.people.models import Child
    from sendcase.reviews.models import AnnualReview

# SEN2 CeaseReason 8: a child or young person who has died. Their family is not sent a notice
# about ending the plan; the case officer writes to them personally.
DECEASED = "8"


def family_notify_step(
    *,
    actor: User | None,
    request: AssessmentRequest,
    notice: Notice,
    advice: AdviceRequest | None = None,
    exception: TimescaleException | None = None,
) -> list[OutboxMessage]:
    """Tell the family about a step just recorded on `request` (see facts.Notice for the steps)."""
    return family_notices_send(
        actor=actor, facts=facts_for_request(notice, request, advice=advice, exception=exception)
    )


def family_notify_review_invitation(
    *, actor: User | None, child: Child, meeting_on: dt.date, meeting_format: str = ""
) -> list[OutboxMessage]:
    """Invite the family to an annual review meeting (for sendcase.reviews to call when invitations go)."""
    return family_notices_send(
        actor=actor, facts=facts_for_review(child=child, meeting_on=meeting_on, meeting_format=meeting_format)
    )


def family_notify_review_moved(*, actor: User | None, review: AnnualReview, was_on: dt.date) -> list[OutboxMessage]:
    """The review meeting moved after the invitations went: everyone SENDcase invited hears the new date.

    Call only when the date changed and the invitations had been sent (before that, the
    invitation itself gives the new date).
    """
    return family_notices_send(actor=actor, facts=facts_for_review_moved(review, was_on=was_on))


# Steps after the plan. Each is called by the service that records the step, inside its audited
# transaction, once the step is saved.


def family_notify_review_step(*, actor: User | None, review: AnnualReview, notice: Notice) -> list[OutboxMessage]:
    """After a review meeting: the report (regs 20(7)-(8), 21(7)), the decision (reg 20(10)), proposed
    amendments (reg 22(2)), the amended plan (reg 22(3)) or a decision not to amend after all (reg 22(4))."""
    return family_notices_send(actor=actor, facts=facts_for_review_step(notice, review))


def family_notify_cease(*, actor: User | None, proposal: CeaseProposal, notice: Notice) -> list[OutboxMessage]:
    """Ceasing is being considered (reg 31(1)), or the decision on it (reg 31(3)), with appeal rights."""
    if proposal.reason == DECEASED:
        return []
    return family_notices_send(actor=actor, facts=facts_for_cease(notice, proposal))


def family_notify_plan_ended(*, actor: User | None, plan: Plan) -> list[OutboxMessage]:
    """The plan has ended on `plan.ceased_on`: what happens now and who to contact (not sent after a death)."""
    if plan.cease_reason == DECEASED:
        return []
    return family_notices_send(actor=actor, facts=facts_for_plan_ended(plan))


def family_notify_decision_notice(*, actor: User | None, decision_notice: DecisionNotice) -> list[OutboxMessage]:
    """A notice of an appealable decision, with its reasons, appeal and mediation dates (reg 32)."""
    return family_notices_send(actor=actor, facts=facts_for_decision_notice(decision_notice))


def family_notify_certificate(*, actor: User | None, mediation: Mediation) -> list[OutboxMessage]:
    """A mediation certificate recorded, and the appeal deadline it gives (r.20(1)(c)(ii))."""
    return family_notices_send(actor=actor, facts=facts_for_certificate(mediation))


def family_notify_tribunal_order(*, actor: User | None, order: TribunalOrder) -> list[OutboxMessage]:
    """A Tribunal order: what the council must now do, and by when (reg 44(2))."""
    return family_notices_send(actor=actor, facts=facts_for_tribunal_order(order))


# Moves between councils.


def family_notify_transfer_out(*, actor: User | None, request: AssessmentRequest) -> list[OutboxMessage]:
    """The request was closed because the child moved to another council's area (SEN2 Exported)."""
    return family_notices_send(actor=actor, facts=facts_for_transfer_out(request))


def family_notify_plan_transfer_out(
    *, actor: User | None, plan: Plan, moved_on: dt.date, to_la: str
) -> list[OutboxMessage]:
    """The plan moved to the council the child moved to (reg 15 [UNCONFIRMED]): who maintains it now."""
    return family_notices_send(actor=actor, facts=facts_for_plan_transfer_out(plan, moved_on=moved_on, to_la=to_la))


def family_notify_transfer_in(*, actor: User | None, plan: Plan, transferred_on: dt.date) -> list[OutboxMessage]:
    """This council took over a plan another council made (SEN2 TransferLA; reg 15 [UNCONFIRMED])."""
    return family_notices_send(actor=actor, facts=facts_for_transfer_in(plan, transferred_on=transferred_on))
