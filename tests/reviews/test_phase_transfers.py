"""Who moves phase in a year, from date of birth and setting, and whether the plan is in time (reg 18)."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.accounts.models import Role
from sendcase.organisations.models import Phase, SettingType
from sendcase.reviews.tracker import phase_transfers
from tests.factories import ChildFactory, LocalityFactory, SettingFactory, UserFactory
from tests.reviews.builders import child_with_plan, review

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def schools(la):
    return {
        "primary": SettingFactory(local_authority=la, name="Castle Primary School", phase=Phase.PRIMARY),
        "infant": SettingFactory(local_authority=la, name="Mill Lane Infant School", phase=Phase.PRIMARY),
        "first": SettingFactory(local_authority=la, name="St Mary's First School", phase=Phase.PRIMARY),
        "middle": SettingFactory(local_authority=la, name="Hill Middle School", phase=Phase.MIDDLE),
        "secondary": SettingFactory(local_authority=la, name="Town Academy", phase=Phase.SECONDARY),
        "nursery": SettingFactory(
            local_authority=la, name="Acorns Nursery", phase=Phase.NURSERY, setting_type=SettingType.EARLY_YEARS
        ),
        "special": SettingFactory(
            local_authority=la, name="Oak Special School", phase=Phase.ALL_THROUGH, setting_type=SettingType.SPECIAL
        ),
    }


def _names(tracker):
    return {row.child.first_name: row for row in tracker.rows}


def test_the_2026_cohort_comes_from_date_of_birth_and_the_kind_of_school(la, officer, schools, other_la, today):
    movers = {
        "Year7": (D(2014, 10, 10), "primary"),
        "Junior": (D(2019, 1, 10), "infant"),
        "Upper": (D(2013, 1, 10), "middle"),
        "Sixth": (D(2010, 6, 20), "secondary"),
        "Reception": (D(2021, 12, 1), "nursery"),
        "SpecialSixth": (D(2010, 7, 1), "special"),
    }
    stayers = {
        "Year6": (D(2015, 10, 10), "primary"),
        "PrimaryYear3": (D(2019, 1, 10), "primary"),
        "SpecialYear7": (D(2014, 10, 10), "special"),
        "FirstYear4": (D(2018, 1, 10), "first"),  # Year 4 from September 2026: a first school keeps them
    }
    for name, (born, school) in {**movers, **stayers}.items():
        child_with_plan(la, born=born, setting=schools[school], first_name=name)
    ChildFactory(local_authority=la, date_of_birth=D(2014, 10, 10), first_name="NoPlan", setting=schools["primary"])
    child_with_plan(other_la, born=D(2014, 10, 10), first_name="Elsewhere")

    rows = _names(phase_transfers(viewer=officer, year=2026, today=today))

    assert set(rows) == {"Year7", "Junior", "Upper", "Sixth", "Reception", "SpecialSixth"}
    assert rows["Year7"].transfer.kind == "primary_to_secondary"
    assert rows["Year7"].due == D(2026, 2, 14)
    assert rows["Junior"].transfer.kind == "infant_to_junior"
    assert rows["Upper"].transfer.kind == "middle_to_secondary"
    assert rows["Reception"].transfer.kind == "early_years_to_school"
    assert (rows["Sixth"].transfer.kind, rows["Sixth"].due) == ("secondary_to_post16", D(2026, 3, 30))
    assert all(row.rule.code == "reg-18-1" for row in rows.values())


def test_first_schools_send_children_to_middle_school_at_year_5(la, officer, schools, today):
    child_with_plan(la, born=D(2017, 1, 10), setting=schools["first"], first_name="Middle")
    rows = _names(phase_transfers(viewer=officer, year=2026, today=today))
    assert rows["Middle"].transfer.kind == "first_to_middle"


def test_a_past_years_transfers_are_on_time_or_late_with_counts(la, officer, schools, today):
    _, on_time = child_with_plan(la, born=D(2013, 10, 10), setting=schools["primary"], first_name="OnTime")
    review(
        on_time,
        meeting_held_on=D(2024, 11, 1),
        invitations_sent_on=D(2024, 10, 1),
        decision="amend",
        decision_sent_on=D(2024, 11, 20),
        proposed_amendments_sent_on=D(2024, 11, 20),
        amended_plan_issued_on=D(2025, 2, 1),
        completed_on=D(2025, 2, 1),
        is_phase_transfer=True,
        transfer_year=2025,
        transfer_kind="primary_to_secondary",
    )
    _, late = child_with_plan(la, born=D(2013, 11, 10), setting=schools["primary"], first_name="Late")
    review(late, meeting_held_on=D(2024, 12, 1), invitations_sent_on=D(2024, 11, 1))
    _, issued_late = child_with_plan(la, born=D(2014, 1, 10), setting=schools["primary"], first_name="IssuedLate")
    review(
        issued_late,
        meeting_held_on=D(2025, 1, 10),
        invitations_sent_on=D(2024, 12, 1),
        decision="amend",
        decision_sent_on=D(2025, 1, 20),
        proposed_amendments_sent_on=D(2025, 1, 20),
        amended_plan_issued_on=D(2025, 2, 15),  # "before 15 February": the 15th is late
        completed_on=D(2025, 2, 15),
    )

    tracker = phase_transfers(viewer=officer, year=2025, today=today)

    rows = _names(tracker)
    assert rows["OnTime"].standing == "on_time"
    assert rows["Late"].standing == "late"
    assert rows["Late"].review_held == D(2024, 12, 1)  # found as the review within 12 months
    assert rows["IssuedLate"].standing == "late"
    assert tracker.counts == {"on_time": 1, "at_risk": 0, "late": 2, "in_hand": 0}


def test_a_flagged_mid_year_post16_move_is_tracked_with_its_own_date(la, officer, schools, today):
    _, plan = child_with_plan(la, born=D(2007, 3, 1), setting=schools["secondary"], first_name="College")
    review(
        plan,
        meeting_on=D(2025, 9, 1),
        is_phase_transfer=True,
        transfer_kind="post16_to_post16",
        transfer_year=2026,
        post16_transfer_on=D(2026, 1, 6),
    )
    row = _names(phase_transfers(viewer=officer, year=2026, today=today))["College"]
    assert (row.due, row.rule.code, row.standing) == (D(2025, 8, 6), "reg-18-2", "in_hand")


def test_the_tracker_filters_by_locality_and_officer(la, officer, colleague, schools, today):
    north, south = LocalityFactory(local_authority=la, name="North"), LocalityFactory(local_authority=la, name="South")
    a, _ = child_with_plan(la, born=D(2014, 10, 10), setting=schools["primary"], first_name="North1", locality=north)
    b, _ = child_with_plan(la, born=D(2014, 11, 10), setting=schools["primary"], first_name="South1", locality=south)
    a.key_worker = officer
    a.save()
    b.key_worker = colleague
    b.save()
    assert set(_names(phase_transfers(viewer=officer, year=2026, today=today, locality=north.pk))) == {"North1"}
    assert set(_names(phase_transfers(viewer=officer, year=2026, today=today, officer=colleague.pk))) == {"South1"}


def test_a_professional_sees_no_transfers_of_children_they_do_not_work_with(la, schools, today):
    child_with_plan(la, born=D(2014, 10, 10), setting=schools["primary"], first_name="Year7")
    stranger = UserFactory(local_authority=None, role=Role.PROFESSIONAL, organisation=schools["secondary"])
    assert phase_transfers(viewer=stranger, year=2026, today=today).rows == []
