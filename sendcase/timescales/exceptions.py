"""Exceptions to the statutory time limits, and whether a recorded exception covers a step.

An exception does not move a due date. It means the LA "need not comply" with the limit because
complying was impractical for a reason the Regulations list. The Code of Practice still expects
the LA to finish as soon as practicable, and it is good practice to tell the family when an
exception applies.

Modelled here, all [CONFIRMED] in shared/domain/statutory-timescales.md:

- Regulation 10(4)(a)-(d), which excuse the 16-week limit (reg 10(1)). Regulation 13(3) applies
  the same list to the 20-week final plan limit (reg 13(2)), and regulation 27(3)(a)-(d) repeats
  it for the 14-week re-assessment limit (reg 27(2)).
- Regulation 8(2)(a)-(c), which excuse the 6-week limit for advice (reg 8(1)). A missed
  appointment is an exception here only: it is not in the reg 10(4) list.
- Regulation 5(4)(a), school or college closure, which excuses the 6-week decision (reg 5(1)).
  The other limbs of reg 5(4) were cut off in the text we have; they probably mirror reg 10(4)
  but that is [UNCONFIRMED], so they are deliberately not modelled. Until they are confirmed, a
  decision made after 6 weeks for any other reason is late.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final, NamedTuple

from .rules import (
    ADVICE,
    DECISION_NOT_TO_ISSUE,
    DECISION_TO_ASSESS,
    FINAL_PLAN,
    REASSESSMENT_FINAL_PLAN,
    RULES,
    final_plan_due,
)

# "A continuous period of not less than 4 weeks", counted inclusively (see ExceptionPeriod.end).
FOUR_WEEKS_IN_DAYS: Final = 28

_ASSESSMENT_LIMITS: Final = frozenset({DECISION_NOT_TO_ISSUE.code, FINAL_PLAN.code, REASSESSMENT_FINAL_PLAN.code})
_ADVICE_LIMITS: Final = frozenset({ADVICE.code})
_DECISION_LIMITS: Final = frozenset({DECISION_TO_ASSESS.code})


class ExceptionKind(enum.StrEnum):
    """A reason the Regulations allow for not meeting a time limit.

    The value is a stable slug naming the paragraph, e.g. "reg-10-4-d". Store the value.
    """

    SCHOOL_CLOSURE = "reg-10-4-a"
    EARLY_YEARS_CLOSURE = "reg-10-4-b"
    PERSONAL_CIRCUMSTANCES = "reg-10-4-c"
    ABSENCE_FROM_AREA = "reg-10-4-d"
    ADVICE_EXCEPTIONAL_CIRCUMSTANCES = "reg-8-2-a"
    ADVICE_ABSENCE_FROM_AREA = "reg-8-2-b"
    ADVICE_MISSED_APPOINTMENT = "reg-8-2-c"
    # Only limb (a) of reg 5(4) is confirmed; see the module docstring.
    DECISION_SCHOOL_CLOSURE = "reg-5-4-a"

    @property
    def label(self) -> str:
        """Short lower-case phrase that reads inside a sentence: "absence from the area"."""
        return _DETAILS[self].label

    @property
    def description(self) -> str:
        """One plain-English sentence saying when this exception applies."""
        return _DETAILS[self].description

    @property
    def regulation(self) -> str:
        """Full citation, e.g. "Regulation 10(4)(d), SEND Regulations 2014"."""
        return f"Regulation {_DETAILS[self].paragraph}, SEND Regulations 2014"

    @property
    def reference(self) -> str:
        """Short citation for running text, e.g. "reg 10(4)(d)"."""
        return f"reg {_DETAILS[self].paragraph}"

    @property
    def limits(self) -> frozenset[str]:
        """Codes of the rules whose time limit this exception can excuse."""
        return _DETAILS[self].limits

    @property
    def applies_to_assessment(self) -> bool:
        """True if it can excuse the 16-week, 20-week and 14-week re-assessment limits."""
        return self.limits == _ASSESSMENT_LIMITS

    @property
    def applies_to_advice(self) -> bool:
        """True if it can excuse the 6-week limit for giving advice (reg 8(1))."""
        return self.limits == _ADVICE_LIMITS

    @property
    def applies_to_decision(self) -> bool:
        """True if it can excuse the 6-week decision whether to assess (reg 5(1))."""
        return self.limits == _DECISION_LIMITS

    @property
    def minimum_days(self) -> int | None:
        """Shortest period, in days, that counts; None if the Regulations set no minimum."""
        return _DETAILS[self].minimum_days

    def excuses(self, limit: str) -> bool:
        """True if this exception can excuse the time limit of the rule with code ``limit``."""
        return limit in self.limits


class _KindDetails(NamedTuple):
    paragraph: str
    label: str
    description: str
    limits: frozenset[str]
    minimum_days: int | None


_DETAILS: Final[dict[ExceptionKind, _KindDetails]] = {
    ExceptionKind.SCHOOL_CLOSURE: _KindDetails(
        "10(4)(a)",
        "school or college closed for 4 weeks or more",
        "The council asked a head teacher or principal for advice while their school or college "
        "was closed for at least 4 weeks in a row, from 1 week before it closed until 1 week "
        "before it reopened.",
        _ASSESSMENT_LIMITS,
        FOUR_WEEKS_IN_DAYS,
    ),
    ExceptionKind.EARLY_YEARS_CLOSURE: _KindDetails(
        "10(4)(b)",
        "early years setting closed for 4 weeks or more",
        "The council asked an early years provider for advice while the setting was closed for "
        "at least 4 weeks in a row, from 1 week before it closed until 1 week before it "
        "reopened.",
        _ASSESSMENT_LIMITS,
        FOUR_WEEKS_IN_DAYS,
    ),
    ExceptionKind.PERSONAL_CIRCUMSTANCES: _KindDetails(
        "10(4)(c)",
        "exceptional personal circumstances",
        "Exceptional personal circumstances affected the child, young person or their parent.",
        _ASSESSMENT_LIMITS,
        None,
    ),
    ExceptionKind.ABSENCE_FROM_AREA: _KindDetails(
        "10(4)(d)",
        "absence from the area",
        "The child, young person or their parent was away from the council's area for at least 4 weeks in a row.",
        _ASSESSMENT_LIMITS,
        FOUR_WEEKS_IN_DAYS,
    ),
    ExceptionKind.ADVICE_EXCEPTIONAL_CIRCUMSTANCES: _KindDetails(
        "8(2)(a)",
        "exceptional circumstances",
        "Exceptional circumstances affected the child, young person or their parent during the "
        "6 weeks allowed for the advice.",
        _ADVICE_LIMITS,
        None,
    ),
    ExceptionKind.ADVICE_ABSENCE_FROM_AREA: _KindDetails(
        "8(2)(b)",
        "absence from the area",
        "The child, young person or their parent was away from the area for at least 4 weeks "
        "in a row during the 6 weeks allowed for the advice.",
        _ADVICE_LIMITS,
        FOUR_WEEKS_IN_DAYS,
    ),
    ExceptionKind.ADVICE_MISSED_APPOINTMENT: _KindDetails(
        "8(2)(c)",
        "missed appointment",
        "The child or young person did not keep an appointment for an examination or test "
        "during the 6 weeks allowed for the advice.",
        _ADVICE_LIMITS,
        None,
    ),
    ExceptionKind.DECISION_SCHOOL_CLOSURE: _KindDetails(
        "5(4)(a)",
        "school or college closed for 4 weeks or more",
        "The council asked a head teacher or principal for advice while their school or college "
        "was closed for at least 4 weeks in a row, from 1 week before it closed until 1 week "
        "before it reopened.",
        _DECISION_LIMITS,
        FOUR_WEEKS_IN_DAYS,
    ),
}


def kinds_for_limit(limit: str) -> tuple[ExceptionKind, ...]:
    """Return the exception kinds that can excuse the rule with code ``limit``, in order."""
    _check_limit(limit)
    return tuple(kind for kind in ExceptionKind if kind.excuses(limit))


@dataclass(frozen=True)
class ExceptionPeriod:
    """A recorded exception: its kind and the days it covered.

    ``end`` is the last day of the period (inclusive), or None while it is still going on. A
    one-day event such as a missed appointment has ``start == end``.
    """

    kind: ExceptionKind
    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"An exception period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def length_in_days(self) -> int | None:
        """Days covered, counting both ends; None while the period is open-ended."""
        return None if self.end is None else (self.end - self.start).days + 1

    @property
    def is_long_enough(self) -> bool:
        """False if the period has ended and was shorter than its kind's minimum.

        An absence from the area or a closure must last "not less than 4 weeks". An open-ended
        period might still reach that, so it counts until it is closed.
        """
        minimum = self.kind.minimum_days
        length = self.length_in_days
        return minimum is None or length is None or length >= minimum

    def overlaps(self, first: date, last: date) -> bool:
        """True if any day of this period falls in ``first``..``last`` inclusive."""
        return self.start <= last and (self.end is None or self.end >= first)


def exception_covers(
    periods: Iterable[ExceptionPeriod],
    *,
    clock_start: date,
    due: date,
    limit: str,
) -> ExceptionPeriod | None:
    """Return the first recorded period that excuses a step's time limit, or None.

    A period counts if its kind can excuse ``limit`` (a rule code such as "reg-13-2"), it lasted
    long enough for its kind (see ``ExceptionPeriod.is_long_enough``), and it overlaps the days
    from ``clock_start`` to ``due`` inclusive. An open-ended period overlaps if it started on or
    before ``due``. A period that began after the due date cannot have made the limit
    impractical, so it never counts.

    Under reg 10(4) (applied to the 20-week limit by reg 13(3)) an exception means the LA need
    not meet the limit, but the Code of Practice still expects it to finish as soon as
    practicable. Any such exception on a request sets SEN2 ``Week20 = 1``: see
    :func:`week20_exception_applies`.
    """
    _check_limit(limit)
    if due < clock_start:
        raise ValueError(f"Due date {due} is before the clock started on {clock_start}")
    for period in periods:
        if period.kind.excuses(limit) and period.is_long_enough and period.overlaps(clock_start, due):
            return period
    return None


def week20_exception_applies(periods: Iterable[ExceptionPeriod], *, received: date | None = None) -> bool:
    """Return the SEN2 ``Week20`` flag: True if any 20-week limit exception applied.

    Only reg 10(4) kinds count: reg 13(3) applies that list to the 20-week limit. Pass the date
    the request was received to count only exceptions that overlap the 20 weeks; without it,
    every qualifying period passed in counts, so pass only the periods recorded for this request.
    """
    for period in periods:
        if not (period.kind.excuses(FINAL_PLAN.code) and period.is_long_enough):
            continue
        if received is None or period.overlaps(received, final_plan_due(received)):
            return True
    return False


def _check_limit(limit: str) -> None:
    if limit not in RULES:
        known = ", ".join(sorted(RULES))
        raise ValueError(f"Unknown time limit {limit!r}; expected a rule code: {known}")
