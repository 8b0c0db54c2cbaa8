"""The locality filter narrows caseload per officer, overdue steps and advice per agency, and their downloads.

(The monthly figures and annual reviews have their own locality tests.) One council, two
localities: everything counted with North chosen must be North's children only, on the page,
in the links from it, and in both downloads.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sendcase.organisations.models import OrganisationKind
from sendcase.people.models import Stage
from sendcase.scorecard.agencies import advice_timeliness
from sendcase.scorecard.workload import caseload_by_officer, overdue_by_step
from tests.factories import ChildFactory, LocalityFactory, SettingFactory
from tests.scorecard import builders

pytestmark = pytest.mark.django_db

YEAR = {"start_0": "1", "start_1": "2025", "end_0": "6", "end_1": "2025"}


@pytest.fixture
def two_localities(la, officer, colleague, today):
    """North: Olive has 2 open cases (1 decision overdue), Colin 1 (a review overdue); 1 closed.
    South: Olive has 3 open cases (2 reviews overdue, 1 due in 3 days), nobody has 1 (decision overdue).
    Advice: Wessex Health was asked twice for North children (1 on time, 1 late), three times for
    South (all overdue); the EP service only for South.
    """
    north = LocalityFactory(local_authority=la, name="North")
    south = LocalityFactory(local_authority=la, name="South")
    yesterday, soon, later = today - dt.timedelta(days=1), today + dt.timedelta(days=3), today + dt.timedelta(days=60)

    def case(officer, locality, stage, due, step):
        return ChildFactory(
            local_authority=la, key_worker=officer, locality=locality, stage=stage, next_due_on=due, next_due_step=step
        )

    case(officer, north, Stage.REQUEST, yesterday, "decision")
    case(officer, north, Stage.PLAN, later, "review")
    case(colleague, north, Stage.PLAN, today - dt.timedelta(days=40), "review")
    case(officer, north, Stage.CLOSED, None, "")
    case(officer, south, Stage.PLAN, today - dt.timedelta(days=10), "review")
    case(officer, south, Stage.PLAN, today - dt.timedelta(days=90), "review")
    case(officer, south, Stage.ASSESSMENT, soon, "final")
    case(None, south, Stage.REQUEST, yesterday, "decision")

    health = SettingFactory(local_authority=la, kind=OrganisationKind.HEALTH, name="Wessex Community Health")
    eps = SettingFactory(local_authority=la, kind=OrganisationKind.EP_SERVICE, name="Educational Psychology Service")
    asked = dt.date(2025, 2, 3)  # due 17 March (reg 8(1))
    north_request = builders.request(la, received=dt.date(2025, 1, 6), decided=asked, locality=north)
    south_request = builders.request(la, received=dt.date(2025, 1, 6), decided=asked, locality=south)
    builders.advice(north_request, organisation=health, requested=asked, received=dt.date(2025, 3, 17))
    builders.advice(north_request, organisation=health, requested=asked, received=dt.date(2025, 3, 24))
    for _ in range(3):
        builders.advice(south_request, organisation=health, requested=asked, received=None)
    builders.advice(south_request, organisation=eps, requested=asked, received=None, contributor="ep")
    return north, south


def test_caseload_per_officer_counts_only_the_localitys_open_cases(la, officer, colleague, two_localities, today):
    north, south = two_localities
    rows = {o["name"]: o for o in caseload_by_officer(local_authority=la, today=today, locality=north)["officers"]}
    assert set(rows) == {"Olive Officer", "Colin Colleague"}
    olive = rows["Olive Officer"]
    assert (olive["open_cases"], olive["requests_in_progress"], olive["plans"]) == (2, 1, 1)
    assert (olive["overdue"], olive["due_within_7_days"]) == (1, 0)
    assert (rows["Colin Colleague"]["open_cases"], rows["Colin Colleague"]["overdue"]) == (1, 1)

    rows = {o["name"]: o for o in caseload_by_officer(local_authority=la, today=today, locality=south)["officers"]}
    assert set(rows) == {"Olive Officer", "Not assigned"}
    assert (rows["Olive Officer"]["open_cases"], rows["Olive Officer"]["overdue"]) == (3, 2)
    assert rows["Olive Officer"]["due_within_7_days"] == 1


def test_overdue_steps_count_only_the_localitys_cases(la, two_localities, today):
    north, south = two_localities
    counts = {s["step"]: s["cases"] for s in overdue_by_step(local_authority=la, today=today, locality=north)["steps"]}
    assert counts == {"decision": 1, "advice": 0, "issue": 0, "final": 0, "review": 1}
    south_overdue = overdue_by_step(local_authority=la, today=today, locality=south)
    assert {s["step"]: s["cases"] for s in south_overdue["steps"]}["review"] == 2 and south_overdue["total"] == 3


def test_advice_per_agency_counts_only_advice_for_the_localitys_children(la, two_localities, today):
    north, south = two_localities
    span = {"from_date": dt.date(2025, 1, 1), "to_date": dt.date(2025, 6, 30), "today": today}
    north_advice = advice_timeliness(local_authority=la, locality=north, **span)["agencies"]
    assert [a["name"] for a in north_advice] == ["Wessex Community Health"]
    (wessex,) = north_advice
    assert (wessex["requested"], wessex["returned"], wessex["returned_within_6_weeks"], wessex["overdue"]) == (
        2,
        2,
        1,
        0,
    )
    assert wessex["percent_within_6_weeks"] == 50.0
    south_advice = {a["name"]: a for a in advice_timeliness(local_authority=la, locality=south, **span)["agencies"]}
    assert set(south_advice) == {"Wessex Community Health", "Educational Psychology Service"}
    assert (
        south_advice["Wessex Community Health"]["overdue"],
        south_advice["Wessex Community Health"]["percent_within_6_weeks"],
    ) == (3, 0.0)


def _rows(html: str, slug: str) -> dict[str, list[str]]:
    match = re.search(rf'<table class="govuk-table" data-table="{slug}">.*?<tbody[^>]*>(.*?)</tbody>', html, re.S)
    assert match, f"no {slug} table on the page"
    rows = {}
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", match.group(1), re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_page_with_a_locality_shows_and_links_to_that_localitys_cases_only(client_for, manager, two_localities):
    north, _ = two_localities
    html = client_for(manager).get(reverse("scorecard:scorecard"), {**YEAR, "locality": north.pk}).content.decode()
    assert _rows(html, "caseload") == {
        "Olive Officer": ["2", "1", "1", "1", "0"],
        "Colin Colleague": ["1", "0", "1", "1", "0"],
    }
    assert _rows(html, "overdue")["Decide whether to assess"][-1] == "1"
    assert _rows(html, "advice") == {"Wessex Community Health": ["2", "2", "1", "0", "0", "50%"]}

    caseload = re.search(r'data-table="caseload">.*?</table>', html, re.S).group(0)
    links = [urlparse(href.replace("&amp;", "&")) for href in re.findall(r'href="([^"]+)"', caseload)]
    officer_links = [parse_qs(u.query) for u in links if u.path == reverse("staff:caseload")]
    overdue_links = [parse_qs(u.query) for u in links if u.path == reverse("scorecard:overdue")]
    # Each officer's name opens their caseload, and each overdue count the overdue list, in North only.
    assert len(officer_links) == 2 and all(q["locality"] == [str(north.pk)] for q in officer_links)
    assert len(overdue_links) == 2 and all(q["locality"] == [str(north.pk)] for q in overdue_links)


def test_the_links_lead_to_the_same_numbers(client_for, manager, officer, two_localities):
    north, _ = two_localities
    client = client_for(manager)
    overdue = client.get(reverse("scorecard:overdue"), {"officer": officer.pk, "locality": north.pk})
    assert overdue.context["page"].paginator.count == 1
    caseload = client.get(reverse("staff:caseload"), {"officer": officer.pk, "locality": north.pk})
    assert caseload.context["page"].paginator.count == 2


@pytest.mark.parametrize("slug", ["caseload", "overdue", "advice"])
def test_the_csv_and_xlsx_downloads_hold_the_localitys_figures_only(client_for, manager, two_localities, slug):
    north, _ = two_localities
    client = client_for(manager)
    query = {**YEAR, "locality": north.pk}
    shown = _rows(client.get(reverse("scorecard:scorecard"), query).content.decode(), slug)

    response = client.get(reverse("scorecard:download", args=[slug, "csv"]), query)
    assert f"scorecard-838-north-{slug}-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert {row[0]: row[1:] for row in rows} == {
        name: [cell.rstrip("%") for cell in cells] for name, cells in shown.items()
    } | ({"Wessex Community Health": ["2", "2", "1", "0", "0", "50.0"]} if slug == "advice" else {})

    book = load_workbook(io.BytesIO(client.get(reverse("scorecard:download", args=[slug, "xlsx"]), query).content))
    sheet = book[book.sheetnames[0]]
    body = {row[0]: list(row[1:]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(body) == set(shown)
    if slug == "caseload":
        assert body["Olive Officer"] == [2, 1, 1, 1, 0]
    elif slug == "overdue":
        assert body["Decide whether to assess"][-1] == 1 and body["Annual review due"][-1] == 1
    else:
        assert body["Wessex Community Health"][:5] == [2, 2, 1, 0, 0]
        assert body["Wessex Community Health"][5] == pytest.approx(0.5)
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Locality"] == "North"
