"""How well reviews keep to time, per locality and per officer (DESIGN capability 9).

Four measures, each counted over reviews whose meeting was held in the period (phase transfers:
whose deadline fell in it), and each only once its due date has passed or the step is done, so
a review still inside its time never counts against anyone:

- reviews held on time: the meeting on or before the date the review was due (s.44(1));
- decisions within 4 weeks of the meeting (reg 20(10));
- amended plans within 8 weeks of the proposals (reg 22(3)) and 12 weeks of the meeting (Devon);
- phase transfers finalised by the reg 18 deadline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.access import children_visible_to
from sendcase.reviews.clock import phase_transfer_due
from sendcase.reviews.models import AnnualReview, ReviewDecision

if TYPE_CHECKING:
    from sendcase.accounts.models import User

MEASURES = (
    ("held", "Reviews held on time", "Section 44(1), Children and Families Act 2014"),
    ("decision", "Decisions within 4 weeks", "Regulation 20(10), SEND Regulations 2014"),
    ("amended", "Amended plans within 8 weeks of the proposals", "Regulation 22(3), SEND Regulations 2014"),
    ("devon", "Amended plans within 12 weeks of the meeting", "R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)"),
    ("transfer", "Phase transfers finalised by the deadline", "Regulation 18, SEND Regulations 2014"),
)


# The review fields the measures read.
_FIELDS = (
    "due_on",
    "meeting_held_on",
    "decision",
    "decision_sent_on",
    "proposed_amendments_sent_on",
    "amended_plan_issued_on",
    "decision_not_to_amend_on",
    "completed_on",
    "is_phase_transfer",
    "transfer_kind",
    "transfer_year",
    "post16_transfer_on",
)


@dataclass
class Measure:
    on_time: int = 0
    counted: int = 0

    def add(self, on_time: bool) -> None:
        self.counted += 1
        self.on_time += int(on_time)

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.counted) if self.counted else None


@dataclass
class Row:
    name: str
    measures: dict[str, Measure] = field(default_factory=lambda: {key: Measure() for key, _, _ in MEASURES})


@dataclass(frozen=True)
class Performance:
    start: dt.date
    end: dt.date
    total: Row
    localities: list[Row]
    officers: list[Row]


def _judge(due: dt.date, done: dt.date | None, today: dt.date) -> bool | None:
    """True on time, False late (done late, or not done and past due), None not yet countable."""
    if done is not None:
        return done <= due
    return False if today > due else None


def _measures(review: AnnualReview, *, start: dt.date, end: dt.date, today: dt.date) -> dict[str, bool | None]:
    result: dict[str, bool | None] = {}
    held = review.meeting_held_on
    if held and start <= held <= end:
        result["held"] = held <= review.due_on
        result["decision"] = _judge(timescales.review_decision_due(held), review.decision_sent_on, today)
        sent = review.proposed_amendments_sent_on
        if review.decision == ReviewDecision.AMEND and review.decision_not_to_amend_on is None:
            issued = review.amended_plan_issued_on
            if sent:
                result["amended"] = _judge(timescales.amended_plan_due_after_notice(sent), issued, today)
            result["devon"] = _judge(timescales.amended_plan_due_after_review(held), issued, today)
    elif not held and review.is_open and start <= review.due_on <= end and review.due_on < today:
        result["held"] = False  # due in the period, passed, and no meeting yet
    if review.is_phase_transfer:
        due, _ = phase_transfer_due(review)
        if due is not None and start <= due <= end:
            result["transfer"] = _judge(due, review.amended_plan_issued_on, today)
    return result


def review_performance(*, viewer: User, start: dt.date, end: dt.date, today: dt.date) -> Performance:
    """The four measures for the viewer's council over [start, end], overall, by locality and by officer."""
    # Plain values, not model rows with their children: a council's year of reviews is thousands.
    rows = AnnualReview.objects.filter(child__in=children_visible_to(viewer)).values_list(
        *_FIELDS, "child__locality__name", "child__key_worker__first_name", "child__key_worker__last_name"
    )
    total = Row("All reviews")
    localities: dict[str, Row] = defaultdict(lambda: Row(""))
    officers: dict[str, Row] = defaultdict(lambda: Row(""))
    for values in rows.iterator(chunk_size=2000):
        review = AnnualReview(**dict(zip(_FIELDS, values[: len(_FIELDS)], strict=True)))
        judged = {k: v for k, v in _measures(review, start=start, end=end, today=today).items() if v is not None}
        if not judged:
            continue
        locality_name, first, last = values[len(_FIELDS) :]
        locality = locality_name or "No locality recorded"
        officer = f"{first} {last}".strip() if first or last else "No key worker"
        for row, name in ((total, total.name), (localities[locality], locality), (officers[officer], officer)):
            row.name = name
            for key, on_time in judged.items():
                row.measures[key].add(on_time)
    return Performance(
        start=start,
        end=end,
        total=total,
        localities=sorted(localities.values(), key=lambda r: r.name),
        officers=sorted(officers.values(), key=lambda r: r.name),
    )
