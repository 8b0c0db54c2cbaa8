"""Reads for the staff pages: already filtered by the access module, already joined."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, Prefetch, Q, QuerySet

from sendcase import timescales
from sendcase.access import children_visible_to
from sendcase.cases.clock import Step, request_steps
from sendcase.cases.models import (
    AdviceRequest,
    AssessDecision,
    AssessmentRequest,
    ContactLogEntry,
    IssueDecision,
    Outcome,
    Plan,
    PlanStatus,
    RequestKind,
    SettingConsultation,
    TimescaleException,
)
from sendcase.people.models import Child, FamilyLink, KeyWorkerAssignment, Stage
from sendcase.timescales.reviews import ANNUAL_REVIEW, annual_review_due

if TYPE_CHECKING:
    from sendcase.accounts.models import User

# What each caseload step code means, and the rule behind its date.
STEP_LABELS: dict[str, tuple[str, str]] = {
    "decision": ("Decide whether to assess", timescales.DECISION_TO_ASSESS.regulation),
    "advice": ("Advice due", timescales.ADVICE.regulation),
    "issue": ("Decide whether to issue a plan", timescales.DECISION_NOT_TO_ISSUE.regulation),
    "final": ("Issue the final plan", timescales.FINAL_PLAN.regulation),
    "review": ("Annual review due", ANNUAL_REVIEW.regulation),
}


def step_label(code: str) -> tuple[str, str]:
    return STEP_LABELS.get(code.split(":", 1)[0], ("", ""))


def caseload(*, viewer: User, officer: User, stage: str = "", locality: object = None) -> QuerySet[Child]:
    """The officer's open cases, soonest statutory date first (undated last)."""
    qs = (
        children_visible_to(viewer)
        .filter(key_worker=officer)
        .exclude(stage=Stage.CLOSED)
        .select_related("setting", "locality")
        .order_by(F("next_due_on").asc(nulls_last=True), "last_name", "first_name")
    )
    if stage:
        qs = qs.filter(stage=stage)
    if locality:
        qs = qs.filter(locality_id=locality)
    return qs


def caseload_counts(qs: QuerySet[Child], *, today: dt.date) -> dict[str, int]:
    return qs.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(next_due_on__lt=today)),
        due_this_week=Count("pk", filter=Q(next_due_on__gte=today, next_due_on__lte=today + dt.timedelta(days=7))),
    )


@dataclass(frozen=True)
class RequestView:
    request: AssessmentRequest
    steps: list[Step]
    week20_exception: bool


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    review: timescales.StepStatus | None  # the next annual review, for a plan still maintained


@dataclass(frozen=True)
class CasePage:
    child: Child
    family: list[FamilyLink]
    requests: list[RequestView]
    plans: list[PlanView]
    contacts: list[ContactLogEntry]
    key_workers: list[KeyWorkerAssignment]


def case_page(*, viewer: User, child: Child, today: dt.date) -> CasePage:
    """Everything the case page shows, in a fixed number of queries."""
    requests = list(
        AssessmentRequest.objects.filter(child=child)
        .select_related("family_requested_setting", "requester_organisation")
        .prefetch_related(
            Prefetch("advice_requests", queryset=AdviceRequest.objects.select_related("organisation", "assigned_to")),
            Prefetch("exceptions", queryset=TimescaleException.objects.all()),
            Prefetch("consultations", queryset=SettingConsultation.objects.select_related("setting")),
        )
    )
    views = []
    for request in requests:
        exceptions = list(request.exceptions.all())
        views.append(
            RequestView(
                request=request,
                steps=request_steps(
                    request, today=today, advice=list(request.advice_requests.all()), exceptions=exceptions
                ),
                week20_exception=timescales.week20_exception_applies(
                    [e.as_period() for e in exceptions if e.advice_request_id is None], received=request.received_on
                ),
            )
        )
    return CasePage(
        child=child,
        family=list(child.family_links.select_related("member").order_by("-main_contact", "member__last_name")),
        requests=views,
        plans=[
            PlanView(
                plan=plan,
                review=timescales.step_status(
                    due=annual_review_due(plan.last_review_on or plan.issued_on),
                    done=None,
                    today=today,
                    rule=ANNUAL_REVIEW,
                )
                if plan.status == PlanStatus.ACTIVE
                else None,
            )
            for plan in child.plans.select_related("named_setting")
        ],
        contacts=list(child.contacts.select_related("created_by")[:50]),
        key_workers=list(child.key_worker_history.select_related("officer", "assigned_by")[:20]),
    )


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.\- ](?P<m>\d{1,2})[/.\- ](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)
_UPN = re.compile(r"^[A-Za-z]\d{11}[A-Za-z0-9]$")


def _as_date(text: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def children_search(*, viewer: User, query: str) -> QuerySet[Child]:
    """Children matching a name, a UPN or a date of birth (like 14/03/2015)."""
    query = query.strip()
    qs = children_visible_to(viewer).select_related("setting", "key_worker")
    if not query:
        return qs.none()
    if _UPN.match(query):
        return qs.filter(upn=query.upper())
    born = _as_date(query)
    if born is not None:
        return qs.filter(date_of_birth=born).order_by("last_name", "first_name")
    condition = Q()
    for word in query.split()[:4]:
        condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(known_as__icontains=word)
    return qs.filter(condition).order_by("last_name", "first_name")


@dataclass(frozen=True)
class TeamOverview:
    officers: list[dict[str, object]]
    decisions_due: QuerySet[AssessmentRequest]
    final_plans_due: QuerySet[AssessmentRequest]
    overdue: QuerySet[Child]


def team_overview(*, viewer: User, today: dt.date, locality: object = None) -> TeamOverview:
    """A manager's view: caseload per officer and the cases at risk of missing a statutory limit."""
    children = children_visible_to(viewer).exclude(stage=Stage.CLOSED)
    if locality:
        children = children.filter(locality_id=locality)
    officers = list(
        children.filter(key_worker__isnull=False)
        .values("key_worker", "key_worker__first_name", "key_worker__last_name")
        .annotate(
            total=Count("pk"),
            open_requests=Count("pk", filter=~Q(stage=Stage.PLAN)),
            plans=Count("pk", filter=Q(stage=Stage.PLAN)),
            overdue=Count("pk", filter=Q(next_due_on__lt=today)),
            due_this_week=Count("pk", filter=Q(next_due_on__gte=today, next_due_on__lte=today + dt.timedelta(days=7))),
        )
        .order_by("key_worker__first_name", "key_worker__last_name")
    )
    open_requests = AssessmentRequest.objects.filter(child__in=children, outcome=Outcome.OPEN).select_related(
        "child", "child__key_worker"
    )
    # Due dates are a fixed number of days after receipt, so "due within N days" is a range of
    # receipt dates: one indexed query rather than a computation per case.
    decision_days = (timescales.decision_to_assess_due(today) - today).days
    final_days = (timescales.final_plan_due(today) - today).days
    decisions_due = open_requests.filter(
        kind=RequestKind.INITIAL,
        assess_decision="",
        received_on__gte=today - dt.timedelta(days=decision_days),
        received_on__lte=today + dt.timedelta(days=7) - dt.timedelta(days=decision_days),
    ).order_by("received_on")
    final_plans_due = open_requests.filter(
        Q(assess_decision=AssessDecision.ASSESS) | Q(kind=RequestKind.REASSESSMENT),
        ~Q(issue_decision=IssueDecision.NOT_ISSUE),
        received_on__gte=today - dt.timedelta(days=final_days),
        received_on__lte=today + dt.timedelta(days=14) - dt.timedelta(days=final_days),
    ).order_by("received_on")
    overdue = children.filter(next_due_on__lt=today).select_related("key_worker").order_by("next_due_on")
    return TeamOverview(
        officers=officers, decisions_due=decisions_due, final_plans_due=final_plans_due, overdue=overdue
    )
