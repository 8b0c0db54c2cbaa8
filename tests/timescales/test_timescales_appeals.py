"""Calendar months, ceasing, mediation, appeals and Tribunal orders: worked examples and properties."""

import calendar
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.timescales import (
    APPEAL,
    MAINTAIN_UNTIL_APPEAL_ENDS,
    MEDIATION_CONTACT,
    RULES,
    TRIBUNAL_ORDER_AMEND,
    TRIBUNAL_ORDER_ASSESS,
    TRIBUNAL_ORDER_CEASE,
    TRIBUNAL_ORDER_PLAN,
    TRIBUNAL_ORDER_SCHOOL,
    Rule,
    TribunalOrderKind,
    add_months,
    appeal_deadline,
    earliest_cease_date,
    mediation_contact_deadline,
    rule,
    tribunal_order_deadlines,
)
from sendcase.timescales import rules as rules_module

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))


def month_number(d: date) -> int:
    return d.year * 12 + d.month - 1


# --- add_months ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),  # clamped to the end of February
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),  # across the new year
        (date(2025, 1, 10), -1, date(2024, 12, 10)),  # back across the new year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 10), 0, date(2025, 3, 10)),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(start: date, months: int, result: date) -> None:
    assert add_months(start, months) == result


def test_add_months_refuses_to_leave_the_calendar() -> None:
    with pytest.raises(ValueError, match="outside the years"):
        add_months(date(9999, 12, 1), 1)
    with pytest.raises(ValueError, match="outside the years"):
        add_months(date(1, 1, 31), -1)


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_add_months_moves_the_month_by_exactly_the_amount_and_never_overflows(start: date, months: int) -> None:
    result = add_months(start, months)
    assert month_number(result) - month_number(start) == months
    assert result.day == min(start.day, calendar.monthrange(result.year, result.month)[1])


# --- Worked examples: mediation and appeal windows -----------------------------------------------


def test_reg_33_decision_sent_10_march_2025_contact_mediation_adviser_by_10_may_2025() -> None:
    assert mediation_contact_deadline(date(2025, 3, 10)) == date(2025, 5, 10)


def test_tribunal_rule_20_1_c_i_decision_sent_10_march_2025_appeal_by_10_may_2025() -> None:
    assert appeal_deadline(date(2025, 3, 10)) == date(2025, 5, 10)


def test_tribunal_rule_20_1_c_ii_later_certificate_extends_the_window_to_20_may_2025() -> None:
    # Certificate issued 20 Apr 2025: 1 month from it is 20 May, later than 10 May.
    assert appeal_deadline(date(2025, 3, 10), date(2025, 4, 20)) == date(2025, 5, 20)


def test_tribunal_rule_20_1_c_an_early_certificate_never_shortens_the_2_months() -> None:
    # Certificate issued 1 Apr 2025: 1 May is earlier than 10 May, so 10 May stands.
    assert appeal_deadline(date(2025, 3, 10), date(2025, 4, 1)) == date(2025, 5, 10)


@pytest.mark.parametrize(
    ("sent", "deadline"),
    [
        (date(2024, 12, 31), date(2025, 2, 28)),  # no 31 February: the end of February
        (date(2023, 12, 31), date(2024, 2, 29)),  # leap year
        (date(2025, 11, 30), date(2026, 1, 30)),  # across the new year
        (date(2025, 8, 31), date(2025, 10, 31)),
    ],
)
def test_tribunal_rule_20_1_c_i_month_end_decisions(sent: date, deadline: date) -> None:
    assert appeal_deadline(sent) == deadline


def test_tribunal_rule_20_1_c_ii_certificate_issued_31_january_2025_gives_28_february_2025() -> None:
    assert appeal_deadline(date(2024, 12, 20), date(2025, 1, 31)) == date(2025, 2, 28)


def test_s45_plan_maintained_until_the_window_closes_cease_from_11_may_2025() -> None:
    # Decision to cease sent 10 Mar 2025: appeal window ends 10 May, so maintain through 10 May.
    assert earliest_cease_date(date(2025, 3, 10)) == date(2025, 5, 11)
    assert earliest_cease_date(date(2025, 3, 10), date(2025, 4, 20)) == date(2025, 5, 21)


# --- Worked examples: Tribunal orders (reg 44(2)) ------------------------------------------------


def test_reg_44_2_b_assessment_ordered_3_march_2025() -> None:
    # 2 weeks: 17 Mar. 10 weeks (70 days): 31 Mar +28, 30 Apr +58, 12 May +70.
    # 14 weeks (98 days): 31 May +89, 9 Jun +98.
    assert tribunal_order_deadlines(TribunalOrderKind.ASSESS, date(2025, 3, 3)) == {
        "notify_assessment": date(2025, 3, 17),
        "decision_not_to_issue": date(2025, 5, 12),
        "final_plan": date(2025, 6, 9),
    }


def test_reg_44_2_c_plan_ordered_3_march_2025() -> None:
    # 5 weeks (35 days): 31 Mar +28, 7 Apr +35. 11 weeks (77 days): 30 Apr +58, 19 May +77.
    assert tribunal_order_deadlines(TribunalOrderKind.MAKE_PLAN, date(2025, 3, 3)) == {
        "draft_plan": date(2025, 4, 7),
        "final_plan": date(2025, 5, 19),
    }


def test_reg_44_2_e_and_f_amendments_ordered_3_march_2025() -> None:
    ordered = date(2025, 3, 3)
    assert tribunal_order_deadlines(TribunalOrderKind.AMEND_CONTENT, ordered) == {"amended_plan": date(2025, 4, 7)}
    assert tribunal_order_deadlines(TribunalOrderKind.AMEND_SCHOOL_ONLY, ordered) == {"amended_plan": date(2025, 3, 17)}


def test_reg_44_2_a_dismissed_cease_appeal_means_cease_on_the_order_date() -> None:
    assert tribunal_order_deadlines(TribunalOrderKind.DISMISS_CEASE, date(2025, 3, 3)) == {"cease": date(2025, 3, 3)}


@pytest.mark.parametrize(
    ("kind", "constant", "code", "status"),
    [
        (TribunalOrderKind.DISMISS_CEASE, TRIBUNAL_ORDER_CEASE, "reg-44-2-a", "confirmed"),
        (TribunalOrderKind.ASSESS, TRIBUNAL_ORDER_ASSESS, "reg-44-2-b", "confirmed"),
        (TribunalOrderKind.MAKE_PLAN, TRIBUNAL_ORDER_PLAN, "reg-44-2-c", "confirmed"),
        (TribunalOrderKind.AMEND_CONTENT, TRIBUNAL_ORDER_AMEND, "reg-44-2-e", "secondary"),
        (TribunalOrderKind.AMEND_SCHOOL_ONLY, TRIBUNAL_ORDER_SCHOOL, "reg-44-2-f", "secondary"),
    ],
)
def test_each_tribunal_order_kind_names_its_reg_44_2_rule(
    kind: TribunalOrderKind, constant: Rule, code: str, status: str
) -> None:
    assert kind.rule is constant
    assert rule(code) is constant
    assert constant.status == status


def test_tribunal_order_kinds_store_as_the_values_in_the_brief() -> None:
    assert [k.value for k in TribunalOrderKind] == [
        "dismiss_cease",
        "assess",
        "make_plan",
        "amend_content",
        "amend_school_only",
    ]


# --- Sources and the registry ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "citation", "status"),
    [
        (mediation_contact_deadline, "Regulation 33", "[CONFIRMED]"),
        (appeal_deadline, "Rule 20(1)(c)", "[UNCONFIRMED]"),
        (earliest_cease_date, "Section 45", "[CONFIRMED as DfE guidance]"),
        (tribunal_order_deadlines, "Regulation 44(2)", "[SECONDARY]"),
    ],
)
def test_each_function_docstring_names_its_source_and_status(
    function: Callable[..., object], citation: str, status: str
) -> None:
    doc = " ".join((function.__doc__ or "").split())
    assert citation in doc
    assert status in doc


@pytest.mark.parametrize(
    ("constant", "code", "status"),
    [
        (MEDIATION_CONTACT, "reg-33", "confirmed"),
        (APPEAL, "tribunal-rules-20-1-c", "confirmed"),
        (MAINTAIN_UNTIL_APPEAL_ENDS, "cfa-s45", "confirmed"),
    ],
)
def test_appeal_rules_are_registered_with_their_codes_and_statuses(constant: Rule, code: str, status: str) -> None:
    assert rule(code) is constant
    assert constant.status == status


def test_every_rule_constant_is_in_the_registry_once() -> None:
    constants = [value for value in vars(rules_module).values() if isinstance(value, Rule)]
    assert len(constants) == len(RULES) == 25
    assert {r.code for r in constants} == set(RULES)
    for r in RULES.values():
        assert r.summary.endswith(".")
        assert ". " not in r.summary


# --- Properties ----------------------------------------------------------------------------------


@given(dates, st.one_of(st.none(), dates))
def test_appeal_deadline_is_never_before_either_limit(decision_sent: date, certificate: date | None) -> None:
    deadline = appeal_deadline(decision_sent, certificate)
    assert deadline >= add_months(decision_sent, 2)
    if certificate is None:
        assert deadline == add_months(decision_sent, 2)
    else:
        assert deadline >= add_months(certificate, 1)
        assert deadline == max(add_months(decision_sent, 2), add_months(certificate, 1))
    assert earliest_cease_date(decision_sent, certificate) == deadline + timedelta(days=1)


@given(dates)
def test_appeal_window_is_between_59_and_62_days_without_a_certificate(decision_sent: date) -> None:
    # Shortest: 1 January to 1 March, or 31 December to 28 February (59 days, not a leap year).
    # Longest: 1 July to 1 September (62 days).
    assert 59 <= (appeal_deadline(decision_sent) - decision_sent).days <= 62
    assert mediation_contact_deadline(decision_sent) == appeal_deadline(decision_sent)


@given(st.sampled_from(TribunalOrderKind), dates)
def test_tribunal_deadlines_fall_on_or_after_the_order_in_order(kind: TribunalOrderKind, ordered: date) -> None:
    deadlines = list(tribunal_order_deadlines(kind, ordered).values())
    assert deadlines == sorted(deadlines)
    assert all(d >= ordered and d.weekday() == ordered.weekday() for d in deadlines)
    # A fresh dict each time, so a caller changing one cannot change the next.
    tribunal_order_deadlines(kind, ordered).clear()
    assert list(tribunal_order_deadlines(kind, ordered).values()) == deadlines
