"""When a plan may be amended: after proposed amendments and the family's 15 days, or a Tribunal order.

An EHC plan is amended in two ways SENDcase records:

- after an annual review, once the family has been sent the proposed amendments and given at
  least 15 days to comment (reg 22(2), SEND Regulations 2014), the amended plan follows within
  8 weeks (reg 22(3)). The review records it: `reviews.services.review_amended_plan_issue`
  issues the amended version, so the plan pages send the officer there;
- when the First-tier Tribunal orders the council to amend the plan (reg 44(2)(e) and (f), whose
  periods are [SECONDARY] in docs/appeals.md): an outstanding "Issue the amended plan" step of
  such an order. The plan pages issue that version and record the step as done.

An amended version with neither behind it is refused, so no amended plan reaches a family
without the proposals and the 15 days the Regulations give them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q

from sendcase.timescales import format_date

if TYPE_CHECKING:
    from sendcase.cases.models import Plan

NO_AUTHORITY = (
    "An amended plan needs proposed amendments sent to the family after an annual review, and their 15 days "
    "to comment (reg 22), or a Tribunal order to amend the plan (reg 44). Neither is recorded for this plan"
)
SEND_PROPOSALS_FIRST = (
    "Send the family the proposed amendments from the annual review first: an amended plan needs them (reg 22(2))"
)
THROUGH_THE_REVIEW = (
    "Issue this amended plan from the annual review, which records it on the review and tells the family (reg 22(3))"
)
NOT_AN_ORDER_TO_AMEND = "This is not an outstanding step of a Tribunal order to amend this plan"


def open_review(plan: Plan) -> Any:
    """The plan's annual review under way (one at a time), or None."""
    if not apps.is_installed("sendcase.reviews"):
        return None
    from sendcase.reviews.models import AnnualReview

    return AnnualReview.objects.filter(plan=plan, completed_on__isnull=True).first()


def family_replied(review: Any) -> bool:
    """Whether a parent or the young person has sent their comments on the proposals through the portal."""
    if not apps.is_installed("sendcase.portal"):
        return False
    from sendcase.portal.services.draft_response import review_answered

    return review_answered(review)


def _order_steps(plan: Plan) -> Any:
    from sendcase.appeals.models import TribunalOrderStep

    about_this_plan = Q(order__appeal__notice__plan=plan) | Q(
        order__appeal__notice__plan__isnull=True, order__appeal__notice__child_id=plan.child_id
    )
    return TribunalOrderStep.objects.filter(about_this_plan, step="amended_plan").select_related("order")


def outstanding_order_step(plan: Plan) -> Any:
    """The earliest-due "Issue the amended plan" step of a Tribunal order about this plan still to do, or None."""
    if not apps.is_installed("sendcase.appeals"):
        return None
    return _order_steps(plan).filter(complied_on__isnull=True, not_needed=False).order_by("due_on").first()


def amendment_problems(
    plan: Plan, *, on: dt.date | None, order_step: Any = None, through_review: bool = True
) -> dict[str, str]:
    """What stops an amended version of `plan` dated `on`, by field ("kind" or "issued_on"); empty if nothing.

    `order_step` is the Tribunal order step the version carries out, if any. Without one the
    annual review must be the route: an open review whose proposals were sent and whose 15 days
    have ended on `on` (or the family has replied). `through_review` is False for a caller that
    does not record the amended plan on the review (the plan pages), which are sent to the review.
    """
    if order_step is not None:
        known = _order_steps(plan).filter(pk=order_step.pk, complied_on__isnull=True, not_needed=False).exists()
        if not known:
            return {"kind": NOT_AN_ORDER_TO_AMEND}
        if on is not None and on < order_step.order.made_on:
            made = format_date(order_step.order.made_on)
            return {"issued_on": f"The date must be on or after the date of the Tribunal's order ({made})"}
        return {}
    review = open_review(plan)
    if review is None or review.decision != "amend":
        return {"kind": NO_AUTHORITY}
    if not review.proposed_amendments_sent_on:
        return {"kind": SEND_PROPOSALS_FIRST}
    if not through_review:
        return {"kind": THROUGH_THE_REVIEW}
    by = review.representations_by
    if on is not None and by is not None and on <= by and not family_replied(review):
        return {
            "issued_on": f"The family has until {format_date(by)} to comment on the proposed amendments (reg 22(2)). "
            "Issue the amended plan after that, or once they have replied"
        }
    return {}
