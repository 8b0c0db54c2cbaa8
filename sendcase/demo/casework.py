"""Synthetic EHC needs assessments: each request's whole timeline, cut off at "today".

A request is planned from receipt to final plan first (days after receipt for each step, in the
order the services insist on), then only the steps dated on or before today are recorded. So a
request received last month is awaiting its decision, one received four months ago has advice
outstanding, and an old one that ran late is still open and overdue, all from one rule.

The shape follows the seed papers and the national statistics: about a quarter of requests not
assessed, 5% withdrawn, about 6.5% of assessments ending without a plan, decisions mostly inside
6 weeks, roughly half of plans inside 20 weeks, health advice often late, and 7.5% of
assessments with a reg 10(4) exception recorded with its dates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sendcase.cases.models import (
    AdviceRequest,
    AssessDecision,
    AssessmentRequest,
    ConsultationResponse,
    Contributor,
    IssueDecision,
    Outcome,
    Plan,
    PlanStatus,
    RequestKind,
    SettingConsultation,
    TimescaleException,
)
from sendcase.demo import reference
from sendcase.demo.council import CouncilSpec
from sendcase.demo.ids import new_uuid
from sendcase.demo.organisations import Directory
from sendcase.demo.people import PeopleMaker, Picker, age_on
from sendcase.demo.staff import Staff
from sendcase.people.models import Child
from sendcase.timescales import ExceptionKind

_SOURCE = Picker(reference.REQUEST_SOURCE_WEIGHTS)
# Days after receipt -> the date of that step, or None if it has not happened by today.
StepDate = Callable[[int | None], dt.date | None]
# Share of each contributor's advice that arrives within its 6 weeks (health is the slowest).
_ADVICE_ON_TIME = {
    Contributor.EDUCATIONAL_PSYCHOLOGY: 0.72,
    Contributor.HEALTH: 0.45,
    Contributor.SOCIAL_CARE: 0.6,
    Contributor.SETTING: 0.85,
    Contributor.PARENT: 0.9,
}


@dataclass
class OpenCase:
    """An open request with the rows the statutory clock reads, kept for the caseload summary."""

    request: AssessmentRequest
    advice: list[AdviceRequest] = field(default_factory=list)
    exceptions: list[TimescaleException] = field(default_factory=list)
    consulted: bool = False


class CaseworkMaker:
    def __init__(
        self,
        *,
        rng: random.Random,
        spec: CouncilSpec,
        directory: Directory,
        staff: Staff,
        people: PeopleMaker,
        today: dt.date,
        rows: list[object],
    ) -> None:
        self.rng, self.spec, self.directory, self.staff = rng, spec, directory, staff
        self.people, self.today, self.rows = people, today, rows
        self.open_cases: dict[object, OpenCase] = {}  # child pk -> its open request
        self.active_plans: dict[object, Plan] = {}  # child pk -> its maintained plan
        self.requests = 0

    # Plans ----------------------------------------------------------------------------------

    def last_review(self, issued: dt.date) -> dt.date | None:
        """Most plans were reviewed in the last 12 months; about one in six is overdue."""
        rng, today = self.rng, self.today
        if (today - issued).days < 330:
            return None
        if rng.random() < 0.84:
            reviewed = today - dt.timedelta(days=rng.randint(0, 340))
        else:
            reviewed = today - dt.timedelta(days=rng.randint(366, 540))
        return reviewed if reviewed >= issued + dt.timedelta(days=300) else None

    def plan(
        self,
        child: Child,
        *,
        issued: dt.date,
        request: AssessmentRequest | None = None,
        transferred_in_from: str = "",
        sen_setting: str = "",
    ) -> Plan:
        """A maintained plan naming the child's current setting."""
        plan = Plan(
            id=new_uuid(self.rng),
            child=child,
            request=request,
            issued_on=issued,
            named_setting=child.setting,
            sen_setting="" if child.setting else (sen_setting or "OTH"),
            transferred_in_from=transferred_in_from,
            last_review_on=self.last_review(issued),
        )
        previous = self.active_plans.get(child.pk)
        if previous is not None:
            # A re-assessment replaces the plan, as final_plan_issue does.
            previous.status, previous.ceased_on = PlanStatus.CEASED, issued
        self.active_plans[child.pk] = plan
        self.rows.append(plan)
        return plan

    def cease(self, plan: Plan, *, on: dt.date, reason: str) -> None:
        plan.status = PlanStatus.TRANSFERRED_OUT if reason == "5" else PlanStatus.CEASED
        plan.ceased_on, plan.cease_reason = on, reason
        plan.last_review_on = plan.last_review_on if plan.last_review_on and plan.last_review_on <= on else None
        self.active_plans.pop(plan.child_id, None)

    # Requests -------------------------------------------------------------------------------

    def request(
        self, child: Child, received: dt.date, *, kind: str = RequestKind.INITIAL, awaiting_decision: bool = False
    ) -> AssessmentRequest:
        """Plan a request's whole timeline, then record the steps dated on or before today."""
        rng, spec, today = self.rng, self.spec, self.today
        initial = kind == RequestKind.INITIAL
        u = rng.random()
        if awaiting_decision:
            fate = "assessed"
        elif initial:
            fate = "not_assessed" if u < 0.25 else "withdrawn" if u < 0.30 else "moved" if u < 0.312 else "assessed"
        else:
            fate = "withdrawn" if u < 0.05 else "assessed"
        not_issued = fate == "assessed" and rng.random() < (0.065 if initial else 0.02)

        # Days after receipt of each step.
        if not initial:
            d = 0
        elif awaiting_decision:
            d = rng.randint(25, 38)
        elif rng.random() < spec.decision_timely_share:
            d = round(rng.triangular(14, 42, 38))
        else:
            d = 43 + min(100, int(rng.expovariate(1 / 12)))
        limit = 140 if initial else 98
        has_exception = fate != "not_assessed" and not not_issued and rng.random() < 0.075
        if has_exception:
            final = limit + rng.randint(10, 100)
        elif d + 60 <= limit and rng.random() < spec.timely_share:
            final = rng.randint(max(d + 60, limit - 50), limit)
        else:
            final = limit + 1 + min(300, int(rng.expovariate(1 / 40)))
        final = max(final, d + 60)
        draft = final - rng.randint(15, 30)
        issue = draft - rng.randint(0, 10)
        if issue < d + 28:
            issue = d + 28
            draft = max(draft, issue)
            final = max(final, draft + 15)
        if not_issued:
            on_time = d + 28 <= 112 and rng.random() < 0.8
            issue = rng.randint(max(d + 28, 60), 112) if on_time else max(d + 28, rng.randint(113, 170))

        cutoff = None
        if fate == "withdrawn":
            cutoff = rng.randint(7, max(7, final - 1))
        elif fate == "moved":
            cutoff = rng.randint(14, max(14, final - 1))

        def on(days: int | None) -> dt.date | None:
            """The date `days` after receipt, if that step has happened by today."""
            if days is None or (cutoff is not None and days > cutoff):
                return None
            date = received + dt.timedelta(days=days)
            return date if date <= today else None

        source = _SOURCE(rng) if initial else "setting"
        requester = {
            "setting": child.setting,
            "health": self.directory.health[0],
            "social_care": self.directory.social_care,
        }.get(source)
        if source == "setting" and requester is None:
            source = "parent"
        request = AssessmentRequest(
            id=new_uuid(rng),
            child=child,
            kind=kind,
            received_on=received,
            source=source,
            requester_organisation=requester,
            outcome=Outcome.OPEN,
        )
        self.requests += 1
        self.rows.append(request)
        case = OpenCase(request)

        decided = on(d) if initial else None
        if initial and decided:
            request.assess_decision = AssessDecision.NOT_ASSESS if fate == "not_assessed" else AssessDecision.ASSESS
            request.assess_decision_on = decided
            if fate == "not_assessed":
                request.outcome, request.closed_on = Outcome.NOT_ASSESSED, decided
        assessing = fate != "not_assessed" and (decided is not None or not initial)
        if assessing:
            self._advice(case, child, start=d, by=issue, on=on)
            if has_exception:
                self._exception(case, child, received, on=on)
            issued_on = on(issue)
            if issued_on:
                request.issue_decision = IssueDecision.NOT_ISSUE if not_issued else IssueDecision.ISSUE
                request.issue_decision_on = issued_on
                if not_issued:
                    request.outcome, request.closed_on = Outcome.NOT_ISSUED, issued_on
                else:
                    self._draft_and_final(case, child, received, draft=draft, final=final, on=on)

        if request.outcome == Outcome.OPEN and cutoff is not None and on(cutoff):
            closed = on(cutoff)
            if fate == "withdrawn":
                request.outcome, request.closed_reason = Outcome.WITHDRAWN, rng.choice(reference.WITHDRAWAL_REASONS)
            else:
                to_la = rng.choice([c for c in reference.NEIGHBOUR_LA_CODES if c != self.spec.code])
                request.outcome, request.transferred_out_to = Outcome.TRANSFERRED_OUT, to_la
                request.closed_reason = f"Moved to LA {to_la}"
            request.closed_on = closed
        if request.outcome == Outcome.OPEN:
            self.open_cases[child.pk] = case
        return request

    def _advice(self, case: OpenCase, child: Child, *, start: int, by: int, on: StepDate) -> None:
        rng, directory = self.rng, self.directory
        wanted: list[tuple[str, object, object]] = [
            (
                Contributor.EDUCATIONAL_PSYCHOLOGY,
                directory.ep_service,
                rng.choice(self.staff.eps) if self.staff.eps else None,
            )
        ]
        if rng.random() < 0.9:
            wanted.append((Contributor.HEALTH, rng.choice(directory.health), None))
        if child.looked_after or rng.random() < 0.35:
            wanted.append((Contributor.SOCIAL_CARE, directory.social_care, None))
        if child.setting is not None and rng.random() < 0.95:
            wanted.append((Contributor.SETTING, child.setting, None))
        if rng.random() < 0.5:
            wanted.append((Contributor.PARENT, None, None))
        for contributor, organisation, assignee in wanted:
            asked_days = min(start + rng.randint(0, 5), by)
            asked = on(asked_days)
            if asked is None:
                continue
            if rng.random() < _ADVICE_ON_TIME[contributor]:
                took = rng.randint(14, 42)
            else:
                took = 43 + min(80, int(rng.expovariate(1 / 18)))
            arrived_days = asked_days + took
            latest = by - rng.randint(0, 4)  # advice is in before the decision whether to issue
            if arrived_days > latest:
                arrived_days = max(asked_days, latest)
            advice = AdviceRequest(
                id=new_uuid(rng),
                request=case.request,
                contributor=contributor,
                organisation=organisation,
                assigned_to=assignee,
                requested_on=asked,
                received_on=on(arrived_days),
                summary="Advice received and filed" if on(arrived_days) else "",
            )
            case.advice.append(advice)
            self.rows.append(advice)
            if took > 42 and rng.random() < 0.08:
                missed = on(asked_days + rng.randint(7, 30))
                if missed:
                    exception = TimescaleException(
                        id=new_uuid(rng),
                        request=case.request,
                        advice_request=advice,
                        kind=ExceptionKind.ADVICE_MISSED_APPOINTMENT,
                        start_on=missed,
                        end_on=missed,
                        note="The child did not attend the appointment",
                    )
                    case.exceptions.append(exception)
                    self.rows.append(exception)

    def _exception(self, case: OpenCase, child: Child, received: dt.date, *, on: StepDate) -> None:
        """A reg 10(4) exception: the summer closure when it falls in the 20 weeks, else the family's."""
        rng = self.rng
        kind, note = None, ""
        if child.setting is not None:
            for year in (received.year, received.year + 1):
                closing = dt.date(year, 7, 15)  # a week before the summer holiday
                if received <= closing <= received + dt.timedelta(days=110):
                    kind, start, end = ExceptionKind.SCHOOL_CLOSURE, closing, dt.date(year, 8, 28)
                    note = "School closed for the summer holiday while its advice was requested"
                    break
        if kind is None:
            start = received + dt.timedelta(days=rng.randint(14, 100))
            if rng.random() < 0.6:
                kind, end = ExceptionKind.PERSONAL_CIRCUMSTANCES, start + dt.timedelta(days=rng.randint(14, 70))
                note = "Family bereavement; the parent asked for a pause"
            else:
                kind, end = ExceptionKind.ABSENCE_FROM_AREA, start + dt.timedelta(days=rng.randint(28, 60))
                note = "Family away from the area for more than 4 weeks"
        started = on((start - received).days)
        if started is None:
            return
        exception = TimescaleException(
            id=new_uuid(rng),
            request=case.request,
            kind=kind,
            start_on=started,
            end_on=end if end <= self.today else None,
            note=note,
        )
        case.exceptions.append(exception)
        self.rows.append(exception)

    def _draft_and_final(
        self, case: OpenCase, child: Child, received: dt.date, *, draft: int, final: int, on: StepDate
    ) -> None:
        rng, request = self.rng, case.request
        served = on(draft)
        if served is None:
            return
        request.draft_served_on = served
        r = rng.random()
        responded = draft + rng.randint(3, 14) if r < 0.75 else draft + rng.randint(15, 28) if r < 0.85 else None
        if responded is not None and responded <= final and on(responded):
            request.family_response_on = on(responded)
            request.family_response_notes = "Parent agrees with the draft; asked for more detail in section F"

        age = age_on(child.date_of_birth, received + dt.timedelta(days=final))
        named, sen_setting = self.people.setting_for(age, child.primary_need, child.locality)
        if named is not None:
            kind_pool = [o for o in self.directory.settings[self.directory.kind_of[named.pk]] if o.pk != named.pk]
            others = rng.sample(kind_pool, k=min(len(kind_pool), rng.choices((0, 1, 2), cum_weights=(65, 93, 100))[0]))
            for i, setting in enumerate([*others, named]):
                sent_days = draft + rng.randint(0, 4)
                answered = on(min(sent_days + rng.randint(4, 21), final))
                if on(sent_days) is None:
                    continue
                response = (
                    ""
                    if answered is None
                    else ConsultationResponse.CAN_MEET
                    if setting is named
                    else rng.choice((ConsultationResponse.CANNOT_MEET, ConsultationResponse.NO_PLACES))
                )
                consultation = SettingConsultation(
                    id=new_uuid(rng),
                    request=request,
                    setting=setting,
                    sent_on=on(sent_days),
                    responded_on=answered,
                    response=response,
                )
                self.rows.append(consultation)
                case.consulted = True
                if i == 0 and request.family_response_on:
                    request.family_requested_setting = setting
        issued = on(final)
        if issued is None:
            return
        request.final_issued_on = issued
        request.outcome, request.closed_on = Outcome.PLAN_ISSUED, issued
        child.setting = named
        self.plan(child, issued=issued, request=request, sen_setting=sen_setting)
