"""The statistics page: the council's figures beside England, its region and comparator councils."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from tests.factories import UserFactory
from tests.statistics import published as release
from tests.statistics.builder import Builder

pytestmark = pytest.mark.django_db


def row_names(html: str) -> set[str]:
    return set(re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)<br>', html))


def nearest_in_region(la_code: str, count: int = 5) -> list[str]:
    """From the published caseload: the councils of the same region with the nearest number of plans."""
    rows = [row for key, row in release._headline_rows("caseload").items() if key[:2] == ("202425", "Local authority")]
    own = next(row for row in rows if row["old_la_code"] == la_code)
    same = [row for row in rows if row["region_code"] == own["region_code"] and row["old_la_code"] != la_code]
    same.sort(key=lambda row: (abs(int(row["ehcplans"]) - int(own["ehcplans"])), row["la_name"]))
    return [row["la_name"] for row in same[:count]]


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.ANALYST, Role.ADMINISTRATOR])
def test_managers_analysts_and_administrators_compare_with_england_region_and_nearest_councils(
    client_for, la, loaded, role
):
    user = UserFactory(local_authority=la, role=role)
    html = client_for(user).get(reverse("statistics:page")).content.decode()

    region = release.council_row("caseload", "202425", la.code)["region_name"]
    comparators = nearest_in_region(la.code)
    assert row_names(html) >= {la.name, "England", region, *comparators}
    assert len(row_names(html)) == 3 + len(comparators)  # the council has two rows: SENDcase and published
    assert f"the {len(comparators)} other councils in {region} whose number of EHC plans" in html
    assert "statistical neighbours are not used" in html


def test_only_managers_analysts_and_administrators_of_the_council_may_see_it(
    client, client_for, officer, read_only, outsider
):
    for user in (officer, read_only, outsider):
        assert client_for(user).get(reverse("statistics:page")).status_code == 403
        assert client_for(user).get(reverse("statistics:csv", args=["requests"])).status_code == 403
    professional = UserFactory(local_authority=None, role=Role.PROFESSIONAL)
    assert client_for(professional).get(reverse("statistics:page")).status_code == 403
    assert client.get(reverse("statistics:page")).status_code == 302


def test_the_navigation_offers_statistics_to_managers_only(client_for, manager, officer):
    assert 'href="/statistics/"' in client_for(manager).get(reverse("staff:caseload")).content.decode()
    assert 'href="/statistics/"' not in client_for(officer).get(reverse("staff:caseload")).content.decode()


def test_chosen_comparators_replace_the_default_and_too_many_is_refused(client_for, manager, la, loaded):
    rows = release._headline_rows("caseload")
    far = [
        row for key, row in rows.items() if key[:2] == ("202425", "Local authority") and row["old_la_code"] != la.code
    ]
    chosen = far[:2]
    html = (
        client_for(manager)
        .get(reverse("statistics:page"), {"chosen": "1", "comparators": [row["old_la_code"] for row in chosen]})
        .content.decode()
    )
    assert {row["la_name"] for row in chosen} <= row_names(html)
    assert not set(nearest_in_region(la.code)) - {row["la_name"] for row in chosen} & row_names(html)

    too_many = [row["old_la_code"] for row in far[:11]]
    html = (
        client_for(manager).get(reverse("statistics:page"), {"chosen": "1", "comparators": too_many}).content.decode()
    )
    assert "There is a problem" in html and "Select up to 10 comparator councils: you selected 11" in html


def test_the_councils_own_records_sit_beside_its_published_figures_and_download_as_csv(client_for, manager, la, loaded):
    b = Builder(la, 2024)
    for day in range(3):
        b.request(b.child(), dt.date(2024, 5, 1 + day))
    b.save()

    page = client_for(manager).get(reverse("statistics:page")).content.decode()
    assert "SENDcase records" in page and 'role="img"' in page and '<desc id="chart-requests-desc">' in page

    response = client_for(manager).get(reverse("statistics:csv", args=["requests"]))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    years = table[0][2:]
    by_row = {(row[0], row[1]): dict(zip(years, row[2:], strict=True)) for row in table[1:]}
    assert by_row[(la.name, "SENDcase records")]["2024"] == "3"
    england = release.area_row("requests", "2024", "National")["requests_received_in_year"]
    assert by_row[("England", "DfE published")]["2024"] == england
    ours = release.council_row("requests", "2023", la.code)["requests_received_in_year"]
    assert by_row[(la.name, "DfE published")]["2023"] == ours


def test_a_percentage_published_as_x_is_shown_as_not_available(client_for, manager, la, loaded):
    assert release.council_row("timeliness_20_week", "2024", la.code)["PC_plans_issued_20_weeks_ex"] == "x"
    response = client_for(manager).get(reverse("statistics:csv", args=["within-20-weeks-excluding-exceptions"]))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    years = table[0][2:]
    published = next(row for row in table if row[:2] == [la.name, "DfE published"])
    assert dict(zip(years, published[2:], strict=True))["2024"] == "x"
    assert client_for(manager).get(reverse("statistics:csv", args=["nothing"])).status_code == 404


def test_before_any_release_is_loaded_the_page_says_how_to_load_one(client_for, manager):
    html = client_for(manager).get(reverse("statistics:page")).content.decode()
    assert "No published DfE figures are loaded yet" in html and "sendcase load_dfe_statistics" in html
    assert "SENDcase has no completed year of requests for your council yet" in html
