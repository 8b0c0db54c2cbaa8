"""The monthly figures match what a person counting the case files would get."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.scorecard.monthly import monthly_figures
from sendcase.scorecard.periods import Period
from tests.factories import LocalityFactory
from tests.scorecard import builders
from tests.scorecard.conftest import MARCH

pytestmark = pytest.mark.django_db


def _month(figures, key):
    return next(m for m in figures["months"] if m["month"] == key)


def test_a_hand_built_march_counts_requests_decisions_and_plans_as_a_person_would(la, march, today):
    figures = monthly_figures(local_authority=la, period=Period(MARCH, MARCH), today=today)
    m = _month(figures, "2025-03")
    assert m["complete"] is True
    assert m["requests"] == 4
    assert m["decisions"] == {"made": 3, "within_6_weeks": 2, "percent_within_6_weeks": 66.7}
    assert m["plans"] == {
        "issued": 4,
        "within_20_weeks": 2,
        "percent_within_20_weeks": 50.0,
        "with_exception": 1,
        "without_exception": 3,
        "without_exception_within_20_weeks": 2,
        "percent_within_20_weeks_excluding_exceptions": 66.7,
    }


def test_a_month_with_nothing_to_divide_shows_no_percentage_rather_than_zero(la, march, today):
    april = dt.date(2025, 4, 1)
    figures = monthly_figures(local_authority=la, period=Period(MARCH, april), today=today)
    m = _month(figures, "2025-04")
    assert m["requests"] == 0
    assert m["decisions"]["made"] == 0 and m["decisions"]["percent_within_6_weeks"] is None
    assert m["plans"]["issued"] == 0 and m["plans"]["percent_within_20_weeks"] is None
    assert m["plans"]["percent_within_20_weeks_excluding_exceptions"] is None


def test_when_every_plan_had_an_exception_the_excluding_measure_has_no_denominator(la, today):
    from sendcase.timescales import ExceptionKind

    req = builders.request(la, received=dt.date(2024, 9, 2), decided=dt.date(2024, 10, 1), issued=dt.date(2025, 2, 3))
    builders.exception(req, ExceptionKind.PERSONAL_CIRCUMSTANCES, dt.date(2024, 11, 1), None)
    m = _month(
        monthly_figures(local_authority=la, period=Period(dt.date(2025, 2, 1), dt.date(2025, 2, 1)), today=today),
        "2025-02",
    )
    assert m["plans"]["issued"] == 1 and m["plans"]["percent_within_20_weeks"] == 0.0
    assert m["plans"]["without_exception"] == 0
    assert m["plans"]["percent_within_20_weeks_excluding_exceptions"] is None


def test_year_to_date_averages_whole_months_beside_the_previous_full_year(la, today):
    # Today is 2 June 2025: the year to date is January to May; June is still in progress.
    for month, count in ((1, 2), (2, 4), (3, 3), (4, 1), (5, 5), (6, 2)):
        for day in range(1, count + 1):
            builders.request(la, received=dt.date(2025, month, day))
    for month in range(1, 13):
        for day in (1, 2):
            builders.request(la, received=dt.date(2024, month, day))
    # 2024's decisions: 1 of 1 on time in January, 0 of 9 in February. Every decision counts once,
    # so the year is 1 in 10 (10%), not the 50% an average of the two months' percentages gives.
    builders.request(la, received=dt.date(2023, 12, 20), decided=dt.date(2024, 1, 10))
    for day in range(1, 10):
        builders.request(la, received=dt.date(2023, 12, 1), decided=dt.date(2024, 2, day + 10))

    figures = monthly_figures(local_authority=la, period=Period.year_to_date(today), today=today)
    ytd, previous = figures["year_to_date"], figures["previous_year"]
    assert [m["month"] for m in figures["months"]] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert _month(figures, "2025-06")["complete"] is False and _month(figures, "2025-06")["requests"] == 2
    assert (ytd["year"], ytd["from"], ytd["to"], ytd["months"]) == (2025, "2025-01", "2025-05", 5)
    assert ytd["requests"] == 15 and ytd["requests_per_month"] == 3.0
    assert (previous["year"], previous["months"], previous["requests"]) == (2024, 12, 24)
    assert previous["requests_per_month"] == 2.0
    assert previous["decisions"] == {"made": 10, "within_6_weeks": 1, "percent_within_6_weeks": 10.0}
    assert ytd["decisions"]["percent_within_6_weeks"] is None


def test_the_locality_filter_counts_only_that_localitys_children(la, today):
    north = LocalityFactory(local_authority=la, name="North")
    south = LocalityFactory(local_authority=la, name="South")
    for day in (3, 4, 5):
        builders.request(la, received=dt.date(2025, 3, day), locality=north)
    builders.request(la, received=dt.date(2025, 3, 6), locality=south)
    builders.request(la, received=dt.date(2025, 3, 7))
    builders.request(la, received=dt.date(2025, 1, 27), decided=dt.date(2025, 3, 20), locality=south)
    period = Period(MARCH, MARCH)

    north_figures = monthly_figures(local_authority=la, period=period, today=today, locality=north)
    south_figures = monthly_figures(local_authority=la, period=period, today=today, locality=south)
    everyone = monthly_figures(local_authority=la, period=period, today=today)
    assert north_figures["locality"] == {"id": str(north.pk), "name": "North"}
    assert _month(north_figures, "2025-03")["requests"] == 3
    assert _month(north_figures, "2025-03")["decisions"]["made"] == 0
    assert _month(south_figures, "2025-03")["requests"] == 1
    assert _month(south_figures, "2025-03")["decisions"] == {
        "made": 1,
        "within_6_weeks": 0,
        "percent_within_6_weeks": 0.0,
    }
    assert _month(everyone, "2025-03")["requests"] == 5


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(la, today, django_assert_num_queries):
    from sendcase.timescales import ExceptionKind

    period = Period.year_to_date(today)
    builders.request(la, received=dt.date(2025, 1, 6))
    with django_assert_num_queries(4) as small:
        monthly_figures(local_authority=la, period=period, today=today)
    for day in range(1, 28):
        req = builders.request(
            la, received=dt.date(2024, 9, day), decided=dt.date(2024, 10, day), issued=dt.date(2025, 2, day)
        )
        builders.exception(req, ExceptionKind.PERSONAL_CIRCUMSTANCES, dt.date(2024, 11, 1), dt.date(2024, 11, 2))
    with django_assert_num_queries(len(small.captured_queries)):
        figures = monthly_figures(local_authority=la, period=period, today=today)
    assert _month(figures, "2025-02")["plans"]["issued"] == 27
