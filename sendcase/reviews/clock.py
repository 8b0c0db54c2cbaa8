"""An annual review's statutory steps: what is done, what is due, and which rule says so.

The review counterpart of sendcase/cases/clock.py, and the one place that maps a review's
recorded dates onto sendcase.timescales. The case page's review panel, the lists and the
performance page read due dates from here, never computing one themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from sendcase import timescales
from sendcase.cases.models import Plan
from sendcase.reviews.models import AnnualReview, ReviewDecision
from sendcase.timescales import StepStatus
from sendcase.timescales.reviews import under5_review_due_local

# Shown beside a date that comes from the council's policy rather than the law.
LOCAL_POLICY = "Local policy, not law"


@dataclass(frozen=True)
class ReviewStep:
    """One step of a review, as the case page shows it."""

    code: str  # stable: "meeting", "invitations", "advice", "report", "decision", ...
    title: str
    status: StepStatus
    done_text: str = ""
    note: str = ""  # e.g. the council's own policy date, or the family's 15 days
    owner: str = "council"
    action: str = ""  # the form's step slug, when the step can still be recorded


@dataclass(frozen=True)
class ReviewDue:
    """When a plan's next review is due, and why."""

    due: dt.date
    local_policy: bool  # True when the council's under-5 policy set an earlier date

    @property
    def explanation(self) -> str:
        if self.local_policy:
            months = settings.SENDCASE_UNDER5_REVIEW_MONTHS
            return f"{LOCAL_POLICY}: the council reviews plans of children under 5 every {months} months (CoP 9.178)"
        return f"{timescales.ANNUAL_REVIEW.regulation}: {timescales.ANNUAL_REVIEW.summary}"


def _age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def next_review_due(plan: Plan, *, date_of_birth: dt.date) -> ReviewDue:
    """When `plan` must next be reviewed: 12 months from issue or last review (s.44(1)).

    With SENDCASE_UNDER5_REVIEW_MONTHS set, a child still under 5 on the earlier local date is
    due then instead (Code of Practice 9.178, guidance). The statutory limit never moves later.
    """
    return review_due_from(plan.last_review_on or plan.issued_on, date_of_birth=date_of_birth)


def review_due_from(last: dt.date, *, date_of_birth: dt.date) -> ReviewDue:
    """`next_review_due` from the date of the plan's issue or last review, for list queries."""
    statutory = timescales.annual_review_due(last)
    months = settings.SENDCASE_UNDER5_REVIEW_MONTHS
    if months:
        local = under5_review_due_local(last, months)
        if local < statutory and _age_on(date_of_birth, local) < 5:
            return ReviewDue(local, local_policy=True)
    return ReviewDue(statutory, local_policy=False)


def _status(rule: timescales.Rule | None, due: dt.date | None, done: dt.date | None, today: dt.date) -> StepStatus:
    return timescales.step_status(due=due, done=done, today=today, rule=rule)


def _closed(rule: timescales.Rule | None, done: dt.date | None, today: dt.date) -> StepStatus:
    """A step left undone on a finished review: nothing left to miss."""
    return timescales.step_status(due=None, done=done, today=today, rule=rule)


def review_steps(review: AnnualReview, *, today: dt.date) -> list[ReviewStep]:
    """Every step of `review` with its state on `today`, in the order they happen."""
    r = review
    open_ = r.is_open
    steps: list[ReviewStep] = []

    def step(code: str, title: str, rule: timescales.Rule | None, due: dt.date | None, done: dt.date | None, **kw):  # type: ignore[no-untyped-def]
        status = _status(rule, due, done, today) if (open_ or done) else _closed(rule, done, today)
        if not open_:
            kw["action"] = ""  # a finished review records nothing more
        steps.append(ReviewStep(code=code, title=title, status=status, **kw))

    meeting = r.meeting_held_on or r.meeting_on
    local_weeks = r.notice_weeks or settings.SENDCASE_REVIEW_NOTICE_WEEKS
    local_date = timescales.review_invitations_due_local(meeting, local_weeks)
    step(
        "invitations",
        "Send the invitations to the review meeting",
        timescales.REVIEW_INVITATIONS,
        timescales.review_invitations_due(meeting),
        r.invitations_sent_on,
        done_text="invitations sent" if r.invitations_sent_on else "",
        note=f"{LOCAL_POLICY}: the council asks for {local_weeks} weeks' notice, "
        f"by {timescales.format_date(local_date)}",
        action="" if r.invitations_sent_on else "invitations",
    )
    step(
        "advice",
        "Circulate advice and information before the meeting",
        timescales.REVIEW_ADVICE,
        timescales.review_advice_circulation_due(meeting),
        r.advice_circulated_on,
        done_text="advice circulated" if r.advice_circulated_on else "",
        action="" if r.advice_circulated_on else "advice",
    )
    step(
        "meeting",
        "Hold the review meeting",
        None if r.due_under_local_policy else timescales.ANNUAL_REVIEW,
        r.due_on,
        r.meeting_held_on,
        done_text="meeting held" if r.meeting_held_on else "",
        note=" ".join(
            part
            for part in (
                f"{LOCAL_POLICY}: under-5 review (CoP 9.178)." if r.due_under_local_policy else "",
                f"{r.short_notice}: not counted as held on time." if r.short_notice else "",
            )
            if part
        ),
        action="meeting" if r.invitations_sent_on and not r.meeting_held_on else "",
    )
    held = r.meeting_held_on
    step(
        "report",
        "Receive and send on the review report",
        timescales.REVIEW_REPORT,
        timescales.review_report_due(held) if held else None,
        r.report_received_on,
        done_text="report received" if r.report_received_on else "",
        action="report" if held and not r.report_received_on else "",
    )
    step(
        "decision",
        "Tell the family the council's decision",
        timescales.REVIEW_DECISION,
        timescales.review_decision_due(held) if held else None,
        r.decision_sent_on,
        done_text=r.get_decision_display().lower() if r.decision else "",
        action="decision" if held and not r.decision else "",
    )
    if r.decision == ReviewDecision.AMEND:
        steps.extend(_amendment_steps(r, held, today))
    if r.is_phase_transfer:
        steps.append(_phase_transfer_step(r, today))
    return steps


def _amendment_steps(r: AnnualReview, held: dt.date | None, today: dt.date) -> Iterable[ReviewStep]:
    sent = r.proposed_amendments_sent_on
    note = ""
    if r.representations_by:
        note = (
            f"The family's deadline: they have until {timescales.format_date(r.representations_by)} "
            f"to comment, ask for a school or college, or ask for a meeting "
            f"({timescales.AMENDMENT_REPRESENTATIONS.regulation})"
        )
    # Devon: the proposals go with the 4-week decision, so they share its due date.
    proposal_due = timescales.review_decision_due(held) if held else None
    proposal = timescales.step_status(
        due=proposal_due, done=sent, today=today, rule=timescales.AMENDED_PLAN_AFTER_REVIEW
    )
    yield ReviewStep(
        code="amendments",
        title="Send the proposed amendments with the decision",
        status=proposal if (r.is_open or sent) else _closed(timescales.AMENDED_PLAN_AFTER_REVIEW, sent, today),
        done_text="proposed amendments sent" if sent else "",
        note=note,
        action="amendments" if r.is_open and not sent else "",
    )
    if sent is None or held is None:
        return
    if r.decision_not_to_amend_on:
        yield ReviewStep(
            code="no-amendment",
            title="Tell the family the plan will not be amended after all",
            status=timescales.step_status(
                due=timescales.decision_not_to_amend_due(sent),
                done=r.decision_not_to_amend_on,
                today=today,
                rule=timescales.DECISION_NOT_TO_AMEND,
            ),
            done_text="family told the plan will not be amended",
        )
        return
    rule = timescales.amended_plan_rule(sent, held)
    yield ReviewStep(
        code="amended-plan",
        title="Issue the amended plan",
        status=timescales.step_status(
            due=timescales.amended_plan_due(sent, held), done=r.amended_plan_issued_on, today=today, rule=rule
        ),
        done_text=(
            f"amended plan issued (version {r.amended_plan_version})"
            if r.amended_plan_version
            else "amended plan issued"
            if r.amended_plan_issued_on
            else ""
        ),
        action="amended-plan" if r.is_open else "",
    )


def phase_transfer_due(review: AnnualReview) -> tuple[dt.date | None, timescales.Rule]:
    """The last day for the amended plan naming the next setting, and the rule behind it (reg 18)."""
    if review.post16_transfer_on:
        return timescales.post16_transfer_review_due(review.post16_transfer_on), timescales.POST16_TRANSFER_REVIEW
    if review.transfer_year:
        return timescales.phase_transfer_last_day(review.transfer_year, review.post16), timescales.PHASE_TRANSFER
    return None, timescales.PHASE_TRANSFER


def _phase_transfer_step(r: AnnualReview, today: dt.date) -> ReviewStep:
    due, rule = phase_transfer_due(r)
    named = f", naming {r.next_setting}" if r.next_setting_id and r.next_setting else ""
    kind = r.get_transfer_kind_display().lower() if r.transfer_kind else ""
    return ReviewStep(
        code="phase-transfer",
        title=f"Phase transfer: amended plan naming the next setting{f' ({kind})' if kind else ''}",
        status=timescales.step_status(due=due, done=r.amended_plan_issued_on, today=today, rule=rule),
        done_text=f"amended plan issued{named}" if r.amended_plan_issued_on else "",
    )


# What the tracker says about a phase transfer, from its step.
ON_TIME, AT_RISK, LATE, IN_HAND = "on_time", "at_risk", "late", "in_hand"
TRACKER_LABELS = {ON_TIME: "On time", AT_RISK: "At risk", LATE: "Late", IN_HAND: "In hand"}
AT_RISK_DAYS = 42  # six weeks: less than the 8 weeks reg 22(3) allows after proposals go


def transfer_standing(*, due: dt.date, issued: dt.date | None, today: dt.date, review_held: bool) -> str:
    """On time / late once the amended plan is issued; otherwise late, at risk or in hand.

    At risk: the deadline is within six weeks and no review meeting has been held, or within
    two weeks whatever has been done. Those thresholds are SENDcase's own, to prompt action.
    """
    if issued is not None:
        return ON_TIME if issued <= due else LATE
    if today > due:
        return LATE
    days = (due - today).days
    if days <= 14 or (days <= AT_RISK_DAYS and not review_held):
        return AT_RISK
    return IN_HAND
