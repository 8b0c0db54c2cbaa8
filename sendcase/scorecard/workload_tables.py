"""Tables of where the work stands: caseload per officer, overdue steps, advice per agency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sendcase.scorecard.cells import COUNT, PERCENT, Cell, Chart, Figures, Series, Table
from sendcase.timescales import format_date

# (step, officer id) -> URL of the list of those overdue cases; officer id -> URL of their caseload.
OverdueLink = Callable[[str, str], str]
CaseloadLink = Callable[[str], str]
# A council asks advice of every school its children attend; a chart of 150 bars helps nobody.
CHART_AGENCIES = 12


def caseload_table(
    caseload: Figures, *, caseload_link: CaseloadLink | None = None, overdue_link: OverdueLink | None = None
) -> Table:
    officers = caseload["officers"]
    rows = []
    for o in officers:
        officer_id = o["officer_id"] or ""
        rows.append(
            [
                Cell(o["name"], href=caseload_link(officer_id) if caseload_link and officer_id else ""),
                Cell(o["open_cases"], COUNT),
                Cell(o["requests_in_progress"], COUNT),
                Cell(o["plans"], COUNT),
                Cell(o["overdue"], COUNT, href=overdue_link("", officer_id or "none") if overdue_link else ""),
                Cell(o["due_within_7_days"], COUNT),
            ]
        )
    names = [o["name"] for o in officers]
    return Table(
        slug="caseload",
        title="Caseload per officer",
        sheet="Caseload per officer",
        columns=["Officer", "Open cases", "Requests in progress", "Plans", "Next step overdue", "Due in 7 days"],
        rows=rows,
        notes=[f"Open cases on {format_date(dt.date.fromisoformat(caseload['as_of']))}, by key worker."],
        chart=Chart(
            kind="bars",
            title="Open cases and overdue cases per officer",
            description=(
                f"{len(officers)} officers; {sum(o['open_cases'] for o in officers):,} open cases, "
                f"{sum(o['overdue'] for o in officers):,} with the next step overdue. "
                "The table with this chart has every figure."
            ),
            categories=names,
            series=[
                Series("Open cases", [float(o["open_cases"]) for o in officers]),
                Series("Next step overdue", [float(o["overdue"]) for o in officers]),
            ],
            axis_label="Cases",
        ),
        empty_message="No open cases.",
    )


def overdue_table(overdue: Figures, *, overdue_link: OverdueLink | None = None) -> Table:
    steps = overdue["steps"]
    return Table(
        slug="overdue",
        title="Overdue steps by type",
        sheet="Overdue steps by type",
        columns=["Step", "Rule", "Cases"],
        rows=[
            [
                Cell(s["title"]),
                Cell(s["regulation"]),
                Cell(s["cases"], COUNT, href=overdue_link(s["step"], "") if overdue_link and s["cases"] else ""),
            ]
            for s in steps
        ],
        notes=[
            f"Cases whose next statutory step was due before {format_date(dt.date.fromisoformat(overdue['as_of']))}, "
            "by that step. A case counts once, under its earliest step still to do."
        ],
        chart=Chart(
            kind="bars",
            title="Cases with their next step overdue, by step",
            description=f"{overdue['total']:,} cases overdue in all. The table with this chart has every figure.",
            categories=[s["title"] for s in steps],
            series=[Series("Cases overdue", [float(s["cases"]) for s in steps])],
            axis_label="Cases",
        ),
    )


def advice_table(advice: Figures) -> Table:
    agencies = advice["agencies"]  # most advice asked for first
    charted = agencies[:CHART_AGENCIES]
    span = f"{format_date(dt.date.fromisoformat(advice['from']))} to {format_date(dt.date.fromisoformat(advice['to']))}"
    judged = sum(a["returned"] + a["overdue"] for a in agencies)
    return Table(
        slug="advice",
        title="Advice returned within 6 weeks, per agency",
        sheet="Advice within 6 weeks by agency",
        columns=[
            "Agency",
            "Advice asked for",
            "Returned",
            "Returned within 6 weeks",
            "Not yet returned",
            "Overdue",
            "% within 6 weeks",
        ],
        rows=[
            [
                Cell(a["name"]),
                Cell(a["requested"], COUNT),
                Cell(a["returned"], COUNT),
                Cell(a["returned_within_6_weeks"], COUNT),
                Cell(a["outstanding"], COUNT),
                Cell(a["overdue"], COUNT),
                Cell(a["percent_within_6_weeks"], PERCENT, "none returned or overdue yet"),
            ]
            for a in agencies
        ],
        notes=[
            f"Advice the council asked for from {span}. Within 6 weeks means by the date 6 weeks after the agency "
            "received the request (Regulation 8(1), SEND Regulations 2014). The percentage is of advice returned or "
            "now overdue: advice not yet due is left out, and so is overdue advice a Regulation 8(2) exception excuses."
        ],
        chart=Chart(
            kind="bars",
            title=f"Advice returned within 6 weeks: the {len(charted)} agencies asked for most advice"
            if len(agencies) > CHART_AGENCIES
            else "Advice returned within 6 weeks, per agency",
            description=(
                f"{len(agencies)} agencies; {sum(a['returned_within_6_weeks'] for a in agencies):,} of "
                f"{judged:,} pieces of advice returned or overdue came within 6 weeks. "
                "The table with this chart has every agency and figure."
            ),
            categories=[a["name"] for a in charted],
            series=[Series("% within 6 weeks", [a["percent_within_6_weeks"] for a in charted])],
            axis_label="% within 6 weeks",
            percent=True,
        ),
        empty_message="No advice was asked for in this period.",
    )
