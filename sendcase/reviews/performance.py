"""How well reviews keep to time: per month, per locality and per officer (DESIGN capability 9).

Five measures, the scorecard's "Annual reviews" section (sendcase/scorecard/reviews.py turns
them into its figures document) and the /reviews/performance page both read from here:

- reviews held on time: the meeting on or before the date the review was due (s.44(1));
- decisions within 4 weeks of the meeting (reg 20(10));
- amended plans within 8 weeks of the proposals (reg 22(3)) and 12 weeks of the meeting (Devon);
- phase transfers finalised by the reg 18 deadline: every child the phase transfer tracker lists
  (sendcase/reviews/transfers.py: found from the date of birth and setting, or recorded on a
  review), whether or not a review was held, judged on the review the tracker shows.

A meeting held with less than the 2 weeks' notice regs 20(2) and 21(2) require counts as not
held on time, even on or before its due date.

Each review is counted once its step is done or its due date has passed, so a review still
inside its time never counts against anyone. A review is counted under one day, which places
it in a month of the period:

- the meeting date, for the first four measures, when the meeting was held in the period;
- the due date, for "held on time", when the review was due in the period, is past due and
  still has no meeting (it counts as not held on time);
- the last day for the amended plan (reg 18), for phase transfers whose last day fell in the period.

Per officer, a measure goes to the officer who held the case on that day: the key worker of the
child's assignment history (people.KeyWorkerAssignment), or the child's key worker today when
the history does not reach back that far. Per locality, to the child's locality.

A fixed number of queries whatever the number of reviews: the reviews of the period (plain
values, not model rows), the transfer cohort of each year whose deadlines can fall in the period
(two each: plans and their reviews), and the key worker history of all their children.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db.models import Q
from django.utils import timezone

from sendcase import timescales
from sendcase.people.models import Child, KeyWorkerAssignment
from sendcase.reviews.models import AnnualReview, ReviewDecision, short_notice_days
from sendcase.reviews.transfers import cohort_plans, transfers_in

if TYPE_CHECKING:
    from sendcase.organisations.models import LocalAuthority, Locality

# (key, title, regulation): the key is what the scorecard's JSON calls the measure.
MEASURES = (
    ("held_on_time", "Reviews held on time", "Section 44(1), Children and Families Act 2014"),
    ("decisions_within_4_weeks", "Decisions within 4 weeks", "Regulation 20(10), SEND Regulations 2014"),
    (
        "amended_within_8_weeks",
        "Amended plans within 8 weeks of the proposals",
        "Regulation 22(3), SEND Regulations 2014",
    ),
    (
        "amended_within_12_weeks",
        "Amended plans within 12 weeks of the meeting",
        "R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)",
    ),
    ("transfers_by_deadline", "Phase transfers finalised by the deadline", "Regulation 18, SEND Regulations 2014"),
)
MEASURE_KEYS = tuple(key for key, _, _ in MEASURES)
NO_LOCALITY = "No locality recorded"
NO_KEY_WORKER = "No key worker"

_CHILD = ("child_id", "child__locality_id", "child__locality__name", "child__key_worker_id")
_KEY_WORKER_NAME = ("child__key_worker__first_name", "child__key_worker__last_name")


class _Review(NamedTuple):
    """The review fields the measures read: plain values, cheaper than a model instance per row."""

    due_on: dt.date
    invitations_sent_on: dt.date | None
    meeting_held_on: dt.date | None
    decision: str
    decision_sent_on: dt.date | None
    proposed_amendments_sent_on: dt.date | None
    amended_plan_issued_on: dt.date | None
    decision_not_to_amend_on: dt.date | None
    completed_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def held_on_time(self) -> bool:
        """Held by its due date (s.44(1)) with the 2 weeks' notice regs 20(2) and 21(2) require."""
        held = self.meeting_held_on
        if held is None or held > self.due_on:
            return False
        return short_notice_days(self.invitations_sent_on, held) is None


_FIELDS = _Review._fields


@dataclass
class Measure:
    on_time: int = 0
    counted: int = 0

    def add(self, on_time: bool) -> None:
        self.counted += 1
        self.on_time += int(on_time)

    @property
    def percent(self) -> float | None:
        """On time as a percentage to one decimal place; None, never 0, when nothing was counted."""
        return round(100 * self.on_time / self.counted, 1) if self.counted else None


@dataclass
class Row:
    name: str
    key: str = ""  # the locality's or officer's id; "" for the "none recorded" rows and totals
    measures: dict[str, Measure] = field(default_factory=lambda: {key: Measure() for key in MEASURE_KEYS})


@dataclass(frozen=True)
class Performance:
    start: dt.date
    end: dt.date
    total: Row
    months: dict[dt.date, Row]  # first day of the month -> that month's counts (months with none left out)
    localities: list[Row]
    officers: list[Row]


def _judge(due: dt.date, done: dt.date | None, today: dt.date) -> bool | None:
    """True on time, False late (done late, or not done and past due), None not yet countable."""
    if done is not None:
        return done <= due
    return False if today > due else None


Judged = dict[str, tuple[bool, dt.date]]  # measure -> (on time, the day it is counted under)


def _measures(review: _Review, *, start: dt.date, end: dt.date, today: dt.date) -> Judged:
    """The measures `review` counts in, each with whether it was on time and the day it counts under."""
    result: Judged = {}

    def put(key: str, on_time: bool | None, day: dt.date) -> None:
        if on_time is not None:
            result[key] = (on_time, day)

    held = review.meeting_held_on
    # Nothing after today can have happened: a mistyped future meeting date is not counted.
    if held and start <= held <= min(end, today):
        put("held_on_time", review.held_on_time, held)
        put(
            "decisions_within_4_weeks",
            _judge(timescales.review_decision_due(held), review.decision_sent_on, today),
            held,
        )
        sent = review.proposed_amendments_sent_on
        if review.decision == ReviewDecision.AMEND and review.decision_not_to_amend_on is None:
            issued = review.amended_plan_issued_on
            if sent:
                put(
                    "amended_within_8_weeks",
                    _judge(timescales.amended_plan_due_after_notice(sent), issued, today),
                    held,
                )
            put("amended_within_12_weeks", _judge(timescales.amended_plan_due_after_review(held), issued, today), held)
    elif not held and review.is_open and start <= review.due_on <= end and review.due_on < today:
        put("held_on_time", False, review.due_on)  # due in the period, passed, and no meeting yet
    return result


def _in_period(start: dt.date, end: dt.date, today: dt.date) -> Q:
    """Reviews that may count in [start, end]: `_measures` decides exactly; this keeps the read small."""
    return Q(meeting_held_on__range=(start, min(end, today))) | Q(
        meeting_held_on__isnull=True, completed_on__isnull=True, due_on__range=(start, end)
    )


# Per child of a transfer: (child id, locality id, locality name, key worker id, first name, last name).
_ChildKeys = tuple[object, object, str, object, str, str]


def _transfers(
    children: Any, *, start: dt.date, end: dt.date, today: dt.date
) -> list[tuple[_ChildKeys, bool, dt.date]]:
    """Each phase transfer whose last day fell in [start, end] and can be judged: (child, on time, day).

    A move in September of year Y is due by 14 February or 30 March of Y; a mid-year move between
    post-16 institutions in Y is due 5 months before it, so possibly in Y - 1: hence the years read.
    """
    judged = []
    years = range(start.year, end.year + 2)
    for found in transfers_in(cohort_plans(children, years), years):
        transfer = found.transfer
        if not start <= transfer.due <= end:
            continue
        on_time = transfer.on_time(today)
        if on_time is None:
            continue
        child = found.child
        worker = child.key_worker
        keys: _ChildKeys = (
            child.pk,
            child.locality_id,
            child.locality.name if child.locality else "",
            child.key_worker_id,
            worker.first_name if worker else "",
            worker.last_name if worker else "",
        )
        judged.append((keys, on_time, transfer.due))
    return judged


class _History:
    """Who held each child's case on a given day, from the key worker assignments."""

    def __init__(self, rows: Any) -> None:
        tz = timezone.get_current_timezone()  # once: asking per row costs more than the rest of the loop
        self._starts: dict[object, list[dt.date]] = defaultdict(list)
        self._spans: dict[object, list[tuple[dt.date | None, object, str]]] = defaultdict(list)
        for child_id, officer_id, first, last, started, ended in rows:
            self._starts[child_id].append(started.astimezone(tz).date())
            self._spans[child_id].append(
                (ended.astimezone(tz).date() if ended else None, officer_id, f"{first} {last}".strip())
            )

    def officer_on(self, child_id: object, day: dt.date) -> tuple[object, str] | None:
        """(officer id, name) of the assignment running on `day`, or None if none was."""
        starts = self._starts.get(child_id)
        if not starts:
            return None
        i = bisect.bisect_right(starts, day) - 1
        if i < 0:
            return None
        ended, officer_id, name = self._spans[child_id][i]
        # An assignment ends the moment the next starts: on a change-over day the new officer holds it.
        return (officer_id, name) if ended is None or ended > day else None


def _history(child_ids: Any, more_ids: list[object]) -> _History:
    rows = (
        KeyWorkerAssignment.objects.filter(Q(child_id__in=child_ids) | Q(child_id__in=more_ids))
        .order_by("child_id", "started_at")
        .values_list("child_id", "officer_id", "officer__first_name", "officer__last_name", "started_at", "ended_at")
    )
    return _History(rows)


def review_performance(
    *,
    local_authority: LocalAuthority,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    locality: Locality | None = None,
) -> Performance:
    """The five measures for the council's reviews over [start, end]: in all, per month, locality and officer.

    The SEND team of a council sees every child of the council (sendcase.access), and these are
    counts, not records: so the scorecard's snapshot, which has no viewer, counts the same.
    """
    reviews = AnnualReview.objects.filter(child__local_authority=local_authority).filter(_in_period(start, end, today))
    if locality is not None:
        reviews = reviews.filter(child__locality=locality)
    reviews = reviews.order_by()
    rows = reviews.values_list(*_FIELDS, *_CHILD, *_KEY_WORKER_NAME)
    children = Child.objects.filter(local_authority=local_authority)
    if locality is not None:
        children = children.filter(locality=locality)
    transfers = _transfers(children, start=start, end=end, today=today)
    history = _history(reviews.values("child_id"), [keys[0] for keys, _, _ in transfers])

    total = Row("All reviews")
    months: dict[dt.date, Row] = {}
    localities: dict[object, Row] = {}
    officers: dict[object, Row] = {}

    def count(keys: _ChildKeys, key: str, on_time: bool, day: dt.date) -> None:
        child_id, locality_id, locality_name, worker_id, first, last = keys
        place = localities.get(locality_id)
        if place is None:
            place = localities[locality_id] = Row(locality_name or NO_LOCALITY, str(locality_id) if locality_id else "")
        held_by = history.officer_on(child_id, day)
        if held_by is None:
            held_by = (worker_id, f"{first or ''} {last or ''}".strip())
        officer_id, officer_name = held_by
        officer = officers.get(officer_id)
        if officer is None:
            officer = officers[officer_id] = Row(officer_name or NO_KEY_WORKER, str(officer_id) if officer_id else "")
        first_day = day.replace(day=1)
        month = months.get(first_day)
        if month is None:
            month = months[first_day] = Row(f"{day:%Y-%m}")
        for row in (total, month, place, officer):
            row.measures[key].add(on_time)

    n = len(_FIELDS)
    for values in rows.iterator(chunk_size=2000):
        review = _Review(*values[:n])
        for key, (on_time, day) in _measures(review, start=start, end=end, today=today).items():
            count(values[n:], key, on_time, day)
    for keys, on_time, due in transfers:
        count(keys, "transfers_by_deadline", on_time, due)
    return Performance(
        start=start,
        end=end,
        total=total,
        months=dict(sorted(months.items())),
        localities=_by_name(localities.values()),
        officers=_by_name(officers.values()),
    )


def _by_name(rows: Any) -> list[Row]:
    """Alphabetical, with the "none recorded" row last: it is work to sort out, not a place or person."""
    return sorted(rows, key=lambda r: (not r.key, r.name.lower()))
