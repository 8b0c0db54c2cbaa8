"""Who moves phase in a year, by when the amended plan is due, and which review answers for it (reg 18).

The phase transfer tracker, the review performance figures (and so the scorecard's "Annual
reviews" section) and the SEN2 items PhaseTransferDueDate and PhaseTransferFinalDate all read a
child's transfer from `transfer_in`, so they find the same children, with the same deadline,
judged on the same review. A child with a maintained plan moves in a year when:

- their date of birth and current setting put them into a transfer year group that September
  (reg 2(1); sendcase/timescales/phases.py and sendcase/reviews/phases.py, whose year groups and
  school kinds are SENDcase's assumptions [UNCONFIRMED]); or
- a review of their plan is recorded as the phase transfer review for that year. A move between
  post-16 institutions at another time of year (reg 18(2)) is recorded that way, its year being
  the year of the move.

Regulation 18(1), SEND Regulations 2014: the amended plan naming the next school or college must
be issued before 15 February of the year of transfer (before 31 March from secondary school to a
post-16 institution), so the last day on time is the 14th (or 30 March); 18(2): at least 5 months
before a mid-year move between post-16 institutions. The review that answers for the transfer is
the one recorded as its phase transfer review, else the plan's latest review whose meeting (held,
or else arranged) falls in the 12 months up to that last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q, QuerySet

from sendcase import timescales
from sendcase.cases.models import Plan, PlanStatus
from sendcase.reviews.clock import transfer_standing
from sendcase.reviews.models import TRANSFER_LABELS, AnnualReview
from sendcase.reviews.phases import school_stage
from sendcase.timescales.phases import SchoolStage, TransferKind, phase_transfer_in

if TYPE_CHECKING:
    from sendcase.people.models import Child


class ReviewDates(Protocol):
    """What `transfer_in` reads of a review: an AnnualReview, or a row of the same names."""

    is_phase_transfer: bool
    transfer_kind: str
    transfer_year: int | None
    post16_transfer_on: dt.date | None
    meeting_on: dt.date
    meeting_held_on: dt.date | None
    amended_plan_issued_on: dt.date | None


@dataclass(frozen=True)
class Transfer:
    """One child's move in `year`: its kind, the last day for the amended plan, and the review for it."""

    year: int
    kind: str  # a TRANSFER_CHOICES value; "" when a review recorded as a transfer names no kind
    due: dt.date  # the last day an amended plan is on time
    rule: timescales.Rule
    review: Any  # the review that answers for the transfer (as passed in), or None
    move_on: dt.date | None = None  # the date of a mid-year move between post-16 institutions

    @property
    def label(self) -> str:
        return TRANSFER_LABELS.get(self.kind, "Phase transfer")

    @property
    def statutory_date(self) -> dt.date:
        """The date the Regulation names: 15 February or 31 March (the plan must come before it), or for
        a reg 18(2) move the date 5 months before it (the plan must come by then). SEN2 reports this."""
        if self.move_on is not None:
            return self.due
        return timescales.phase_transfer_deadline(self.year, self.kind == TransferKind.SECONDARY_TO_POST16)

    @property
    def issued(self) -> dt.date | None:
        """The date the amended plan was issued, from the review that answers for the transfer."""
        return self.review.amended_plan_issued_on if self.review is not None else None

    @property
    def held(self) -> dt.date | None:
        return self.review.meeting_held_on if self.review is not None else None

    def on_time(self, today: dt.date) -> bool | None:
        """True if the amended plan came by the last day, False if it came later or has not come and the
        day has passed, None while there is still time."""
        if self.issued is not None:
            return self.issued <= self.due
        return False if today > self.due else None

    def standing(self, today: dt.date) -> str:
        """On time, late, at risk or in hand, as the tracker shows it (reviews.clock.transfer_standing)."""
        return transfer_standing(due=self.due, issued=self.issued, today=today, review_held=self.held is not None)


def _meeting_day(review: ReviewDates) -> dt.date:
    return review.meeting_held_on or review.meeting_on


def transfer_in(
    *, date_of_birth: dt.date | None, stage: SchoolStage, reviews: Iterable[ReviewDates], year: int
) -> Transfer | None:
    """The child's transfer in `year` (see the module docstring), or None if they do not move that year.

    `reviews` are the plan's reviews, in any order; the one returned in `Transfer.review` is one of them.
    """
    ordered = sorted(reviews, key=_meeting_day, reverse=True)
    flagged = next((r for r in ordered if r.is_phase_transfer and r.transfer_year == year), None)
    found = phase_transfer_in(date_of_birth, stage, year) if date_of_birth is not None else None
    if flagged is None and found is None:
        return None
    kind = flagged.transfer_kind if flagged is not None and flagged.transfer_kind else (found or "")
    move_on = flagged.post16_transfer_on if flagged is not None else None
    if move_on is not None:
        due, rule = timescales.post16_transfer_review_due(move_on), timescales.POST16_TRANSFER_REVIEW
    else:
        due = timescales.phase_transfer_last_day(year, kind == TransferKind.SECONDARY_TO_POST16)
        rule = timescales.PHASE_TRANSFER
    review = flagged
    if review is None:
        window = timescales.add_months(due, -12)
        review = next((r for r in ordered if window <= _meeting_day(r) <= due), None)
    return Transfer(year=year, kind=str(kind), due=due, rule=rule, review=review, move_on=move_on)


def _cohort_births(year: int) -> Q:
    """Children entering one of the transfer year groups in September of `year`, by date of birth."""
    q = Q()
    for kind in TransferKind:
        first_cohort_year = year - 5 - kind.entering_year
        q |= Q(child__date_of_birth__range=(dt.date(first_cohort_year, 9, 1), dt.date(first_cohort_year + 1, 8, 31)))
    return q


def cohort_plans(children: QuerySet[Child], years: Iterable[int]) -> QuerySet[Plan]:
    """The maintained plans of `children` that may move in any of `years`: `transfers_in` decides exactly."""
    years = list(years)
    flagged = AnnualReview.objects.filter(is_phase_transfer=True, transfer_year__in=years).values("plan_id")
    births = Q()
    for year in years:
        births |= _cohort_births(year)
    return Plan.objects.filter(status=PlanStatus.ACTIVE, child__in=children).filter(births | Q(pk__in=flagged))


@dataclass(frozen=True)
class PlanTransfer:
    plan: Plan  # with its child, the child's setting, locality and key worker loaded
    transfer: Transfer

    @property
    def child(self) -> Child:
        return self.plan.child


def transfers_in(plans: QuerySet[Plan], years: Iterable[int]) -> list[PlanTransfer]:
    """Each move in one of `years` of `plans` (from `cohort_plans`, filtered as the caller needs).

    By year, then by the child's name. Two queries: the plans with their children, and every
    review of those plans.
    """
    years = sorted(years)
    plan_list: Sequence[Plan] = list(
        plans.select_related("child", "child__setting", "child__locality", "child__key_worker").order_by(
            "child__last_name", "child__first_name", "child_id"
        )
    )
    reviews: dict[object, list[AnnualReview]] = {}
    for review in AnnualReview.objects.filter(plan__in=[p.pk for p in plan_list]).select_related("next_setting"):
        reviews.setdefault(review.plan_id, []).append(review)
    found = []
    for year in years:
        for plan in plan_list:
            child = plan.child
            transfer = transfer_in(
                date_of_birth=child.date_of_birth,
                stage=school_stage(child.setting),
                reviews=reviews.get(plan.pk, []),
                year=year,
            )
            if transfer is not None:
                found.append(PlanTransfer(plan=plan, transfer=transfer))
    return found
