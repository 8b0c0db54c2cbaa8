""" "Where we are": a request's statutory steps told to a family in plain English, with real dates.

Every date comes from sendcase.cases.clock.request_steps (and so from sendcase.timescales); this
module only chooses the words. Every sentence is marked for translation, and dates are written
with the active language's month names. The stages after the plan (reviews, ceasing, decisions
and appeals) are told by timeline_reviews.py and timeline_appeals.py with the helpers at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import dateformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sendcase.cases.clock import Step
from sendcase.cases.models import AdviceRequest, AssessmentRequest, Contributor, Outcome, RequestKind
from sendcase.timescales import ExceptionKind, StepState, StepStatus

DONE = "done"
NEXT = "next"
LATE = "late"
EXCEPTION = "exception"
LATER = "later"


def family_date(day: dt.date) -> str:
    """A date as families read it, in their language: "16 June 2025"."""
    return dateformat.format(day, "j E Y")


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    text: str
    state: str  # DONE, NEXT, LATE, EXCEPTION or LATER
    when: dt.date | None = None
    law: str = ""  # the regulation behind the date, e.g. "Regulation 5(1), SEND Regulations 2014"
    explanation: str = ""  # why an exception gives the council longer, said kindly
    late_note: str = ""
    owner: str = "council"


@dataclass(frozen=True)
class RequestTimeline:
    request: AssessmentRequest
    heading: str
    happened: list[Entry] = field(default_factory=list)
    upcoming: list[Entry] = field(default_factory=list)
    outcome: str = ""

    @property
    def anchor(self) -> str:
        return f"request-{self.request.pk}"

    @property
    def next_entry(self) -> Entry | None:
        return _earliest(self.upcoming)


@dataclass(frozen=True)
class StageTimeline:
    """One stage after the plan (a review, ceasing, a decision and its appeal), told like a request."""

    anchor: str  # the id of the section's heading
    heading: str
    happened: list[Entry] = field(default_factory=list)
    upcoming: list[Entry] = field(default_factory=list)
    outcome: str = ""

    @property
    def next_entry(self) -> Entry | None:
        return _earliest(self.upcoming)


def _earliest(entries: list[Entry]) -> Entry | None:
    dated = [e for e in entries if e.when is not None]
    return min(dated, key=lambda e: e.when or dt.date.max) if dated else None


def _who(advice: AdviceRequest | None) -> str:
    if advice is None:
        return _("a professional")
    names = {
        Contributor.EDUCATIONAL_PSYCHOLOGY: _("an educational psychologist"),
        Contributor.HEALTH: _("health services"),
        Contributor.SOCIAL_CARE: _("social care"),
        Contributor.SETTING: _("the school or setting"),
        Contributor.PARENT: _("you, the family"),
        Contributor.OTHER: _("another professional"),
    }
    who = names.get(advice.contributor, _("a professional"))
    if advice.organisation_id and advice.organisation is not None:
        who = _("%(who)s (%(organisation)s)") % {"who": who, "organisation": advice.organisation.name}
    return who


def _titles() -> dict[str, str]:
    return {
        "decision": _("Deciding whether to carry out an EHC needs assessment"),
        "issue": _("Deciding whether to issue an EHC plan"),
        "draft": _("The draft EHC plan"),
        "response": _("Your response to the draft plan"),
        "final": _("The final EHC plan"),
    }


def _done_text(step: Step, request: AssessmentRequest, advice: AdviceRequest | None, day: str) -> str:
    base = step.code.split(":", 1)[0]
    if base == "decision":
        if request.assess_decision == "not_assess":
            return _(
                "On %(date)s the council told you it will not carry out an EHC needs assessment. Its letter "
                "explains why, and how to ask for mediation or appeal if you disagree."
            ) % {"date": day}
        return _("On %(date)s the council told you it will carry out an EHC needs assessment.") % {"date": day}
    if base == "advice":
        return capfirst(_("%(who)s sent their advice on %(date)s.") % {"who": _who(advice), "date": day})
    if base == "issue":
        if request.issue_decision == "not_issue":
            return _(
                "On %(date)s the council decided not to issue an EHC plan. Its letter explains why, and how to ask "
                "for mediation or appeal if you disagree."
            ) % {"date": day}
        return _("On %(date)s the council decided to issue an EHC plan. It sends you a draft first.") % {"date": day}
    if base == "draft":
        return _("The council sent you the draft plan on %(date)s.") % {"date": day}
    if base == "response":
        return _("The council received your response to the draft plan on %(date)s.") % {"date": day}
    return _("The council issued the final EHC plan on %(date)s.") % {"date": day}


def _due_text(step: Step, advice: AdviceRequest | None, day: str) -> str:
    base = step.code.split(":", 1)[0]
    if base == "decision":
        return _("The council must decide whether to assess by %(date)s.") % {"date": day}
    if base == "advice":
        return _("The council has asked %(who)s for advice. It must be sent by %(date)s.") % {
            "who": _who(advice),
            "date": day,
        }
    if base == "issue":
        return _("If the council decides not to issue an EHC plan, it must tell you by %(date)s.") % {"date": day}
    if base == "response":
        return _(
            "You have until %(date)s to tell the council what you think of the draft plan, ask for a school or "
            "college, and ask to meet an officer."
        ) % {"date": day}
    return _("The council must send you the final EHC plan by %(date)s.") % {"date": day}


def _late_text(step: Step, advice: AdviceRequest | None, day: str) -> str:
    base = step.code.split(":", 1)[0]
    if base == "response":
        return _(
            "The time to respond to the draft plan ended on %(date)s. If you still want to comment, contact your "
            "key worker as soon as you can."
        ) % {"date": day}
    if base == "advice":
        return _(
            "The advice from %(who)s should have been sent by %(date)s. It is late. Your key worker can tell you "
            "what is happening."
        ) % {"who": _who(advice), "date": day}
    return _late_text_generic(day)


def _late_text_generic(day: str) -> str:
    return _(
        "This should have happened by %(date)s. The council is late, and it must do it as soon as it can. We are "
        "sorry. Your key worker can tell you what is happening."
    ) % {"date": day}


def _later_text(step: Step) -> str:
    base = step.code.split(":", 1)[0]
    if base == "draft":
        return _(
            "If the council decides to issue a plan, it sends you a draft first. The law sets no date for the "
            "draft, but it must leave time for your 15 days to respond before the final plan is due."
        )
    if base == "issue":
        return _("After the assessment, the council decides whether to issue an EHC plan.")
    return _("This comes later. Its date depends on the steps before it.")


def exception_explanation(kind: ExceptionKind) -> str:
    """Why the law gives more time, said kindly to a family."""
    closure = _(
        "Because a school or college the council asked for advice was closed for 4 weeks or more, for example "
        "for the summer holidays, the council has longer than usual for this step."
    )
    away = _("Because you or your child were away from the area for 4 weeks or more, there is longer than usual.")
    texts = {
        ExceptionKind.SCHOOL_CLOSURE: closure,
        ExceptionKind.DECISION_SCHOOL_CLOSURE: closure,
        ExceptionKind.EARLY_YEARS_CLOSURE: _(
            "Because the nursery or early years setting the council asked for advice was closed for 4 weeks or "
            "more, the council has longer than usual for this step."
        ),
        ExceptionKind.PERSONAL_CIRCUMSTANCES: _(
            "Because of exceptional circumstances in your family, the council has longer than usual for this step."
        ),
        ExceptionKind.ABSENCE_FROM_AREA: away,
        ExceptionKind.ADVICE_ABSENCE_FROM_AREA: away,
        ExceptionKind.ADVICE_EXCEPTIONAL_CIRCUMSTANCES: _(
            "Because of exceptional circumstances in your family, there is longer than usual to send this advice."
        ),
        ExceptionKind.ADVICE_MISSED_APPOINTMENT: _(
            "Because an appointment for an examination or test was missed, there is longer than usual to send "
            "this advice."
        ),
    }
    return texts[kind]


def _entry(step: Step, request: AssessmentRequest, advice_by_code: dict[str, AdviceRequest]) -> Entry | None:
    advice = advice_by_code.get(step.code)
    status = step.status
    titles = _titles()
    title = titles.get(step.code) or _("Advice from %(who)s") % {"who": _who(advice)}
    law = status.rule.regulation if status.rule else ""
    common = {"code": step.code, "title": title, "law": law, "owner": step.owner}
    if status.done is not None:
        note = late_note(status)
        if status.state == StepState.DONE_UNDER_EXCEPTION and status.exception is not None:
            note = exception_explanation(status.exception.kind)
        return Entry(
            text=_done_text(step, request, advice, family_date(status.done)),
            state=DONE,
            when=status.done,
            late_note=note,
            **common,
        )
    if request.outcome != Outcome.OPEN:
        return None  # a closed request has nothing left to happen
    if status.state == StepState.DUE and status.due is not None:
        return Entry(text=_due_text(step, advice, family_date(status.due)), state=NEXT, when=status.due, **common)
    if status.state == StepState.OVERDUE and status.due is not None:
        return Entry(text=_late_text(step, advice, family_date(status.due)), state=LATE, when=status.due, **common)
    if status.state == StepState.EXCEPTION and status.due is not None:
        explanation = exception_explanation(status.exception.kind) if status.exception else ""
        text = _("It must still be done as soon as it can. The usual date was %(date)s.") % {
            "date": family_date(status.due)
        }
        return Entry(text=text, state=EXCEPTION, when=None, explanation=explanation, **common)
    if step.code == "decision" and request.kind == RequestKind.REASSESSMENT:
        return None  # a re-assessment has no decision whether to assess
    return Entry(text=_later_text(step), state=LATER, **common)


def _outcome(request: AssessmentRequest) -> str:
    texts = {
        Outcome.NOT_ASSESSED: _("The council decided not to carry out an assessment."),
        Outcome.NOT_ISSUED: _("The council decided not to issue an EHC plan."),
        Outcome.PLAN_ISSUED: _("The final EHC plan was issued."),
        Outcome.WITHDRAWN: _("The request was withdrawn."),
        Outcome.TRANSFERRED_OUT: _("The request ended when the family moved to another council's area."),
    }
    return texts.get(request.outcome, "")


def request_timeline(request: AssessmentRequest, steps: list[Step]) -> RequestTimeline:
    """The family's view of one request: what has happened and what happens next, in order."""
    advice_by_code = {a.step_code: a for a in request.advice_requests.all()}
    happened, upcoming = split_entries(_entry(step, request, advice_by_code) for step in steps)
    heading = (
        _("Re-assessment of the EHC plan, asked for on %(date)s")
        if request.kind == RequestKind.REASSESSMENT
        else _("Request for an EHC needs assessment, received on %(date)s")
    ) % {"date": family_date(request.received_on)}
    return RequestTimeline(
        request=request, heading=heading, happened=happened, upcoming=upcoming, outcome=_outcome(request)
    )


# --- Shared by the stages after the plan (timeline_reviews.py, timeline_appeals.py) ---------------


def late_note(status: StepStatus) -> str:
    """How late a step was done, if it was."""
    if status.state == StepState.DONE_LATE and status.days:
        return ngettext(
            "This was %(days)s day later than the law allows.",
            "This was %(days)s days later than the law allows.",
            status.days,
        ) % {"days": status.days}
    return ""


def council_step(
    code: str,
    title: str,
    status: StepStatus,
    *,
    done: Callable[[str], str],
    due: Callable[[str], str],
    later: str = "",
) -> Entry | None:
    """A step the council must take, from its clock: done (and how late), due by a date, late, or to come."""
    common = {"code": code, "title": title, "law": status.rule.regulation if status.rule else ""}
    if status.done is not None:
        return Entry(
            text=done(family_date(status.done)), state=DONE, when=status.done, late_note=late_note(status), **common
        )
    if status.due is not None and status.state == StepState.DUE:
        return Entry(text=due(family_date(status.due)), state=NEXT, when=status.due, **common)
    if status.due is not None and status.state == StepState.OVERDUE:
        return Entry(text=_late_text_generic(family_date(status.due)), state=LATE, when=status.due, **common)
    if later:
        return Entry(text=later, state=LATER, **{**common, "law": ""})
    return None


def family_deadline(code: str, title: str, status: StepStatus, *, open_text: str, ended_text: str) -> Entry | None:
    """A deadline that is the family's own: what they can do by when (`open_text`), or that it has passed."""
    if status.due is None:
        return None
    law = status.rule.regulation if status.rule else ""
    day = {"date": family_date(status.due)}
    if status.state == StepState.DUE:
        return Entry(code=code, title=title, text=open_text % day, state=NEXT, when=status.due, law=law, owner="family")
    return Entry(code=code, title=title, text=ended_text % day, state=DONE, when=status.due, law=law, owner="family")


def split_entries(entries: Iterable[Entry | None]) -> tuple[list[Entry], list[Entry]]:
    """(what has happened, oldest first; what happens next, soonest first), leaving out the Nones."""
    present = [e for e in entries if e is not None]
    happened = sorted((e for e in present if e.state == DONE), key=lambda e: e.when or dt.date.min)
    upcoming = [e for e in present if e.state != DONE]
    upcoming.sort(key=lambda e: (e.when is None, e.when or dt.date.max))
    return happened, upcoming
