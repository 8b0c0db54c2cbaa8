"""The scorecard's "Annual reviews" tables, built from the figures document's "reviews" part.

One table per measure by month (how many counted, how many on time, the percentage), then the
five measures per locality and per officer. Each names its regulation. A scorecard published
before the review measures were added has no "reviews" part, and so none of these tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sendcase.scorecard.cells import (
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
from sendcase.scorecard.workload_tables import CaseloadLink
from sendcase.timescales import format_date

SECTION = "reviews"
NOTHING_COUNTED = "none due"


@dataclass(frozen=True)
class Wording:
    """How one measure's monthly table and columns are worded."""

    slug: str
    title: str
    sheet: str  # at most 31 characters
    month_column: str
    counted: str
    on_time: str
    percent: str
    short: str  # the measure in the per locality and per officer column headings
    note: str


WORDING = {
    "held_on_time": Wording(
        slug="reviews-held",
        title="Annual reviews held on time, by month",
        sheet="Reviews held on time",
        month_column="Month",
        counted="Reviews held or overdue",
        on_time="Held on time",
        percent="% held on time",
        short="Reviews held",
        note=(
            "On time means the review meeting was held on or before the date the review was due: within 12 months "
            "of the plan or of the last review (Section 44(1), Children and Families Act 2014), or the council's "
            "earlier date for a child under 5 where its policy sets one. A review counts in the month its meeting "
            "was held; a review past its due date with no meeting yet counts, as not on time, in the month it was due."
        ),
    ),
    "decisions_within_4_weeks": Wording(
        slug="reviews-decisions",
        title="Review decisions within 4 weeks, by month of the meeting",
        sheet="Review decisions in 4 weeks",
        month_column="Month of the meeting",
        counted="Decisions sent or overdue",
        on_time="Sent within 4 weeks",
        percent="% within 4 weeks",
        short="Decisions",
        note=(
            "On time means the council's decision (keep the plan as it is, amend it or cease it) was sent to the "
            "family within 4 weeks of the review meeting (Regulation 20(10), SEND Regulations 2014). Counted in the "
            "month of the meeting, once the decision is sent or its 4 weeks have passed."
        ),
    ),
    "amended_within_8_weeks": Wording(
        slug="reviews-amended-8-weeks",
        title="Amended plans within 8 weeks of the proposals, by month of the meeting",
        sheet="Amended plans in 8 weeks",
        month_column="Month of the meeting",
        counted="Amended plans issued or overdue",
        on_time="Issued within 8 weeks",
        percent="% within 8 weeks",
        short="Amended plans (8 weeks)",
        note=(
            "On time means the final amended plan was issued within 8 weeks of sending the proposed amendments "
            "(Regulation 22(3), SEND Regulations 2014). Counted in the month of the review meeting, once the plan "
            "is issued or its 8 weeks have passed; a decision not to amend after all is not counted."
        ),
    ),
    "amended_within_12_weeks": Wording(
        slug="reviews-amended-12-weeks",
        title="Amended plans within 12 weeks of the meeting, by month of the meeting",
        sheet="Amended plans in 12 weeks",
        month_column="Month of the meeting",
        counted="Amended plans issued or overdue",
        on_time="Issued within 12 weeks",
        percent="% within 12 weeks",
        short="Amended plans (12 weeks)",
        note=(
            "On time means the final amended plan was issued within 12 weeks of the review meeting: the 4 weeks "
            "for the decision and proposals, then the 8 weeks of Regulation 22(3) (R (L, M, P) v Devon County "
            "Council [2022] EWHC 493 (Admin)). Counted in the month of the meeting."
        ),
    ),
    "transfers_by_deadline": Wording(
        slug="reviews-phase-transfers",
        title="Phase transfers finalised by the deadline, by month of the deadline",
        sheet="Phase transfers by deadline",
        month_column="Month of the deadline",
        counted="Phase transfers due",
        on_time="Finalised by the deadline",
        percent="% by the deadline",
        short="Phase transfers",
        note=(
            "On time means the amended plan naming the next school or college was issued before 15 February of "
            "the year of the move (before 31 March for a move from secondary school to post-16), or at least "
            "5 months before a move between post-16 institutions at another time of year (Regulation 18, SEND "
            "Regulations 2014). Counted in the month of the deadline."
        ),
    ),
}


def _counts(m: Figures) -> list[Cell]:
    return [Cell(m["counted"], COUNT), Cell(m["on_time"], COUNT), Cell(m["percent"], PERCENT, NOTHING_COUNTED)]


def _monthly_table(reviews: Figures, key: str, as_of: dt.date) -> Table:
    words = WORDING[key]
    months = reviews["months"]
    series = [Series(words.percent, [m[key]["percent"] for m in months])]
    counted = sum(m[key]["counted"] for m in months)
    on_time = sum(m[key]["on_time"] for m in months)
    return Table(
        slug=words.slug,
        title=words.title,
        sheet=words.sheet,
        columns=[words.month_column, words.counted, words.on_time, words.percent],
        rows=[[month_cell(m["month"], m, as_of), *_counts(m[key])] for m in months],
        notes=[
            words.note,
            f"In the period: {on_time:,} of {counted:,} on time. A step still inside its time limit is not "
            "counted yet, so it counts against no one.",
        ],
        chart=Chart(
            kind="lines",
            title=words.title,
            description=describe_percent(months, series),
            categories=[short_month(m) for m in months],
            series=series,
            axis_label=words.percent,
            percent=True,
        ),
        section=SECTION,
    )


def _columns(first: str) -> list[str]:
    columns = [first]
    for words in WORDING.values():
        columns += [f"{words.short}: counted", f"{words.short}: on time", f"{words.short}: % on time"]
    return columns


def _row(name: Cell, row: Figures) -> list[Cell]:
    return [name, *(cell for key in WORDING for cell in _counts(row[key]))]


def _regulations(reviews: Figures) -> str:
    return "; ".join(f"{m['title']}: {m['regulation']}" for m in reviews["measures"]) + "."


def _bars(rows: list[Figures], what: str) -> Chart:
    held = [r["held_on_time"]["percent"] for r in rows]
    decided = [r["decisions_within_4_weeks"]["percent"] for r in rows]
    counted = sum(r["held_on_time"]["counted"] for r in rows)
    return Chart(
        kind="bars",
        title=f"Reviews held on time and decisions within 4 weeks, {what}",
        description=(
            f"{len(rows)} rows; {counted:,} reviews held or overdue in the period. The chart shows two of the five "
            "measures; the table with this chart has every measure and figure."
        ),
        categories=[r["name"] for r in rows],
        series=[Series("% reviews held on time", held), Series("% decisions within 4 weeks", decided)],
        axis_label="% on time",
        percent=True,
    )


def _span(reviews: Figures) -> str:
    return (
        f"{format_date(dt.date.fromisoformat(reviews['from']))} to {format_date(dt.date.fromisoformat(reviews['to']))}"
    )


def locality_table(reviews: Figures, *, filtered: bool) -> Table:
    rows = [_row(Cell(r["name"]), r) for r in reviews["localities"]]
    if not filtered and rows:
        rows.append(_row(Cell("All localities"), reviews["total"]))
    return Table(
        slug="reviews-localities",
        title="Annual reviews on time, per locality",
        sheet="Reviews on time by locality",
        columns=_columns("Locality"),
        rows=rows,
        notes=[
            f"Reviews counted from {_span(reviews)}, each in the locality of the child's record. "
            + _regulations(reviews)
        ],
        chart=_bars(reviews["localities"], "per locality"),
        empty_message="No reviews to count in this period.",
        section=SECTION,
    )


def officer_table(reviews: Figures, *, caseload_link: CaseloadLink | None = None) -> Table:
    officers = reviews["officers"]
    return Table(
        slug="reviews-officers",
        title="Annual reviews on time, per officer",
        sheet="Reviews on time by officer",
        columns=_columns("Officer"),
        rows=[
            _row(Cell(o["name"], href=caseload_link(o["officer_id"]) if caseload_link and o["officer_id"] else ""), o)
            for o in officers
        ],
        notes=[
            f"Reviews counted from {_span(reviews)}, each under the officer who held the case (the child's key "
            "worker) on the day it is counted: the meeting, the due date of a review not yet held, or the phase "
            "transfer deadline. " + _regulations(reviews)
        ],
        chart=_bars(officers, "per officer"),
        empty_message="No reviews to count in this period.",
        section=SECTION,
    )


def review_tables(figures: Figures, *, caseload_link: CaseloadLink | None = None) -> list[Table]:
    """The annual reviews section's tables, in page order; none for a scorecard published without them."""
    reviews = figures.get("reviews")
    if not reviews:
        return []
    as_of = dt.date.fromisoformat(figures["as_of"])
    monthly = [_monthly_table(reviews, m["key"], as_of) for m in reviews["measures"]]
    return [
        *monthly,
        locality_table(reviews, filtered=figures.get("locality") is not None),
        officer_table(reviews, caseload_link=caseload_link),
    ]
