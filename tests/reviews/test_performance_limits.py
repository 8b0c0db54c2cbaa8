"""Reviews on time at the edges of each limit, the month each is counted in, and who it counts against.

TODAY is 2 June 2025 (tests/conftest.py). Each test builds the few reviews it needs.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.reviews.performance import review_performance
from tests.factories import LocalityFactory
from tests.scorecard.builders import held_by, reviewed

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2025, 1, 1), D(2025, 6, 30)


def _perf(la, today, **kwargs):
    return review_performance(local_authority=la, start=START, end=END, today=today, **kwargs)


def _counts(row, key):
    m = row.measures[key]
    return (m.on_time, m.counted)


def _amending(la, held, *, decided, proposals, issued=None, **more):
    return reviewed(
        la,
        due_on=held + dt.timedelta(days=7),
        meeting_held_on=held,
        decision="amend",
        decision_sent_on=decided,
        proposed_amendments_sent_on=proposals,
        amended_plan_issued_on=issued,
        **more,
    )


def test_a_decision_on_day_28_is_on_time_and_on_day_29_late(la, today):
    held = D(2025, 3, 3)
    reviewed(la, due_on=D(2025, 3, 10), meeting_held_on=held, decision="maintain", decision_sent_on=D(2025, 3, 31))
    reviewed(la, due_on=D(2025, 3, 10), meeting_held_on=held, decision="maintain", decision_sent_on=D(2025, 4, 1))
    # Held a fortnight ago with no decision yet: inside its 4 weeks, so not counted either way.
    reviewed(la, due_on=D(2025, 5, 30), meeting_held_on=D(2025, 5, 19))
    # Held in April, no decision and the 4 weeks gone: late.
    reviewed(la, due_on=D(2025, 4, 10), meeting_held_on=D(2025, 4, 1))
    perf = _perf(la, today)
    assert _counts(perf.months[D(2025, 3, 1)], "decisions_within_4_weeks") == (1, 2)
    assert _counts(perf.months[D(2025, 4, 1)], "decisions_within_4_weeks") == (0, 1)
    assert _counts(perf.months[D(2025, 5, 1)], "decisions_within_4_weeks") == (0, 0)
    assert _counts(perf.total, "decisions_within_4_weeks") == (1, 3)


def test_amended_plans_against_8_weeks_from_the_proposals_and_12_from_the_meeting(la, today):
    held = D(2025, 1, 6)
    # Proposals a week after the meeting: day 56 after them is day 63 after the meeting.
    _amending(la, held, decided=D(2025, 1, 13), proposals=D(2025, 1, 13), issued=D(2025, 3, 10))
    _amending(la, held, decided=D(2025, 1, 13), proposals=D(2025, 1, 13), issued=D(2025, 3, 11))
    # Proposals 4 weeks after the meeting: 8 weeks after them is exactly 12 weeks after the meeting.
    _amending(la, held, decided=D(2025, 2, 3), proposals=D(2025, 2, 3), issued=D(2025, 3, 31))
    _amending(la, held, decided=D(2025, 2, 3), proposals=D(2025, 2, 3), issued=D(2025, 4, 1))
    # A decision not to amend after all is not an amended plan to count.
    _amending(la, held, decided=D(2025, 1, 13), proposals=D(2025, 1, 13), decision_not_to_amend_on=D(2025, 2, 1))
    perf = _perf(la, today)
    january = perf.months[D(2025, 1, 1)]
    assert _counts(january, "amended_within_8_weeks") == (2, 4)
    assert _counts(january, "amended_within_12_weeks") == (3, 4)
    assert january.measures["amended_within_8_weeks"].percent == 50.0


def test_phase_transfers_before_15_february_or_31_march_counted_in_the_deadlines_month(la, today):
    transfer = {"due_on": D(2024, 11, 15), "is_phase_transfer": True, "transfer_year": 2025}
    for issued in (D(2025, 2, 14), D(2025, 2, 15)):
        reviewed(la, transfer_kind="primary_to_secondary", **transfer, **_issued(issued))
    for issued in (D(2025, 3, 30), D(2025, 3, 31)):
        reviewed(la, transfer_kind="secondary_to_post16", **transfer, **_issued(issued))
    # A move between colleges on 10 September: the amended plan is due 5 months before, by 10 April.
    reviewed(
        la,
        transfer_kind="post16_to_post16",
        post16_transfer_on=D(2025, 9, 10),
        **transfer,
        **_issued(D(2025, 4, 10)),
    )
    # A move in September 2026: its deadline is not in the period, even with the plan issued early.
    reviewed(la, transfer_kind="primary_to_secondary", **{**transfer, "transfer_year": 2026}, **_issued(D(2025, 5, 1)))
    perf = _perf(la, today)
    assert _counts(perf.months[D(2025, 2, 1)], "transfers_by_deadline") == (1, 2)
    assert _counts(perf.months[D(2025, 3, 1)], "transfers_by_deadline") == (1, 2)
    assert _counts(perf.months[D(2025, 4, 1)], "transfers_by_deadline") == (1, 1)
    assert _counts(perf.total, "transfers_by_deadline") == (3, 5)


def _issued(day):
    """An amended plan issued on `day` after a review held the November before."""
    return {
        "meeting_held_on": D(2024, 11, 1),
        "decision": "amend",
        "decision_sent_on": D(2024, 11, 20),
        "proposed_amendments_sent_on": D(2024, 11, 20),
        "amended_plan_issued_on": day,
    }


def test_a_review_held_late_counts_in_its_meetings_month_and_one_never_held_in_its_due_month(la, today):
    reviewed(la, due_on=D(2025, 1, 20), meeting_held_on=D(2025, 2, 4))
    reviewed(la, due_on=D(2025, 1, 25))  # no meeting yet
    reviewed(la, due_on=D(2025, 6, 20))  # not yet due: not counted
    perf = _perf(la, today)
    assert _counts(perf.months[D(2025, 1, 1)], "held_on_time") == (0, 1)
    assert _counts(perf.months[D(2025, 2, 1)], "held_on_time") == (0, 1)
    assert D(2025, 6, 1) not in perf.months


def test_each_review_counts_against_the_officer_holding_the_case_that_day(la, officer, colleague, today):
    handed_over = reviewed(la, key_worker=colleague, due_on=D(2025, 4, 1), meeting_held_on=D(2025, 4, 10))
    held_by(handed_over.child, officer, D(2024, 6, 1), D(2025, 4, 10))
    held_by(handed_over.child, colleague, D(2025, 4, 10))
    before = reviewed(la, key_worker=colleague, due_on=D(2025, 3, 1), meeting_held_on=D(2025, 3, 20))
    held_by(before.child, officer, D(2024, 6, 1), D(2025, 4, 10))
    held_by(before.child, colleague, D(2025, 4, 10))
    # No history that far back: the child's key worker today.
    reviewed(la, key_worker=officer, due_on=D(2025, 3, 1), meeting_held_on=D(2025, 2, 20))
    reviewed(la, due_on=D(2025, 3, 1), meeting_held_on=D(2025, 2, 20))
    officers = {row.name: _counts(row, "held_on_time") for row in _perf(la, today).officers}
    # On the change-over day the new officer holds the case.
    assert officers == {"Colin Colleague": (0, 1), "Olive Officer": (1, 2), "No key worker": (1, 1)}
    assert [row.name for row in _perf(la, today).officers][-1] == "No key worker"


def test_one_locality_only(la, today):
    north, south = LocalityFactory(local_authority=la, name="North"), LocalityFactory(local_authority=la, name="South")
    reviewed(la, locality=north, due_on=D(2025, 3, 1), meeting_held_on=D(2025, 2, 20))
    reviewed(la, locality=south, due_on=D(2025, 3, 1), meeting_held_on=D(2025, 3, 20))
    reviewed(la, due_on=D(2025, 3, 1), meeting_held_on=D(2025, 3, 20))
    everyone = _perf(la, today)
    assert [row.name for row in everyone.localities] == ["North", "South", "No locality recorded"]
    perf = _perf(la, today, locality=north)
    assert [row.name for row in perf.localities] == ["North"]
    assert _counts(perf.total, "held_on_time") == (1, 1)


def test_a_meeting_held_with_less_than_2_weeks_notice_is_not_held_on_time(la, today):
    # Both held before they were due; the second only 13 days after its invitations went.
    reviewed(la, due_on=D(2025, 3, 20), meeting_held_on=D(2025, 3, 10), invitations_sent_on=D(2025, 2, 24))
    reviewed(la, due_on=D(2025, 3, 20), meeting_held_on=D(2025, 3, 10), invitations_sent_on=D(2025, 2, 25))
    assert _counts(_perf(la, today).months[D(2025, 3, 1)], "held_on_time") == (1, 2)
