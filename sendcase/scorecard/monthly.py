"""The monthly figures: requests, decisions within 6 weeks, new plans within 20 weeks.

Counted from the person-level records (cases.AssessmentRequest and its exceptions) in a fixed
number of aggregate queries, whatever the size of the council:

- requests received: initial requests for an EHC needs assessment received in the month
  (re-assessments of an existing plan are not new requests, as in SEN2 and the DfE statistics);
- decisions: requests whose decision whether to assess (either way) was sent in the month, and
  of those, how many by the reg 5(1) due date (`timescales.decision_to_assess_due`);
- new plans: first EHC plans finalised in the month, and of those how many by the reg 13(2)
  due date (`timescales.final_plan_due`). Shown two ways, as the DfE publishes them: of all new
  plans ("including exceptions"), and of the plans where no reg 10(4) exception applied (SEN2
  `Week20` = 0; "excluding exceptions", the DfE headline measure).

A percentage with nothing to divide by is None ("no decisions"), never 0.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from sendcase import timescales
from sendcase.cases.models import AssessmentRequest, RequestKind, TimescaleException
from sendcase.organisations.models import LocalAuthority, Locality
from sendcase.scorecard.periods import (
    Period,
    is_complete,
    month_key,
    previous_year_months,
    year_to_date_months,
)
from sendcase.statistics.dfe import dfe_percentage, dfe_round

Figures = dict[str, Any]


def fixed_days(due: Callable[[dt.date], dt.date]) -> dt.timedelta:
    """The limit a timescales function applies, as the fixed number of days it always adds.

    The reg 5(1), 8(1) and 13(2) limits are whole weeks from the day the clock starts, so the
    due date is always the same number of days later. Reading that number from the timescales
    function (rather than writing 42 or 140 here) lets the database compare dates in one query
    while the rule stays in one place; the probes across a leap day make sure it is fixed.
    """
    probes = (dt.date(2023, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 12, 31))
    offsets = {due(day) - day for day in probes}
    if len(offsets) != 1:
        raise ImproperlyConfigured(f"{due.__name__} does not add a fixed number of days; count it per row")
    return offsets.pop()


DECISION_LIMIT = fixed_days(timescales.decision_to_assess_due)
FINAL_PLAN_LIMIT = fixed_days(timescales.final_plan_due)


def _due(start: str, limit: dt.timedelta) -> ExpressionWrapper:
    return ExpressionWrapper(F(start) + limit, output_field=DateField())


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` as a percentage to one decimal place, halves up; None when `whole` is 0.

    Rounded by the statistics' `dfe_percentage`, as the DfE rounds its release (6.25% is 6.3%),
    so the scorecard and the statistics page never differ by a rounding. Python's round() on a
    float would give 6.2: it rounds halves to even, and most halves are not exact in binary.
    """
    value = dfe_percentage(part, whole)
    return None if value is None else float(value)


def per_month(total: int, months: int) -> float | None:
    """The average per month to one decimal place, halves up like the percentages."""
    return float(dfe_round(Decimal(total) / Decimal(months))) if months else None


def initial_requests(local_authority: LocalAuthority, locality: Locality | None) -> QuerySet[AssessmentRequest]:
    """Initial requests for assessment of the council's children (of one locality, if given)."""
    qs = AssessmentRequest.objects.filter(child__local_authority=local_authority, kind=RequestKind.INITIAL)
    if locality is not None:
        qs = qs.filter(child__locality=locality)
    # The model orders by received_on, which would otherwise join every GROUP BY below.
    return qs.order_by()


def _by_month(qs: QuerySet[AssessmentRequest], field: str, **counts: Any) -> dict[dt.date, dict[str, int]]:
    rows = qs.annotate(month=TruncMonth(field)).values("month").annotate(**counts).order_by()
    return {_as_date(row.pop("month")): row for row in rows}


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _week20_exceptions(
    local_authority: LocalAuthority, locality: Locality | None, window: tuple[dt.date, dt.date]
) -> dict[dt.date, dict[str, int]]:
    """Per month of issue: new plans on which a 20-week exception applied, and how many were on time.

    One query reads the reg 10(4) exception rows of the plans issued (a small share of them); the
    rule of whether a recorded exception applies stays in `timescales.week20_exception_applies`.
    """
    kinds = [kind.value for kind in timescales.kinds_for_limit(timescales.FINAL_PLAN.code)]
    # Joined directly rather than "request in (the plans query)": PostgreSQL then starts from the
    # few exception rows instead of probing the plans subquery once per exception in England.
    rows = TimescaleException.objects.filter(
        request__child__local_authority=local_authority,
        request__kind=RequestKind.INITIAL,
        request__final_issued_on__range=window,
        advice_request__isnull=True,
        kind__in=kinds,
    )
    if locality is not None:
        rows = rows.filter(request__child__locality=locality)
    rows = rows.values_list(
        "request_id", "request__received_on", "request__final_issued_on", "kind", "start_on", "end_on"
    ).order_by()
    periods: dict[object, list[timescales.ExceptionPeriod]] = defaultdict(list)
    dates: dict[object, tuple[dt.date, dt.date]] = {}
    for request_id, received, issued, kind, start, end in rows:
        periods[request_id].append(timescales.ExceptionPeriod(timescales.ExceptionKind(kind), start, end))
        dates[request_id] = (received, issued)
    out: dict[dt.date, dict[str, int]] = defaultdict(lambda: {"issued": 0, "within": 0})
    for request_id, (received, issued) in dates.items():
        if timescales.week20_exception_applies(periods[request_id], received=received):
            month = out[issued.replace(day=1)]
            month["issued"] += 1
            month["within"] += int(issued <= timescales.final_plan_due(received))
    return out


def _month_figures(
    first: dt.date,
    *,
    today: dt.date,
    received: dict[dt.date, dict[str, int]],
    decided: dict[dt.date, dict[str, int]],
    issued: dict[dt.date, dict[str, int]],
    excepted: dict[dt.date, dict[str, int]],
) -> Figures:
    decisions = decided.get(first, {"made": 0, "within": 0})
    plans = issued.get(first, {"issued": 0, "within": 0})
    exception = excepted.get(first, {"issued": 0, "within": 0})
    return {
        "month": month_key(first),
        "complete": is_complete(first, today=today),
        "requests": received.get(first, {}).get("n", 0),
        "decisions": _decisions(decisions["made"], decisions["within"]),
        "plans": _plans(plans["issued"], plans["within"], exception["issued"], exception["within"]),
    }


def _decisions(made: int, within: int) -> Figures:
    return {"made": made, "within_6_weeks": within, "percent_within_6_weeks": percent(within, made)}


def _plans(issued: int, within: int, with_exception: int, with_exception_within: int) -> Figures:
    without = issued - with_exception
    without_within = within - with_exception_within
    return {
        "issued": issued,
        "within_20_weeks": within,
        "percent_within_20_weeks": percent(within, issued),
        "with_exception": with_exception,
        "without_exception": without,
        "without_exception_within_20_weeks": without_within,
        "percent_within_20_weeks_excluding_exceptions": percent(without_within, without),
    }


def _summary(months: list[Figures], *, year: int, basis: str) -> Figures:
    """Averages per month over whole months, and the year's percentages over all its events.

    A percentage for the year is every decision (or plan) in it, not the mean of the monthly
    percentages: a quiet August with 8 decisions must not count as much as a busy March with 60.
    """
    count = len(months)
    requests = sum(m["requests"] for m in months)
    made = sum(m["decisions"]["made"] for m in months)
    plans = {key: sum(m["plans"][key] for m in months) for key in ("issued", "within_20_weeks", "with_exception")}
    within_excepted = sum(
        m["plans"]["within_20_weeks"] - m["plans"]["without_exception_within_20_weeks"] for m in months
    )
    return {
        "year": year,
        "basis": basis,
        "from": months[0]["month"] if months else None,
        "to": months[-1]["month"] if months else None,
        "months": count,
        "requests": requests,
        "requests_per_month": per_month(requests, count),
        "decisions_per_month": per_month(made, count),
        "plans_per_month": per_month(plans["issued"], count),
        "decisions": _decisions(made, sum(m["decisions"]["within_6_weeks"] for m in months)),
        "plans": _plans(plans["issued"], plans["within_20_weeks"], plans["with_exception"], within_excepted),
    }


def monthly_figures(
    *, local_authority: LocalAuthority, period: Period, today: dt.date, locality: Locality | None = None
) -> Figures:
    """The monthly table for `period`, with this year to date beside last year, as JSON-ready data.

    Four queries: requests received, decisions, plans issued (each grouped by month with
    conditional counts) and the exception rows of the plans issued. The same function feeds the
    page, the `sendcase scorecard` command, the downloads and the weekly snapshot.
    """
    ytd = year_to_date_months(period, today=today)
    previous = previous_year_months(period)
    start = min(period.first, previous[0])
    # Nothing after today can have happened; a mistyped future date must not count either.
    window = (start, min(period.end, today))

    requests = initial_requests(local_authority, locality)
    received = _by_month(requests.filter(received_on__range=window), "received_on", n=Count("pk"))
    decided = _by_month(
        requests.filter(assess_decision_on__range=window),
        "assess_decision_on",
        made=Count("pk"),
        within=Count("pk", filter=Q(assess_decision_on__lte=_due("received_on", DECISION_LIMIT))),
    )
    plans = requests.filter(final_issued_on__range=window)
    issued = _by_month(
        plans,
        "final_issued_on",
        issued=Count("pk"),
        within=Count("pk", filter=Q(final_issued_on__lte=_due("received_on", FINAL_PLAN_LIMIT))),
    )
    excepted = _week20_exceptions(local_authority, locality, window)

    def figures(months: Iterable[dt.date]) -> list[Figures]:
        return [
            _month_figures(m, today=today, received=received, decided=decided, issued=issued, excepted=excepted)
            for m in months
        ]

    return {
        "local_authority": {"code": local_authority.code, "name": local_authority.name},
        "locality": {"id": str(locality.pk), "name": locality.name} if locality else None,
        "as_of": today.isoformat(),
        "period": period.as_dict(),
        "year_basis": "calendar",
        "months": figures(period.months),
        "year_to_date": _summary(figures(ytd), year=period.last.year, basis="year to date, whole months"),
        "previous_year": _summary(figures(previous), year=period.last.year - 1, basis="full year"),
    }
