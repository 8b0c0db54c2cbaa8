"""SENDcase's own figures for the DfE 'Education, health and care plans' release.

For a calendar year, and optionally one council, this counts the council's person-level records
the way the release counts the SEN2 return, under the release's variable names, so a council
can set its own figures beside the published ones. docs/statistics-methodology.md explains each
definition and marks what is [UNCONFIRMED].

Everything is counted by the database: one aggregate query per group of variables (conditional
COUNT ... FILTER), never a Python loop over rows, so one year for all of England (830,000
children, 700,000 plans) takes a few seconds on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sendcase import timescales
from sendcase.cases.models import (
    AssessDecision,
    AssessmentRequest,
    IssueDecision,
    Outcome,
    Plan,
    PlanStatus,
    RequestKind,
    TimescaleException,
)
from sendcase.organisations.models import LocalAuthority
from sendcase.statistics import dfe
from sendcase.statistics.sql import DaysBetween

Figure = int | Decimal | None


@dataclass(frozen=True)
class EhcpStatistics:
    """One year's figures for England (``la_code`` None) or one council."""

    year: int
    la_code: str | None
    census_date: dt.date
    figures: dict[str, Figure]
    # sen_need_newplans uses the same variable names as sen_needs_all_plans.
    new_plans_by_need: dict[str, Figure] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """One flat object keyed by the release's variable names; percentages as numbers or null."""

        def plain(value: Figure) -> int | float | None:
            return float(value) if isinstance(value, Decimal) else value

        return {
            "year": self.year,
            "la_code": self.la_code,
            "census_date": self.census_date.isoformat(),
            **{name: plain(value) for name, value in self.figures.items()},
            "sen_need_newplans": {name: plain(value) for name, value in self.new_plans_by_need.items()},
        }

    def value(self, dataset: str, variable: str) -> Figure:
        """The figure SENDcase computed for a published (dataset, variable), or None if it has none."""
        if dataset == "sen_need_newplans":
            return self.new_plans_by_need.get(variable)
        if dfe.FLAT_DATASET_OF.get(variable) != dataset:
            return None
        return self.figures.get(variable)


def ehcp_statistics(*, year: int, la: LocalAuthority | None = None) -> EhcpStatistics:
    """Compute every supported variable of the release for calendar ``year`` (and census January year+1)."""
    start, end = dfe.year_bounds(year)
    census = dfe.census_date(year + 1)
    requests = AssessmentRequest.objects.filter(kind=RequestKind.INITIAL)
    plans = Plan.objects.all()
    if la is not None:
        requests = requests.filter(child__local_authority=la)
        plans = plans.filter(child__local_authority=la)
    figures: dict[str, Figure] = {}
    # On SQLite a transaction would BEGIN IMMEDIATE and hold off every writer while we read.
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if postgresql else contextlib.nullcontext():
        if postgresql:
            # Compiling these one-off aggregates with PostgreSQL's JIT costs more (over a second
            # for all of England) than running them.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        figures |= _requests(requests, start=start, end=end, census=census)
        figures |= _timeliness(requests, start=start, end=end)
        all_needs, new_needs = _plans(plans, start=start, end=end, census=census)
        figures |= all_needs
        figures |= _ceased(plans, start=start, end=end)
    ordered = {name: figures[name] for name in dfe.FLAT_DATASET_OF}
    return EhcpStatistics(
        year=year,
        la_code=la.code if la is not None else None,
        census_date=census,
        figures=ordered,
        new_plans_by_need={name: new_needs[name] for name in dfe.DATASET_VARIABLES["sen_need_newplans"]},
    )


def _requests(requests: QuerySet[AssessmentRequest], *, start: dt.date, end: dt.date, census: dt.date) -> dict:
    """requests.csv and the decisions-not-to-issue part of assessments.csv.

    Requests received in the year, with their outcome as it stood on the census date, when the
    return describes the council's position. [UNCONFIRMED: the release does not say which day
    the outcome is taken on; the census date makes a closed year's figures stop changing.]
    """
    received = Q(received_on__range=(start, end))
    decided = Q(assess_decision__in=AssessDecision.values, assess_decision_on__lte=census)
    undecided = Q(assess_decision="") | Q(assess_decision_on__isnull=True) | Q(assess_decision_on__gt=census)
    # SEN2 outcome W covers a request withdrawn, or ended by the child moving away, before a decision.
    ended = Q(outcome__in=(Outcome.WITHDRAWN, Outcome.TRANSFERRED_OUT), closed_on__lte=census)
    still_open = ~Q(outcome__in=(Outcome.WITHDRAWN, Outcome.TRANSFERRED_OUT)) | Q(closed_on__isnull=True)
    still_open |= Q(closed_on__gt=census)
    # Six-week timeliness counts decisions told to families in the year, whenever the request
    # came: City of London 2024 has 6 decisions timed against 5 requests received.
    # [UNCONFIRMED: inferred from the published rows, not stated in the guidance]
    decision_in_year = Q(assess_decision__in=AssessDecision.values, assess_decision_on__range=(start, end))
    not_issued = Q(issue_decision=IssueDecision.NOT_ISSUE, issue_decision_on__range=(start, end))
    row = (
        requests.filter(received | decision_in_year | not_issued)
        .annotate(
            decision_days=DaysBetween("assess_decision_on", "received_on"),
            not_issue_days=DaysBetween("issue_decision_on", "received_on"),
        )
        .aggregate(
            requests_received_in_year=Count("pk", filter=received),
            requests_rya=Count("pk", filter=received & Q(in_relevant_youth_accommodation=True)),
            requests_decided_to_assess=Count(
                "pk", filter=received & decided & Q(assess_decision=AssessDecision.ASSESS)
            ),
            requests_decided_not_to_assess=Count(
                "pk", filter=received & decided & Q(assess_decision=AssessDecision.NOT_ASSESS)
            ),
            requests_decision_not_made=Count("pk", filter=received & undecided & still_open),
            requests_withdrawn=Count("pk", filter=received & undecided & ended),
            request_outcome_six_weeks=Count("pk", filter=decision_in_year & Q(decision_days__lte=dfe.SIX_WEEKS)),
            request_outcome_over_6_weeks=Count("pk", filter=decision_in_year & Q(decision_days__gt=dfe.SIX_WEEKS)),
            assess_not_issued=Count("pk", filter=not_issued),
            outcome_decision_within_time=Count("pk", filter=not_issued & Q(not_issue_days__lte=dfe.SIXTEEN_WEEKS)),
            outcome_decision_over_time=Count("pk", filter=not_issued & Q(not_issue_days__gt=dfe.SIXTEEN_WEEKS)),
        )
    )
    total = row["requests_received_in_year"]
    timed = row["request_outcome_six_weeks"] + row["request_outcome_over_6_weeks"]
    refusals = row["outcome_decision_within_time"] + row["outcome_decision_over_time"]
    return row | {
        "request_assess_pc": dfe.dfe_percentage(row["requests_decided_to_assess"], total),
        "request_not_assess_pc": dfe.dfe_percentage(row["requests_decided_not_to_assess"], total),
        "request_outstanding_pc": dfe.dfe_percentage(row["requests_decision_not_made"], total),
        "request_withdrawn_pc": dfe.dfe_percentage(row["requests_withdrawn"], total),
        "request_outcome_six_weeks_pc": dfe.dfe_percentage(row["request_outcome_six_weeks"], timed),
        "request_outcome_over_6_weeks_pc": dfe.dfe_percentage(row["request_outcome_over_6_weeks"], timed),
        "outcome_decision_within_time_pc": dfe.dfe_percentage(row["outcome_decision_within_time"], refusals),
        "outcome_decision_over_time_pc": dfe.dfe_percentage(row["outcome_decision_over_time"], refusals),
    }


def week20_exceptions() -> QuerySet[TimescaleException]:
    """Exceptions that set SEN2 Week20 on the request in OuterRef, as week20_exception_applies decides.

    A reg 10(4) kind (the list reg 13(3) applies to the 20-week limit), long enough for its
    kind (an open-ended period counts), overlapping the 20 weeks from the request's receipt.
    """
    kinds = timescales.kinds_for_limit(timescales.FINAL_PLAN.code)
    long_enough = Q()
    for kind in kinds:
        if kind.minimum_days is None:
            long_enough |= Q(kind=kind.value)
        else:
            long_enough |= Q(kind=kind.value) & (Q(end_on__isnull=True) | Q(length__gte=kind.minimum_days))
    return (
        TimescaleException.objects.filter(request=OuterRef("pk"), kind__in=[kind.value for kind in kinds])
        .annotate(
            # Both ends count: a period from 1 to 28 April is 28 days.
            length=DaysBetween("end_on", "start_on") + 1,
            starts_after_receipt=DaysBetween("start_on", OuterRef("received_on")),
        )
        .filter(long_enough)
        .filter(starts_after_receipt__lte=dfe.TWENTY_WEEKS)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=OuterRef("received_on")))
    )


def _timeliness(requests: QuerySet[AssessmentRequest], *, start: dt.date, end: dt.date) -> dict:
    """timeliness_20_week.csv: final plans issued in the year, by weeks from the request.

    Within 20 weeks means issued on or before received + 140 days (reg 13(2)). The "_ex"
    figures leave out plans whose request has a 20-week exception (SEN2 Week20 = 1).
    """
    issued = (
        requests.filter(final_issued_on__range=(start, end))
        .annotate(days=DaysBetween("final_issued_on", "received_on"), week20=Exists(week20_exceptions()))
        .aggregate(
            plans_issued_den=Count("pk"),
            plans_issued_den_ex=Count("pk", filter=Q(week20=False)),
            plans_issued_within_20_weeks=Count("pk", filter=Q(days__lte=dfe.TWENTY_WEEKS)),
            plans_issued_20_weeks_ex=Count("pk", filter=Q(days__lte=dfe.TWENTY_WEEKS, week20=False)),
            plans_issued_gt20weeks_ltYear=Count(
                "pk", filter=Q(days__gt=dfe.TWENTY_WEEKS, days__lte=dfe.FIFTY_TWO_WEEKS)
            ),
            plans_issued_gt20weeks_ltYear_ex=Count(
                "pk", filter=Q(days__gt=dfe.TWENTY_WEEKS, days__lte=dfe.FIFTY_TWO_WEEKS, week20=False)
            ),
            plans_issued_gt_1_year=Count("pk", filter=Q(days__gt=dfe.FIFTY_TWO_WEEKS)),
            plans_issued_gt_1_year_ex=Count("pk", filter=Q(days__gt=dfe.FIFTY_TWO_WEEKS, week20=False)),
        )
    )
    den, den_ex = issued["plans_issued_den"], issued["plans_issued_den_ex"]
    return issued | {
        "pc_plans_issued_within_20_weeks": dfe.dfe_percentage(issued["plans_issued_within_20_weeks"], den),
        "PC_plans_issued_20_weeks_ex": dfe.dfe_percentage(issued["plans_issued_20_weeks_ex"], den_ex),
        "pc_plans_issued_gt20weeks_ltYear": dfe.dfe_percentage(issued["plans_issued_gt20weeks_ltYear"], den),
        "PC_plans_issued_gt20weeks_ltYear_ex": dfe.dfe_percentage(issued["plans_issued_gt20weeks_ltYear_ex"], den_ex),
        "pc_plans_issued_gt_1_year": dfe.dfe_percentage(issued["plans_issued_gt_1_year"], den),
        "PC_plans_issued_gt_1_year_ex": dfe.dfe_percentage(issued["plans_issued_gt_1_year_ex"], den_ex),
    }


def _need_shares(counts: Mapping[str, int], total: int) -> dict[str, Figure]:
    """sen_needs_*.csv figures from plan counts keyed by SEN2 primary need ("" when not recorded)."""
    numbers = dict.fromkeys((*dfe.NEED_STEMS, "need_unknown"), 0)
    for need, number in counts.items():
        numbers[dfe.NEED_COLUMNS.get(need, "need_unknown")] += number
    figures: dict[str, Figure] = {"ehc_plans": total}
    figures |= {f"number_{stem}": number for stem, number in numbers.items()}
    figures |= {f"{stem}_pc": dfe.dfe_percentage(numbers[stem], total) for stem in dfe.NEED_STEMS}
    figures["unknown_pc"] = dfe.dfe_percentage(numbers["need_unknown"], total)
    return figures


def _plans(plans: QuerySet[Plan], *, start: dt.date, end: dt.date, census: dt.date) -> tuple[dict, dict]:
    """caseload.csv, newplans.csv and both primary-need files, in one pass over the plans.

    A plan is active on the census date if it was issued on or before it and had not ended by
    then (a plan whose cease date is the census date has ended). A new plan is one issued in
    the year by this council: not transferred in, and not the replacement a re-assessment
    issues for a plan the council already maintained. Primary need is the child's current
    primary need: SENDcase keeps no history of it. [UNCONFIRMED: how the release treats
    re-assessments]

    One row per primary need (at most 14) comes back: two conditional counts grouped by need
    cost far less than a conditional count for every need.
    """
    active = Q(issued_on__lte=census) & (Q(ceased_on__gt=census) | Q(ceased_on__isnull=True, status=PlanStatus.ACTIVE))
    new = Q(issued_on__range=(start, end), transferred_in_from="") & (
        Q(request__isnull=True) | Q(request__kind=RequestKind.INITIAL)
    )
    rows = (
        plans.filter(active | new)
        .values_list("child__primary_need")
        .annotate(active=Count("pk", filter=active), new=Count("pk", filter=new))
        .order_by()
    )
    active_by_need: dict[str, int] = {}
    new_by_need: dict[str, int] = {}
    for need, active_count, new_count in rows:
        active_by_need[need] = active_by_need.get(need, 0) + active_count
        new_by_need[need] = new_by_need.get(need, 0) + new_count
    total, total_new = sum(active_by_need.values()), sum(new_by_need.values())
    all_needs = {"ehcplans": total, "new_ehc_plans": total_new} | _need_shares(active_by_need, total)
    return all_needs, _need_shares(new_by_need, total_new)


def _ceased(plans: QuerySet[Plan], *, start: dt.date, end: dt.date) -> dict:
    """ceased_plans.csv: plans that ended in the year, by SEN2 CeaseReason.

    A plan replaced by the plan a re-assessment issued (same child, new plan issued the day the
    old one ended) has not ceased: the child still has a plan. A plan transferred to another
    council with no reason recorded counts as reason 5 (transferred), as its status says.
    """
    replaced = Plan.objects.filter(
        child=OuterRef("child"), issued_on=OuterRef("ceased_on"), request__kind=RequestKind.REASSESSMENT
    )
    transfer = Q(cease_reason="5") | Q(cease_reason="", status=PlanStatus.TRANSFERRED_OUT)
    counts = {
        column: Count("pk", filter=Q(cease_reason=code))
        for code, column in dfe.CEASE_COLUMNS.items()
        if column != "transfer"
    }
    row = (
        plans.filter(ceased_on__range=(start, end))
        .annotate(replaced=Exists(replaced))
        .filter(replaced=False)
        .aggregate(
            transfer=Count("pk", filter=transfer),
            not_rec=Count("pk", filter=Q(cease_reason="") & ~Q(status=PlanStatus.TRANSFERRED_OUT)),
            total_ceased=Count("pk"),
            **counts,
        )
    )
    return {name: row[name] for name in dfe.DATASET_VARIABLES["ceased_plans"]}
