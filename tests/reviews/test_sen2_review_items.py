"""The SEN2 ActivePlans review items of a plan (shared/domain/sen2-return.md A.4)."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.reviews.sen2 import sen2_review_items
from tests.reviews.builders import child_with_plan, review

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_latest_review_held_in_the_activity_year_is_reported(la):
    _, plan = child_with_plan(la, born=D(2014, 10, 10))
    review(plan, meeting_held_on=D(2023, 11, 1), invitations_sent_on=D(2023, 10, 1), completed_on=D(2023, 11, 5))
    review(
        plan,
        meeting_held_on=D(2024, 11, 4),
        invitations_sent_on=D(2024, 10, 1),
        decision="amend",
        outcome="A",
        decision_sent_on=D(2024, 11, 25),
        proposed_amendments_sent_on=D(2024, 11, 25),
        amended_plan_issued_on=D(2025, 1, 10),
        completed_on=D(2025, 1, 10),
        is_phase_transfer=True,
        transfer_year=2025,
        transfer_kind="primary_to_secondary",
    )
    assert sen2_review_items(plan, 2025) == {
        "ReviewMeeting": D(2024, 11, 4),
        "ReviewOutcome": "A",
        "LastReview": D(2024, 11, 25),  # the decision letter, not the meeting (G-09)
        "ReviewDraft": D(2024, 11, 25),
        "PhaseTransferDueDate": D(2025, 2, 15),
        "PhaseTransferFinalDate": D(2025, 1, 10),  # before the census on 16 January 2025
    }


def test_events_after_the_census_date_wait_for_the_next_return(la):
    _, plan = child_with_plan(la, born=D(2014, 10, 10))
    review(
        plan,
        meeting_held_on=D(2024, 12, 20),
        invitations_sent_on=D(2024, 12, 1),
        decision="maintain",
        outcome="M",
        decision_sent_on=D(2025, 1, 17),  # the day after the 2025 census
        completed_on=D(2025, 1, 17),
    )
    items = sen2_review_items(plan, 2025)
    assert items["ReviewMeeting"] == D(2024, 12, 20)
    assert items["LastReview"] is None and items["ReviewOutcome"] is None


def test_a_plan_with_no_review_in_the_year_reports_nothing(la):
    _, plan = child_with_plan(la, born=D(2014, 10, 10))
    review(plan, meeting_on=D(2025, 3, 1))  # scheduled, never held
    assert set(sen2_review_items(plan, 2025).values()) == {None}
