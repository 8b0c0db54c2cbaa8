"""Every statistics table downloads as CSV and XLSX, and each holds exactly the figures the page shows."""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sendcase.statistics.selectors import MEASURES
from tests.scorecard import builders

pytestmark = pytest.mark.django_db

MARKERS = {"not available": {"x", ":"}, "not applicable": {"z"}, "confidential": {"c"}}


@pytest.fixture
def own_records(la):
    """2024 in SENDcase: 3 requests received; 2 plans issued, 1 of them within 20 weeks (50%)."""
    received = dt.date(2024, 1, 8)
    builders.request(la, received=received, decided=dt.date(2024, 2, 5), issued=received + dt.timedelta(days=140))
    builders.request(la, received=received, decided=dt.date(2024, 2, 5), issued=received + dt.timedelta(days=150))
    builders.request(la, received=dt.date(2024, 9, 2))


def page_table(page: str, slug: str) -> dict[tuple[str, str], list[str]]:
    """{(area, source): [what each year's cell says]} of one measure's table, and its years under ("", "")."""
    match = re.search(rf'<h2 class="govuk-heading-m" id="{slug}">.*?<table[^>]*>(.*?)</table>', page, re.S)
    assert match, f"no {slug} table on the page"
    table = match.group(1)
    years = re.findall(r'<th scope="col" class="govuk-table__header govuk-table__header--numeric">(\d{4})</th>', table)
    rows = {("", ""): years}
    for tr in re.findall(r"<tr class=\"govuk-table__row\">\s*<th scope=\"row\".*?</tr>", table, re.S):
        area, source = re.search(
            r'<th scope="row" class="govuk-table__header">(.*?)<br><span[^>]*>(.*?)</span>', tr
        ).groups()
        cells = [re.sub(r"<[^>]+>", " ", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        rows[(html_lib.unescape(area), html_lib.unescape(source))] = [" ".join(c.split()) for c in cells]
    return rows


def assert_holds(shown: str, value: object, *, percent: bool, number_format: str = "") -> None:
    """A downloaded value says what the page shows: the same number, or the same reason for none."""
    if shown.startswith("–"):
        reason = shown.removeprefix("–").strip()
        if reason in MARKERS:
            assert value in MARKERS[reason], (shown, value)
        else:
            assert value in (None, ""), (shown, value)
        return
    figure = Decimal(shown.rstrip("%").replace(",", ""))
    if percent:
        assert shown.endswith("%")
        if number_format:  # XLSX: a fraction shown with a % format
            assert number_format == "0.0%" and Decimal(str(value)) * 100 == figure, (shown, value)
        else:
            assert Decimal(str(value)) == figure, (shown, value)
    else:
        assert Decimal(str(value)) == figure, (shown, value)
        if number_format:
            assert number_format == "#,##0"


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.slug)
def test_each_table_downloads_as_xlsx_holding_the_figures_shown(client_for, manager, la, loaded, own_records, measure):
    client = client_for(manager)
    shown = page_table(client.get(reverse("statistics:page")).content.decode(), measure.slug)
    response = client.get(reverse("statistics:xlsx", args=[measure.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f'filename="{la.code}-{measure.slug}.xlsx"' in response["Content-Disposition"]

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [measure.sheet, "About"]
    sheet = book[measure.sheet]
    header = [c.value for c in sheet[1]]
    assert header[:2] == [measure.title + (" (%)" if measure.is_percentage else ""), "Source"]
    assert header[2:] == shown[("", "")]
    body = {(row[0].value, row[1].value): row[2:] for row in sheet.iter_rows(min_row=2)}
    assert set(body) == set(shown) - {("", "")}
    for key, cells in body.items():
        for text, cell in zip(shown[key], cells, strict=True):
            assert_holds(text, cell.value, percent=measure.is_percentage, number_format=cell.number_format)
    about = [(row[0].value, row[1].value) for row in book["About"].iter_rows()]
    assert ("Table", measure.title) in about and ("Council", f"{la.name} (LA {la.code})") in about
    assert ("Note", measure.explanation) in about


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.slug)
def test_each_table_downloads_as_csv_holding_the_figures_shown(client_for, manager, la, loaded, own_records, measure):
    client = client_for(manager)
    shown = page_table(client.get(reverse("statistics:page")).content.decode(), measure.slug)
    response = client.get(reverse("statistics:csv", args=[measure.slug]))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][2:] == shown[("", "")]
    body = {(row[0], row[1]): row[2:] for row in table[1:]}
    assert set(body) == set(shown) - {("", "")}
    for key, cells in body.items():
        for text, value in zip(shown[key], cells, strict=True):
            assert_holds(text, value, percent=measure.is_percentage)


def test_the_councils_own_figures_are_in_the_workbook(client_for, manager, la, loaded, own_records):
    """The rows above come from the page; these are the numbers a person counts in the records."""
    client = client_for(manager)
    requests = load_workbook(io.BytesIO(client.get(reverse("statistics:xlsx", args=["requests"])).content))
    sheet = requests["Requests"]
    years = [c.value for c in sheet[1]]
    own = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "SENDcase records")
    assert own[years.index("2024")].value == 3
    within = load_workbook(io.BytesIO(client.get(reverse("statistics:xlsx", args=["within-20-weeks"])).content))
    sheet = within["Within 20 weeks"]
    years = [c.value for c in sheet[1]]
    own = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "SENDcase records")
    assert own[years.index("2024")].value == pytest.approx(0.5)


def test_a_download_is_refused_to_those_who_cannot_see_the_page(client_for, officer, outsider):
    for user in (officer, outsider):
        assert client_for(user).get(reverse("statistics:xlsx", args=["requests"])).status_code == 403
