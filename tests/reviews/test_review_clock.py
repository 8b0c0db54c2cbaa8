"""Each review step's due date, the rule that made it, and its state (sendcase/reviews/clock.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.reviews import services
from sendcase.reviews.clock import review_steps, transfer_standing
from sendcase.timescales import StepState

pytestmark = pytest.mark.django_db
D = dt.date


def _by_code(review, today):
    return {s.code: s for s in review_steps(review, today=today)}


def test_before_the_meeting_invitations_and_advice_are_due_2_weeks_ahead_under_regulation_20(scheduled, today):
    steps = _by_code(scheduled, today)
    invitations = steps["invitations"]
    assert invitations.status.due == D(2025, 3, 18)  # meeting 1 April 2025, minus 14 days
    assert invitations.status.rule.regulation == "Regulations 20(2) and 21(2), SEND Regulations 2014"
    assert invitations.status.state is StepState.OVERDUE  # today is 2 June 2025
    assert "Local policy, not law" in invitations.note and "4 February 2025" in invitations.note
    assert steps["advice"].status.rule.regulation.startswith("Regulations 20(4)")
    meeting = steps["meeting"]
    assert (meeting.status.due, meeting.status.rule.code) == (D(2025, 6, 10), "cfa-s44-1")
    assert meeting.status.state is StepState.DUE
    assert meeting.action == ""  # not until invitations are recorded
    assert steps["report"].status.due is None and steps["decision"].status.due is None


def test_after_the_meeting_the_report_and_decision_run_from_it(held, today):
    steps = _by_code(held, today)
    assert steps["invitations"].status.state is StepState.DONE_ON_TIME
    assert steps["meeting"].status.state is StepState.DONE_ON_TIME
    report, decision = steps["report"], steps["decision"]
    assert (report.status.due, report.status.rule.code) == (D(2025, 4, 15), "reg-20-7")
    assert (decision.status.due, decision.status.rule.code) == (D(2025, 4, 29), "reg-20-10")
    assert decision.status.state is StepState.OVERDUE
    assert decision.action == "decision"
    assert "amendments" not in steps


def test_amending_adds_the_proposals_and_the_amended_plan_with_regulation_22_and_devon(proposed, today):
    steps = _by_code(proposed, today)
    proposals = steps["amendments"]
    assert proposals.status.state is StepState.DONE_ON_TIME  # sent with the decision, 20 April
    assert "4 May 2025" in proposals.note and "Regulation 22(2)" in proposals.note
    amended = steps["amended-plan"]
    # The earlier of 8 weeks from the proposals (15 June) and 12 weeks from the meeting (24 June).
    assert (amended.status.due, amended.status.rule.code) == (D(2025, 6, 15), "reg-22-3")
    assert amended.action == "amended-plan"


def test_late_proposals_leave_the_devon_12_weeks_as_the_limit(amending, officer, today):
    review = services.review_amendments_send(
        actor=officer, review=amending, sent_on=D(2025, 5, 20), expected_version=amending.version
    )
    amended = _by_code(review, today)["amended-plan"]
    assert (amended.status.due, amended.status.rule.code) == (D(2025, 6, 24), "devon-2022-ewhc-493")
    assert _by_code(review, today)["amendments"].status.state is StepState.DONE_LATE


def test_a_phase_transfer_review_shows_the_15_february_limit(plan, officer, today):
    review = services.review_schedule(
        actor=officer,
        plan=plan,
        meeting_on=D(2025, 10, 1),
        is_phase_transfer=True,
        transfer_kind="primary_to_secondary",
        transfer_year=2026,
    )
    step = _by_code(review, today)["phase-transfer"]
    assert (step.status.due, step.status.rule.code) == (D(2026, 2, 14), "reg-18-1")
    assert "primary to secondary" in step.title


def test_a_mid_year_post16_move_is_due_5_months_before(plan, officer, today):
    review = services.review_schedule(
        actor=officer,
        plan=plan,
        meeting_on=D(2025, 7, 1),
        is_phase_transfer=True,
        transfer_kind="post16_to_post16",
        post16_transfer_on=D(2026, 1, 5),
    )
    assert review.transfer_year == 2026  # the year of the move
    step = _by_code(review, today)["phase-transfer"]
    assert (step.status.due, step.status.rule.code) == (D(2025, 8, 5), "reg-18-2")


def test_a_finished_review_has_no_open_steps(held, officer, today):
    review = services.review_decision_record(
        actor=officer,
        review=held,
        decision="cease",
        sent_on=D(2025, 4, 10),
        cease_reason="2",
        expected_version=held.version,
    )
    steps = review_steps(review, today=today)
    assert not [s for s in steps if s.status.is_open]
    assert not [s for s in steps if s.action]


@pytest.mark.parametrize(
    ("issued", "today", "held", "expected"),
    [
        (D(2026, 2, 14), D(2026, 3, 1), True, "on_time"),
        (D(2026, 2, 15), D(2026, 3, 1), True, "late"),
        (None, D(2026, 2, 15), True, "late"),
        (None, D(2026, 2, 5), True, "at_risk"),  # 9 days left
        (None, D(2026, 1, 10), False, "at_risk"),  # 35 days left and no meeting yet
        (None, D(2026, 1, 10), True, "in_hand"),
        (None, D(2025, 11, 1), False, "in_hand"),
    ],
)
def test_transfer_standing(issued, today, held, expected):
    assert transfer_standing(due=D(2026, 2, 14), issued=issued, today=today, review_held=held) == expected
