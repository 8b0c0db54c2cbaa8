"""Annual reviews, amendments and phase transfer: worked examples checked by hand, and properties."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase import timescales
from sendcase.timescales import (
    AMENDED_PLAN,
    AMENDED_PLAN_AFTER_REVIEW,
    AMENDMENT_REPRESENTATIONS,
    ANNUAL_REVIEW,
    DECISION_NOT_TO_AMEND,
    PHASE_TRANSFER,
    POST16_TRANSFER_REVIEW,
    REVIEW_ADVICE,
    REVIEW_DECISION,
    REVIEW_INVITATIONS,
    REVIEW_REPORT,
    RULES,
    StepState,
    amended_plan_due,
    amended_plan_due_after_notice,
    amended_plan_due_after_review,
    amended_plan_rule,
    amendment_representations_deadline,
    annual_review_due,
    decision_not_to_amend_due,
    phase_transfer_deadline,
    phase_transfer_last_day,
    phase_transfer_on_time,
    post16_transfer_review_due,
    review_advice_circulation_due,
    review_decision_due,
    review_invitations_due,
    review_invitations_due_local,
    review_report_due,
    rule,
    step_status,
)

# Leave room for the longest limit (12 months) either side.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))
years = st.integers(min_value=1900, max_value=9000)


# --- Worked examples: annual review (s.44(1) CFA 2014) -----------------------------------------


def test_s44_plan_made_15_march_2024_review_due_15_march_2025() -> None:
    assert annual_review_due(date(2024, 3, 15)) == date(2025, 3, 15)


def test_s44_plan_made_29_february_2024_review_due_28_february_2025() -> None:
    # 2025 has no 29 February; the date stays in February rather than slipping to 1 March.
    assert annual_review_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_annual_review_rule_is_registered_under_its_existing_code() -> None:
    assert ANNUAL_REVIEW.code == "cfa-s44-1"
    assert rule("cfa-s44-1") is ANNUAL_REVIEW
    assert RULES["cfa-s44-1"] is ANNUAL_REVIEW


def test_the_reviews_module_still_exports_what_the_caseload_imports() -> None:
    # sendcase/cases/selectors.py and services/caseload.py import these from reviews directly.
    from sendcase.timescales.reviews import ANNUAL_REVIEW as from_reviews
    from sendcase.timescales.reviews import annual_review_due as due_from_reviews

    assert from_reviews is ANNUAL_REVIEW
    assert due_from_reviews is annual_review_due


# --- Worked examples: the review meeting of Thursday 20 March 2025 --------------------------------


def test_reg_20_2_meeting_20_march_2025_invitations_by_6_march_2025() -> None:
    # At least 2 weeks' notice: 20 Mar - 14 days = 6 Mar (both Thursdays).
    assert review_invitations_due(date(2025, 3, 20)) == date(2025, 3, 6)


def test_reg_20_4_meeting_20_march_2025_advice_circulated_by_6_march_2025() -> None:
    assert review_advice_circulation_due(date(2025, 3, 20)) == date(2025, 3, 6)


def test_local_policy_8_weeks_before_meeting_20_march_2025_is_23_january_2025() -> None:
    # Not law. 56 days back: 28 Feb is -20, 31 Jan is -48, 23 Jan is -56.
    assert review_invitations_due_local(date(2025, 3, 20)) == date(2025, 1, 23)
    assert review_invitations_due_local(date(2025, 3, 20), weeks=6) == date(2025, 2, 6)


def test_local_policy_cannot_be_shorter_than_the_statutory_2_weeks() -> None:
    assert review_invitations_due_local(date(2025, 3, 20), weeks=2) == review_invitations_due(date(2025, 3, 20))
    with pytest.raises(ValueError, match="statutory 2 weeks"):
        review_invitations_due_local(date(2025, 3, 20), weeks=1)


def test_reg_20_7_and_21_7_meeting_20_march_2025_report_by_3_april_2025() -> None:
    # 2 weeks: 31 Mar is +11, 3 Apr is +14.
    assert review_report_due(date(2025, 3, 20)) == date(2025, 4, 3)


def test_reg_20_10_meeting_20_march_2025_decision_by_17_april_2025() -> None:
    # 4 weeks: 31 Mar is +11, 17 Apr is +28.
    assert review_decision_due(date(2025, 3, 20)) == date(2025, 4, 17)


def test_meeting_5_january_2026_dates_cross_the_new_year() -> None:
    # Reg 20(2): 5 Jan - 14 = 22 Dec 2025. Reg 20(7): 19 Jan. Reg 20(10): 31 Jan is +26, 2 Feb +28.
    meeting = date(2026, 1, 5)
    assert review_invitations_due(meeting) == date(2025, 12, 22)
    assert review_report_due(meeting) == date(2026, 1, 19)
    assert review_decision_due(meeting) == date(2026, 2, 2)


# --- Worked examples: amendments (reg 22 and Devon) --------------------------------------------


def test_reg_22_2_amendments_sent_3_march_2025_family_has_until_17_march_2025() -> None:
    # At least 15 days beginning with the day served: 3 Mar is day 1, 17 Mar is day 15.
    assert amendment_representations_deadline(date(2025, 3, 3)) == date(2025, 3, 17)


def test_reg_22_2_amendments_sent_20_february_2024_leap_year_until_5_march_2024() -> None:
    # 20 Feb is day 1, 29 Feb day 10, 5 Mar day 15.
    assert amendment_representations_deadline(date(2024, 2, 20)) == date(2024, 3, 5)


def test_reg_22_3_and_devon_agree_when_proposals_go_on_the_last_decision_day() -> None:
    # Meeting 20 Mar 2025; proposals sent with the decision on 17 Apr (the reg 20(10) limit).
    # Reg 22(3): 17 Apr + 56 = 12 Jun (30 Apr +13, 31 May +44, 12 Jun +56).
    # Devon: 20 Mar + 84 = 12 Jun (31 Mar +11, 30 Apr +41, 31 May +72, 12 Jun +84).
    meeting, sent = date(2025, 3, 20), date(2025, 4, 17)
    assert amended_plan_due_after_notice(sent) == date(2025, 6, 12)
    assert amended_plan_due_after_review(meeting) == date(2025, 6, 12)
    assert amended_plan_due(sent, meeting) == date(2025, 6, 12)
    # On a tie the confirmed Regulation is named, not the case law.
    assert amended_plan_rule(sent, meeting) is AMENDED_PLAN


def test_reg_22_3_proposals_sent_early_amended_plan_due_29_may_2025() -> None:
    # Proposals sent 3 Apr 2025, 2 weeks after the meeting: 30 Apr is +27, 29 May is +56.
    meeting, sent = date(2025, 3, 20), date(2025, 4, 3)
    assert amended_plan_due(sent, meeting) == date(2025, 5, 29)
    assert amended_plan_rule(sent, meeting) is AMENDED_PLAN


def test_devon_proposals_sent_late_amended_plan_still_due_12_june_2025() -> None:
    # Proposals sent 1 May 2025, 6 weeks after the meeting: reg 22(3) would give 26 Jun, but the
    # Devon 12-week timetable from the 20 Mar meeting ends on 12 Jun.
    meeting, sent = date(2025, 3, 20), date(2025, 5, 1)
    assert amended_plan_due_after_notice(sent) == date(2025, 6, 26)
    assert amended_plan_due(sent, meeting) == date(2025, 6, 12)
    assert amended_plan_rule(sent, meeting) is AMENDED_PLAN_AFTER_REVIEW


def test_reg_22_4_decision_not_to_amend_8_weeks_after_proposals_sent_3_april_2025() -> None:
    assert decision_not_to_amend_due(date(2025, 4, 3)) == date(2025, 5, 29)


# --- Worked examples: phase transfer (reg 18) ----------------------------------------------------


def test_reg_18_1_a_transfer_in_2026_plan_before_15_february_2026() -> None:
    assert phase_transfer_deadline(2026, post16=False) == date(2026, 2, 15)
    assert phase_transfer_last_day(2026, post16=False) == date(2026, 2, 14)
    assert phase_transfer_on_time(date(2026, 2, 14), 2026, post16=False)
    # "Before 15 February": issued on the 15th is late.
    assert not phase_transfer_on_time(date(2026, 2, 15), 2026, post16=False)


def test_reg_18_1_b_secondary_to_post16_in_2026_plan_before_31_march_2026() -> None:
    assert phase_transfer_deadline(2026, post16=True) == date(2026, 3, 31)
    assert phase_transfer_last_day(2026, post16=True) == date(2026, 3, 30)
    assert phase_transfer_on_time(date(2026, 3, 30), 2026, post16=True)
    assert not phase_transfer_on_time(date(2026, 3, 31), 2026, post16=True)
    # A plan issued in the autumn before the year of transfer is on time.
    assert phase_transfer_on_time(date(2025, 11, 1), 2026, post16=True)


def test_reg_18_1_step_status_uses_the_last_day_so_the_15th_is_one_day_late() -> None:
    due = phase_transfer_last_day(2026, post16=False)
    on_time = step_status(due=due, done=date(2026, 2, 14), today=date(2026, 3, 1), rule=PHASE_TRANSFER)
    late = step_status(due=due, done=date(2026, 2, 15), today=date(2026, 3, 1), rule=PHASE_TRANSFER)
    assert on_time.state is StepState.DONE_ON_TIME
    assert late.state is StepState.DONE_LATE
    assert late.days == 1


@pytest.mark.parametrize(
    ("transfer", "due"),
    [
        (date(2026, 1, 15), date(2025, 8, 15)),  # same day number, across the new year
        (date(2025, 7, 31), date(2025, 2, 28)),  # no 31 Feb: clamped to the end of February
        (date(2024, 7, 31), date(2024, 2, 29)),  # ... which is the 29th in a leap year
        (date(2025, 7, 30), date(2025, 2, 28)),
        (date(2025, 4, 30), date(2024, 11, 30)),
        (date(2025, 3, 31), date(2024, 10, 31)),
        (date(2025, 8, 31), date(2025, 3, 31)),
    ],
)
def test_reg_18_2_post16_transfer_review_5_calendar_months_before(transfer: date, due: date) -> None:
    assert post16_transfer_review_due(transfer) == due


# --- Every function names its source and status --------------------------------------------------


@pytest.mark.parametrize(
    ("function", "citation", "status"),
    [
        (annual_review_due, "s.44(1)", "[CONFIRMED]"),
        (review_invitations_due, "Regulations 20(2)", "[CONFIRMED]"),
        (review_advice_circulation_due, "Regulation 20(4)", "[CONFIRMED]"),
        (review_invitations_due_local, "LOCAL POLICY, NOT LAW", "Regulation 20(2)"),
        (review_report_due, "Regulation 21(7)", "[UNCONFIRMED]"),
        (review_decision_due, "Regulation 20(10)", "[UNCONFIRMED]"),
        (amendment_representations_deadline, "Regulation 22(2)", "[CONFIRMED]"),
        (amended_plan_due_after_notice, "Regulation 22(3)", "[CONFIRMED]"),
        (amended_plan_due_after_review, "[2022] EWHC 493 (Admin)", "[SECONDARY]"),
        (amended_plan_due, "[2022] EWHC 493 (Admin)", "[SECONDARY]"),
        (decision_not_to_amend_due, "Regulation 22(4)", "[SECONDARY]"),
        (phase_transfer_deadline, "Regulation 18(1)", "[CONFIRMED]"),
        (phase_transfer_last_day, "Regulation 18(1)", "[CONFIRMED]"),
        (phase_transfer_on_time, "Regulation 18(1)", "[CONFIRMED]"),
        (post16_transfer_review_due, "Regulation 18(2)", "[CONFIRMED]"),
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
        (ANNUAL_REVIEW, "cfa-s44-1", "confirmed"),
        (REVIEW_INVITATIONS, "reg-20-2", "confirmed"),
        (REVIEW_ADVICE, "reg-20-4", "confirmed"),
        (REVIEW_REPORT, "reg-20-7", "confirmed"),
        (REVIEW_DECISION, "reg-20-10", "confirmed"),
        (AMENDMENT_REPRESENTATIONS, "reg-22-2", "confirmed"),
        (AMENDED_PLAN, "reg-22-3", "confirmed"),
        (AMENDED_PLAN_AFTER_REVIEW, "devon-2022-ewhc-493", "secondary"),
        (DECISION_NOT_TO_AMEND, "reg-22-4", "secondary"),
        (PHASE_TRANSFER, "reg-18-1", "confirmed"),
        (POST16_TRANSFER_REVIEW, "reg-18-2", "confirmed"),
    ],
)
def test_review_rules_are_registered_with_their_codes_and_statuses(
    constant: timescales.Rule, code: str, status: str
) -> None:
    assert constant.code == code
    assert rule(code) is constant
    assert constant.status == status
    assert constant.summary.endswith(".")
    assert ". " not in constant.summary


# --- Properties --------------------------------------------------------------------------------


@given(dates)
def test_invitations_and_advice_are_always_due_14_days_before_the_meeting(meeting: date) -> None:
    assert meeting - review_invitations_due(meeting) == timedelta(days=14)
    assert meeting - review_advice_circulation_due(meeting) == timedelta(days=14)
    assert review_invitations_due(meeting).weekday() == meeting.weekday()


@given(dates, st.integers(min_value=2, max_value=26))
def test_local_policy_is_never_later_than_the_law(meeting: date, weeks: int) -> None:
    assert review_invitations_due_local(meeting, weeks) <= review_invitations_due(meeting)
    assert meeting - review_invitations_due_local(meeting, weeks) == timedelta(weeks=weeks)


@given(dates)
def test_review_clocks_come_in_order(meeting: date) -> None:
    assert review_invitations_due(meeting) < meeting < review_report_due(meeting) < review_decision_due(meeting)
    assert (review_report_due(meeting) - meeting).days == 14
    assert (review_decision_due(meeting) - meeting).days == 28


@given(dates, st.integers(min_value=0, max_value=28))
def test_decision_is_never_due_after_the_amended_plan_when_proposals_go_with_it(meeting: date, offset: int) -> None:
    # "Goes with the decision": sent after the meeting and no later than the reg 20(10) date.
    proposal_sent = meeting + timedelta(days=offset)
    assert proposal_sent <= review_decision_due(meeting)
    assert review_decision_due(meeting) <= amended_plan_due(proposal_sent, meeting)
    # ... and then reg 22(3) sets the date (or ties with Devon).
    assert amended_plan_rule(proposal_sent, meeting) is AMENDED_PLAN


@given(dates, st.integers(min_value=-400, max_value=400))
def test_amended_plan_is_never_due_more_than_12_weeks_after_the_meeting(meeting: date, offset: int) -> None:
    proposal_sent = meeting + timedelta(days=offset)
    due = amended_plan_due(proposal_sent, meeting)
    assert due <= meeting + timedelta(weeks=12)
    assert due <= proposal_sent + timedelta(weeks=8)
    assert due in (amended_plan_due_after_notice(proposal_sent), amended_plan_due_after_review(meeting))
    expected_rule = AMENDED_PLAN if due == amended_plan_due_after_notice(proposal_sent) else AMENDED_PLAN_AFTER_REVIEW
    assert amended_plan_rule(proposal_sent, meeting) is expected_rule


@given(dates)
def test_amendment_representations_period_is_15_days_counting_the_day_sent(sent: date) -> None:
    assert (amendment_representations_deadline(sent) - sent).days + 1 == 15


@given(years, st.booleans())
def test_phase_transfer_deadline_and_last_day_fall_in_the_year_of_transfer(year: int, post16: bool) -> None:
    deadline = phase_transfer_deadline(year, post16)
    last_day = phase_transfer_last_day(year, post16)
    assert deadline.year == year
    assert last_day.year == year
    assert last_day + timedelta(days=1) == deadline
    assert phase_transfer_on_time(last_day, year, post16)
    assert not phase_transfer_on_time(deadline, year, post16)
    # Post-16 transfers get the later date.
    assert phase_transfer_deadline(year, False) < phase_transfer_deadline(year, True)


@given(dates, years, st.booleans())
def test_on_time_means_strictly_before_the_statutory_date(issued: date, year: int, post16: bool) -> None:
    assert phase_transfer_on_time(issued, year, post16) == (issued <= phase_transfer_last_day(year, post16))


@given(dates)
def test_post16_transfer_review_is_at_least_5_months_before_and_keeps_the_day_if_it_can(transfer: date) -> None:
    due = post16_transfer_review_due(transfer)
    months_back = (transfer.year * 12 + transfer.month) - (due.year * 12 + due.month)
    assert months_back == 5
    assert due.day <= transfer.day
    if due.day < transfer.day:  # clamped: it must be the last day of a short month
        assert (due + timedelta(days=1)).day == 1
    # "At least five months": 5 months on from the due date never passes the transfer.
    assert timescales.add_months(due, 5) <= transfer


@given(dates)
def test_annual_review_is_the_anniversary_or_28_february(last: date) -> None:
    due = annual_review_due(last)
    assert due.year == last.year + 1
    if (last.month, last.day) == (2, 29):
        assert (due.month, due.day) == (2, 28)
    else:
        assert (due.month, due.day) == (last.month, last.day)


# --- Under-5 local cadence (CoP 9.178), term lists (CoP 9.172) and transfers between phases -----

from sendcase.timescales.phases import (  # noqa: E402
    SchoolStage,
    TransferKind,
    national_curriculum_year,
    phase_transfer_in,
    year_group_in_september,
)
from sendcase.timescales.reviews import review_list_due, under5_review_due_local  # noqa: E402


def test_cop_9_178_under5_every_6_months_plan_made_31_august_2024_review_by_28_february_2025() -> None:
    assert under5_review_due_local(date(2024, 8, 31), 6) == date(2025, 2, 28)
    with pytest.raises(ValueError, match="not between 1 and 12"):
        under5_review_due_local(date(2024, 8, 31), 13)


def test_cop_9_172_autumn_term_from_1_september_2025_list_to_schools_by_18_august_2025() -> None:
    assert review_list_due(date(2025, 9, 1)) == date(2025, 8, 18)


@pytest.mark.parametrize(
    ("function", "citation", "status"),
    [
        (under5_review_due_local, "Code of Practice 9.178", "LOCAL POLICY, NOT LAW"),
        (review_list_due, "Code of Practice 9.172", "[SECONDARY]"),
        (phase_transfer_in, "Regulation 18(1)", "[UNCONFIRMED]"),
        (year_group_in_september, "convention", "[UNCONFIRMED"),
    ],
)
def test_added_functions_name_their_source(function: Callable[..., object], citation: str, status: str) -> None:
    doc = " ".join((function.__doc__ or "").split())
    assert citation in doc
    assert status in doc


def test_reg_18_1_d_born_10_october_2014_moves_to_secondary_in_2026_plan_before_15_february_2026() -> None:
    kind = phase_transfer_in(date(2014, 10, 10), SchoolStage.PRIMARY, 2026)
    assert kind is TransferKind.PRIMARY_TO_SECONDARY
    assert phase_transfer_deadline(2026, kind.post16) == date(2026, 2, 15)
    # Not a move the year before or after.
    assert phase_transfer_in(date(2014, 10, 10), SchoolStage.PRIMARY, 2025) is None
    assert phase_transfer_in(date(2014, 10, 10), SchoolStage.PRIMARY, 2027) is None


def test_reg_18_1_b_born_20_june_2010_leaves_secondary_for_post16_in_2026_plan_before_31_march() -> None:
    kind = phase_transfer_in(date(2010, 6, 20), SchoolStage.SECONDARY, 2026)
    assert kind is TransferKind.SECONDARY_TO_POST16
    assert phase_transfer_deadline(2026, kind.post16) == date(2026, 3, 31)


def test_year_r_starts_the_september_after_the_fourth_birthday() -> None:
    # 31 August and 1 September birthdays are a school year apart.
    assert phase_transfer_in(date(2021, 8, 31), SchoolStage.EARLY_YEARS, 2025) is TransferKind.EARLY_YEARS_TO_SCHOOL
    assert phase_transfer_in(date(2021, 9, 1), SchoolStage.EARLY_YEARS, 2026) is TransferKind.EARLY_YEARS_TO_SCHOOL
    assert phase_transfer_in(date(2021, 9, 1), SchoolStage.EARLY_YEARS, 2025) is None
    # On 2 June 2025 a child born 15 March 2021 is in the year before Reception.
    assert national_curriculum_year(date(2021, 3, 15), date(2025, 6, 2)) == -1


def test_infant_first_and_middle_schools_move_at_their_own_year_groups() -> None:
    born = date(2018, 1, 10)  # Year 3 from September 2025, Year 5 from 2027, Year 9 from 2031
    assert phase_transfer_in(born, SchoolStage.INFANT, 2025) is TransferKind.INFANT_TO_JUNIOR
    assert phase_transfer_in(born, SchoolStage.PRIMARY, 2025) is None  # a primary school keeps Year 3
    assert phase_transfer_in(born, SchoolStage.FIRST, 2027) is TransferKind.FIRST_TO_MIDDLE
    assert phase_transfer_in(born, SchoolStage.MIDDLE, 2031) is TransferKind.MIDDLE_TO_SECONDARY
    assert phase_transfer_in(born, SchoolStage.MIDDLE, 2029) is None  # middle schools take Year 7 in


births = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@given(births, st.integers(min_value=1995, max_value=2050))
def test_a_child_moves_up_one_year_group_each_september(born: date, year: int) -> None:
    assert year_group_in_september(born, year + 1) == year_group_in_september(born, year) + 1


@given(births)
def test_a_child_is_4_on_the_31_august_before_reception(born: date) -> None:
    start = next(y for y in range(born.year, born.year + 7) if year_group_in_september(born, y) == 0)
    last_day_before = date(start, 8, 31)
    age = last_day_before.year - born.year - ((last_day_before.month, last_day_before.day) < (born.month, born.day))
    assert age == 4


@given(births, st.sampled_from(list(SchoolStage)), st.integers(min_value=1995, max_value=2050))
def test_a_phase_transfer_deadline_always_falls_in_the_year_of_transfer_and_before_september(
    born: date, stage: SchoolStage, year: int
) -> None:
    kind = phase_transfer_in(born, stage, year)
    if kind is not None:
        deadline = phase_transfer_deadline(year, kind.post16)
        assert deadline.year == year
        assert deadline < date(year, 9, 1)
        assert year_group_in_september(born, year) == kind.entering_year


@given(births, st.sampled_from(list(SchoolStage)))
def test_each_kind_of_setting_makes_each_move_at_most_once(born: date, stage: SchoolStage) -> None:
    kinds = [phase_transfer_in(born, stage, y) for y in range(born.year, born.year + 20)]
    made = [k for k in kinds if k is not None]
    assert len(made) == len(set(made))
