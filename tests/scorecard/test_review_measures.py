"""The scorecard's annual reviews section: page cells, JSON, downloads, snapshots and locality filter.

The reviews are the `reviewed` fixture (tests/scorecard/conftest.py), built with known dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sendcase.scorecard.figures import fingerprint, scorecard_figures
from sendcase.scorecard.models import ScorecardSnapshot
from sendcase.scorecard.periods import Period
from sendcase.scorecard.reviews import review_figures
from sendcase.scorecard.services import snapshot_take
from tests.scorecard import builders

pytestmark = pytest.mark.django_db

YEAR = {"start_0": "1", "start_1": "2025", "end_0": "6", "end_1": "2025"}
PERIOD = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 1))


def _rows(page: str, slug: str) -> list[list[str]]:
    """The table's body rows as the text a reader sees in each cell."""
    match = re.search(rf'<table class="govuk-table" data-table="{slug}">.*?<tbody[^>]*>(.*?)</tbody>', page, re.S)
    assert match, f"no {slug} table on the page"
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", match.group(1), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def _measure(counted: int, on_time: int) -> dict:
    """The measure as a person would work it out: on time of counted, to one decimal place, halves up."""
    exact = Decimal(100 * on_time) / Decimal(counted) if counted else None
    return {
        "counted": counted,
        "on_time": on_time,
        "percent": float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) if counted else None,
    }


def test_each_measure_by_month_on_the_page(client_for, manager, reviewed):
    page = client_for(manager).get(reverse("scorecard:scorecard"), YEAR).content.decode()
    assert '<h2 class="govuk-heading-l" id="live-reviews-heading">Annual reviews</h2>' in page
    held = _rows(page, "reviews-held")
    assert held[0] == ["January 2025", "0", "0", "none due"]  # nothing counted: said in words, not 0%
    assert held[1] == ["February 2025", "1", "1", "100%"]  # A, held a week early
    assert held[2] == ["March 2025", "2", "1", "50%"]  # B late, C on time
    assert held[3] == ["April 2025", "1", "0", "0%"]  # D: due 1 April, no meeting yet; a real 0%
    assert held[5][0] == "June 2025 (to 2 June)"
    decisions = _rows(page, "reviews-decisions")
    assert decisions[1] == ["February 2025", "1", "1", "100%"]  # 27 days after the meeting
    assert decisions[2] == ["March 2025", "2", "1", "50%"]  # B at 29 days, C at 10
    assert _rows(page, "reviews-amended-8-weeks")[1:3] == [
        ["February 2025", "1", "1", "100%"],  # on the 56th day
        ["March 2025", "1", "0", "0%"],  # on the 57th
    ]
    assert _rows(page, "reviews-amended-12-weeks")[1:3] == [
        ["February 2025", "1", "1", "100%"],
        ["March 2025", "1", "0", "0%"],
    ]
    transfers = _rows(page, "reviews-phase-transfers")
    assert transfers[1] == ["February 2025", "2", "1", "50%"]  # 14 February on time, 15 February late
    assert transfers[2] == ["March 2025", "1", "0", "0%"]  # post-16: 31 March is too late
    # Each table names its regulation.
    for text in (
        "Section 44(1), Children and Families Act 2014",
        "Regulation 20(10), SEND Regulations 2014",
        "Regulation 22(3), SEND Regulations 2014",
        "EWHC 493 (Admin)",
        "Regulation 18, SEND Regulations 2014",
    ):
        assert text in page


def test_per_locality_and_per_officer_with_the_officer_who_held_the_case(client_for, manager, reviewed):
    page = client_for(manager).get(reverse("scorecard:scorecard"), YEAR).content.decode()
    localities = {row[0]: row[1:] for row in _rows(page, "reviews-localities")}
    # counted, on time, % for: held, decisions, amended (8 weeks), amended (12 weeks), phase transfers
    assert localities["North"] == ["2", "1", "50%", "2", "1", "50%", "2", "1", "50%", "2", "1", "50%", "1", "0", "0%"]
    assert localities["South"] == [
        *("2", "1", "50%"),
        *("1", "1", "100%"),
        *("0", "0", "none due"),
        *("0", "0", "none due"),
        *("2", "1", "50%"),
    ]
    assert localities["All localities"][:3] == ["4", "2", "50%"]
    officers = {row[0]: row[1:] for row in _rows(page, "reviews-officers")}
    # B was held late while Olive held the case: it counts against her, not against Colin who holds it now.
    assert officers["Olive Officer"] == [
        *("2", "1", "50%"),
        *("2", "1", "50%"),
        *("2", "1", "50%"),
        *("2", "1", "50%"),
        *("1", "0", "0%"),
    ]
    assert officers["Colin Colleague"][:6] == ["2", "1", "50%", "1", "1", "100%"]
    assert officers["Colin Colleague"][-3:] == ["2", "1", "50%"]


def test_the_locality_filter_leaves_out_the_other_localitys_reviews(client_for, manager, reviewed):
    north = reviewed["A"].child.locality
    response = client_for(manager).get(reverse("scorecard:scorecard"), {**YEAR, "locality": north.pk})
    page = response.content.decode()
    assert _rows(page, "reviews-held")[2] == ["March 2025", "1", "0", "0%"]  # B only; C is South's
    assert _rows(page, "reviews-phase-transfers")[1] == ["February 2025", "1", "0", "0%"]  # G only
    assert [row[0] for row in _rows(page, "reviews-localities")] == ["North"]
    assert [row[0] for row in _rows(page, "reviews-officers")] == ["Olive Officer"]
    assert response.context["figures"]["reviews"]["total"]["held_on_time"] == _measure(2, 1)


def test_the_command_prints_the_review_measures_per_month(client_for, manager, la, reviewed):
    out = io.StringIO()
    call_command("scorecard", "--from", "2025-01", "--to", "2025-06", "--la", la.code, "--json", stdout=out)
    printed = json.loads(out.getvalue())["reviews"]
    assert [m["month"] for m in printed["months"]] == [f"2025-0{n}" for n in range(1, 7)]
    january, february, march = printed["months"][:3]
    assert january["held_on_time"] == {"counted": 0, "on_time": 0, "percent": None}
    assert february["transfers_by_deadline"] == _measure(2, 1)
    assert march["decisions_within_4_weeks"] == _measure(2, 1)
    assert march["amended_within_8_weeks"] == _measure(1, 0)
    assert printed["total"]["amended_within_12_weeks"] == _measure(2, 1)
    assert [m["key"] for m in printed["measures"]] == [
        "held_on_time",
        "decisions_within_4_weeks",
        "amended_within_8_weeks",
        "amended_within_12_weeks",
        "transfers_by_deadline",
    ]
    page = client_for(manager).get(reverse("scorecard:scorecard"), YEAR).context["figures"]
    assert printed == page["reviews"]

    text = io.StringIO()
    call_command("scorecard", "--from", "2025-01", "--to", "2025-06", "--la", la.code, stdout=text)
    assert "Phase transfers finalised by the deadline (Regulation 18, SEND Regulations 2014)" in text.getvalue()
    assert "1/2 (50%)" in text.getvalue()


def test_csv_and_xlsx_downloads_of_the_review_tables(client_for, manager, reviewed):
    client = client_for(manager)
    response = client.get(reverse("scorecard:download", args=["reviews-decisions", "csv"]), YEAR)
    assert 'filename="scorecard-838-reviews-decisions-2025-01-to-2025-06.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Month of the meeting", "Decisions sent or overdue", "Sent within 4 weeks", "% within 4 weeks"]
    assert rows[1] == ["2025-01", "0", "0", ""]  # nothing counted: empty, not 0
    assert rows[3] == ["2025-03", "2", "1", "50.0"]

    book = load_workbook(
        io.BytesIO(client.get(reverse("scorecard:download", args=["reviews-localities", "xlsx"]), YEAR).content)
    )
    assert book.sheetnames == ["Reviews on time by locality", "About"]
    sheet = book["Reviews on time by locality"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Locality", "Reviews held: counted", "Reviews held: on time", "Reviews held: % on time"]
    north = [c for c in sheet[2]]
    assert north[0].value == "North" and north[1].value == 2 and isinstance(north[1].value, int)
    assert north[3].value == pytest.approx(0.5) and north[3].number_format == "0.0%"
    south = [c.value for c in sheet[3]]
    assert south[0] == "South" and south[7] == 0 and south[9] is None  # amended plans: none due, an empty cell
    assert [c.value for c in sheet[4]][:4] == ["All localities", 4, 2, pytest.approx(0.5)]
    notes = [row[1] for row in book["About"].iter_rows(values_only=True) if row[0] == "Note"]
    assert any("Regulation 18, SEND Regulations 2014" in note for note in notes)

    officers = load_workbook(
        io.BytesIO(client.get(reverse("scorecard:download", args=["reviews-officers", "xlsx"]), YEAR).content)
    )
    names = [row[0] for row in officers.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert names == ["Colin Colleague", "Olive Officer"]


def test_a_snapshot_keeps_the_review_figures_as_published(client_for, manager, la, reviewed, today):
    snapshot, _ = snapshot_take(actor=None, local_authority=la, today=today)
    snapshot.refresh_from_db()
    stored = snapshot.figures["reviews"]
    assert stored["total"]["held_on_time"] == _measure(4, 2)
    assert next(m for m in stored["months"] if m["month"] == "2025-02")["transfers_by_deadline"] == _measure(2, 1)
    assert snapshot.sha256 == fingerprint(snapshot.figures)

    # A meeting recorded after publication, late, for a review due in March.
    builders.reviewed(la, due_on=dt.date(2025, 3, 1), meeting_held_on=dt.date(2025, 3, 20))
    client = client_for(manager)
    live = client.get(reverse("scorecard:scorecard")).context["figures"]["reviews"]
    assert live["total"]["held_on_time"] == _measure(5, 2)
    published = client.get(reverse("scorecard:snapshot", args=[snapshot.pk]))
    assert published.context["figures"]["reviews"]["total"]["held_on_time"] == _measure(4, 2)
    html = published.content.decode()
    assert "Figures match their fingerprint" in html
    assert _rows(html, "reviews-held")[2] == ["March 2025", "2", "1", "50%"]
    download = client.get(reverse("scorecard:snapshot-download", args=[snapshot.pk, "reviews-held", "csv"]))
    assert list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))[3] == ["2025-03", "2", "1", "50.0"]


def test_a_snapshot_published_before_the_review_measures_still_shows(client_for, manager, la, reviewed, today):
    figures = scorecard_figures(local_authority=la, period=Period.year_to_date(today), today=today)
    del figures["reviews"]
    figures["method"] = 1
    iso_year, iso_week, _ = dt.date(2025, 5, 5).isocalendar()
    old = ScorecardSnapshot.objects.create(
        local_authority=la,
        taken_on=dt.date(2025, 5, 5),
        iso_year=iso_year,
        iso_week=iso_week,
        period_from=dt.date(2025, 1, 1),
        period_to=dt.date(2025, 5, 31),
        figures=figures,
        computed_by="SENDcase 0.1.0, commit unknown, scorecard method 1",
        sha256=fingerprint(figures),
    )
    client = client_for(manager)
    response = client.get(reverse("scorecard:snapshot", args=[old.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Figures match their fingerprint" in html
    assert "published before SENDcase added the annual review measures" in html
    assert 'data-table="reviews-held"' not in html and 'data-table="decisions"' in html
    assert client.get(reverse("scorecard:snapshot-download", args=[old.pk, "reviews-held", "csv"])).status_code == 404


def test_the_queries_stay_the_same_however_many_reviews(
    client_for, manager, la, officer, colleague, reviewed, today, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as counted:
        review_figures(local_authority=la, period=PERIOD, today=today)
    # The reviews of the period, the plans of the phase transfer cohort (found as the tracker finds
    # them) and their reviews, and all their children's key worker history.
    assert len(counted) == 4
    client = client_for(manager)
    client.get(reverse("scorecard:scorecard"), YEAR)  # the session and the user are read once, first
    with CaptureQueriesContext(connection) as page:
        client.get(reverse("scorecard:scorecard"), YEAR)

    north = reviewed["A"].child.locality
    for day in range(1, 29):
        late = builders.reviewed(
            la,
            locality=north,
            key_worker=officer,
            due_on=dt.date(2025, 2, day),
            meeting_held_on=dt.date(2025, 3, day),
            decision="amend",
            decision_sent_on=dt.date(2025, 4, day),
            proposed_amendments_sent_on=dt.date(2025, 4, day),
        )
        builders.held_by(late.child, colleague, dt.date(2024, 1, 1), dt.date(2025, 1, 1))
        builders.held_by(late.child, officer, dt.date(2025, 1, 1))
    with django_assert_max_num_queries(4):
        figures = review_figures(local_authority=la, period=PERIOD, today=today)
    assert figures["total"]["held_on_time"] == _measure(32, 2)
    # 2 of 32 is exactly 6.25%: halves go up, as the DfE rounds (round() on the float gave 6.2).
    assert figures["total"]["held_on_time"]["percent"] == 6.3
    with django_assert_max_num_queries(len(page)):
        response = client.get(reverse("scorecard:scorecard"), YEAR)
    assert _rows(response.content.decode(), "reviews-held")[2] == ["March 2025", "30", "1", "3.3%"]


def test_the_reviews_performance_page_shows_the_same_tables(client_for, manager, reviewed):
    client = client_for(manager)
    page = client.get(reverse("reviews:performance")).content.decode()
    # The last 12 months: July 2024 to June 2025 (to date).
    held = _rows(page, "reviews-held")
    assert held[0][0] == "July 2024" and len(held) == 12
    assert ["February 2025", "1", "1", "100%"] in held
    assert {row[0] for row in _rows(page, "reviews-localities")} == {"North", "South", "All localities"}
    link = reverse("scorecard:download", args=["reviews-held", "csv"]) + "?start_0=7&amp;start_1=2024"
    assert link in page
    download = client.get(
        reverse("scorecard:download", args=["reviews-held", "csv"]),
        {"start_0": "7", "start_1": "2024", "end_0": "6", "end_1": "2025"},
    )
    assert (
        download.status_code == 200 and len(list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))) == 13
    )
