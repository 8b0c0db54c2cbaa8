"""Advice returned within 6 weeks, per contributing agency (regulation 8(1)), for the scorecard.

The counting is the cases app's (`cases.advice_selectors.advice_timeliness_by_organisation`),
so the scorecard, the advice pages and the API share one definition: advice asked for in the
period, how much came back, how much within 6 weeks, and how much is still outstanding and
overdue with no reg 8(2) exception excusing it. This module only turns it into the scorecard's
JSON, most advice first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendcase.cases.advice_selectors import advice_timeliness_by_organisation
from sendcase.organisations.models import LocalAuthority, Locality
from sendcase.scorecard.monthly import percent

Figures = dict[str, Any]


def advice_timeliness(
    *,
    local_authority: LocalAuthority,
    from_date: dt.date,
    to_date: dt.date,
    today: dt.date,
    locality: Locality | None = None,
) -> Figures:
    """Per agency: advice asked for between `from_date` and `to_date` (no later than today)."""
    last = min(to_date, today)
    rows = advice_timeliness_by_organisation(local_authority, from_date, last, locality, today=today)
    agencies = [
        {
            "organisation_id": str(row.organisation_id) if row.organisation_id else None,
            "name": row.name,
            "requested": row.requested,
            "returned": row.returned,
            "returned_within_6_weeks": row.returned_within_6_weeks,
            "outstanding": row.outstanding,
            "overdue": row.overdue,
            # Of advice returned or overdue, rounded halves up as every scorecard percentage is.
            "percent_within_6_weeks": percent(row.returned_within_6_weeks, row.returned + row.overdue),
        }
        for row in rows
    ]
    # Most advice first: the agencies whose timeliness matters most to families come to the top.
    agencies.sort(key=lambda a: (-a["requested"], a["name"].lower()))
    return {"from": from_date.isoformat(), "to": last.isoformat(), "agencies": agencies}
