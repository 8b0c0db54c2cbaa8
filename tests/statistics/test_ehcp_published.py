"""SENDcase reproduces the DfE's published figures from person-level records.

For several councils and years, person-level records are built from the published headline rows
(tests/statistics/builder.py, the numbers read from the release zip), then `sendcase
ehcp_statistics` must give back every published figure it computes, exactly, percentages
included: rounding half up to one decimal, and null where the release prints "x" for want of a
denominator (Dorset 2024 classed every new plan as having an exception).
"""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from sendcase.statistics import dfe
from tests.factories import LocalAuthorityFactory
from tests.statistics.builder import Published, build_year

pytestmark = pytest.mark.django_db

# Small councils, a year of each kind, and Dorset 2024, where no plan counts "excluding exceptions".
CASES = [("838", 2024), ("857", 2024), ("805", 2024), ("420", 2023), ("201", 2023), ("841", 2023)]


def computed(year: int, la_code: str) -> dict:
    out = StringIO()
    call_command("ehcp_statistics", "--year", str(year), "--la", la_code, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("la_code", "year"), CASES)
def test_every_published_figure_is_reproduced_from_person_level_records(la_code, year):
    published = Published.read(la_code, year)
    la = LocalAuthorityFactory(code=la_code, name=published.rows["requests"]["la_name"])
    build_year(la, year, published, other_la=LocalAuthorityFactory(code="999", name="Elsewhere"))

    result = computed(year, la_code)

    checked, mismatches = 0, []
    for dataset, row in published.rows.items():
        ours = result["sen_need_newplans"] if dataset in dfe.NESTED_DATASETS else result
        for variable in dfe.DATASET_VARIABLES[dataset]:
            expected = row[variable]
            actual = ours[variable]
            if expected in dfe.MARKERS:
                ok = actual is None
            else:
                ok = actual is not None and Decimal(str(actual)) == Decimal(expected)
            checked += 1
            if not ok:
                mismatches.append(f"{dataset}.{variable}: published {expected}, SENDcase {actual}")
    assert not mismatches, "\n".join(mismatches)
    # Requests, assessments, timeliness, new plans, ceased plans and caseload at least.
    assert checked >= 40


def test_dorset_2024_has_no_percentage_excluding_exceptions():
    published = Published.read("838", 2024)
    # The release footnote: Dorset classed every new plan in 2024 as having an exception.
    assert published.n("timeliness_20_week", "plans_issued_den_ex") == 0
    la = LocalAuthorityFactory(code="838", name="Dorset")
    build_year(la, 2024, published, other_la=LocalAuthorityFactory(code="999", name="Elsewhere"))

    result = computed(2024, "838")

    assert result["plans_issued_den"] == published.n("timeliness_20_week", "plans_issued_den")
    assert result["plans_issued_den_ex"] == 0
    for variable in (
        "PC_plans_issued_20_weeks_ex",
        "PC_plans_issued_gt20weeks_ltYear_ex",
        "PC_plans_issued_gt_1_year_ex",
    ):
        assert published.rows["timeliness_20_week"][variable] == "x"
        assert result[variable] is None
    assert Decimal(str(result["pc_plans_issued_within_20_weeks"])) == Decimal(
        published.rows["timeliness_20_week"]["pc_plans_issued_within_20_weeks"]
    )
