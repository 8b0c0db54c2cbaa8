"""The scorecard's tables, built from a figures document (live or published).

The monthly tables are here; caseload, overdue steps and advice are in workload_tables, the
annual reviews section in review_tables. The types (Cell, Table, Chart) are in cells.
"""

from __future__ import annotations

import datetime as dt

from sendcase.scorecard.cells import (
    AVERAGE,
    COUNT,
    PERCENT,
    Cell,
    Chart,
    Figures,
    Series,
    Table,
    describe_percent,
    month_cell,
    short_month,
)
from sendcase.scorecard.periods import month_label, parse_month
from sendcase.scorecard.review_tables import review_tables
from sendcase.scorecard.workload_tables import (
    CaseloadLink,
    OverdueLink,
    advice_table,
    caseload_table,
    overdue_table,
)


def summary_table(monthly: Figures) -> Table:
    """The table councillors receive: months across, then this year to date beside last year."""
    months, ytd, prev = monthly["months"], monthly["year_to_date"], monthly["previous_year"]
    rows = [
        [Cell("Number of requests for an EHC needs assessment")]
        + [Cell(m["requests"], COUNT) for m in months]
        + [Cell(ytd["requests_per_month"], AVERAGE, "no whole months yet"), Cell(prev["requests_per_month"], AVERAGE)],
        [Cell("% of decisions whether to assess made within 6 weeks")]
        + [Cell(m["decisions"]["percent_within_6_weeks"], PERCENT, "no decisions") for m in months]
        + [Cell(s["decisions"]["percent_within_6_weeks"], PERCENT, "no decisions") for s in (ytd, prev)],
        [Cell("% of new EHC plans issued within 20 weeks (all new plans, including those with an exception)")]
        + [Cell(m["plans"]["percent_within_20_weeks"], PERCENT, "no plans") for m in months]
        + [Cell(s["plans"]["percent_within_20_weeks"], PERCENT, "no plans") for s in (ytd, prev)],
        [Cell("% of new EHC plans issued within 20 weeks (excluding plans where an exception applied)")]
        + [
            Cell(m["plans"]["percent_within_20_weeks_excluding_exceptions"], PERCENT, "no plans without an exception")
            for m in months
        ]
        + [
            Cell(s["plans"]["percent_within_20_weeks_excluding_exceptions"], PERCENT, "no plans without an exception")
            for s in (ytd, prev)
        ],
    ]
    requests = [float(m["requests"]) for m in months]
    references = [
        (f"{s['year']} {'year to date' if s is ytd else 'full year'} average", s["requests_per_month"])
        for s in (ytd, prev)
        if s["requests_per_month"] is not None
    ]
    return Table(
        slug="summary",
        title="Monthly requests and timeliness",
        sheet="Monthly requests and timeliness",
        columns=["Measure"]
        + [short_month(m) for m in months]
        + [
            f"{ytd['year']} (year to date) average per month",
            f"{prev['year']} (full year) average per month",
        ],
        rows=rows,
        notes=[
            "Requests: the average number received per month. Percentages: of every decision or plan "
            "in the year, not an average of the monthly percentages.",
            f"Year to date: {_span(ytd)}, whole months only. Full year: {_span(prev)}.",
        ],
        chart=Chart(
            kind="columns",
            title="Requests for an EHC needs assessment by month",
            description=_describe_counts(months, requests, "requests"),
            categories=[short_month(m) for m in months],
            series=[Series("Requests received", requests)],
            axis_label="Requests",
            references=references,
        ),
    )


def _span(summary: Figures) -> str:
    if not summary["months"]:
        return "no whole months yet"
    first, last = parse_month(summary["from"]), parse_month(summary["to"])
    return month_label(first) if first == last else f"{month_label(first)} to {month_label(last)}"


def _describe_counts(months: list[Figures], values: list[float], what: str) -> str:
    if not months:
        return "No months in the period."
    peak = max(range(len(values)), key=lambda i: values[i])
    low = min(range(len(values)), key=lambda i: values[i])
    return (
        f"{int(sum(values)):,} {what} from {month_label(parse_month(months[0]['month']))} to "
        f"{month_label(parse_month(months[-1]['month']))}; most in {month_label(parse_month(months[peak]['month']))} "
        f"({values[peak]:,.0f}), fewest in {month_label(parse_month(months[low]['month']))} ({values[low]:,.0f}). "
        "The table with this chart has every figure."
    )


def decisions_table(monthly: Figures) -> Table:
    months, as_of = monthly["months"], dt.date.fromisoformat(monthly["as_of"])
    series = [Series("% within 6 weeks", [m["decisions"]["percent_within_6_weeks"] for m in months])]
    return Table(
        slug="decisions",
        title="Decisions whether to assess, by month made",
        sheet="Decisions whether to assess",
        columns=["Month", "Decisions made", "Made within 6 weeks", "% within 6 weeks"],
        rows=[
            [
                month_cell(m["month"], m, as_of),
                Cell(m["decisions"]["made"], COUNT),
                Cell(m["decisions"]["within_6_weeks"], COUNT),
                Cell(m["decisions"]["percent_within_6_weeks"], PERCENT, "no decisions"),
            ]
            for m in months
        ],
        notes=[
            "A decision to assess or not to assess, counted in the month the family was told. On time means by "
            "the date 6 weeks after the request was received (Regulation 5(1), SEND Regulations 2014)."
        ],
        chart=Chart(
            kind="lines",
            title="Decisions whether to assess made within 6 weeks",
            description=describe_percent(months, series),
            categories=[short_month(m) for m in months],
            series=series,
            axis_label="% within 6 weeks",
            percent=True,
        ),
    )


def plans_table(monthly: Figures) -> Table:
    months, as_of = monthly["months"], dt.date.fromisoformat(monthly["as_of"])
    series = [
        Series("All new plans", [m["plans"]["percent_within_20_weeks"] for m in months]),
        Series("Excluding exceptions", [m["plans"]["percent_within_20_weeks_excluding_exceptions"] for m in months]),
    ]
    return Table(
        slug="plans",
        title="New EHC plans by month issued",
        sheet="New EHC plans by month issued",
        columns=[
            "Month",
            "New plans issued",
            "Issued within 20 weeks",
            "% within 20 weeks (all new plans)",
            "Plans where an exception applied",
            "Plans with no exception",
            "Of those, issued within 20 weeks",
            "% within 20 weeks (excluding exceptions)",
        ],
        rows=[
            [
                month_cell(m["month"], m, as_of),
                Cell(m["plans"]["issued"], COUNT),
                Cell(m["plans"]["within_20_weeks"], COUNT),
                Cell(m["plans"]["percent_within_20_weeks"], PERCENT, "no plans"),
                Cell(m["plans"]["with_exception"], COUNT),
                Cell(m["plans"]["without_exception"], COUNT),
                Cell(m["plans"]["without_exception_within_20_weeks"], COUNT),
                Cell(
                    m["plans"]["percent_within_20_weeks_excluding_exceptions"],
                    PERCENT,
                    "no plans without an exception",
                ),
            ]
            for m in months
        ],
        notes=[
            "First EHC plans, counted in the month the final plan was issued. On time means by the date 20 weeks "
            "after the request was received (Regulation 13(2), SEND Regulations 2014).",
            "All new plans counts every plan, late ones under an exception included. Excluding exceptions leaves "
            "out plans where a Regulation 10(4) exception applied (SEN2 Week20 = 1): the DfE's headline measure.",
        ],
        chart=Chart(
            kind="lines",
            title="New EHC plans issued within 20 weeks",
            description=describe_percent(months, series),
            categories=[short_month(m) for m in months],
            series=series,
            axis_label="% within 20 weeks",
            percent=True,
        ),
    )


def all_tables(
    figures: Figures, *, caseload_link: CaseloadLink | None = None, overdue_link: OverdueLink | None = None
) -> list[Table]:
    """Every table of a scorecard, in page order: the annual reviews section last, when the figures have it."""
    return [
        summary_table(figures),
        decisions_table(figures),
        plans_table(figures),
        caseload_table(figures["caseload"], caseload_link=caseload_link, overdue_link=overdue_link),
        overdue_table(figures["overdue"], overdue_link=overdue_link),
        advice_table(figures["advice"]),
        *review_tables(figures, caseload_link=caseload_link),
    ]
