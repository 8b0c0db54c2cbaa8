"""Where a statutory step stands today: done on time, late, due, overdue, or excused."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .dates import format_date, plural_days
from .exceptions import ExceptionPeriod, exception_covers
from .rules import Rule


class StepState(enum.StrEnum):
    """The state of one statutory step on a given day."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DUE = "due"
    OVERDUE = "overdue"
    EXCEPTION = "exception"
    """Not done, and a recorded exception means the due date is no longer binding."""
    DONE_UNDER_EXCEPTION = "done_under_exception"
    """Done after the due date, but an exception covered the delay."""
    NOT_APPLICABLE = "not_applicable"
    """The step has no due date, e.g. it is not needed on this case."""


_OPEN_STATES = frozenset({StepState.DUE, StepState.OVERDUE, StepState.EXCEPTION})


@dataclass(frozen=True)
class StepStatus:
    """A step's state with the facts behind it, ready to show to a person.

    ``days`` depends on the state, and is never negative:

    - DONE_ON_TIME: 0
    - DONE_LATE, DONE_UNDER_EXCEPTION: days after the due date it was done
    - DUE: days until the due date (0 on the day itself)
    - OVERDUE: days since the due date
    - EXCEPTION: days since the original due date, or 0 if it has not passed
    - NOT_APPLICABLE: None
    """

    state: StepState
    due: date | None
    done: date | None
    days: int | None
    rule: Rule | None
    exception: ExceptionPeriod | None = None

    def __post_init__(self) -> None:
        if self.days is not None and self.days < 0:
            raise ValueError(f"days must not be negative, got {self.days}")

    @property
    def is_overdue(self) -> bool:
        """True if the step is not done, its due date has passed and no exception covers it."""
        return self.state is StepState.OVERDUE

    @property
    def is_open(self) -> bool:
        """True if the step still has to be done."""
        return self.state in _OPEN_STATES

    def describe(self) -> str:
        """Return a plain-English phrase for a case officer or family, e.g. "Due in 5 days"."""
        done = format_date(self.done) if self.done else ""
        due = format_date(self.due) if self.due else ""
        days = self.days or 0
        match self.state:
            case StepState.DONE_ON_TIME:
                return f"Done on {done}, on time"
            case StepState.DONE_LATE:
                return f"Done on {done}, {plural_days(days)} late"
            case StepState.DUE if days == 0:
                return f"Due today, {due}"
            case StepState.DUE:
                return f"Due in {plural_days(days)}, by {due}"
            case StepState.OVERDUE:
                return f"Overdue by {plural_days(days)} (was due {due})"
            case StepState.EXCEPTION:
                return f"Exception applies: {self._exception_text()}; due date {due} no longer binding"
            case StepState.DONE_UNDER_EXCEPTION:
                return (
                    f"Done on {done}, {plural_days(days)} after the due date of {due}; "
                    f"exception applied: {self._exception_text()}"
                )
            case _:
                return f"Done on {done}" if self.done else "Not applicable"

    def _exception_text(self) -> str:
        if self.exception is None:
            return "an exception"
        kind = self.exception.kind
        return f"{kind.label} ({kind.reference})"


def step_status(
    *,
    due: date | None,
    done: date | None,
    today: date,
    rule: Rule | None,
    exceptions: Iterable[ExceptionPeriod] = (),
    clock_start: date | None = None,
    limit: str | None = None,
) -> StepStatus:
    """Work out where a step stands on ``today``.

    ``limit`` is the code of the rule whose time limit the exceptions must be able to excuse; it
    defaults to ``rule.code``. ``clock_start`` is the day the statutory clock started (the day
    the request was received, for example); without it, any qualifying exception that began on
    or before the due date counts. For a step not yet done, only an exception that has already
    begun by ``today`` counts: a planned absence does not excuse anything until it starts.

    A step done on or before its due date is always DONE_ON_TIME, whatever exceptions exist.
    """
    periods = tuple(exceptions)
    limit = limit if limit is not None else (rule.code if rule is not None else None)
    if periods and limit is None:
        raise ValueError("Pass rule or limit so the exceptions can be matched to a time limit")

    if due is None:
        return StepStatus(StepState.NOT_APPLICABLE, None, done, None, rule)
    if done is not None and done <= due:
        return StepStatus(StepState.DONE_ON_TIME, due, done, 0, rule)

    start = clock_start if clock_start is not None else date.min
    # A step not yet done can only be excused by something that has already happened.
    window_end = due if done is not None else min(due, today)
    covering = None
    if periods and limit is not None and window_end >= start:
        covering = exception_covers(periods, clock_start=start, due=window_end, limit=limit)

    if done is not None:
        late_by = (done - due).days
        if covering is not None:
            return StepStatus(StepState.DONE_UNDER_EXCEPTION, due, done, late_by, rule, covering)
        return StepStatus(StepState.DONE_LATE, due, done, late_by, rule)

    if covering is not None:
        past_due = max(0, (today - due).days)
        return StepStatus(StepState.EXCEPTION, due, None, past_due, rule, covering)
    if today <= due:
        return StepStatus(StepState.DUE, due, None, (due - today).days, rule)
    return StepStatus(StepState.OVERDUE, due, None, (today - due).days, rule)
