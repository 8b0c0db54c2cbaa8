"""Reviews on time per locality and per officer, counted on hand-built reviews."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.reviews.performance import review_performance
from tests.factories import LocalityFactory
from tests.reviews.builders import child_with_plan, review

pytestmark = pytest.mark.django_db
D = dt.date


def _counts(row):
    return {key: (m.on_time, m.counted) for key, m in row.measures.items() if m.counted}


@pytest.fixture
def reviews(la, officer, colleague):
    north, south = LocalityFactory(local_authority=la, name="North"), LocalityFactory(local_authority=la, name="South")

    def plan_of(worker, locality):
        child, plan = child_with_plan(la, born=D(2012, 5, 5), locality=locality)
        child.key_worker = worker
        child.save()
        return plan

    invited = {"invitations_sent_on": D(2024, 6, 1)}
    # North, Olive: one review fully on time, one late at every step.
    review(
        plan_of(officer, north),
        due_on=D(2024, 9, 10),
        meeting_held_on=D(2024, 9, 1),
        decision="amend",
        decision_sent_on=D(2024, 9, 20),
        proposed_amendments_sent_on=D(2024, 9, 20),
        amended_plan_issued_on=D(2024, 11, 1),
        completed_on=D(2024, 11, 1),
        **invited,
    )
    review(
        plan_of(officer, north),
        due_on=D(2024, 10, 1),
        meeting_held_on=D(2024, 10, 15),
        decision="maintain",
        decision_sent_on=D(2024, 11, 20),
        completed_on=D(2024, 11, 20),
        **invited,
    )
    # South, Colin: a decision still inside its 4 weeks, a review never held, a phase transfer.
    review(plan_of(colleague, south), due_on=D(2025, 6, 1), meeting_held_on=D(2025, 5, 20), **invited)
    review(plan_of(colleague, south), due_on=D(2025, 3, 1), meeting_on=D(2025, 3, 1))
    review(
        plan_of(colleague, south),
        due_on=D(2024, 12, 15),
        meeting_held_on=D(2024, 12, 1),
        decision="amend",
        decision_sent_on=D(2024, 12, 10),
        proposed_amendments_sent_on=D(2024, 12, 10),
        amended_plan_issued_on=D(2025, 2, 10),  # 9 weeks after the proposals; 10 after the meeting
        completed_on=D(2025, 2, 10),
        is_phase_transfer=True,
        transfer_year=2025,
        transfer_kind="primary_to_secondary",
        **invited,
    )
    # Held before the period: not counted.
    review(
        plan_of(officer, north), due_on=D(2023, 5, 1), meeting_held_on=D(2023, 4, 1), invitations_sent_on=D(2023, 3, 1)
    )


def test_the_council_total(la, reviews, today):
    perf = review_performance(local_authority=la, start=today - dt.timedelta(days=365), end=today, today=today)
    assert _counts(perf.total) == {
        "held_on_time": (3, 5),
        "decisions_within_4_weeks": (2, 3),
        "amended_within_8_weeks": (1, 2),
        "amended_within_12_weeks": (2, 2),
        "transfers_by_deadline": (1, 1),
    }
    assert perf.total.measures["held_on_time"].percent == 60


def test_per_locality_and_per_officer(la, reviews, today):
    perf = review_performance(local_authority=la, start=today - dt.timedelta(days=365), end=today, today=today)
    localities = {row.name: _counts(row) for row in perf.localities}
    assert localities["North"] == {
        "held_on_time": (1, 2),
        "decisions_within_4_weeks": (1, 2),
        "amended_within_8_weeks": (1, 1),
        "amended_within_12_weeks": (1, 1),
    }
    officers = {row.name: _counts(row) for row in perf.officers}
    assert officers["Colin Colleague"] == {
        "held_on_time": (2, 3),
        "decisions_within_4_weeks": (1, 1),
        "amended_within_8_weeks": (0, 1),
        "amended_within_12_weeks": (1, 1),
        "transfers_by_deadline": (1, 1),
    }


def test_another_councils_reviews_are_not_counted(other_la, reviews, today):
    perf = review_performance(local_authority=other_la, start=today - dt.timedelta(days=365), end=today, today=today)
    assert _counts(perf.total) == {}
