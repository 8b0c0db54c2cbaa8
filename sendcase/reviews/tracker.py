"""The phase transfer tracker: every child who moves phase in a year, and whether the plan is in time.

Regulation 18(1), SEND Regulations 2014: the amended plan naming the next school or college
must be issued before 15 February of the year of transfer (31 March from secondary to post-16);
18(2): at least 5 months before a move between post-16 institutions at another time. Who moves,
and which review answers for the move, comes from sendcase/reviews/transfers.py, which the
performance figures and the SEN2 items read too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.access import children_visible_to
from sendcase.reviews.clock import TRACKER_LABELS
from sendcase.reviews.transfers import Transfer, cohort_plans, transfers_in

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.cases.models import Plan
    from sendcase.people.models import Child
    from sendcase.reviews.models import AnnualReview


@dataclass(frozen=True)
class TransferRow:
    child: Child
    plan: Plan
    transfer: Transfer
    standing: str

    @property
    def kind_label(self) -> str:
        return self.transfer.label

    @property
    def due(self) -> dt.date:
        return self.transfer.due

    @property
    def rule(self) -> timescales.Rule:
        return self.transfer.rule

    @property
    def review(self) -> AnnualReview | None:
        return self.transfer.review  # type: ignore[no-any-return]

    @property
    def standing_label(self) -> str:
        return TRACKER_LABELS[self.standing]

    @property
    def review_held(self) -> dt.date | None:
        return self.transfer.held


@dataclass(frozen=True)
class Tracker:
    year: int
    rows: list[TransferRow]
    counts: dict[str, int]


def phase_transfers(
    *, viewer: User, year: int, today: dt.date, locality: object = None, officer: object = None
) -> Tracker:
    """Every maintained plan whose child moves phase in `year`: in September, or mid-year between colleges."""
    plans = cohort_plans(children_visible_to(viewer), [year])
    if locality:
        plans = plans.filter(child__locality_id=locality)
    if officer:
        plans = plans.filter(child__key_worker_id=officer)
    rows = [
        TransferRow(found.child, found.plan, found.transfer, found.transfer.standing(today))
        for found in transfers_in(plans, [year])
    ]
    counts = Counter(row.standing for row in rows)
    return Tracker(year=year, rows=rows, counts={key: counts.get(key, 0) for key in TRACKER_LABELS})
