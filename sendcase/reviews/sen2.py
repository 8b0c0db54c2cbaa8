"""The SEN2 ActivePlans review items of one plan, for the SEN2 export (docs/reviews.md).

shared/domain/sen2-return.md A.4: ReviewMeeting (meeting date), ReviewOutcome (A amend, C cease,
M maintain), LastReview (the date the council WROTE with its decision, not the meeting date:
guidance G-09), and from 2025 ReviewDraft (date the draft amended plan, here the proposed
amendments, was issued), PhaseTransferDueDate and PhaseTransferFinalDate.

Which review a return reports is not stated in our sources [UNCONFIRMED]: SENDcase reports the
latest review whose meeting was held in the collection's activity year (calendar year Y-1 for
collection Y), and only events on or before the census date. PhaseTransferDueDate is the date
regulation 18 names (15 February or 31 March; for a post-16 move at another time, 5 months
before it), not the day before [UNCONFIRMED which of the two the DfE expects].
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.reviews.models import AnnualReview

if TYPE_CHECKING:
    from sendcase.cases.models import Plan

ITEMS = (
    "ReviewMeeting",
    "ReviewOutcome",
    "LastReview",
    "ReviewDraft",
    "PhaseTransferDueDate",
    "PhaseTransferFinalDate",
)


def _census(year: int) -> dt.date:
    """The SEN2 census date of collection `year`: the third Thursday of January (A.2 [CONFIRMED])."""
    first = dt.date(year, 1, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=2)


def sen2_review_items(plan: Plan, year: int) -> dict[str, dt.date | str | None]:
    """The six review items for `plan` in the SEN2 collection of `year`; None where there is nothing to report.

    Dates are `datetime.date` and ReviewOutcome is the SEN2 code; the caller writes them as XML.
    """
    start, end, census = dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31), _census(year)
    items: dict[str, dt.date | str | None] = dict.fromkeys(ITEMS)
    review = (
        AnnualReview.objects.filter(plan=plan, meeting_held_on__range=(start, end)).order_by("-meeting_held_on").first()
    )
    if review is None:
        return items

    def by_census(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= census else None

    items["ReviewMeeting"] = review.meeting_held_on
    decided = by_census(review.decision_sent_on)
    items["LastReview"] = decided
    items["ReviewOutcome"] = review.outcome if decided and review.outcome else None
    items["ReviewDraft"] = by_census(review.proposed_amendments_sent_on)
    if review.is_phase_transfer:
        if review.post16_transfer_on:
            items["PhaseTransferDueDate"] = timescales.post16_transfer_review_due(review.post16_transfer_on)
        elif review.transfer_year:
            items["PhaseTransferDueDate"] = timescales.phase_transfer_deadline(review.transfer_year, review.post16)
        items["PhaseTransferFinalDate"] = by_census(review.amended_plan_issued_on)
    return items
