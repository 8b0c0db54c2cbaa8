"""The statistics page: the council's EHC plan figures beside England, its region and comparators.

For the council's SEND managers, performance analysts and administrators only; everyone else
gets 403. The page shows aggregate figures, no child's record, so viewing it is not audited.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sendcase.accounts.models import Role
from sendcase.core.clock import today
from sendcase.scorecard import exports as scorecard_exports
from sendcase.staff.views.base import staff_view
from sendcase.statistics.charts import line_chart
from sendcase.statistics.exports import about, measure_table
from sendcase.statistics.forms import ComparatorForm
from sendcase.statistics.selectors import (
    MEASURES_BY_SLUG,
    Comparison,
    published_councils,
    statistics_comparison,
)

STATISTICS_ROLES = frozenset({Role.TEAM_MANAGER, Role.ANALYST, Role.ADMINISTRATOR})


def statistics_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @staff_view
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.role not in STATISTICS_ROLES or user.local_authority_id is None:  # type: ignore[union-attr]
            raise PermissionDenied("The statistics are for the council's SEND managers, analysts and administrators.")
        return view(request, *args, **kwargs)

    return wrapper


def _comparison(request: HttpRequest) -> tuple[Comparison, ComparatorForm]:
    directory = published_councils()
    councils = tuple(
        sorted((c for c in directory.values() if c.code != request.user.local_authority.code), key=lambda c: c.name)  # type: ignore[union-attr]
    )
    comparators: list[str] | None = None
    if request.GET.get("chosen"):
        form = ComparatorForm(request.GET, councils=councils)
        if form.is_valid():
            comparators = form.cleaned_data["comparators"]
    else:
        form = ComparatorForm(councils=councils)
    comparison = statistics_comparison(
        council=request.user.local_authority,  # type: ignore[union-attr,arg-type]
        comparators=comparators,
        directory=directory,
    )
    if not form.is_bound:
        form.initial["comparators"] = list(comparison.default_comparators)
    return comparison, form


@statistics_view
def statistics_page(request: HttpRequest) -> HttpResponse:
    comparison, form = _comparison(request)
    measures = [
        {"table": table, "chart": line_chart(table, include_totals=table.measure.is_percentage)}
        for table in comparison.tables
    ]
    return render(
        request,
        "statistics/statistics.html",
        {
            "comparison": comparison,
            "form": form,
            "measures": measures,
            "query": request.GET.urlencode(),
            "using_defaults": not form.is_bound,
        },
    )


@statistics_view
def statistics_download(request: HttpRequest, measure: str, fmt: str) -> HttpResponse:
    """One measure's table as CSV or XLSX: the rows and years the page shows, written by the
    scorecard's exporters (sendcase.scorecard.exports), so both downloads type their cells alike."""
    if measure not in MEASURES_BY_SLUG:
        raise Http404("No such measure")
    comparison, _ = _comparison(request)
    table = measure_table(next(t for t in comparison.tables if t.measure.slug == measure))
    if fmt == "xlsx":
        body = scorecard_exports.table_xlsx(table, about=about(comparison, today=today()))
        response = HttpResponse(body, content_type=scorecard_exports.XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(scorecard_exports.table_csv(table), content_type=scorecard_exports.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{comparison.council.code}-{measure}.{fmt}"'
    return response
