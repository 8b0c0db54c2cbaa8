"""Person-level records built so that one council's year reproduces its published DfE figures.

Every number comes from the published row (tests/statistics/published.py). Around them the
builder puts the records the DfE definitions must leave out (requests of other years,
re-assessments, plans ceased on the census date, exceptions too short or of the wrong kind,
another council's cases) and puts records exactly on each line (day 42, day 140, day 364, the
census date), so a miscount shows up as a difference from the published figure.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

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
from sendcase.people.models import Child
from sendcase.statistics import dfe
from sendcase.timescales import ExceptionKind
from tests.statistics import published as release

DAY = dt.timedelta(days=1)
CODE_OF_CEASE_COLUMN = {column: code for code, column in dfe.CEASE_COLUMNS.items()}


@dataclass
class Published:
    """The published headline rows for one council and calendar year."""

    la_code: str
    year: int
    rows: dict[str, dict[str, str]]

    @classmethod
    def read(cls, la_code: str, year: int) -> Published:
        rows = {}
        for dataset in dfe.DATASET_VARIABLES:
            period = dfe.census_time_period(year) if dataset in dfe.CENSUS_DATASETS else str(year)
            try:
                rows[dataset] = release.council_row(dataset, period, la_code)
            except KeyError:
                continue  # e.g. primary need is published for one year only
        return cls(la_code, year, rows)

    def n(self, dataset: str, variable: str) -> int:
        return release.count(self.rows[dataset], variable)


@dataclass
class Builder:
    la: LocalAuthority
    year: int
    children: list[Child] = field(default_factory=list)
    requests: list[AssessmentRequest] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    exceptions: list[TimescaleException] = field(default_factory=list)

    @property
    def census(self) -> dt.date:
        return dfe.census_date(self.year + 1)

    def child(self, need: str = "", la: LocalAuthority | None = None) -> Child:
        made = Child(
            local_authority=la or self.la,
            first_name="Synthetic",
            last_name=f"Child {len(self.children) + 1}",
            date_of_birth=dt.date(2012, 3, 1),
            primary_need=need,
        )
        self.children.append(made)
        return made

    def request(self, child: Child, received: dt.date, **values: object) -> AssessmentRequest:
        made = AssessmentRequest(child=child, received_on=received, source="setting", **values)
        self.requests.append(made)
        return made

    def plan(self, child: Child, issued: dt.date, **values: object) -> Plan:
        made = Plan(child=child, issued_on=issued, **values)
        self.plans.append(made)
        return made

    def exception(self, request: AssessmentRequest, kind: ExceptionKind, start: int, end: int | None) -> None:
        received = request.received_on
        self.exceptions.append(
            TimescaleException(
                request=request,
                kind=kind.value,
                start_on=received + start * DAY,
                end_on=None if end is None else received + end * DAY,
            )
        )

    def save(self) -> None:
        Child.objects.bulk_create(self.children, batch_size=500)
        AssessmentRequest.objects.bulk_create(self.requests, batch_size=500)
        Plan.objects.bulk_create(self.plans, batch_size=500)
        TimescaleException.objects.bulk_create(self.exceptions, batch_size=500)


def needs(row: dict[str, str] | None, minus: dict[str, str] | None = None) -> list[str]:
    """Primary needs, one per plan, as the published counts give them (Down syndrome within 'other')."""
    if row is None:
        return []
    codes: list[str] = []
    for stem in (*dfe.NEED_STEMS, "need_unknown"):
        number = release.count(row, f"number_{stem}") - (release.count(minus, f"number_{stem}") if minus else 0)
        assert number >= 0, f"more new plans than plans with primary need {stem}"
        if stem == "need_unknown":
            codes += [""] * number
        elif stem == "oth":
            codes += ["DS" if i % 2 else "OTH" for i in range(number)]
        else:
            codes += [stem.upper()] * number
    return codes


def build_year(la: LocalAuthority, year: int, published: Published, *, other_la: LocalAuthority) -> Builder:
    """Records of ``la`` whose figures for ``year`` are the published ones; saved in bulk."""
    b = Builder(la, year)
    _requests(b, published)
    _refusals_to_issue(b, published)
    new_needs = iter(needs(published.rows.get("sen_need_newplans")) or itertools.repeat("ASD"))
    new_plans = _timeliness(b, published, new_needs)
    new_plans += _new_plans_without_request(b, published, new_needs)
    active = new_plans + _active_distractors(b)
    _ceased(b, published)
    other_needs = needs(published.rows.get("sen_needs_all_plans"), minus=published.rows.get("sen_need_newplans"))
    fill = published.n("caseload", "ehcplans") - len(active)
    assert fill >= 0, "the census caseload is smaller than the plans this builder must make"
    for i in range(fill):
        b.plan(b.child(other_needs[i] if other_needs else "SEMH"), dt.date(year - 2, 3, 1) + (i % 300) * DAY)
    for plan, need in zip(active[len(new_plans) :], other_needs[fill:], strict=False):
        plan.child.primary_need = need
    # Another council's cases are never counted for this one.
    stranger = b.child("ASD", la=other_la)
    b.request(
        stranger, dt.date(year, 5, 1), assess_decision=AssessDecision.ASSESS, assess_decision_on=dt.date(year, 5, 2)
    )
    b.plan(stranger, dt.date(year, 6, 1))
    b.save()
    return b


def _requests(b: Builder, p: Published) -> None:
    """requests.csv: requests received in the year and decisions told to families in it."""
    y = b.year
    assess, refuse = p.n("requests", "requests_decided_to_assess"), p.n("requests", "requests_decided_not_to_assess")
    six, over = p.n("requests", "request_outcome_six_weeks"), p.n("requests", "request_outcome_over_6_weeks")
    decided, timed = assess + refuse, six + over
    late = max(0, decided - timed)  # told between 1 January and the census date
    timing = [True] * six + [False] * over
    rya = p.n("requests", "requests_rya")
    made: list[AssessmentRequest] = []
    first_within = first_over = True
    for i, decision in enumerate([AssessDecision.ASSESS] * assess + [AssessDecision.NOT_ASSESS] * refuse):
        if i < late:
            received, told = dt.date(y, 12, 1) + (i % 28) * DAY, dt.date(y + 1, 1, 2) + (i % 10) * DAY
        else:
            within = timing.pop()
            days = 42 if within and first_within else 43 if not within and first_over else 14 if within else 60
            first_within, first_over = first_within and not within, first_over and within
            received = dt.date(y, 1, 2) + (i * 7 % 280) * DAY
            told = received + days * DAY
        refused = decision == AssessDecision.NOT_ASSESS
        made.append(
            b.request(
                b.child(),
                received,
                assess_decision=decision,
                assess_decision_on=told,
                outcome=Outcome.NOT_ASSESSED if refused else Outcome.OPEN,
                closed_on=told if refused else None,
            )
        )
    # Decisions in the year on requests received the year before.
    for within in timing:
        received = dt.date(y - 1, 12, 1) if within else dt.date(y - 1, 11, 1)
        told = dt.date(y, 1, 5)
        b.request(
            b.child(),
            received,
            assess_decision=AssessDecision.NOT_ASSESS,
            assess_decision_on=told,
            outcome=Outcome.NOT_ASSESSED,
            closed_on=told,
        )
    for i in range(p.n("requests", "requests_decision_not_made")):
        received = dt.date(y, 12, 10) + (i % 20) * DAY
        if i == 0:  # decided the day after the census: not yet decided on it
            values = {"assess_decision": AssessDecision.ASSESS, "assess_decision_on": b.census + DAY}
        elif i == 1:  # withdrawn after the census
            values = {"outcome": Outcome.WITHDRAWN, "closed_on": b.census + 3 * DAY}
        else:
            values = {}
        made.append(b.request(b.child(), received, **values))
    for i in range(p.n("requests", "requests_withdrawn")):
        received = dt.date(y, 3, 1) + i * DAY
        gone = Outcome.TRANSFERRED_OUT if i == 0 else Outcome.WITHDRAWN  # moving away is SEN2 W too
        made.append(b.request(b.child(), received, outcome=gone, closed_on=received + 10 * DAY))
    for request in made[:rya]:
        request.in_relevant_youth_accommodation = True
    # Not counted: a re-assessment, and requests received the year before and after.
    b.request(b.child(), dt.date(y, 4, 1), kind=RequestKind.REASSESSMENT)
    b.request(b.child(), dt.date(y - 1, 12, 31))
    b.request(b.child(), dt.date(y + 1, 1, 1))


def _refusals_to_issue(b: Builder, p: Published) -> None:
    """assessments.csv: decisions not to issue a plan told in the year, within 16 weeks or after."""
    y = b.year
    for i in range(p.n("assessments", "outcome_decision_within_time")):
        received = dt.date(y - 1, 12, 1)
        told = received + (112 if i == 0 else 40) * DAY
        _refused_to_issue(b, received, told)
    for i in range(p.n("assessments", "outcome_decision_over_time")):
        received = dt.date(y - 1, 12, 1) if i == 0 else dt.date(y - 1, 8, 1)
        told = received + 113 * DAY if i == 0 else dt.date(y, 1, 10)
        _refused_to_issue(b, received, told)


def _refused_to_issue(b: Builder, received: dt.date, told: dt.date) -> None:
    b.request(
        b.child(),
        received,
        assess_decision=AssessDecision.ASSESS,
        assess_decision_on=received,
        issue_decision=IssueDecision.NOT_ISSUE,
        issue_decision_on=told,
        outcome=Outcome.NOT_ISSUED,
        closed_on=told,
    )


# Exceptions that set Week20, and lookalikes that must not.
WEEK20 = (
    (ExceptionKind.ABSENCE_FROM_AREA, 20, 60),
    (ExceptionKind.PERSONAL_CIRCUMSTANCES, 30, 30),
    (ExceptionKind.SCHOOL_CLOSURE, 100, None),
    (ExceptionKind.EARLY_YEARS_CLOSURE, -10, 20),
    (ExceptionKind.PERSONAL_CIRCUMSTANCES, 140, 150),
)
NOT_WEEK20 = (
    (ExceptionKind.ADVICE_MISSED_APPOINTMENT, 30, 30),
    (ExceptionKind.ABSENCE_FROM_AREA, 20, 46),
    (ExceptionKind.PERSONAL_CIRCUMSTANCES, 141, 160),
    (ExceptionKind.ABSENCE_FROM_AREA, -60, -1),
    (ExceptionKind.DECISION_SCHOOL_CLOSURE, 0, 60),
)


def _timeliness(b: Builder, p: Published, new_needs: Iterator[str]) -> list[Plan]:
    """timeliness_20_week.csv: final plans issued in the year, by weeks from the request."""
    t = "timeliness_20_week"
    bands = {
        "within": (p.n(t, "plans_issued_within_20_weeks"), p.n(t, "plans_issued_20_weeks_ex"), [140], range(81, 140)),
        "gt20": (
            p.n(t, "plans_issued_gt20weeks_ltYear"),
            p.n(t, "plans_issued_gt20weeks_ltYear_ex"),
            [141, 364],
            range(150, 364),
        ),
        "gt1y": (p.n(t, "plans_issued_gt_1_year"), p.n(t, "plans_issued_gt_1_year_ex"), [365], range(366, 500)),
    }
    plans = []
    week20, lookalike = itertools.cycle(WEEK20), itertools.cycle(NOT_WEEK20)
    for total, without_exception, edges, usual in bands.values():
        days_list = (edges + list(itertools.islice(itertools.cycle(usual), total)))[:total]
        for i, days in enumerate(days_list):
            issued = dt.date(b.year, 1, 1) + (i % 60) * DAY
            received = issued - days * DAY
            request = b.request(
                b.child(next(new_needs)),
                received,
                assess_decision=AssessDecision.ASSESS,
                assess_decision_on=received,
                issue_decision=IssueDecision.ISSUE,
                issue_decision_on=issued,
                final_issued_on=issued,
                outcome=Outcome.PLAN_ISSUED,
                closed_on=issued,
            )
            plans.append(b.plan(request.child, issued, request=request))
            kind, start, end = next(week20) if i >= without_exception else next(lookalike)
            b.exception(request, kind, start, end)
    return plans


def _new_plans_without_request(b: Builder, p: Published, new_needs: Iterator[str]) -> list[Plan]:
    """New plans the timeliness figures do not time: no request is recorded for them."""
    extra = p.n("newplans", "new_ehc_plans") - p.n("timeliness_20_week", "plans_issued_den")
    assert extra >= 0, "fewer new plans than plans timed against 20 weeks"
    return [b.plan(b.child(next(new_needs)), dt.date(b.year, 6, 1) + (i % 150) * DAY) for i in range(extra)]


def _active_distractors(b: Builder) -> list[Plan]:
    """Plans maintained on the census date that are not new in the year."""
    y = b.year
    moved_in = b.plan(b.child(), dt.date(y, 4, 1), transferred_in_from="865")
    # A re-assessment replaces a plan: not a new plan, and the old one has not ceased.
    child = b.child()
    b.plan(child, dt.date(y - 4, 2, 1), status=PlanStatus.CEASED, ceased_on=dt.date(y, 7, 1))
    again = b.request(child, dt.date(y, 2, 1), kind=RequestKind.REASSESSMENT, final_issued_on=dt.date(y, 7, 1))
    reassessed = b.plan(child, dt.date(y, 7, 1), request=again)
    ends_after_census = b.plan(
        b.child(), dt.date(y - 3, 1, 1), status=PlanStatus.CEASED, ceased_on=b.census + DAY, cease_reason="6"
    )
    # Issued after the census, so not yet on it.
    b.plan(b.child(), b.census + 20 * DAY)
    return [moved_in, reassessed, ends_after_census]


def _ceased(b: Builder, p: Published) -> None:
    """ceased_plans.csv: plans that ended in the year, by SEN2 reason."""
    y = b.year
    dates = itertools.chain(
        [dt.date(y, 1, 1), dt.date(y, 12, 31)], (dt.date(y, 1 + i % 12, 10) for i in itertools.count())
    )
    for column in (*dfe.CEASE_COLUMNS.values(), "not_rec"):
        for i in range(p.n("ceased_plans", column)):
            status, code = PlanStatus.CEASED, CODE_OF_CEASE_COLUMN.get(column, "")
            if column == "transfer":
                status = PlanStatus.TRANSFERRED_OUT
                code = "" if i == 1 else code  # a transfer out with no reason is still reason 5
            b.plan(b.child(), dt.date(y - 3, 5, 1), status=status, ceased_on=next(dates), cease_reason=code)
    # Ended the year before, and on the census date itself: neither counts for the year.
    b.plan(
        b.child(), dt.date(y - 3, 5, 1), status=PlanStatus.CEASED, ceased_on=dt.date(y - 1, 12, 31), cease_reason="2"
    )
    b.plan(b.child(), dt.date(y - 3, 5, 1), status=PlanStatus.CEASED, ceased_on=b.census, cease_reason="2")
