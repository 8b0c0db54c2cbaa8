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

The phase transfer items are filled when the reported review is the phase transfer review of a
move, found as the phase transfer tracker and the performance figures find it
(sendcase/reviews/transfers.py): recorded as the phase transfer review, or the child moves (by
date of birth and current setting) in the activity year or the collection year and this review
is the one in the 12 months before that move's deadline. The export sees only the reported
review of each plan, so where a plan has a later review in the same 12 months the tracker
judges that one instead.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import QuerySet

from sendcase.reviews.models import AnnualReview
from sendcase.reviews.phases import stage_of
from sendcase.reviews.transfers import Transfer, transfer_in
from sendcase.sen2.collection import collection_for

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

# What the six items are made from: read as plain values, so the export can stream them for
# every plan in England alongside the plans themselves (sendcase/sen2/select.py).
REVIEW_FIELDS = (
    "child_id",
    "plan_id",
    "meeting_held_on",
    "decision_sent_on",
    "outcome",
    "proposed_amendments_sent_on",
    "is_phase_transfer",
    "transfer_kind",
    "transfer_year",
    "post16_transfer_on",
    "amended_plan_issued_on",
    # What the phase transfer cohort is found from, as the tracker finds it.
    "meeting_on",
    "child__date_of_birth",
    "child__setting__phase",
    "child__setting__setting_type",
    "child__setting__name",
)


class ReviewRow(NamedTuple):
    child_id: uuid.UUID
    plan_id: uuid.UUID
    meeting_held_on: dt.date
    decision_sent_on: dt.date | None
    outcome: str
    proposed_amendments_sent_on: dt.date | None
    is_phase_transfer: bool
    transfer_kind: str
    transfer_year: int | None
    post16_transfer_on: dt.date | None
    amended_plan_issued_on: dt.date | None
    meeting_on: dt.date
    date_of_birth: dt.date
    setting_phase: str | None
    setting_type: str | None
    setting_name: str | None


def reviews_reported(reviews: QuerySet[AnnualReview], year: int) -> QuerySet[AnnualReview]:
    """The reviews a return of collection `year` can report: meeting held in the activity year (Y-1)."""
    return reviews.filter(meeting_held_on__range=(dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)))


def latest_per_plan(rows: list[ReviewRow]) -> dict[uuid.UUID, ReviewRow]:
    """The review each plan reports: its latest meeting (ties: the later decision)."""
    latest: dict[uuid.UUID, ReviewRow] = {}
    for row in rows:
        held = latest.get(row.plan_id)
        if held is None or (row.meeting_held_on, row.decision_sent_on or dt.date.min) > (
            held.meeting_held_on,
            held.decision_sent_on or dt.date.min,
        ):
            latest[row.plan_id] = row
    return latest


def reported_transfer(review: ReviewRow, year: int) -> Transfer | None:
    """The move `review` is the phase transfer review of, for the collection of `year`; else None."""
    stage = stage_of(phase=review.setting_phase, setting_type=review.setting_type, name=review.setting_name)
    years = [review.transfer_year] if review.is_phase_transfer and review.transfer_year else [year - 1, year]
    for transfer_year in years:
        transfer = transfer_in(date_of_birth=review.date_of_birth, stage=stage, reviews=[review], year=transfer_year)
        if transfer is not None and transfer.review is review:
            return transfer
    return None


def review_items(review: ReviewRow | None, year: int) -> dict[str, dt.date | str | None]:
    """The six review items a review gives the collection of `year`; None where there is nothing to report.

    Dates are `datetime.date` and ReviewOutcome is the SEN2 code; the caller writes them as XML.
    """
    items: dict[str, dt.date | str | None] = dict.fromkeys(ITEMS)
    if review is None:
        return items
    census = collection_for(year).census

    def by_census(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= census else None

    items["ReviewMeeting"] = review.meeting_held_on
    decided = by_census(review.decision_sent_on)
    items["LastReview"] = decided
    items["ReviewOutcome"] = review.outcome if decided and review.outcome else None
    items["ReviewDraft"] = by_census(review.proposed_amendments_sent_on)
    transfer = reported_transfer(review, year)
    if transfer is not None:
        items["PhaseTransferDueDate"] = transfer.statutory_date
        items["PhaseTransferFinalDate"] = by_census(transfer.issued)
    return items


def sen2_review_items(plan: Plan, year: int) -> dict[str, dt.date | str | None]:
    """The six review items for `plan` in the SEN2 collection of `year` (one plan; the export streams them)."""
    rows = reviews_reported(AnnualReview.objects.filter(plan=plan), year).values_list(*REVIEW_FIELDS)
    return review_items(latest_per_plan([ReviewRow._make(row) for row in rows]).get(plan.pk), year)
