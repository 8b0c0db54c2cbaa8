"""Caseload per officer, overdue steps by type, and advice returned within 6 weeks per agency."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.cases.models import Outcome
from sendcase.organisations.models import OrganisationKind
from sendcase.people.models import Stage
from sendcase.scorecard.agencies import advice_timeliness
from sendcase.scorecard.workload import caseload_by_officer, overdue_by_step
from tests.factories import ChildFactory, SettingFactory
from tests.scorecard import builders

pytestmark = pytest.mark.django_db


def _case(la, officer, *, stage, due, step, locality=None):
    return ChildFactory(
        local_authority=la, key_worker=officer, stage=stage, next_due_on=due, next_due_step=step, locality=locality
    )


@pytest.fixture
def caseloads(la, officer, colleague, today):
    yesterday, soon, later = today - dt.timedelta(days=1), today + dt.timedelta(days=3), today + dt.timedelta(days=60)
    _case(la, officer, stage=Stage.REQUEST, due=yesterday, step="decision")
    _case(la, officer, stage=Stage.ASSESSMENT, due=today - dt.timedelta(days=20), step="advice:0b7c")
    _case(la, officer, stage=Stage.PLAN, due=soon, step="review")
    _case(la, officer, stage=Stage.CLOSED, due=None, step="")
    _case(la, colleague, stage=Stage.PLAN, due=today - dt.timedelta(days=90), step="review")
    _case(la, colleague, stage=Stage.ASSESSMENT, due=later, step="final")
    _case(la, None, stage=Stage.REQUEST, due=yesterday, step="decision")


def test_caseload_per_officer_counts_open_cases_and_overdue_steps(la, officer, colleague, caseloads, today):
    rows = {o["name"]: o for o in caseload_by_officer(local_authority=la, today=today)["officers"]}
    assert rows["Olive Officer"] == {
        "officer_id": str(officer.pk),
        "name": "Olive Officer",
        "open_cases": 3,
        "requests_in_progress": 2,
        "plans": 1,
        "overdue": 2,
        "due_within_7_days": 1,
    }
    assert (rows["Colin Colleague"]["open_cases"], rows["Colin Colleague"]["overdue"]) == (2, 1)
    assert rows["Not assigned"]["open_cases"] == 1 and rows["Not assigned"]["officer_id"] is None


def test_overdue_steps_are_counted_by_type_of_step(la, caseloads, today):
    overdue = overdue_by_step(local_authority=la, today=today)
    counts = {s["step"]: s["cases"] for s in overdue["steps"]}
    assert counts == {"decision": 2, "advice": 1, "issue": 0, "final": 0, "review": 1}
    assert overdue["total"] == 4
    decision = next(s for s in overdue["steps"] if s["step"] == "decision")
    assert "Regulation 5(1)" in decision["regulation"]


def test_advice_per_agency_counts_what_was_asked_returned_on_time_and_overdue(la, today):
    from sendcase.cases.models import TimescaleException
    from sendcase.timescales import ExceptionKind

    health = SettingFactory(local_authority=la, kind=OrganisationKind.HEALTH, name="Wessex Community Health")
    eps = SettingFactory(local_authority=la, kind=OrganisationKind.EP_SERVICE, name="Educational Psychology Service")
    open_case = builders.request(la, received=dt.date(2025, 1, 6), decided=dt.date(2025, 2, 3))
    closed_case = builders.request(la, received=dt.date(2025, 1, 6), outcome=Outcome.WITHDRAWN)
    # Asked 3 February, due 17 March: on time on the day, a day late, and never returned (overdue).
    builders.advice(open_case, organisation=health, requested=dt.date(2025, 2, 3), received=dt.date(2025, 3, 17))
    builders.advice(open_case, organisation=health, requested=dt.date(2025, 2, 3), received=dt.date(2025, 3, 18))
    builders.advice(open_case, organisation=health, requested=dt.date(2025, 2, 3), received=None)
    # Withdrawn before the advice came: asked for, but no deadline is left to miss.
    builders.advice(closed_case, organisation=health, requested=dt.date(2025, 2, 3), received=None)
    # Not due until 12 June: outstanding, not overdue.
    builders.advice(open_case, organisation=health, requested=dt.date(2025, 5, 1), received=None)
    # Overdue, but a reg 8(2) exception excuses it.
    excused = builders.advice(open_case, organisation=health, requested=dt.date(2025, 3, 3), received=None)
    TimescaleException.objects.create(
        request=open_case,
        advice_request=excused,
        kind=ExceptionKind.ADVICE_EXCEPTIONAL_CIRCUMSTANCES,
        start_on=dt.date(2025, 3, 10),
    )
    # Asked for before the period: not counted.
    builders.advice(open_case, organisation=health, requested=dt.date(2024, 12, 2), received=dt.date(2025, 2, 1))
    builders.advice(
        open_case, organisation=eps, requested=dt.date(2025, 3, 3), received=dt.date(2025, 4, 1), contributor="ep"
    )
    builders.advice(
        open_case, organisation=None, requested=dt.date(2025, 3, 3), received=None, contributor="social_care"
    )

    result = advice_timeliness(
        local_authority=la, from_date=dt.date(2025, 2, 1), to_date=dt.date(2025, 6, 30), today=today
    )
    assert result["to"] == "2025-06-02"  # nothing can be asked for after today
    assert [a["name"] for a in result["agencies"]][0] == "Wessex Community Health"  # most advice first
    agencies = {a["name"]: a for a in result["agencies"]}
    wessex = agencies["Wessex Community Health"]
    assert (wessex["requested"], wessex["returned"], wessex["returned_within_6_weeks"]) == (6, 2, 1)
    assert (wessex["outstanding"], wessex["overdue"]) == (3, 1)
    assert wessex["percent_within_6_weeks"] == 33.3  # 1 of the 2 returned and 1 overdue
    assert agencies["Educational Psychology Service"]["percent_within_6_weeks"] == 100.0
    unrecorded = agencies["No organisation recorded"]
    assert (unrecorded["requested"], unrecorded["overdue"], unrecorded["percent_within_6_weeks"]) == (1, 1, 0.0)
