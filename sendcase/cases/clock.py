"""A request's statutory steps: what is done, what is due, and which rule says so.

This is the one place that maps recorded events onto sendcase.timescales. The case page, the
caseload summary and the manager's page all read steps from here, so a due date shown
anywhere comes with the rule that made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sendcase import timescales
from sendcase.cases.models import (
    AdviceRequest,
    AssessDecision,
    AssessmentRequest,
    IssueDecision,
    Outcome,
    RequestKind,
    TimescaleException,
)
from sendcase.timescales import StepStatus


@dataclass(frozen=True)
class Step:
    """One statutory step of a request, as shown on the case page."""

    code: str  # stable: "decision", "advice:<uuid>", "issue", "draft", "response", "final"
    title: str
    status: StepStatus
    done_text: str = ""  # what was recorded, e.g. "Decided to assess"
    owner: str = "council"  # "council", "contributor" or "family": whose deadline it is
    action: str = ""  # the recording form's step name, when the step can still be recorded

    @property
    def counts_for_caseload(self) -> bool:
        # The family's 15 days are theirs, not a deadline the officer can miss.
        return self.owner != "family" and self.status.is_open and self.status.due is not None


def _periods(
    exceptions: Iterable[TimescaleException], *, advice: AdviceRequest | None
) -> list[timescales.ExceptionPeriod]:
    return [
        e.as_period()
        for e in exceptions
        if (advice is None and e.advice_request_id is None) or (advice is not None and e.advice_request_id == advice.pk)
    ]


def request_steps(
    request: AssessmentRequest,
    *,
    today: dt.date,
    advice: Sequence[AdviceRequest] | None = None,
    exceptions: Sequence[TimescaleException] | None = None,
) -> list[Step]:
    """Every statutory step of `request` with its state on `today`.

    Pass `advice` and `exceptions` when they are already loaded (the case page prefetches them),
    otherwise they are read from the request.
    """
    advice = list(request.advice_requests.all()) if advice is None else list(advice)
    exceptions = list(request.exceptions.all()) if exceptions is None else list(exceptions)
    received = request.received_on
    request_periods = _periods(exceptions, advice=None)
    closed = request.outcome != Outcome.OPEN
    steps: list[Step] = []

    def status(
        rule: timescales.Rule,
        due: dt.date | None,
        done: dt.date | None,
        periods: list[timescales.ExceptionPeriod],
        applicable: bool = True,
    ) -> StepStatus:
        if not applicable:
            return timescales.step_status(due=None, done=done, today=today, rule=rule)
        if done is None and closed:
            # A withdrawn or transferred request has no open deadlines left to miss.
            return timescales.step_status(due=None, done=None, today=today, rule=rule)
        return timescales.step_status(
            due=due, done=done, today=today, rule=rule, exceptions=periods, clock_start=received
        )

    decision_done = request.assess_decision_on
    steps.append(
        Step(
            code="decision",
            title="Decide whether to assess",
            status=status(
                timescales.DECISION_TO_ASSESS,
                timescales.decision_to_assess_due(received),
                decision_done,
                request_periods,
                applicable=request.kind == RequestKind.INITIAL,
            ),
            done_text={"assess": "decided to assess", "not_assess": "decided not to assess"}.get(
                request.assess_decision, ""
            ),
            action="" if decision_done or closed else "decision",
        )
    )
    assessing = request.assess_decision == AssessDecision.ASSESS or request.kind == RequestKind.REASSESSMENT

    for item in advice:
        periods = _periods(exceptions, advice=item)
        steps.append(
            Step(
                code=f"advice:{item.pk}",
                title=f"{item.get_contributor_display()} advice"
                + (f" from {item.organisation.name}" if item.organisation_id and item.organisation else ""),
                status=timescales.step_status(
                    due=timescales.advice_due(item.requested_on),
                    done=item.received_on,
                    today=today,
                    rule=timescales.ADVICE,
                    exceptions=periods,
                    clock_start=item.requested_on,
                )
                if not (closed and item.received_on is None)
                else timescales.step_status(due=None, done=None, today=today, rule=timescales.ADVICE),
                done_text="advice received" if item.received_on else "",
                owner="contributor",
                action="" if item.received_on or closed else f"advice-received:{item.pk}",
            )
        )

    issue_rule = timescales.DECISION_NOT_TO_ISSUE
    steps.append(
        Step(
            code="issue",
            title="Decide whether to issue a plan",
            status=status(
                issue_rule,
                timescales.decision_not_to_issue_due(received),
                request.issue_decision_on,
                request_periods,
                applicable=assessing,
            ),
            done_text={"issue": "decided to issue a plan", "not_issue": "decided not to issue a plan"}.get(
                request.issue_decision, ""
            ),
            action="issue" if assessing and not request.issue_decision and not closed else "",
        )
    )
    issuing = request.issue_decision == IssueDecision.ISSUE
    steps.append(
        Step(
            code="draft",
            title="Send the draft plan to the family",
            # No statutory deadline for the draft itself (shared/domain: reg 13 sets none).
            status=timescales.step_status(due=None, done=request.draft_served_on, today=today, rule=None),
            done_text="draft plan served" if request.draft_served_on else "",
            action="draft" if issuing and not request.draft_served_on and not closed else "",
        )
    )
    if request.draft_served_on:
        steps.append(
            Step(
                code="response",
                title="Family's response to the draft plan",
                status=timescales.step_status(
                    due=timescales.draft_response_deadline(request.draft_served_on),
                    done=request.family_response_on,
                    today=today,
                    rule=timescales.DRAFT_RESPONSE,
                )
                if not (closed and request.family_response_on is None)
                else timescales.step_status(due=None, done=None, today=today, rule=timescales.DRAFT_RESPONSE),
                done_text="response received" if request.family_response_on else "",
                owner="family",
                action="response" if not request.family_response_on and not closed else "",
            )
        )
    final_rule, final_due = (
        (timescales.REASSESSMENT_FINAL_PLAN, timescales.reassessment_final_plan_due(received))
        if request.kind == RequestKind.REASSESSMENT
        else (timescales.FINAL_PLAN, timescales.final_plan_due(received))
    )
    steps.append(
        Step(
            code="final",
            title="Issue the final plan",
            status=status(
                final_rule,
                final_due,
                request.final_issued_on,
                request_periods,
                applicable=assessing and request.issue_decision != IssueDecision.NOT_ISSUE,
            ),
            done_text="final plan issued" if request.final_issued_on else "",
            action="final"
            if issuing and request.draft_served_on and not request.final_issued_on and not closed
            else "",
        )
    )
    return steps


def next_due(steps: Iterable[Step]) -> Step | None:
    """The open step with the earliest due date, which orders the officer's caseload."""
    candidates = [s for s in steps if s.counts_for_caseload]
    return min(candidates, key=lambda s: s.status.due or dt.date.max, default=None)
