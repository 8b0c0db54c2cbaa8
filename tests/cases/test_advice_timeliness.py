"""Advice returned within 6 weeks (reg 8(1)), per agency: the team page and the scorecard read this."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.cases import services
from sendcase.cases.advice_selectors import advice_timeliness_by_organisation
from sendcase.organisations.models import OrganisationKind
from tests.factories import ChildFactory, LocalityFactory, SettingFactory

pytestmark = pytest.mark.django_db
pytest_plugins = ("tests.cases.advice_fixtures",)


@pytest.fixture
def health(la):
    return SettingFactory(local_authority=la, kind=OrganisationKind.HEALTH, name="Dorset Community Health", urn="")


def assessed_request(officer, la, received, **child_fields):
    child = ChildFactory(local_authority=la, **child_fields)
    r = services.request_create(actor=officer, child=child, received_on=received, source="parent")
    return services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=received + dt.timedelta(days=7), expected_version=1
    )


def ask(officer, request, organisation, requested_on, received_on=None):
    advice = services.advice_request_add(
        actor=officer, request=request, contributor="health", requested_on=requested_on, organisation=organisation
    )
    if received_on:
        services.advice_received_record(actor=officer, advice=advice, received_on=received_on, expected_version=None)
    return advice


def test_counts_per_agency_with_the_six_week_limit_and_what_is_overdue(officer, la, health, ep_service):
    r = assessed_request(officer, la, dt.date(2025, 1, 6))
    ask(officer, r, health, dt.date(2025, 1, 20), dt.date(2025, 3, 3))  # due 3 March: on the last day
    ask(officer, r, health, dt.date(2025, 1, 20), dt.date(2025, 3, 4))  # a day late
    ask(officer, r, health, dt.date(2025, 3, 1))  # due 12 April, outstanding on 2 June: overdue
    ask(officer, r, health, dt.date(2025, 5, 1))  # due 12 June: outstanding, not overdue
    excused = ask(officer, r, health, dt.date(2025, 3, 3))
    services.exception_add(
        actor=officer, request=r, advice=excused, kind="reg-8-2-c", start_on=dt.date(2025, 3, 20), end_on=None
    )
    ask(officer, r, ep_service, dt.date(2025, 2, 3), dt.date(2025, 3, 1))
    earlier = assessed_request(officer, la, dt.date(2024, 11, 4))
    ask(officer, earlier, health, dt.date(2024, 12, 2), dt.date(2024, 12, 10))  # before the period

    rows = {row.name: row for row in advice_timeliness_by_organisation(la, dt.date(2025, 1, 1), dt.date(2025, 5, 31))}
    h = rows["Dorset Community Health"]
    assert (h.requested, h.returned, h.returned_within_6_weeks, h.outstanding, h.overdue) == (5, 2, 1, 3, 1)
    # 1 on time out of 2 returned and 1 overdue; the excused one counts in neither.
    assert h.percent_within_6_weeks == 33.3
    e = rows["Dorset Educational Psychology"]
    assert (e.requested, e.returned, e.returned_within_6_weeks, e.percent_within_6_weeks) == (1, 1, 1, 100.0)


def test_no_denominator_gives_no_percentage_and_locality_filters_by_the_child(officer, la, health):
    north = LocalityFactory(local_authority=la, name="North")
    in_north = assessed_request(officer, la, dt.date(2025, 5, 1), locality=north)
    elsewhere = assessed_request(officer, la, dt.date(2025, 5, 1))
    ask(officer, in_north, health, dt.date(2025, 5, 20))
    ask(officer, elsewhere, health, dt.date(2025, 5, 20), dt.date(2025, 5, 30))
    [row] = advice_timeliness_by_organisation(la, dt.date(2025, 5, 1), dt.date(2025, 5, 31), locality=north.pk)
    assert (row.requested, row.outstanding, row.percent_within_6_weeks) == (1, 1, None)
    [row] = advice_timeliness_by_organisation(la, dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert (row.requested, row.returned, row.percent_within_6_weeks) == (2, 1, 100.0)


def test_another_councils_advice_is_not_counted(officer, outsider, la, other_la, health):
    r = assessed_request(outsider, other_la, dt.date(2025, 1, 6))
    ask(outsider, r, health, dt.date(2025, 1, 20), dt.date(2025, 2, 1))
    assert advice_timeliness_by_organisation(la, dt.date(2025, 1, 1), dt.date(2025, 5, 31)) == []


def test_the_team_page_shows_advice_timeliness_by_agency(client_for, manager, officer, la, health):
    r = assessed_request(officer, la, dt.date(2025, 1, 6))
    ask(officer, r, health, dt.date(2025, 1, 20), dt.date(2025, 3, 3))
    ask(officer, r, health, dt.date(2025, 1, 20), dt.date(2025, 3, 10))
    html = client_for(manager).get(reverse("staff:team")).content.decode()
    assert "Advice returned within 6 weeks, by agency" in html
    section = html[html.index('data-testid="advice-timeliness"') :]
    assert "Dorset Community Health" in section and "50.0%" in section
