"""Ceasing a plan, mediation, appeals and Tribunal orders: one function per statutory rule.

Sources: SEND Regulations 2014 (SI 2014/1530) regs 33 and 44(2); the Tribunal Procedure
(First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008 (SI 2008/2699)
rule 20(1)(c); section 45 of the Children and Families Act 2014 as the DfE SEN2 guide describes
it. Each docstring gives the status label from shared/domain/statutory-timescales.md. The
``Rule`` constants live in :mod:`.rules` so that ``RULES`` holds every rule.

Month limits use calendar months to the same day of the month, clamped to the end of a short
month (:func:`.dates.add_months`): 2 months after 10 March is 10 May, and 1 month after
31 January is 28 February (29 in a leap year). This "corresponding date" reading is SENDcase's
convention; the domain notes do not give the Tribunal's own counting, so it is [UNCONFIRMED].
Week limits count the order date as day 0, like every other week limit in this package.

Not modelled: the mediation adviser's and the LA's 3-working-day steps (regs 34 to 39), which
need a working-day calendar; the Tribunal's power to accept a late appeal; and reg 45
(unopposed appeals).
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Final

from .dates import add_days, add_months, add_weeks
from .rules import (
    APPEAL,
    MAINTAIN_UNTIL_APPEAL_ENDS,
    MEDIATION_CONTACT,
    TRIBUNAL_ORDER_AMEND,
    TRIBUNAL_ORDER_ASSESS,
    TRIBUNAL_ORDER_CEASE,
    TRIBUNAL_ORDER_PLAN,
    TRIBUNAL_ORDER_SCHOOL,
    Rule,
)

__all__ = [
    "APPEAL",
    "MAINTAIN_UNTIL_APPEAL_ENDS",
    "MEDIATION_CONTACT",
    "TRIBUNAL_ORDER_AMEND",
    "TRIBUNAL_ORDER_ASSESS",
    "TRIBUNAL_ORDER_CEASE",
    "TRIBUNAL_ORDER_PLAN",
    "TRIBUNAL_ORDER_SCHOOL",
    "TribunalOrderKind",
    "appeal_deadline",
    "earliest_cease_date",
    "mediation_contact_deadline",
    "tribunal_order_deadlines",
]


def mediation_contact_deadline(decision_sent: date) -> date:
    """Last day for the family to contact the mediation adviser about an LA decision.

    Regulation 33, SEND Regulations 2014: within 2 months after written notice of the decision
    was sent. [CONFIRMED]. Rule: ``MEDIATION_CONTACT``. Counted as the same day of the month two
    months later, clamped to a short month's end (the counting convention is [UNCONFIRMED]).
    """
    return add_months(decision_sent, 2)


def appeal_deadline(decision_sent: date, certificate_issued: date | None = None) -> date:
    """Last day for the Tribunal to receive an appeal against an LA decision.

    Rule 20(1)(c), Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008
    [CONFIRMED]: the notice of appeal must be received within 2 months after written notice of
    the decision was sent (20(1)(c)(i)), or within 1 month from the date the mediation
    certificate was issued, if that is later (20(1)(c)(ii)). Rule: ``APPEAL``.

    Convention [UNCONFIRMED]: "within 2 months after" a date ends on the same day of the month
    two months later (10 March gives 10 May), and a short month clamps to its last day
    (31 December gives 28 or 29 February); "1 month from" is counted the same way. Pass the day
    the decision notice was sent, not the date printed on it if that differs. The date is not
    moved for weekends or bank holidays. The Tribunal Rules are believed to let an act due on a
    non-working day be done on the next working day, but that is not in our sources
    [UNCONFIRMED], so code that must not act too early (ceasing a plan) should allow for it.
    """
    deadline = add_months(decision_sent, 2)
    if certificate_issued is not None:
        deadline = max(deadline, add_months(certificate_issued, 1))
    return deadline


def earliest_cease_date(decision_sent: date, certificate_issued: date | None = None) -> date:
    """First day the LA may stop maintaining a plan it has decided to cease, if no one appeals.

    Section 45, Children and Families Act 2014, as the DfE SEN2 guide (S10) describes it: keep
    maintaining the plan until the time to appeal has expired or any appeal has been concluded.
    [CONFIRMED as DfE guidance]; the sub-section of s.45 is [UNCONFIRMED]. Rule:
    ``MAINTAIN_UNTIL_APPEAL_ENDS``.

    The day after :func:`appeal_deadline`. A family who has contacted a mediation adviser may
    still get a certificate that extends the window, so recompute when one is issued, and check
    with the Tribunal that no appeal arrived on the last day. If an appeal is made, the plan is
    maintained until it ends, and after a dismissal see ``TribunalOrderKind.DISMISS_CEASE``.
    """
    return add_days(appeal_deadline(decision_sent, certificate_issued), 1)


class TribunalOrderKind(enum.StrEnum):
    """What the Tribunal ordered, for the reg 44(2) compliance clocks. Store the value."""

    DISMISS_CEASE = "dismiss_cease"
    """Reg 44(2)(a): appeal against ceasing the plan dismissed."""
    ASSESS = "assess"
    """Reg 44(2)(b): make an EHC needs assessment or re-assessment."""
    MAKE_PLAN = "make_plan"
    """Reg 44(2)(c): make and maintain an EHC plan."""
    AMEND_CONTENT = "amend_content"
    """Reg 44(2)(e): amend the special educational needs or provision in the plan."""
    AMEND_SCHOOL_ONLY = "amend_school_only"
    """Reg 44(2)(f): amend only the name or type of school or institution."""

    @property
    def rule(self) -> Rule:
        """The reg 44(2) rule behind this kind's deadlines."""
        return _ORDER_RULES[self]


_ORDER_RULES: Final[dict[TribunalOrderKind, Rule]] = {
    TribunalOrderKind.DISMISS_CEASE: TRIBUNAL_ORDER_CEASE,
    TribunalOrderKind.ASSESS: TRIBUNAL_ORDER_ASSESS,
    TribunalOrderKind.MAKE_PLAN: TRIBUNAL_ORDER_PLAN,
    TribunalOrderKind.AMEND_CONTENT: TRIBUNAL_ORDER_AMEND,
    TribunalOrderKind.AMEND_SCHOOL_ONLY: TRIBUNAL_ORDER_SCHOOL,
}

# Step name and weeks from the order date, earliest first.
_ORDER_CLOCKS: Final[dict[TribunalOrderKind, tuple[tuple[str, int], ...]]] = {
    TribunalOrderKind.DISMISS_CEASE: (("cease", 0),),
    TribunalOrderKind.ASSESS: (("notify_assessment", 2), ("decision_not_to_issue", 10), ("final_plan", 14)),
    TribunalOrderKind.MAKE_PLAN: (("draft_plan", 5), ("final_plan", 11)),
    TribunalOrderKind.AMEND_CONTENT: (("amended_plan", 5),),
    TribunalOrderKind.AMEND_SCHOOL_ONLY: (("amended_plan", 2),),
}


def tribunal_order_deadlines(kind: TribunalOrderKind, ordered: date) -> dict[str, date]:
    """Return the LA's deadlines for complying with a Tribunal order, by step name, earliest first.

    Regulation 44(2), SEND Regulations 2014; periods run from the date of the order (day 0).
    ``kind.rule`` names the limb behind every date.

    - ``DISMISS_CEASE``, 44(2)(a) [CONFIRMED]: "cease" immediately, the order date itself.
    - ``ASSESS``, 44(2)(b) [CONFIRMED]: "notify_assessment" within 2 weeks; then either
      "decision_not_to_issue" within 10 weeks or "final_plan" within 14 weeks (only one of
      the two applies, depending on the outcome).
    - ``MAKE_PLAN``, 44(2)(c) [CONFIRMED]: "draft_plan" within 5 weeks, "final_plan" within
      11 weeks.
    - ``AMEND_CONTENT``, 44(2)(e) [SECONDARY]: "amended_plan" within 5 weeks.
    - ``AMEND_SCHOOL_ONLY``, 44(2)(f) [SECONDARY]: "amended_plan" within 2 weeks.

    Not modelled: orders to reconsider, to continue to maintain, or to continue and amend (letters
    and periods [UNCONFIRMED]), and the reg 44(3) exceptions [SECONDARY].
    """
    return {step: add_weeks(ordered, weeks) for step, weeks in _ORDER_CLOCKS[kind]}
