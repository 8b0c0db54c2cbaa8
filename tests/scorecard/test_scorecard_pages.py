"""The scorecard page, its downloads and who may see them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sendcase.people.models import Stage
from tests.factories import ChildFactory, LocalityFactory
from tests.scorecard import builders

pytestmark = pytest.mark.django_db

MARCH_ONLY = {"start_0": "3", "start_1": "2025", "end_0": "4", "end_1": "2025"}


def _table(html: str, slug: str) -> str:
    match = re.search(rf'<table class="govuk-table" data-table="{slug}">(.*?)</table>', html, re.S)
    assert match, f"no {slug} table on the page"
    return match.group(1)


def test_managers_analysts_and_administrators_see_the_scorecard(client_for, manager, analyst, administrator):
    for user in (manager, analyst, administrator):
        response = client_for(user).get(reverse("scorecard:scorecard"))
        assert response.status_code == 200
        assert "Performance scorecard" in response.content.decode()


@pytest.mark.parametrize("name", ["scorecard:scorecard", "scorecard:overdue"])
def test_case_officers_read_only_staff_and_other_councils_officers_are_refused(
    client_for, officer, read_only, outsider, name
):
    for user in (officer, read_only, outsider):
        assert client_for(user).get(reverse(name)).status_code == 403
    download = reverse("scorecard:download", args=["summary", "csv"])
    assert client_for(officer).get(download).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("scorecard:scorecard"))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_navigation_offers_the_scorecard_to_managers_only(client_for, manager, officer):
    assert 'href="/scorecard/"' in client_for(manager).get(reverse("staff:caseload")).content.decode()
    assert 'href="/scorecard/"' not in client_for(officer).get(reverse("staff:caseload")).content.decode()


def test_another_councils_manager_sees_none_of_this_councils_figures(client_for, la, march, other_manager):
    response = client_for(other_manager).get(reverse("scorecard:scorecard"), MARCH_ONLY)
    march_figures = response.context["figures"]["months"][0]
    # The other council has one request, one decision and one plan in the fixture's March.
    assert (march_figures["requests"], march_figures["decisions"]["made"], march_figures["plans"]["issued"]) == (
        1,
        1,
        1,
    )
    assert response.context["figures"]["local_authority"]["code"] == other_manager.local_authority.code


def test_the_page_shows_the_councillors_table_with_clear_labels_and_no_false_zeros(client_for, manager, march):
    html = client_for(manager).get(reverse("scorecard:scorecard"), MARCH_ONLY).content.decode()
    summary = _table(html, "summary")
    assert "Mar 2025" in summary and "Apr 2025" in summary
    assert "2025 (year to date) average per month" in summary and "2024 (full year) average per month" in summary
    # Decisions within 6 weeks (2 of 3); all new plans within 20 weeks (2 of 4): one decimal, as the DfE prints.
    assert "66.7%" in summary and "50%" in summary
    assert "including those with an exception" in summary and "excluding plans where an exception applied" in summary
    # April had no decisions and no plans: said in words, never 0%.
    assert "no decisions" in summary and "no plans" in summary
    assert ">0%<" not in summary


def test_every_table_has_an_svg_chart_with_a_title_and_description(client_for, manager, march):
    html = client_for(manager).get(reverse("scorecard:scorecard"), MARCH_ONLY).content.decode()
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) == len(re.findall(r'<table class="govuk-table" data-table=', html))
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert '<title id="live-summary-title">Requests for an EHC needs assessment by month</title>' in html
    assert "<title>Mar 2025: 4</title>" in html  # the March bar, with its value
    assert "<script" not in "".join(svgs)


def test_the_filter_narrows_to_a_locality_and_reports_a_bad_period(client_for, manager, la):
    north = LocalityFactory(local_authority=la, name="North")
    builders.request(la, received=dt.date(2025, 3, 3), locality=north)
    builders.request(la, received=dt.date(2025, 3, 4))
    client = client_for(manager)
    response = client.get(reverse("scorecard:scorecard"), {**MARCH_ONLY, "locality": north.pk})
    assert response.context["figures"]["months"][0]["requests"] == 1
    assert "North locality" in response.content.decode()

    response = client.get(reverse("scorecard:scorecard"), {**MARCH_ONLY, "end_0": "13"})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "must be a number from 1 to 12" in html and "figures" not in response.context
    response = client.get(reverse("scorecard:scorecard"), {**MARCH_ONLY, "end_0": "7"})
    assert "The period must end in or before June 2025" in response.content.decode()


def test_the_csv_download_has_a_header_row_and_the_tables_figures(client_for, manager, march):
    response = client_for(manager).get(reverse("scorecard:download", args=["decisions", "csv"]), MARCH_ONLY)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="scorecard-838-decisions-2025-03-to-2025-04.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Month", "Decisions made", "Made within 6 weeks", "% within 6 weeks"]
    assert rows[1] == ["2025-03", "3", "2", "66.7"]
    assert rows[2] == ["2025-04", "0", "0", ""]  # no decisions: empty, not 0


def test_the_xlsx_download_has_typed_cells_a_header_row_and_a_sheet_named_after_the_table(client_for, manager, march):
    client = client_for(manager)
    response = client.get(reverse("scorecard:download", args=["plans", "xlsx"]), MARCH_ONLY)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["New EHC plans by month issued", "About"]
    sheet = book["New EHC plans by month issued"]
    assert sheet["A1"].value == "Month" and sheet["D1"].value == "% within 20 weeks (all new plans)"
    assert sheet["A1"].font.bold
    month = sheet["A2"]
    assert month.is_date and month.value.date() == dt.date(2025, 3, 1) and month.number_format == "mmm yyyy"
    assert sheet["B2"].value == 4 and isinstance(sheet["B2"].value, int)
    assert sheet["D2"].value == pytest.approx(0.5) and sheet["D2"].number_format == "0.0%"
    assert sheet["H2"].value == pytest.approx(0.667) and sheet["H2"].number_format == "0.0%"
    assert sheet["D3"].value is None  # April: no plans, an empty cell rather than 0%
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Council"] == "Dorset Council (test) (LA 838)" and about["Period"] == "2025-03 to 2025-04"

    summary = load_workbook(
        io.BytesIO(client.get(reverse("scorecard:download", args=["summary", "xlsx"]), MARCH_ONLY).content)
    )
    sheet = summary["Monthly requests and timeliness"]
    assert [c.value for c in sheet[1]][:3] == ["Measure", "Mar 2025", "Apr 2025"]
    assert sheet["B2"].value == 4 and sheet["B3"].value == pytest.approx(0.667)


def test_text_cells_that_look_like_formulas_stay_text(client_for, manager, la, today):
    from tests.factories import UserFactory

    sly = UserFactory(local_authority=la, first_name="=HYPERLINK(1)", last_name="X")
    ChildFactory(local_authority=la, key_worker=sly, stage=Stage.REQUEST, next_due_on=today, next_due_step="decision")
    client = client_for(manager)
    book = load_workbook(io.BytesIO(client.get(reverse("scorecard:download", args=["caseload", "xlsx"])).content))
    cell = book["Caseload per officer"]["A2"]
    assert cell.value == "=HYPERLINK(1) X" and cell.data_type == "s"
    text = client.get(reverse("scorecard:download", args=["caseload", "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1) X" in text


def test_the_command_prints_the_same_monthly_figures_as_the_page(client_for, manager, la, march):
    out = io.StringIO()
    call_command("scorecard", "--from", "2025-03", "--to", "2025-04", "--la", la.code, "--json", stdout=out)
    printed = json.loads(out.getvalue())
    page = client_for(manager).get(reverse("scorecard:scorecard"), MARCH_ONLY).context["figures"]
    assert printed == {key: page[key] for key in printed}
    assert set(printed) >= {"months", "year_to_date", "previous_year", "period", "local_authority"}
    assert printed["months"][0]["decisions"]["within_6_weeks"] == 2


def test_the_command_explains_a_bad_month_or_locality(la):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("scorecard", "--from", "March", "--la", la.code)
    with pytest.raises(CommandError, match="no locality called 'Nowhere'"):
        call_command("scorecard", "--la", la.code, "--locality", "Nowhere")


def test_overdue_counts_link_to_the_cases_behind_them(client_for, manager, officer, la, today):
    late = ChildFactory(
        local_authority=la,
        key_worker=officer,
        stage=Stage.REQUEST,
        next_due_on=today - dt.timedelta(days=3),
        next_due_step="decision",
        first_name="Ruby",
        last_name="Late",
    )
    ChildFactory(
        local_authority=la,
        key_worker=officer,
        stage=Stage.PLAN,
        next_due_on=today - dt.timedelta(days=30),
        next_due_step="review",
        first_name="Rex",
        last_name="Review",
    )
    client = client_for(manager)
    html = client.get(reverse("scorecard:scorecard")).content.decode()
    link = reverse("scorecard:overdue") + "?step=decision"
    assert f'href="{link}"' in _table(html, "overdue")
    listing = client.get(link).content.decode()
    assert late.full_name in listing and "Rex Review" not in listing and "1 case," in listing
    by_officer = client.get(reverse("scorecard:overdue"), {"officer": officer.pk}).content.decode()
    assert "Ruby Late" in by_officer and "Rex Review" in by_officer
    assert client.get(reverse("scorecard:overdue"), {"step": "nonsense"}).status_code == 404


def test_every_table_downloads_as_csv_and_xlsx_with_its_header_row(client_for, manager, march):
    client = client_for(manager)
    tables = client.get(reverse("scorecard:scorecard"), MARCH_ONLY).context["tables"]
    assert [t.slug for t in tables] == [
        "summary",
        "decisions",
        "plans",
        "caseload",
        "overdue",
        "advice",
        "reviews-held",
        "reviews-decisions",
        "reviews-amended-8-weeks",
        "reviews-amended-12-weeks",
        "reviews-phase-transfers",
        "reviews-localities",
        "reviews-officers",
    ]
    for table in tables:
        xlsx = client.get(reverse("scorecard:download", args=[table.slug, "xlsx"]), MARCH_ONLY)
        book = load_workbook(io.BytesIO(xlsx.content))
        sheet = book.worksheets[0]
        assert sheet.title == table.sheet and len(sheet.title) <= 31
        assert [c.value for c in sheet[1]] == table.columns
        assert sheet.max_row == len(table.rows) + 1
        rows = list(
            csv.reader(
                io.StringIO(
                    client.get(reverse("scorecard:download", args=[table.slug, "csv"]), MARCH_ONLY).content.decode(
                        "utf-8-sig"
                    )
                )
            )
        )
        assert rows[0] == table.columns and len(rows) == len(table.rows) + 1
