"""A school's list of reviews due, as CSV: for the SEND team to send, and for the term-list command."""

from __future__ import annotations

import csv
import io

from sendcase import timescales
from sendcase.reviews.selectors import SchoolList
from sendcase.reviews.terms import TermDates

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# A spreadsheet runs text beginning with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    "SENDcase reference",
    "UPN",
    "Surname",
    "Forename",
    "Date of birth",
    "Review due by",
    "Why it is due then",
    "Overdue before the term starts",
    "Meeting arranged for",
    "Key worker",
    "List due to the school by",
)


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def school_list_csv(school_list: SchoolList, term: TermDates) -> str:
    """One row per child, oldest due date first; dates as YYYY-MM-DD so spreadsheets sort them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in sorted(school_list.rows, key=lambda r: (r.due.due, r.child.last_name, r.child.first_name)):
        child = row.child
        writer.writerow(
            [
                _safe(child.reference),
                _safe(child.upn),
                _safe(child.last_name),
                _safe(child.first_name),
                child.date_of_birth.isoformat(),
                row.due.due.isoformat(),
                _safe(
                    "Council policy for under-5s (CoP 9.178)"
                    if row.due.local_policy
                    else timescales.ANNUAL_REVIEW.regulation
                ),
                "Yes" if row.due.due < term.starts else "No",
                row.review.meeting_on.isoformat() if row.review else "",
                _safe(child.key_worker or ""),
                term.list_due.isoformat(),
            ]
        )
    return out.getvalue()


def csv_filename(school_list: SchoolList, term: TermDates) -> str:
    name = school_list.school.urn or "school" if school_list.school else "no-school-recorded"
    return f"reviews-{term.term.value}-{term.year}-{name}.csv"
