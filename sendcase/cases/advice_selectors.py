"""Reads about requests for advice: a contributor's inbox and each agency's timeliness (reg 8(1))."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, DateField, ExpressionWrapper, F, Prefetch, Q

from sendcase import timescales
from sendcase.access.advice import advice_inbox_for
from sendcase.cases.models import AdviceRequest, Outcome, TimescaleException
from sendcase.organisations.models import Organisation
from sendcase.timescales import StepState, StepStatus
from sendcase.timescales.dates import plural_days

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import LocalAuthority

RETURNED_SHOWN = 50


def advice_status(advice: AdviceRequest, *, today: dt.date) -> StepStatus:
    """Where this advice stands against its 6 weeks (reg 8(1)), with any reg 8(2) exception."""
    return timescales.step_status(
        due=timescales.advice_due(advice.requested_on),
        done=advice.received_on,
        today=today,
        rule=timescales.ADVICE,
        exceptions=[e.as_period() for e in advice.exceptions.all()],
        clock_start=advice.requested_on,
    )


def status_text(status: StepStatus) -> str:
    """Short words for the inbox: "Due in 9 days", "Overdue by 3 days", "Received 2 June 2025"."""
    days = status.days or 0
    match status.state:
        case StepState.DUE if days == 0:
            return "Due today"
        case StepState.DUE:
            return f"Due in {plural_days(days)}"
        case StepState.OVERDUE:
            return f"Overdue by {plural_days(days)}"
        case StepState.EXCEPTION:
            return f"Delayed: {status.exception.kind.label}" if status.exception else "Delayed"
        case _:
            return f"Received {timescales.format_date(status.done)}" if status.done else "Not applicable"


@dataclass(frozen=True)
class InboxRow:
    advice: AdviceRequest
    status: StepStatus
    status_text: str

    @property
    def child(self):  # type: ignore[no-untyped-def]
        return self.advice.request.child


@dataclass(frozen=True)
class AdviceInbox:
    mine: list[InboxRow]  # assigned to me, waiting for my advice
    unassigned: list[InboxRow]  # organisation administrators: the shared inbox, to assign
    returned: list[InboxRow]  # advice already received, most recent first


def advice_inbox(*, viewer: User, today: dt.date) -> AdviceInbox:
    """The viewer's advice inbox, soonest due first. Only their own requests (sendcase.access.advice)."""
    qs = advice_inbox_for(viewer).prefetch_related(Prefetch("exceptions", queryset=TimescaleException.objects.all()))
    waiting = qs.filter(received_on__isnull=True, request__outcome=Outcome.OPEN).order_by("requested_on")
    returned = qs.filter(received_on__isnull=False).order_by("-received_on")[:RETURNED_SHOWN]

    def row(advice: AdviceRequest) -> InboxRow:
        status = advice_status(advice, today=today)
        return InboxRow(advice=advice, status=status, status_text=status_text(status))

    rows = [row(a) for a in waiting]
    return AdviceInbox(
        mine=[r for r in rows if r.advice.assigned_to_id == viewer.pk],
        unassigned=[r for r in rows if r.advice.assigned_to_id is None],
        returned=[row(a) for a in returned],
    )


@dataclass(frozen=True)
class AgencyTimeliness:
    """One organisation's advice for requests made in a period."""

    organisation_id: object
    name: str
    requested: int
    returned: int
    returned_within_6_weeks: int
    outstanding: int
    overdue: int

    @property
    def percent_within_6_weeks(self) -> float | None:
        """Returned within 6 weeks, as a share of advice returned or now overdue; None if there is none."""
        denominator = self.returned + self.overdue
        return None if denominator == 0 else round(100 * self.returned_within_6_weeks / denominator, 1)


def advice_timeliness_by_organisation(
    local_authority: LocalAuthority,
    from_date: dt.date,
    to_date: dt.date,
    locality: object = None,
    *,
    today: dt.date | None = None,
) -> list[AgencyTimeliness]:
    """Per organisation: advice asked of it between `from_date` and `to_date` (inclusive), and how much came in time.

    "Within 6 weeks" is the reg 8(1) limit from the day the request reached the contributor, as
    timescales.advice_due computes it; advice returned late counts as late even when a reg 8(2)
    exception excused it. "Overdue" is advice still outstanding on an open request after its due
    date with no exception excusing it. Advice on a request that closed before it came in is
    neither outstanding nor overdue. `locality` filters by the child's locality.
    """
    from sendcase.core.clock import today as clock_today

    today = today or clock_today()
    qs = AdviceRequest.objects.filter(
        request__child__local_authority=local_authority, requested_on__gte=from_date, requested_on__lte=to_date
    )
    if locality:
        qs = qs.filter(request__child__locality=locality)
    # reg 8(1) gives a fixed number of days from the request (timescales.advice_due), so "on time"
    # and "past due" are comparisons with the request date: one aggregate query, not a row each.
    days = (timescales.advice_due(today) - today).days
    due = ExpressionWrapper(F("requested_on") + dt.timedelta(days=days), output_field=DateField())
    waiting = Q(received_on__isnull=True, request__outcome=Outcome.OPEN)
    past_due = waiting & Q(requested_on__lt=today - dt.timedelta(days=days))
    counts = {
        row["organisation_id"]: row
        for row in qs.order_by()
        .values("organisation_id")
        .annotate(
            requested=Count("pk"),
            returned=Count("pk", filter=Q(received_on__isnull=False)),
            within=Count("pk", filter=Q(received_on__lte=due)),
            outstanding=Count("pk", filter=waiting),
            past_due=Count("pk", filter=past_due),
        )
    }
    # Past-due advice a reg 8(2) exception excuses is not overdue: only those with an exception
    # recorded need the clock, usually a handful.
    excused: dict[object, int] = defaultdict(int)
    periods: dict[object, list[timescales.ExceptionPeriod]] = defaultdict(list)
    facts: dict[object, tuple[object, dt.date]] = {}
    for exception in TimescaleException.objects.filter(
        advice_request__in=qs.filter(past_due).values("pk")
    ).select_related("advice_request"):
        periods[exception.advice_request_id].append(exception.as_period())
        facts[exception.advice_request_id] = (
            exception.advice_request.organisation_id,  # type: ignore[union-attr]
            exception.advice_request.requested_on,  # type: ignore[union-attr]
        )
    for advice_id, (org_id, requested_on) in facts.items():
        status = timescales.step_status(
            due=timescales.advice_due(requested_on),
            done=None,
            today=today,
            rule=timescales.ADVICE,
            exceptions=periods[advice_id],
            clock_start=requested_on,
        )
        if status.state == StepState.EXCEPTION:
            excused[org_id] += 1
    names = dict(Organisation.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
    return sorted(
        (
            AgencyTimeliness(
                organisation_id=org_id,
                name=names.get(org_id, "No organisation recorded"),
                requested=row["requested"],
                returned=row["returned"],
                returned_within_6_weeks=row["within"],
                outstanding=row["outstanding"],
                overdue=row["past_due"] - excused[org_id],
            )
            for org_id, row in counts.items()
        ),
        key=lambda r: (r.organisation_id is None, r.name.lower()),
    )
