"""Annual review timing: the rule a maintained plan's caseload date comes from.

Issue-by-issue the review clocks (invitations, report, decision, amendments, phase transfer)
join this module; for now it holds the one date every maintained plan has.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from .rules import STATUS_CONFIRMED, Rule

ANNUAL_REVIEW: Final = Rule(
    code="cfa-s44-1",
    regulation="Section 44(1), Children and Families Act 2014",
    summary=(
        "Review the plan within 12 months of it first being made, and then within 12 months of each previous review."
    ),
    # The 12-month duty is confirmed (Code of Practice 9.166); the verbatim wording of s.44(1)
    # is [UNCONFIRMED] in shared/domain/statutory-timescales.md, which does not change the date.
    status=STATUS_CONFIRMED,
)


def annual_review_due(last: date) -> date:
    """Return the last day for the next review: within 12 months of `last` (s.44(1) CFA 2014).

    `last` is the date the plan was first made or the date of the previous review. SENDcase
    takes "within 12 months" to end on the anniversary, as councils and the DfE's review
    measures commonly count it; a plan made on 29 February is due by 28 February the next year,
    so the date never slips into March.
    """
    try:
        return last.replace(year=last.year + 1)
    except ValueError:  # 29 February: the next year has no such day
        return date(last.year + 1, 2, 28)
