"""What each family notice is about: the statutory step, its date, and the dates that come next.

This module covers the EHC needs assessment up to the final plan and the review invitation;
facts_after_plan.py covers reviews, ceasing, decision notices and appeals; facts_moves.py moves
between councils and the plan ending.

One `Notice` per step of the EHC process the family is told about. `facts_for_request` reads an
assessment request (and the advice or exception just recorded) and works out, through
sendcase.timescales, every date the letter gives: when the next decision is due, the reply-by
date for a draft plan (reg 13(1)), and for an appealable decision the last day to contact the
mediation adviser (reg 33) and to appeal (Tribunal rule 20(1)(c)).

Appeal dates count from the date of the decision recorded on the request: the date the family
was told (reg 5) or the decision date (reg 10), or the date the final plan was issued. A letter
checked and posted a day or two later gives the family a date no later than the true one, never
a date after it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from sendcase import timescales
from sendcase.cases.models import AssessDecision, IssueDecision, RequestKind

if TYPE_CHECKING:
    from sendcase.cases.models import AdviceRequest, AssessmentRequest, TimescaleException
    from sendcase.people.models import Child

T = TypeVar("T")


class Notice(enum.StrEnum):
    """A step of the EHC process the family is told about. The value names its templates."""

    REQUEST_RECEIVED = "request_received"
    ASSESSMENT_DECISION = "assessment_decision"
    ADVICE_REQUESTED = "advice_requested"
    EXCEPTION = "exception"
    PLAN_DECISION = "plan_decision"
    DRAFT_PLAN = "draft_plan"
    FINAL_PLAN = "final_plan"
    REQUEST_WITHDRAWN = "request_withdrawn"
    REVIEW_INVITATION = "review_invitation"
    # After the plan (facts_after_plan.py): annual reviews, ceasing, decision notices and appeals.
    REVIEW_DECISION = "review_decision"
    AMENDMENTS_PROPOSED = "amendments_proposed"
    AMENDED_PLAN = "amended_plan"
    NO_AMENDMENT = "no_amendment"
    CEASE_PROPOSED = "cease_proposed"
    CEASE_DECISION = "cease_decision"
    DECISION_NOTICE = "decision_notice"
    MEDIATION_CERTIFICATE = "mediation_certificate"
    TRIBUNAL_ORDER = "tribunal_order"
    # Moves between councils, a review meeting moved after the invitations went, the review
    # report, and the plan actually ending (facts_moves.py and facts_after_plan.py).
    TRANSFERRED_OUT = "transferred_out"
    TRANSFERRED_IN = "transferred_in"
    REVIEW_MOVED = "review_moved"
    REVIEW_REPORT = "review_report"
    PLAN_ENDED = "plan_ended"

    @property
    def template(self) -> str:
        """The email and text message template in sendcase.notifications.catalogue."""
        return f"family_notice_{self.value}"

    @property
    def letter_template(self) -> str:
        return f"notifications/letters/notices/{self.value}.html"


@dataclass(frozen=True)
class Facts:
    """Everything a notice about one step says, worked out once for every family member."""

    notice: Notice
    child: Child
    date: dt.date  # the date the email and text message name
    outcome: str = ""  # "assess" / "not_assess", "issue" / "not_issue" for the decisions
    reassessment: bool = False
    dates: dict[str, dt.date] = field(default_factory=dict)
    contributor: str = ""  # which advice, for ADVICE_REQUESTED
    exception_kind: str = ""
    named_setting: str = ""
    meeting_format: str = ""
    # Steps after the plan (facts_after_plan.py): the council's reasons as staff wrote them for a
    # decision notice, the SEN2 reason for ceasing, and a Tribunal order's duties with their dates.
    reasons: str = ""
    mediation_adviser: str = ""  # how to contact the adviser, as the decision notice gives it
    cease_reason: str = ""
    steps: tuple[tuple[str, dt.date], ...] = ()
    # A move between councils: the name of the other council (the one the child moved to or from).
    other_council: str = ""

    @property
    def appealable(self) -> bool:
        """Decisions the family can take to the Tribunal (s.51 CFA 2014), whose letter says how and by when.

        Not to assess, not to issue, the final plan; after a review, keeping the plan as it is, the
        amended plan, and not amending after all; ceasing the plan; and every decision notice
        (reg 32). A review decision to cease is not here: it starts the reg 31 consultation, and
        the decision to cease that follows it carries the appeal rights.
        """
        always = {Notice.FINAL_PLAN, Notice.AMENDED_PLAN, Notice.NO_AMENDMENT, Notice.DECISION_NOTICE}
        return (
            self.notice in always
            or (self.notice == Notice.ASSESSMENT_DECISION and self.outcome == AssessDecision.NOT_ASSESS)
            or (self.notice == Notice.PLAN_DECISION and self.outcome == IssueDecision.NOT_ISSUE)
            or (self.notice == Notice.REVIEW_DECISION and self.outcome == "maintain")
            or (self.notice == Notice.CEASE_DECISION and self.outcome == "cease")
        )

    @property
    def school_only_appeal(self) -> bool:
        """A decision about what a plan says: an appeal only about the school named needs no mediation (s.55)."""
        about_plan = {Notice.FINAL_PLAN, Notice.AMENDED_PLAN, Notice.NO_AMENDMENT}
        return (
            self.notice in about_plan
            or (self.notice == Notice.REVIEW_DECISION and self.outcome == "maintain")
            or (self.notice == Notice.DECISION_NOTICE and self.outcome in ("plan_contents", "not_amend"))
        )

    @property
    def email_fields(self) -> dict[str, dt.date]:
        """The dates the email or text message names, beyond the step's own date."""
        if self.notice in (Notice.DRAFT_PLAN, Notice.AMENDMENTS_PROPOSED):
            return {"reply_by": self.dates["reply_by"]}
        return {}


def _recorded(value: T | None, what: str) -> T:
    """The step's record, which the service has just saved; its absence is a programming error."""
    if value is None:
        raise ValueError(f"Record the {what} before telling the family about it")
    return value


def _appeal_dates(decided: dt.date) -> dict[str, dt.date]:
    return {
        "mediation_by": timescales.mediation_contact_deadline(decided),
        "appeal_by": timescales.appeal_deadline(decided),
    }


def facts_for_request(
    notice: Notice,
    request: AssessmentRequest,
    *,
    advice: AdviceRequest | None = None,
    exception: TimescaleException | None = None,
) -> Facts:
    """The facts of a notice about a step of this request, from the dates recorded on it."""
    received = request.received_on
    reassessment = request.kind == RequestKind.REASSESSMENT
    final_by = timescales.reassessment_final_plan_due(received) if reassessment else timescales.final_plan_due(received)
    base = {"child": request.child, "reassessment": reassessment}
    if notice == Notice.REQUEST_RECEIVED:
        dates = {"final_by": final_by}
        if not reassessment:
            dates["decision_by"] = timescales.decision_to_assess_due(received)
        return Facts(notice, date=received, dates=dates, **base)
    if notice == Notice.ASSESSMENT_DECISION:
        decided = _recorded(request.assess_decision_on, "decision whether to assess")
        if request.assess_decision == AssessDecision.NOT_ASSESS:
            dates = _appeal_dates(decided)
        else:
            dates = {
                "advice_by": timescales.advice_due(decided),
                "not_issue_by": timescales.decision_not_to_issue_due(received),
                "final_by": final_by,
            }
        return Facts(notice, date=decided, outcome=request.assess_decision, dates=dates, **base)
    if notice == Notice.ADVICE_REQUESTED:
        advice = _recorded(advice, "request for advice")
        dates = {
            "advice_by": timescales.advice_due(advice.requested_on),
            "not_issue_by": timescales.decision_not_to_issue_due(received),
            "final_by": final_by,
        }
        return Facts(
            notice,
            date=advice.requested_on,
            dates=dates,
            contributor=advice.get_contributor_display().lower(),
            **base,
        )
    if notice == Notice.EXCEPTION:
        exception = _recorded(exception, "exception")
        dates = {"final_by": final_by}
        if exception.end_on:
            dates["end_on"] = exception.end_on
        return Facts(notice, date=exception.start_on, exception_kind=exception.kind, dates=dates, **base)
    if notice == Notice.PLAN_DECISION:
        decided = _recorded(request.issue_decision_on, "decision whether to issue a plan")
        dates = _appeal_dates(decided) if request.issue_decision == IssueDecision.NOT_ISSUE else {"final_by": final_by}
        return Facts(notice, date=decided, outcome=request.issue_decision, dates=dates, **base)
    if notice == Notice.DRAFT_PLAN:
        served = _recorded(request.draft_served_on, "date the draft plan was served")
        dates = {"reply_by": timescales.draft_response_deadline(served), "final_by": final_by}
        return Facts(notice, date=served, dates=dates, **base)
    if notice == Notice.FINAL_PLAN:
        issued = _recorded(request.final_issued_on, "date the final plan was issued")
        plan = getattr(request, "plan", None)
        setting = ""
        if plan is not None:
            setting = str(plan.named_setting) if plan.named_setting else plan.get_sen_setting_display()
        dates = _appeal_dates(issued) | {"review_by": timescales.annual_review_due(issued)}
        return Facts(notice, date=issued, dates=dates, named_setting=setting, **base)
    if notice == Notice.REQUEST_WITHDRAWN:
        return Facts(notice, date=_recorded(request.closed_on, "date the request was closed"), **base)
    raise ValueError(f"{notice} is not a step of an assessment request")


def facts_for_review(*, child: Child, meeting_on: dt.date, meeting_format: str = "") -> Facts:
    """The facts of an invitation to an annual review meeting (reg 20(2): at least 2 weeks' notice)."""
    return Facts(
        Notice.REVIEW_INVITATION,
        child=child,
        date=meeting_on,
        meeting_format=meeting_format,
        dates={"meeting_on": meeting_on},
    )
