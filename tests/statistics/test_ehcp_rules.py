"""The definitions under the figures: rounding, census dates, Week20, empty years, all of England."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Exists

from sendcase import timescales
from sendcase.cases.models import AssessmentRequest
from sendcase.statistics import dfe
from sendcase.statistics.ehcp import ehcp_statistics, week20_exceptions
from sendcase.timescales import ExceptionKind, ExceptionPeriod
from tests.factories import LocalAuthorityFactory
from tests.statistics import published as release
from tests.statistics.builder import Builder, Published, build_year

SEN2_GUIDE = Path("/work/shared/domain/sen2-return.md")


def run(*args: str) -> str:
    out = StringIO()
    call_command("ehcp_statistics", *args, stdout=out)
    return out.getvalue()


def test_percentages_round_as_every_published_timeliness_figure_does():
    """Half up, one decimal: checked against every council's published 2023 and 2024 percentages."""
    checked = 0
    for key, row in release._headline_rows("timeliness_20_week").items():
        if key[0] not in ("2023", "2024") or key[1] != "Local authority":
            continue
        for numerator, denominator, percent in (
            ("plans_issued_within_20_weeks", "plans_issued_den", "pc_plans_issued_within_20_weeks"),
            ("plans_issued_20_weeks_ex", "plans_issued_den_ex", "PC_plans_issued_20_weeks_ex"),
            ("plans_issued_gt20weeks_ltYear", "plans_issued_den", "pc_plans_issued_gt20weeks_ltYear"),
        ):
            if not (row[numerator].isdigit() and row[denominator].isdigit()):
                continue
            ours = dfe.dfe_percentage(int(row[numerator]), int(row[denominator]))
            expected = None if row[percent] == "x" else Decimal(row[percent])
            assert ours == expected, (row["la_name"], key[0], percent)
            checked += 1
    assert checked > 800


def test_census_dates_are_those_of_the_sen2_guide_and_otherwise_the_third_thursday():
    line = next(line for line in SEN2_GUIDE.read_text().splitlines() if line.startswith("- Census dates (S6)"))
    dates = [dt.date.fromisoformat(found) for found in re.findall(r"\d{4}-\d{2}-\d{2}", line)]
    assert len(dates) >= 10
    for census in dates:
        assert dfe.census_date(census.year) == census
    later = dfe.census_date(2030)
    assert later.weekday() == 3 and 15 <= later.day <= 21


@pytest.mark.django_db
def test_a_year_with_nothing_to_count_gives_zero_counts_and_null_percentages():
    result = json.loads(run("--year", "2024", "--json"))
    assert result["requests_received_in_year"] == 0 and result["plans_issued_den"] == 0
    for name in ("request_assess_pc", "pc_plans_issued_within_20_weeks", "PC_plans_issued_20_weeks_ex", "asd_pc"):
        assert result[name] is None
    assert result["sen_need_newplans"]["asd_pc"] is None
    assert "null (no denominator)" in run("--year", "2024")


@pytest.mark.django_db
def test_an_unknown_council_or_year_is_refused():
    with pytest.raises(CommandError, match="No council with DfE LA number '123'"):
        run("--year", "2024", "--la", "123")
    with pytest.raises(CommandError, match="not a calendar year"):
        run("--year", "24")


@pytest.mark.django_db
def test_week20_in_sql_agrees_with_the_statutory_clock_for_every_kind_and_period():
    """SENDcase's SQL Week20 flag and timescales.week20_exception_applies never disagree."""
    la = LocalAuthorityFactory(code="838")
    b = Builder(la, 2024)
    received = dt.date(2024, 3, 4)
    cases = []
    for kind, start, length in itertools.product(ExceptionKind, (-40, -1, 0, 70, 140, 141), (None, 1, 27, 28, 29, 60)):
        request = b.request(b.child(), received)
        end = None if length is None else start + length - 1
        b.exception(request, kind, start, end)
        period = ExceptionPeriod(
            kind, received + dt.timedelta(days=start), None if end is None else received + dt.timedelta(days=end)
        )
        cases.append((request, timescales.week20_exception_applies([period], received=received), period))
    b.save()
    flags = dict(AssessmentRequest.objects.annotate(week20=Exists(week20_exceptions())).values_list("pk", "week20"))
    disagreements = [(period, expected) for r, expected, period in cases if flags[r.pk] != expected]
    assert not disagreements
    assert {expected for _, expected, _ in cases} == {True, False}


@pytest.mark.django_db
def test_all_councils_together_are_the_sum_of_each_council():
    first, second = Published.read("420", 2023), Published.read("201", 2023)
    scilly, city = LocalAuthorityFactory(code="420"), LocalAuthorityFactory(code="201")
    elsewhere = LocalAuthorityFactory(code="999")
    build_year(scilly, 2023, first, other_la=elsewhere)
    build_year(city, 2023, second, other_la=elsewhere)

    everyone = ehcp_statistics(year=2023)
    each = [ehcp_statistics(year=2023, la=la) for la in (scilly, city, elsewhere)]

    counts = [name for name, value in everyone.figures.items() if isinstance(value, int)]
    assert len(counts) > 30
    for name in counts:
        assert everyone.figures[name] == sum(part.figures[name] for part in each), name
    assert everyone.figures["requests_received_in_year"] > 0
