"""What the family notices about moves between councils and the plan ending say.

- **Moving away** (`request_transfer_out`, SEN2 Exported): the request for an assessment is closed
  because the child moved to another council's area before it finished. The letter says which
  council the family now deals with and who to contact. Whether the new council must carry on
  with the assessment, or the family must ask it again, is not in SENDcase's domain notes
  [UNCONFIRMED], so the letter only tells the family to contact the new council about it.
- **A plan taken over** (`transfer_in_record`, SEN2 TransferLA): this council now maintains the
  plan another council made. The SEND Regulations 2014 reg 15 deal with transferring a plan
  between councils; its details (when the old council transfers the plan, the new council's
  6 weeks to tell the family whether it will assess, when it must review the plan) are not in
  SENDcase's domain notes and are [UNCONFIRMED], so the letter states only the facts recorded:
  which council maintains the plan from which day, that the plan stays as it is, and who to contact.
- **A plan moved to another council**: the same facts the other way round (`facts_for_plan_transfer_out`),
  for the service that records it. SENDcase has no such service yet (ceasing refuses SEN2 reason 5).
- **The plan ended** (`plan_cease_finalise`, s.45 CFA 2014 as the DfE SEN2 guide describes it):
  the day the plan ended, that the council no longer maintains it, what help can carry on, and
  who to contact. The decision to cease, with its appeal rights, came earlier (reg 31(3)).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendcase.notifications.family.facts import Facts, Notice
from sendcase.notifications.family.facts import _recorded as _required
from sendcase.organisations.models import LocalAuthority

if TYPE_CHECKING:
    import datetime as dt

    from sendcase.cases.models import AssessmentRequest, Plan

__all__ = [
    "council_name",
    "facts_for_plan_ended",
    "facts_for_plan_transfer_out",
    "facts_for_transfer_in",
    "facts_for_transfer_out",
]


def council_name(code: str) -> str:
    """The name of the council with this DfE LA number, if SENDcase knows it; else "" (the letter says
    "the council for the area you moved to" instead)."""
    if not code:
        return ""
    return LocalAuthority.objects.filter(code=code).values_list("name", flat=True).first() or ""


def facts_for_transfer_out(request: AssessmentRequest) -> Facts:
    """The request closed because the child moved to another council before it finished."""
    moved = _required(request.closed_on, "date the child moved")
    return Facts(
        Notice.TRANSFERRED_OUT,
        child=request.child,
        date=moved,
        outcome="request",
        other_council=council_name(request.transferred_out_to),
    )


def facts_for_plan_transfer_out(plan: Plan, *, moved_on: dt.date, to_la: str) -> Facts:
    """The plan moved to the council the child moved to: that council maintains it from `moved_on`."""
    return Facts(
        Notice.TRANSFERRED_OUT, child=plan.child, date=moved_on, outcome="plan", other_council=council_name(to_la)
    )


def facts_for_transfer_in(plan: Plan, *, transferred_on: dt.date) -> Facts:
    """This council maintains, from `transferred_on`, the plan another council made."""
    setting = str(plan.named_setting) if plan.named_setting else ""
    return Facts(
        Notice.TRANSFERRED_IN,
        child=plan.child,
        date=transferred_on,
        named_setting=setting,
        other_council=council_name(plan.transferred_in_from),
        dates={"issued_on": plan.issued_on},
    )


def facts_for_plan_ended(plan: Plan) -> Facts:
    """The plan has ended: the council no longer maintains it (SEN2 CeaseDate, the day it ended)."""
    ended = _required(plan.ceased_on, "date the plan ended")
    return Facts(Notice.PLAN_ENDED, child=plan.child, date=ended, cease_reason=plan.cease_reason)
