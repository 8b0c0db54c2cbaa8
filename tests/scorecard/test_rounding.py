"""Scorecard percentages and averages round halves up, as the DfE release and the statistics page do.

Each case here is exactly half at the second decimal place, where Python's round() on a float
goes the other way (round(6.25, 1) is 6.2): the scorecard must say 6.3, as the statistics do.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from sendcase.organisations.models import OrganisationKind
from sendcase.scorecard.agencies import advice_timeliness
from sendcase.scorecard.monthly import monthly_figures, per_month, percent
from sendcase.scorecard.periods import Period
from sendcase.statistics.ehcp import ehcp_statistics
from tests.factories import SettingFactory
from tests.scorecard import builders

pytestmark = pytest.mark.django_db

JANUARY_2024 = dt.date(2024, 1, 1)
YEAR_2025 = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 1))


def test_a_half_rounds_up_where_round_would_round_it_down():
    assert round(100 * 1 / 16, 1) == 6.2  # what the scorecard used to publish
    assert percent(1, 16) == 6.3
    assert percent(5, 8) == 62.5 and percent(2, 3) == 66.7 and percent(0, 4) == 0.0
    assert percent(3, 0) is None
    assert round(3 / 12, 1) == 0.2
    assert per_month(3, 12) == 0.3  # 0.25 requests a month


@pytest.fixture
def one_of_sixteen_on_time(la):
    """Calendar 2024: 16 new plans, 1 within 20 weeks; 16 decisions, 1 within 6 weeks. 1/16 = 6.25%."""
    for n in range(16):
        on_time = n == 0
        builders.request(
            la,
            received=JANUARY_2024,
            # Day 42 is the last day for the decision (reg 5(1)), day 140 for the plan (reg 13(2)).
            decided=JANUARY_2024 + dt.timedelta(days=42 if on_time else 60),
            issued=JANUARY_2024 + dt.timedelta(days=140 if on_time else 152),
        )


def test_the_scorecard_and_the_statistics_give_the_same_percentage_for_a_year(la, today, one_of_sixteen_on_time):
    previous = monthly_figures(local_authority=la, period=YEAR_2025, today=today)["previous_year"]
    assert previous["year"] == 2024 and previous["plans"]["issued"] == 16
    stats = ehcp_statistics(year=2024, la=la).figures

    assert previous["plans"]["percent_within_20_weeks"] == 6.3
    assert previous["plans"]["percent_within_20_weeks"] == float(stats["pc_plans_issued_within_20_weeks"])
    assert previous["plans"]["percent_within_20_weeks_excluding_exceptions"] == 6.3
    assert previous["plans"]["percent_within_20_weeks_excluding_exceptions"] == float(
        stats["PC_plans_issued_20_weeks_ex"]
    )
    assert previous["decisions"]["percent_within_6_weeks"] == 6.3
    assert previous["decisions"]["percent_within_6_weeks"] == float(stats["request_outcome_six_weeks_pc"])
    # 16 plans over 12 months is 1.333... a month; 16 requests received in January 2024.
    assert previous["requests_per_month"] == 1.3


def test_both_pages_print_the_same_figure(client_for, manager, one_of_sixteen_on_time):
    client = client_for(manager)
    scorecard = client.get(reverse("scorecard:scorecard")).content.decode()
    summary = re.search(r'data-table="summary">(.*?)</table>', scorecard, re.S).group(1)
    rows = {
        re.sub(r"<[^>]+>", "", row.split("</th>")[0]).strip(): re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", summary.split("<tbody")[1], re.S)
    }
    # The last column is "2024 (full year) average per month".
    assert rows["% of decisions whether to assess made within 6 weeks"][-1] == "6.3%"
    plans_row = "% of new EHC plans issued within 20 weeks (all new plans, including those with an exception)"
    assert rows[plans_row][-1] == "6.3%"

    statistics = client.get(reverse("statistics:page")).content.decode()
    table = re.search(r'id="within-20-weeks">.*?<tbody[^>]*>(.*?)</tbody>', statistics, re.S).group(1)
    own = next(tr for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if "SENDcase records" in tr)
    assert "6.3%" in re.findall(r"<td[^>]*>(.*?)</td>", own, re.S)


def test_advice_within_6_weeks_per_agency_rounds_halves_up(la, today):
    health = SettingFactory(local_authority=la, kind=OrganisationKind.HEALTH, name="Wessex Community Health")
    case = builders.request(la, received=dt.date(2025, 1, 6), decided=dt.date(2025, 2, 3))
    asked = dt.date(2025, 2, 3)  # due 17 March (reg 8(1))
    builders.advice(case, organisation=health, requested=asked, received=dt.date(2025, 3, 17))
    for _ in range(15):
        builders.advice(case, organisation=health, requested=asked, received=dt.date(2025, 3, 20))
    result = advice_timeliness(
        local_authority=la, from_date=dt.date(2025, 1, 1), to_date=dt.date(2025, 6, 30), today=today
    )
    (agency,) = result["agencies"]
    assert (agency["returned"], agency["returned_within_6_weeks"]) == (16, 1)
    assert agency["percent_within_6_weeks"] == 6.3
