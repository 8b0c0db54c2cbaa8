"""Exceptions to the time limits: which limits each kind excuses, and when a period covers one."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.timescales import (
    RULES,
    ExceptionKind,
    ExceptionPeriod,
    exception_covers,
    final_plan_due,
    kinds_for_limit,
    week20_exception_applies,
)

K = ExceptionKind
RECEIVED = date(2025, 1, 6)
FINAL_DUE = date(2025, 5, 26)  # reg 13(2): 6 January 2025 + 140 days


# --- The kinds -------------------------------------------------------------------------------


def test_kind_values_name_their_paragraph() -> None:
    assert [k.value for k in ExceptionKind] == [
        "reg-10-4-a",
        "reg-10-4-b",
        "reg-10-4-c",
        "reg-10-4-d",
        "reg-8-2-a",
        "reg-8-2-b",
        "reg-8-2-c",
        "reg-5-4-a",
    ]


def test_kind_citations() -> None:
    assert K.ABSENCE_FROM_AREA.label == "absence from the area"
    assert K.ABSENCE_FROM_AREA.reference == "reg 10(4)(d)"
    assert K.ABSENCE_FROM_AREA.regulation == "Regulation 10(4)(d), SEND Regulations 2014"
    assert K.ADVICE_MISSED_APPOINTMENT.reference == "reg 8(2)(c)"
    assert K.DECISION_SCHOOL_CLOSURE.reference == "reg 5(4)(a)"


@pytest.mark.parametrize("kind", list(ExceptionKind))
def test_every_kind_has_plain_english_text(kind: ExceptionKind) -> None:
    assert kind.label and kind.label == kind.label.lower()
    assert kind.description.endswith(".")
    assert kind.reference.startswith("reg ")


def test_reg_10_4_kinds_excuse_the_16_20_and_14_week_limits_only() -> None:
    # Reg 10(4); reg 13(3) applies it to the 20-week limit; reg 27(3) repeats it for re-assessment.
    for kind in (K.SCHOOL_CLOSURE, K.EARLY_YEARS_CLOSURE, K.PERSONAL_CIRCUMSTANCES):
        assert kind.applies_to_assessment
        assert not kind.applies_to_advice
        assert not kind.applies_to_decision
    assert K.ABSENCE_FROM_AREA.limits == {"reg-10-1", "reg-13-2", "reg-27-2"}


def test_reg_8_2_kinds_excuse_the_advice_limit_only() -> None:
    for kind in (
        K.ADVICE_EXCEPTIONAL_CIRCUMSTANCES,
        K.ADVICE_ABSENCE_FROM_AREA,
        K.ADVICE_MISSED_APPOINTMENT,
    ):
        assert kind.applies_to_advice
        assert not kind.applies_to_assessment
        assert kind.limits == {"reg-8-1"}


def test_a_missed_appointment_does_not_excuse_the_20_week_limit() -> None:
    # Reg 8(2)(c) is an advice exception; it is not in the reg 10(4) list used by reg 13(3).
    assert not K.ADVICE_MISSED_APPOINTMENT.excuses("reg-13-2")
    assert K.ADVICE_MISSED_APPOINTMENT not in kinds_for_limit("reg-13-2")


def test_only_reg_5_4_a_excuses_the_6_week_decision() -> None:
    # The other limbs of reg 5(4) are [UNCONFIRMED] and deliberately not modelled.
    assert kinds_for_limit("reg-5-1") == (K.DECISION_SCHOOL_CLOSURE,)
    assert K.DECISION_SCHOOL_CLOSURE.applies_to_decision


def test_nothing_excuses_the_family_draft_response_period() -> None:
    # Reg 13(1) is the family's minimum period, not an LA time limit.
    assert kinds_for_limit("reg-13-1") == ()


def test_kinds_for_an_unknown_limit_is_an_error() -> None:
    with pytest.raises(ValueError, match="Unknown time limit"):
        kinds_for_limit("20-weeks")


# --- Periods -----------------------------------------------------------------------------------


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end"):
        ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 3, 10), date(2025, 3, 9))


def test_absence_must_last_4_weeks_counting_both_ends() -> None:
    # Reg 10(4)(d): "a continuous period of not less than 4 weeks".
    four_weeks = ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 3, 1), date(2025, 3, 28))
    a_day_short = ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 3, 1), date(2025, 3, 27))
    assert four_weeks.length_in_days == 28 and four_weeks.is_long_enough
    assert a_day_short.length_in_days == 27 and not a_day_short.is_long_enough


def test_open_ended_and_unmeasured_periods_are_long_enough() -> None:
    assert ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 3, 1)).is_long_enough
    one_day = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, date(2025, 3, 1), date(2025, 3, 1))
    assert one_day.is_long_enough


# --- exception_covers: worked examples ----------------------------------------------------------


def test_six_weeks_away_in_april_covers_the_20_week_limit() -> None:
    # Reg 10(4)(d) via reg 13(3): request received 6 Jan 2025, final plan due 26 May 2025;
    # the family were away 1 April to 15 May.
    away = ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 4, 1), date(2025, 5, 15))
    covering = exception_covers([away], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2")
    assert covering is away


def test_two_weeks_away_does_not_cover_the_20_week_limit() -> None:
    # Reg 10(4)(d) needs at least 4 weeks.
    away = ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 4, 1), date(2025, 4, 14))
    assert exception_covers([away], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2") is None


def test_a_period_after_the_due_date_does_not_cover_it() -> None:
    # Reg 13(3): an exception starting after 26 May 2025 cannot have made the limit impractical.
    later = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, date(2025, 5, 27), None)
    assert exception_covers([later], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2") is None


def test_a_period_that_ended_before_the_request_does_not_cover_it() -> None:
    before = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, date(2024, 11, 1), date(2025, 1, 5))
    assert exception_covers([before], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2") is None


def test_periods_that_touch_the_ends_of_the_window_cover_it() -> None:
    on_due = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, FINAL_DUE, None)
    ends_on_receipt = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, date(2025, 1, 1), RECEIVED)
    for period in (on_due, ends_on_receipt):
        found = exception_covers([period], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2")
        assert found is period


def test_an_advice_exception_does_not_cover_the_20_week_limit() -> None:
    missed = ExceptionPeriod(K.ADVICE_MISSED_APPOINTMENT, date(2025, 2, 3), date(2025, 2, 3))
    assert exception_covers([missed], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2") is None
    advice_due = date(2025, 3, 3)  # reg 8(1): request received by the EP 20 January 2025
    found = exception_covers([missed], clock_start=date(2025, 1, 20), due=advice_due, limit="reg-8-1")
    assert found is missed


def test_the_first_qualifying_period_is_returned() -> None:
    missed = ExceptionPeriod(K.ADVICE_MISSED_APPOINTMENT, date(2025, 2, 3), date(2025, 2, 3))
    first = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, date(2025, 2, 10), date(2025, 2, 20))
    second = ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 3, 1), None)
    found = exception_covers([missed, first, second], clock_start=RECEIVED, due=FINAL_DUE, limit="reg-13-2")
    assert found is first


def test_exception_covers_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="Unknown time limit"):
        exception_covers([], clock_start=RECEIVED, due=FINAL_DUE, limit="week20")
    with pytest.raises(ValueError, match="before the clock started"):
        exception_covers([], clock_start=FINAL_DUE, due=RECEIVED, limit="reg-13-2")


# --- SEN2 Week20 -------------------------------------------------------------------------------


def test_week20_is_set_by_any_reg_10_4_exception() -> None:
    away = ExceptionPeriod(K.ABSENCE_FROM_AREA, date(2025, 4, 1), date(2025, 5, 15))
    assert week20_exception_applies([away])
    assert week20_exception_applies([away], received=RECEIVED)


def test_week20_ignores_advice_exceptions_and_periods_outside_the_20_weeks() -> None:
    missed = ExceptionPeriod(K.ADVICE_MISSED_APPOINTMENT, date(2025, 2, 3), date(2025, 2, 3))
    after = ExceptionPeriod(K.PERSONAL_CIRCUMSTANCES, date(2025, 6, 1), None)
    assert not week20_exception_applies([])
    assert not week20_exception_applies([missed])
    assert week20_exception_applies([after])  # no received date: every period passed in counts
    assert not week20_exception_applies([missed, after], received=RECEIVED)


# --- Properties --------------------------------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> ExceptionPeriod:
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=120)))
    end = None if length is None else start + timedelta(days=length)
    return ExceptionPeriod(draw(st.sampled_from(ExceptionKind)), start, end)


@given(
    st.lists(periods(), max_size=6),
    days,
    st.integers(min_value=0, max_value=200),
    st.sampled_from(sorted(RULES)),
)
def test_exception_covers_agrees_with_a_day_by_day_check(
    recorded: list[ExceptionPeriod], clock_start: date, length: int, limit: str
) -> None:
    due = clock_start + timedelta(days=length)
    window = {clock_start + timedelta(days=n) for n in range(length + 1)}

    def qualifies(p: ExceptionPeriod) -> bool:
        last = p.end if p.end is not None else due
        covered = {p.start + timedelta(days=n) for n in range((last - p.start).days + 1)}
        long_enough = p.end is None or p.kind.minimum_days is None or (p.end - p.start).days + 1 >= p.kind.minimum_days
        return p.kind.excuses(limit) and long_enough and bool(covered & window)

    expected = next((p for p in recorded if qualifies(p)), None)
    assert exception_covers(recorded, clock_start=clock_start, due=due, limit=limit) is expected


@given(st.lists(periods(), max_size=6), days)
def test_week20_flag_matches_exception_covers_for_the_final_plan(
    recorded: list[ExceptionPeriod], received: date
) -> None:
    covering = exception_covers(recorded, clock_start=received, due=final_plan_due(received), limit="reg-13-2")
    assert week20_exception_applies(recorded, received=received) == (covering is not None)
