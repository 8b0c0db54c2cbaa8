"""The phase transfer tracker: every child who moves phase in a year, and whether the plan is in time.

Regulation 18(1), SEND Regulations 2014: the amended plan naming the next school or college
must be issued before 15 February of the year of transfer (31 March from secondary to post-16);
18(2): at least 5 months before a move between post-16 institutions at another time. Who moves
comes from the date of birth and the current setting (sendcase/timescales/phases.py), plus any
review recorded as a phase transfer review for that year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from sendcase import timescales
from sendcase.access import children_visible_to
from sendcase.cases.models import Plan, PlanStatus
from sendcase.reviews.clock import TRACKER_LABELS, phase_transfer_due, transfer_standing
from sendcase.reviews.models import AnnualReview
from sendcase.reviews.phases import school_stage
from sendcase.timescales.phases import TransferKind, phase_transfer_in

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


@dataclass(frozen=True)
class TransferRow:
    child: Child
    plan: Plan
    kind: TransferKind | None
    due: dt.date
    rule: timescales.Rule
    review: AnnualReview | None
    standing: str

    @property
    def standing_label(self) -> str:
        return TRACKER_LABELS[self.standing]

    @property
    def review_held(self) -> dt.date | None:
        return self.review.meeting_held_on if self.review else None


@dataclass(frozen=True)
class Tracker:
    year: int
    rows: list[TransferRow]
    counts: dict[str, int]


def _cohort_births(year: int) -> Q:
    """Children entering one of the transfer year groups in September of `year`."""
    q = Q()
    for kind in TransferKind:
        first_cohort_year = year - 5 - kind.entering_year
        q |= Q(child__date_of_birth__range=(dt.date(first_cohort_year, 9, 1), dt.date(first_cohort_year + 1, 8, 31)))
    return q


def _review_for(reviews: list[AnnualReview], *, year: int, deadline: dt.date) -> AnnualReview | None:
    """The plan's phase transfer review for `year`; else its latest review in the 12 months before the deadline."""
    flagged = [r for r in reviews if r.is_phase_transfer and r.transfer_year == year]
    if flagged:
        return flagged[0]
    window = timescales.add_months(deadline, -12)
    recent = [r for r in reviews if window <= r.meeting_on <= deadline]
    return recent[0] if recent else None


def phase_transfers(
    *, viewer: User, year: int, today: dt.date, locality: object = None, officer: object = None
) -> Tracker:
    """Every maintained plan whose child moves phase in September of `year` (or is flagged for it)."""
    plans = (
        Plan.objects.filter(status=PlanStatus.ACTIVE, child__in=children_visible_to(viewer))
        .filter(_cohort_births(year) | Q(reviews__is_phase_transfer=True, reviews__transfer_year=year))
        .select_related("child", "child__setting", "child__locality", "child__key_worker")
        .only(
            "id",
            "status",
            "child__id",
            "child__first_name",
            "child__last_name",
            "child__date_of_birth",
            "child__setting__id",
            "child__setting__name",
            "child__setting__phase",
            "child__setting__setting_type",
            "child__locality__id",
            "child__locality__name",
            "child__key_worker__id",
            "child__key_worker__first_name",
            "child__key_worker__last_name",
            "child__key_worker__email",
        )
        .distinct()
        .order_by("child__last_name", "child__first_name")
    )
    if locality:
        plans = plans.filter(child__locality_id=locality)
    if officer:
        plans = plans.filter(child__key_worker_id=officer)
    plan_list = list(plans)
    reviews: dict[object, list[AnnualReview]] = {}
    for review in (
        AnnualReview.objects.filter(plan__in=[p.pk for p in plan_list])
        .select_related("next_setting")
        .order_by("-meeting_on")
    ):
        reviews.setdefault(review.plan_id, []).append(review)
    rows = []
    for plan in plan_list:
        child = plan.child
        kind = phase_transfer_in(child.date_of_birth, school_stage(child.setting), year)
        flagged = next((r for r in reviews.get(plan.pk, []) if r.is_phase_transfer and r.transfer_year == year), None)
        if kind is None and flagged is None:
            continue
        if flagged is not None and flagged.transfer:
            kind = flagged.transfer
        if flagged is not None and flagged.post16_transfer_on:
            due, rule = phase_transfer_due(flagged)
        else:
            due = timescales.phase_transfer_last_day(year, kind.post16 if kind else False)
            rule = timescales.PHASE_TRANSFER
        if due is None:  # a flagged review without a year or date: nothing to measure against
            continue
        review = flagged or _review_for(reviews.get(plan.pk, []), year=year, deadline=due)
        standing = transfer_standing(
            due=due,
            issued=review.amended_plan_issued_on if review else None,
            today=today,
            review_held=bool(review and review.meeting_held_on),
        )
        rows.append(
            TransferRow(child=child, plan=plan, kind=kind, due=due, rule=rule, review=review, standing=standing)
        )
    counts = Counter(row.standing for row in rows)
    return Tracker(year=year, rows=rows, counts={key: counts.get(key, 0) for key in TRACKER_LABELS})
