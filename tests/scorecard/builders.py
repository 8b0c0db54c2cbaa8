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
