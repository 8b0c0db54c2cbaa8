"""Hand-built person-level records for scorecard tests: one request at a time, dates as given."""

from __future__ import annotations

import datetime as dt

from sendcase.cases.models import (
    AdviceRequest,
    AssessmentRequest,
    Outcome,
    RequestKind,
    TimescaleException,
)
from tests.factories import ChildFactory


def request(
    la,
    *,
    received: dt.date,
    decided: dt.date | None = None,
    decision: str = "assess",
    issued: dt.date | None = None,
    kind: str = RequestKind.INITIAL,
    locality=None,
    outcome: str | None = None,
) -> AssessmentRequest:
    child = ChildFactory(local_authority=la, locality=locality)
    return AssessmentRequest.objects.create(
        child=child,
        kind=kind,
        received_on=received,
        source="parent",
        assess_decision=decision if decided else "",
        assess_decision_on=decided,
        issue_decision="issue" if issued else "",
        final_issued_on=issued,
        outcome=outcome or (Outcome.PLAN_ISSUED if issued else Outcome.OPEN),
    )


def exception(req: AssessmentRequest, kind: str, start: dt.date, end: dt.date | None) -> TimescaleException:
    return TimescaleException.objects.create(request=req, kind=kind, start_on=start, end_on=end)


def advice(
    req: AssessmentRequest, *, organisation, requested: dt.date, received: dt.date | None, contributor: str = "health"
) -> AdviceRequest:
    return AdviceRequest.objects.create(
        request=req, contributor=contributor, organisation=organisation, requested_on=requested, received_on=received
    )


def reviewed(la, *, locality=None, key_worker=None, **dates):
    """A child with a maintained plan and one annual review with the dates given (see tests.reviews.builders)."""
    from tests.reviews.builders import child_with_plan, review

    _, plan = child_with_plan(la, born=dt.date(2012, 5, 5), locality=locality, key_worker=key_worker)
    if dates.get("meeting_held_on") and "invitations_sent_on" not in dates:
        dates["invitations_sent_on"] = dates["meeting_held_on"] - dt.timedelta(weeks=8)
    return review(plan, **dates)


def held_by(child, officer, since: dt.date, until: dt.date | None = None):
    """A period in the child's key worker history, from the start of `since` to the start of `until`."""
    from django.utils import timezone

    from sendcase.people.models import KeyWorkerAssignment

    def at(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))

    return KeyWorkerAssignment.objects.create(
        child=child, officer=officer, started_at=at(since), ended_at=at(until) if until else None
    )
