"""Step status: what a case officer or family is told about one statutory step today."""

import re
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.timescales import (
    ADVICE,
    DECISION_TO_ASSESS,
    FINAL_PLAN,
    ExceptionKind,
    ExceptionPeriod,
    StepState,
    StepStatus,
    final_plan_due,
    step_status,
)

RECEIVED = date(2025, 1, 6)
FINAL_DUE = date(2025, 5, 26)  # reg 13(2): 6 January 2025 + 140 days
AWAY = ExceptionPeriod(ExceptionKind.ABSENCE_FROM_AREA, date(2025, 4, 1), date(2025, 5, 15))


def status(
    due: date | None,
    done: date | None,
    today: date,
    *,
    exceptions: Sequence[ExceptionPeriod] = (),
    clock_start: date | None = None,
) -> StepStatus:
    """Status of the final plan step (reg 13(2))."""
    return step_status(
        due=due,
        done=done,
        today=today,
        rule=FINAL_PLAN,
        exceptions=exceptions,
        clock_start=clock_start,
    )


# --- Each state, with the words people see ------------------------------------------------------


def test_done_before_the_due_date_is_on_time() -> None:
    s = status(date(2025, 3, 14), date(2025, 3, 3), date(2025, 3, 20))
    assert s.state is StepState.DONE_ON_TIME
    assert s.days == 0
    assert s.describe() == "Done on 3 March 2025, on time"


def test_done_on_the_due_date_is_on_time() -> None:
    # Reg 13(2): "within 20 weeks" includes received + 140 days itself.
    s = status(FINAL_DUE, FINAL_DUE, date(2025, 6, 1))
    assert s.state is StepState.DONE_ON_TIME


def test_done_after_the_due_date_is_late() -> None:
    s = status(date(2025, 3, 6), date(2025, 3, 10), date(2025, 3, 20))
    assert s.state is StepState.DONE_LATE
    assert s.days == 4
    assert s.describe() == "Done on 10 March 2025, 4 days late"


def test_one_day_late_is_singular() -> None:
    s = status(date(2025, 3, 6), date(2025, 3, 7), date(2025, 3, 20))
    assert s.describe() == "Done on 7 March 2025, 1 day late"


def test_not_done_before_the_due_date_is_due() -> None:
    s = status(date(2025, 3, 14), None, date(2025, 3, 9))
    assert s.state is StepState.DUE
    assert s.days == 5
    assert s.is_open and not s.is_overdue
    assert s.describe() == "Due in 5 days, by 14 March 2025"


def test_due_today_and_due_tomorrow() -> None:
    assert status(date(2025, 3, 14), None, date(2025, 3, 14)).describe() == ("Due today, 14 March 2025")
    assert status(date(2025, 3, 14), None, date(2025, 3, 13)).describe() == ("Due in 1 day, by 14 March 2025")


def test_not_done_after_the_due_date_is_overdue() -> None:
    s = status(date(2025, 3, 2), None, date(2025, 3, 14))
    assert s.state is StepState.OVERDUE
    assert s.days == 12
    assert s.is_open and s.is_overdue
    assert s.describe() == "Overdue by 12 days (was due 2 March 2025)"


def test_overdue_by_one_day_is_singular() -> None:
    s = status(date(2025, 3, 2), None, date(2025, 3, 3))
    assert s.describe() == "Overdue by 1 day (was due 2 March 2025)"


def test_no_due_date_is_not_applicable() -> None:
    assert status(None, None, date(2025, 3, 3)).state is StepState.NOT_APPLICABLE
    assert status(None, None, date(2025, 3, 3)).describe() == "Not applicable"
    done = status(None, date(2025, 3, 3), date(2025, 3, 9))
    assert done.days is None and not done.is_open
    assert done.describe() == "Done on 3 March 2025"


# --- Exceptions (reg 10(4) via reg 13(3); reg 8(2)) -------------------------------------------


def test_overdue_final_plan_with_an_absence_is_excused() -> None:
    # Reg 10(4)(d) via reg 13(3): away 1 April to 15 May 2025; final plan due 26 May 2025.
    s = status(FINAL_DUE, None, date(2025, 6, 2), exceptions=[AWAY], clock_start=RECEIVED)
    assert s.state is StepState.EXCEPTION
    assert s.exception is AWAY
    assert s.days == 7
    assert s.is_open and not s.is_overdue
    assert s.describe() == (
        "Exception applies: absence from the area (reg 10(4)(d)); due date 26 May 2025 no longer binding"
    )


def test_final_plan_issued_late_under_an_exception() -> None:
    # Reg 13(3): plan issued 9 June 2025, 14 days after 26 May, the absence excuses it.
    s = status(FINAL_DUE, date(2025, 6, 9), date(2025, 6, 9), exceptions=[AWAY], clock_start=RECEIVED)
    assert s.state is StepState.DONE_UNDER_EXCEPTION
    assert s.days == 14
    assert not s.is_open
    assert s.describe() == (
        "Done on 9 June 2025, 14 days after the due date of 26 May 2025; "
        "exception applied: absence from the area (reg 10(4)(d))"
    )


def test_a_missed_appointment_does_not_excuse_a_late_final_plan() -> None:
    # Reg 8(2)(c) excuses late advice only; it is not in reg 10(4).
    missed = ExceptionPeriod(ExceptionKind.ADVICE_MISSED_APPOINTMENT, date(2025, 2, 3), None)
    s = status(FINAL_DUE, date(2025, 6, 9), date(2025, 6, 9), exceptions=[missed])
    assert s.state is StepState.DONE_LATE
    assert s.exception is None


def test_a_missed_appointment_excuses_late_advice() -> None:
    # Reg 8(2)(c): EP received the request 20 Jan 2025, advice due 3 Mar 2025 (reg 8(1)).
    missed = ExceptionPeriod(ExceptionKind.ADVICE_MISSED_APPOINTMENT, date(2025, 2, 3), date(2025, 2, 3))
    s = step_status(
        due=date(2025, 3, 3),
        done=None,
        today=date(2025, 3, 10),
        rule=ADVICE,
        exceptions=[missed],
        clock_start=date(2025, 1, 20),
    )
    assert s.state is StepState.EXCEPTION
    assert "missed appointment (reg 8(2)(c))" in s.describe()


def test_a_planned_absence_excuses_nothing_until_it_starts() -> None:
    planned = ExceptionPeriod(ExceptionKind.ABSENCE_FROM_AREA, date(2025, 5, 1), None)
    before = status(FINAL_DUE, None, date(2025, 4, 20), exceptions=[planned], clock_start=RECEIVED)
    after = status(FINAL_DUE, None, date(2025, 5, 2), exceptions=[planned], clock_start=RECEIVED)
    assert before.state is StepState.DUE
    assert after.state is StepState.EXCEPTION


def test_a_step_done_on_time_ignores_exceptions() -> None:
    s = status(FINAL_DUE, date(2025, 5, 20), date(2025, 6, 1), exceptions=[AWAY])
    assert s.state is StepState.DONE_ON_TIME
    assert s.exception is None


def test_limit_overrides_the_rule_for_matching_exceptions() -> None:
    # Reg 5(4)(a) only excuses the decision whether to assess (reg 5(1)).
    closure = ExceptionPeriod(ExceptionKind.DECISION_SCHOOL_CLOSURE, date(2025, 7, 15), date(2025, 9, 1))
    due, today = date(2025, 8, 29), date(2025, 9, 5)
    excused = step_status(due=due, done=None, today=today, rule=DECISION_TO_ASSESS, exceptions=[closure])
    not_excused = step_status(
        due=due,
        done=None,
        today=today,
        rule=DECISION_TO_ASSESS,
        exceptions=[closure],
        limit="reg-13-2",
    )
    assert excused.state is StepState.EXCEPTION
    assert not_excused.state is StepState.OVERDUE


def test_exceptions_need_a_rule_or_limit() -> None:
    with pytest.raises(ValueError, match="rule or limit"):
        step_status(due=FINAL_DUE, done=None, today=date(2025, 6, 1), rule=None, exceptions=[AWAY])


def test_a_status_cannot_have_negative_days() -> None:
    with pytest.raises(ValueError, match="negative"):
        StepStatus(StepState.DUE, FINAL_DUE, None, -1, FINAL_PLAN)


# --- Properties --------------------------------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
maybe_days = st.one_of(st.none(), days)


@st.composite
def periods(draw: st.DrawFn) -> ExceptionPeriod:
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=120)))
    end = None if length is None else start + timedelta(days=length)
    return ExceptionPeriod(draw(st.sampled_from(ExceptionKind)), start, end)


@given(maybe_days, maybe_days, days, st.lists(periods(), max_size=4), maybe_days)
def test_days_is_never_negative_and_describe_reads_well(
    due: date | None,
    done: date | None,
    today: date,
    recorded: list[ExceptionPeriod],
    clock_start: date | None,
) -> None:
    s = status(due, done, today, exceptions=recorded, clock_start=clock_start)
    assert s.days is None or s.days >= 0
    text = s.describe()
    assert text and text[0].isupper()
    assert re.search(r"\b1 days", text) is None
    assert " -" not in text


@given(days, days, days, st.lists(periods(), max_size=4))
def test_done_on_or_before_due_is_never_late(
    due: date, done: date, today: date, recorded: list[ExceptionPeriod]
) -> None:
    s = status(due, done, today, exceptions=recorded)
    if done <= due:
        assert s.state is StepState.DONE_ON_TIME
    else:
        assert s.state in {StepState.DONE_LATE, StepState.DONE_UNDER_EXCEPTION}
        assert s.days == (done - due).days
    assert not s.is_open


@given(days, maybe_days, days)
def test_without_exceptions_no_state_mentions_one(due: date, done: date | None, today: date) -> None:
    s = status(due, done, today)
    assert s.state not in {StepState.EXCEPTION, StepState.DONE_UNDER_EXCEPTION}
    assert s.exception is None
    assert s.is_open == (done is None)


@given(days, days, st.integers(min_value=1, max_value=400))
def test_an_open_step_only_gets_more_urgent(due: date, today: date, wait: int) -> None:
    # Monotonicity: as time passes on a step not done, it never moves from OVERDUE back to DUE,
    # and the signed distance to the due date shrinks by exactly the days waited.
    def signed(s: StepStatus) -> int:
        assert s.days is not None
        return s.days if s.state is StepState.DUE else -s.days

    now = status(due, None, today)
    later = status(due, None, today + timedelta(days=wait))
    assert signed(later) == signed(now) - wait
    if now.state is StepState.OVERDUE:
        assert later.state is StepState.OVERDUE


@given(days, st.integers(min_value=0, max_value=300))
def test_final_plan_state_on_day_n_after_receipt(received: date, n: int) -> None:
    # Reg 13(2): due on day 140, overdue from day 141.
    today = received + timedelta(days=n)
    s = status(final_plan_due(received), None, today)
    assert s.state is (StepState.DUE if n <= 140 else StepState.OVERDUE)
    assert s.days == abs(140 - n)
