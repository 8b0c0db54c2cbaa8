"""Statutory due dates: worked examples checked by hand, and properties for every date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.timescales import (
    ADVICE,
    DECISION_NOT_TO_ISSUE,
    DECISION_TO_ASSESS,
    DRAFT_RESPONSE,
    FINAL_PLAN,
    REASSESSMENT_FINAL_PLAN,
    RULES,
    NeedsAssessmentDueDates,
    Rule,
    advice_due,
    decision_not_to_issue_due,
    decision_to_assess_due,
    draft_response_deadline,
    final_plan_due,
    needs_assessment_due_dates,
    reassessment_final_plan_due,
    rule,
)

# Leave room for the longest limit (20 weeks) before date.max.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))


# --- Worked examples (each computed by hand, then checked) ------------------------------------


def test_request_received_6_january_2025_decision_due_17_february_2025() -> None:
    # Reg 5(1): 6 weeks. 6 Jan + 25 days = 31 Jan; + 17 more = 17 Feb (42 days).
    assert decision_to_assess_due(date(2025, 1, 6)) == date(2025, 2, 17)


def test_request_received_6_january_2025_no_plan_decision_due_28_april_2025() -> None:
    # Reg 10(1): 16 weeks = 112 days. 31 Jan (+25), 28 Feb (+53), 31 Mar (+84), 28 Apr (+112).
    assert decision_not_to_issue_due(date(2025, 1, 6)) == date(2025, 4, 28)


def test_request_received_6_january_2025_final_plan_due_26_may_2025() -> None:
    # Reg 13(2): 20 weeks = 140 days. 28 Apr (+112, above), 26 May (+140).
    assert final_plan_due(date(2025, 1, 6)) == date(2025, 5, 26)


def test_request_received_1_february_2024_leap_year_final_plan_due_20_june_2024() -> None:
    # Reg 13(2) across 29 February: 1 Mar is +29, 1 Apr +60, 1 May +90, 1 Jun +121, 20 Jun +140.
    assert final_plan_due(date(2024, 2, 1)) == date(2024, 6, 20)


def test_request_received_1_february_2024_leap_year_decision_due_14_march_2024() -> None:
    # Reg 5(1) across 29 February: 1 Mar is +29, so 14 Mar is +42.
    assert decision_to_assess_due(date(2024, 2, 1)) == date(2024, 3, 14)


def test_request_received_1_december_2025_due_dates_cross_the_year() -> None:
    # Reg 5(1): 1 Jan is +31, 12 Jan +42. Reg 10(1): 1 Mar is +90, 23 Mar +112.
    # Reg 13(2): 1 Apr is +121, 20 Apr +140.
    due = needs_assessment_due_dates(date(2025, 12, 1))
    assert due == NeedsAssessmentDueDates(
        decision_to_assess=date(2026, 1, 12),
        decision_not_to_issue=date(2026, 3, 23),
        final_plan=date(2026, 4, 20),
    )


def test_advice_request_received_10_march_2025_advice_due_21_april_2025() -> None:
    # Reg 8(1): 6 weeks from the day the advice-giver received the request. 31 Mar is +21,
    # 21 Apr is +42.
    assert advice_due(date(2025, 3, 10)) == date(2025, 4, 21)


def test_draft_served_3_march_2025_family_has_until_17_march_2025() -> None:
    # Reg 13(1): at least 15 days beginning with the day served, so 3 Mar is day 1 and
    # 17 Mar is day 15.
    assert draft_response_deadline(date(2025, 3, 3)) == date(2025, 3, 17)


def test_draft_served_on_christmas_day_2025_response_period_ends_8_january_2026() -> None:
    # Reg 13(1): calendar days, no allowance for bank holidays. 25 Dec is day 1, 31 Dec day 7,
    # 8 Jan day 15.
    assert draft_response_deadline(date(2025, 12, 25)) == date(2026, 1, 8)


def test_reassessment_notified_6_january_2025_final_plan_due_14_april_2025() -> None:
    # Reg 27(2): 14 weeks = 98 days. 31 Mar is +84, 14 Apr is +98.
    assert reassessment_final_plan_due(date(2025, 1, 6)) == date(2025, 4, 14)


def test_due_dates_compare_equal_to_plain_dates() -> None:
    # Reg 5(1), 10(1), 13(2) for a request received 6 January 2025.
    due = needs_assessment_due_dates(date(2025, 1, 6))
    assert due.decision_to_assess == date(2025, 2, 17)
    assert due.decision_not_to_issue == date(2025, 4, 28)
    assert due.final_plan == date(2025, 5, 26)
    assert type(due.final_plan) is date


# --- Rules: each date can say which rule made it -----------------------------------------------


def test_rules_are_keyed_by_their_codes() -> None:
    assert {code for code in RULES} == {r.code for r in RULES.values()}
    # Reviews and appeals register their rules too (tests/timescales/test_timescales_{reviews,appeals}.py).
    assert {"reg-5-1", "reg-8-1", "reg-10-1", "reg-13-1", "reg-13-2", "reg-27-2"} <= set(RULES)


def test_rule_looks_up_by_code() -> None:
    assert rule("reg-13-2") is FINAL_PLAN
    assert FINAL_PLAN.regulation == "Regulation 13(2), SEND Regulations 2014"


def test_unknown_rule_code_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="reg-5-1"):
        rule("reg-99-1")


def test_every_assessment_rule_is_confirmed_with_a_one_sentence_summary() -> None:
    for r in (DECISION_TO_ASSESS, ADVICE, DECISION_NOT_TO_ISSUE, DRAFT_RESPONSE, FINAL_PLAN, REASSESSMENT_FINAL_PLAN):
        assert r.status == "confirmed"
        assert r.summary.endswith(".")
        assert r.summary.count(". ") == 0
        assert r.regulation.endswith("SEND Regulations 2014")


def test_rule_rejects_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        Rule(code="x", regulation="y", summary="z.", status="probably")


def test_rule_for_names_the_regulation_behind_each_date() -> None:
    due = needs_assessment_due_dates(date(2025, 1, 6))
    assert due.rule_for("decision_to_assess") is DECISION_TO_ASSESS
    assert due.rule_for("decision_not_to_issue") is DECISION_NOT_TO_ISSUE
    assert due.rule_for("final_plan") is FINAL_PLAN
    with pytest.raises(KeyError, match="final_plan"):
        due.rule_for("draft_plan")


def test_with_rules_lists_each_date_with_its_rule() -> None:
    due = needs_assessment_due_dates(date(2025, 1, 6))
    assert due.with_rules() == (
        ("decision_to_assess", date(2025, 2, 17), DECISION_TO_ASSESS),
        ("decision_not_to_issue", date(2025, 4, 28), DECISION_NOT_TO_ISSUE),
        ("final_plan", date(2025, 5, 26), FINAL_PLAN),
    )


@pytest.mark.parametrize(
    ("function", "citation", "limit"),
    [
        (decision_to_assess_due, "Regulation 5(1)", "6 weeks"),
        (advice_due, "Regulation 8(1)", "6 weeks"),
        (decision_not_to_issue_due, "Regulation 10(1)", "16 weeks"),
        (draft_response_deadline, "Regulation 13(1)", "15 days"),
        (final_plan_due, "Regulation 13(2)", "20 weeks"),
        (reassessment_final_plan_due, "Regulation 27(2)", "14 weeks"),
    ],
)
def test_each_function_docstring_names_its_regulation_and_limit(function: object, citation: str, limit: str) -> None:
    doc = function.__doc__ or ""
    assert citation in doc
    assert limit in doc


def test_each_rule_constant_matches_its_code() -> None:
    assert DECISION_TO_ASSESS.code == "reg-5-1"
    assert ADVICE.code == "reg-8-1"
    assert DECISION_NOT_TO_ISSUE.code == "reg-10-1"
    assert DRAFT_RESPONSE.code == "reg-13-1"
    assert FINAL_PLAN.code == "reg-13-2"
    assert REASSESSMENT_FINAL_PLAN.code == "reg-27-2"


# --- Properties -------------------------------------------------------------------------------


@given(dates)
def test_due_dates_come_in_statutory_order(received: date) -> None:
    due = needs_assessment_due_dates(received)
    assert received < due.decision_to_assess < due.decision_not_to_issue < due.final_plan


@given(dates)
def test_exact_day_counts_from_receipt(received: date) -> None:
    # DfE counts "within 20 weeks" as on or before received + 140 days.
    assert (final_plan_due(received) - received).days == 140
    assert (decision_not_to_issue_due(received) - received).days == 112
    assert (decision_to_assess_due(received) - received).days == 42
    assert (advice_due(received) - received).days == 42
    assert (reassessment_final_plan_due(received) - received).days == 98


@given(dates)
def test_due_dates_fall_on_the_same_weekday_as_receipt(received: date) -> None:
    for due in (
        decision_to_assess_due(received),
        decision_not_to_issue_due(received),
        final_plan_due(received),
    ):
        assert due.weekday() == received.weekday()


@given(dates)
def test_draft_response_deadline_is_always_14_days_after_service(served: date) -> None:
    deadline = draft_response_deadline(served)
    assert deadline > served
    # 15 days counting both the day served and the last day.
    assert (deadline - served).days + 1 == 15


@given(dates, dates)
def test_later_requests_never_have_earlier_due_dates(first: date, second: date) -> None:
    earlier, later = sorted((first, second))
    for function in (
        decision_to_assess_due,
        decision_not_to_issue_due,
        final_plan_due,
        advice_due,
        draft_response_deadline,
        reassessment_final_plan_due,
    ):
        assert function(earlier) <= function(later)
        assert (function(earlier) == function(later)) == (earlier == later)


@given(dates, st.integers(min_value=0, max_value=3650))
def test_moving_the_receipt_date_moves_the_due_date_by_the_same_days(received: date, shift: int) -> None:
    moved = received + timedelta(days=shift)
    assert final_plan_due(moved) - final_plan_due(received) == timedelta(days=shift)
