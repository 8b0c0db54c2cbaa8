"""Moves between post-16 institutions at another time of year (reg 18(2)): recorded, checked, tracked.

TODAY is 2 June 2025 (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import Phase
from sendcase.reviews import services
from sendcase.reviews.models import AnnualReview
from sendcase.reviews.tracker import phase_transfers
from tests.factories import SettingFactory
from tests.reviews.builders import child_with_plan, review

pytestmark = pytest.mark.django_db
D = dt.date
MOVE = "post16_to_post16"


@pytest.fixture
def college_plan(la):
    """A young person of 17 at a sixth-form college: no move by date of birth, only the one recorded."""
    college = SettingFactory(local_authority=la, name="Weymouth College", phase=Phase.POST_16)
    _, plan = child_with_plan(la, born=D(2008, 3, 1), setting=college, first_name="Kai", issued=D(2024, 9, 1))
    return plan


def _refused(call, field: str, text: str) -> None:
    """`call` is refused with `text` on `field`, and writes nothing."""
    events, reviews = AuditEvent.objects.count(), list(AnnualReview.objects.values())
    with pytest.raises(ValidationFailed) as refused:
        call()
    assert text in refused.value.field_errors[field]
    assert AuditEvent.objects.count() == events
    assert list(AnnualReview.objects.values()) == reviews


def _schedule(officer, plan, **transfer):
    return services.review_schedule(
        actor=officer, plan=plan, meeting_on=D(2025, 7, 1), is_phase_transfer=True, **transfer
    )


def test_a_move_with_no_year_takes_the_year_of_its_date_and_is_on_the_tracker(officer, manager, college_plan, today):
    scheduled = _schedule(officer, college_plan, transfer_kind=MOVE, post16_transfer_on=D(2026, 1, 6))
    assert (scheduled.transfer_year, scheduled.transfer_kind) == (2026, MOVE)

    (row,) = phase_transfers(viewer=manager, year=2026, today=today).rows
    assert row.child.first_name == "Kai"
    # At least 5 months before the move on 6 January 2026 (reg 18(2)).
    assert (row.due, row.rule.code, row.standing) == (D(2025, 8, 6), "reg-18-2", "in_hand")
    assert row.review == scheduled
    assert phase_transfers(viewer=manager, year=2025, today=today).rows == []


def test_the_tracker_page_shows_the_move_its_date_and_its_5_month_deadline(client_for, officer, manager, college_plan):
    _schedule(officer, college_plan, transfer_kind=MOVE, post16_transfer_on=D(2026, 1, 6))
    page = client_for(manager).get(reverse("reviews:phase-transfers"), {"year": 2026}).content.decode()
    row = page.split('data-standing="in_hand"')[1].split("</tr>")[0]
    assert "Between post-16 institutions at another time of year" in row
    assert "moving on 6 January 2026" in row
    assert "6 August 2025" in row and "Regulation 18(2)" in row


def test_a_move_close_to_its_deadline_with_no_meeting_is_at_risk_and_a_missed_one_late(
    la, manager, officer, college_plan, today
):
    review(
        college_plan,
        meeting_on=D(2025, 6, 20),
        is_phase_transfer=True,
        transfer_kind=MOVE,
        transfer_year=2025,
        post16_transfer_on=D(2025, 11, 3),  # due 3 June 2025: tomorrow
    )
    (row,) = phase_transfers(viewer=manager, year=2025, today=today).rows
    assert (row.due, row.standing) == (D(2025, 6, 3), "at_risk")
    assert phase_transfers(viewer=manager, year=2025, today=D(2025, 6, 4)).rows[0].standing == "late"


def test_a_move_between_post16_institutions_needs_the_date_of_the_move(officer, college_plan):
    _refused(
        lambda: _schedule(officer, college_plan, transfer_kind=MOVE, transfer_year=2026),
        "post16_transfer_on",
        "Enter the date of the move between post-16 institutions",
    )


def test_a_move_on_or_before_the_meeting_is_refused(officer, college_plan):
    for day in (D(2025, 7, 1), D(2025, 5, 1)):
        _refused(
            lambda day=day: _schedule(officer, college_plan, transfer_kind=MOVE, post16_transfer_on=day),
            "post16_transfer_on",
            "The date of the move must be after the review meeting on 1 July 2025",
        )


def test_a_year_that_disagrees_with_the_date_of_the_move_is_refused(officer, college_plan):
    _refused(
        lambda: _schedule(
            officer, college_plan, transfer_kind=MOVE, transfer_year=2025, post16_transfer_on=D(2026, 1, 6)
        ),
        "transfer_year",
        "The year of the transfer must be 2026, the year of the move on 6 January 2026",
    )


def test_a_date_of_a_move_is_only_for_a_move_between_post16_institutions(officer, college_plan):
    # Secondary school to post-16 is a September move (reg 18(1)(b)), due before 31 March.
    _refused(
        lambda: _schedule(
            officer,
            college_plan,
            transfer_kind="secondary_to_post16",
            transfer_year=2026,
            post16_transfer_on=D(2026, 1, 6),
        ),
        "post16_transfer_on",
        "only for a move between post-16 institutions (reg 18(2))",
    )


def test_a_move_more_than_a_year_after_the_meeting_is_refused(officer, college_plan):
    _refused(
        lambda: _schedule(officer, college_plan, transfer_kind=MOVE, post16_transfer_on=D(2027, 1, 6)),
        "post16_transfer_on",
        "The transfer must be in 2025 or 2026",
    )


def test_changing_the_arrangements_to_a_mid_year_move_sets_its_year_and_checks_it(officer, college_plan):
    scheduled = _schedule(officer, college_plan, transfer_kind="secondary_to_post16", transfer_year=2026)
    arrangements = {
        "meeting_on": D(2025, 7, 1),
        "meeting_format": "",
        "access_needs": "",
        "is_phase_transfer": True,
        "transfer_kind": MOVE,
        "transfer_year": None,
        "next_setting": None,
    }
    _refused(
        lambda: services.review_arrangements_change(
            actor=officer,
            review=scheduled,
            post16_transfer_on=D(2025, 6, 30),
            expected_version=scheduled.version,
            **arrangements,
        ),
        "post16_transfer_on",
        "must be after the review meeting",
    )
    changed = services.review_arrangements_change(
        actor=officer,
        review=scheduled,
        post16_transfer_on=D(2026, 4, 20),
        expected_version=scheduled.version,
        **arrangements,
    )
    assert (changed.transfer_kind, changed.transfer_year, changed.post16_transfer_on) == (MOVE, 2026, D(2026, 4, 20))


def test_moves_recorded_the_old_way_become_mid_year_moves_in_the_year_of_the_move(college_plan):
    """Migration 0002: "secondary to post-16" with a date of a move, and often no year, was never tracked."""
    import importlib

    migration = importlib.import_module("sendcase.reviews.migrations.0002_post16_moves")
    old = review(
        college_plan,
        meeting_on=D(2025, 7, 1),
        is_phase_transfer=True,
        transfer_kind="secondary_to_post16",
        post16_transfer_on=D(2026, 1, 6),
    )
    september = review(
        college_plan,
        meeting_on=D(2024, 7, 1),
        completed_on=D(2024, 8, 1),
        is_phase_transfer=True,
        transfer_kind="secondary_to_post16",
        transfer_year=2025,
    )
    migration.post16_moves_forward(apps, None)
    old.refresh_from_db()
    september.refresh_from_db()
    assert (old.transfer_kind, old.transfer_year) == (MOVE, 2026)
    assert (september.transfer_kind, september.transfer_year) == ("secondary_to_post16", 2025)
