"""Annual reviews on time, for the scorecard: per month, per locality and per officer.

The counting is the reviews app's (`reviews.performance.review_performance`), so the scorecard,
its weekly snapshot, `sendcase scorecard --json` and the /reviews/performance page share one
definition. This module only turns it into the scorecard's JSON, under the key "reviews":

    {"from": "2025-01-01", "to": "2025-06-02",
     "measures": [{"key": "held_on_time", "title": ..., "regulation": ...}, ...],
     "months": [{"month": "2025-01", "complete": true,
                 "held_on_time": {"counted": 4, "on_time": 3, "percent": 75.0}, ...}, ...],
     "total": {"held_on_time": {...}, ...},
     "localities": [{"locality_id": "…" | null, "name": "North", "held_on_time": {...}, ...}],
     "officers": [{"officer_id": "12" | null, "name": "Olive Officer", "held_on_time": {...}, ...}]}

Every month of the period is listed, with zeros where nothing was counted; a percentage with
nothing counted is null, never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendcase.organisations.models import LocalAuthority, Locality
from sendcase.reviews.performance import MEASURE_KEYS, MEASURES, Measure, Row, review_performance
from sendcase.scorecard.monthly import percent
from sendcase.scorecard.periods import Period, is_complete, month_key

Figures = dict[str, Any]


def _measure(m: Measure) -> Figures:
    # The percentage is the scorecard's own (halves up, as the DfE rounds), not Measure.percent.
    return {"counted": m.counted, "on_time": m.on_time, "percent": percent(m.on_time, m.counted)}


def _measures(row: Row | None) -> Figures:
    return {key: _measure(row.measures[key] if row else Measure()) for key in MEASURE_KEYS}


def review_figures(
    *, local_authority: LocalAuthority, period: Period, today: dt.date, locality: Locality | None = None
) -> Figures:
    """The review measures for `period` (days after today are not counted), as JSON-ready data."""
    last = min(period.end, today)
    perf = review_performance(
        local_authority=local_authority, start=period.first, end=last, today=today, locality=locality
    )
    return {
        "from": period.first.isoformat(),
        "to": last.isoformat(),
        "measures": [{"key": key, "title": title, "regulation": source} for key, title, source in MEASURES],
        "months": [
            {"month": month_key(m), "complete": is_complete(m, today=today), **_measures(perf.months.get(m))}
            for m in period.months
        ],
        "total": _measures(perf.total),
        "localities": [{"locality_id": row.key or None, "name": row.name, **_measures(row)} for row in perf.localities],
        "officers": [{"officer_id": row.key or None, "name": row.name, **_measures(row)} for row in perf.officers],
    }
