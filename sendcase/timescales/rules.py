"""Statutory time limits for EHC needs assessments and plans, one function per rule.

Every limit here comes from the SEND Regulations 2014 (SI 2014/1530). Weeks are calendar weeks
counted from the day the clock starts, which is day 0: "within 6 weeks" of a request received on
6 January 2025 means on or before 17 February 2025. The DfE counts a plan as issued "within 20
weeks" when it is issued on or before the received date plus 140 days, and this module agrees.

Each function returns the last day on which the duty is met on time. Exceptions to a limit are
handled in :mod:`sendcase.timescales.exceptions`, not here: an exception does not move the due
date, it stops the due date being binding.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Final

from .dates import add_weeks, last_day_of_period

# Labels used in shared/domain for how well each fact is sourced.
STATUS_CONFIRMED: Final = "confirmed"
STATUS_SECONDARY: Final = "secondary"
STATUS_UNCONFIRMED: Final = "unconfirmed"
STATUSES: Final = frozenset({STATUS_CONFIRMED, STATUS_SECONDARY, STATUS_UNCONFIRMED})

_REGS = "SEND Regulations 2014"


@dataclass(frozen=True)
class Rule:
    """A statutory rule that a computed date can name as its source."""

    code: str
    """Stable slug used in the database and URLs, e.g. "reg-5-1". Never reuse or rename one."""
    regulation: str
    """Citation for people, e.g. "Regulation 5(1), SEND Regulations 2014"."""
    summary: str
    """One plain-English sentence saying what must happen by when."""
    status: str
    """How well the rule is sourced: "confirmed", "secondary" or "unconfirmed"."""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Rule {self.code}: unknown status {self.status!r}")


DECISION_TO_ASSESS: Final = Rule(
    code="reg-5-1",
    regulation=f"Regulation 5(1), {_REGS}",
    summary=(
        "Tell the family whether the council will carry out an EHC needs assessment "
        "within 6 weeks of receiving the request."
    ),
    status=STATUS_CONFIRMED,
)

ADVICE: Final = Rule(
    code="reg-8-1",
    regulation=f"Regulation 8(1), {_REGS}",
    summary=("Give the advice or information the council asked for within 6 weeks of receiving its request."),
    status=STATUS_CONFIRMED,
)

DECISION_NOT_TO_ISSUE: Final = Rule(
    code="reg-10-1",
    regulation=f"Regulation 10(1), {_REGS}",
    summary=(
        "If the council decides not to issue an EHC plan after the assessment, tell the "
        "family within 16 weeks of receiving the request."
    ),
    status=STATUS_CONFIRMED,
)

DRAFT_RESPONSE: Final = Rule(
    code="reg-13-1",
    regulation=f"Regulation 13(1), {_REGS}",
    summary=(
        "Give the family at least 15 days, counting the day the draft plan is sent, to "
        "comment on it, ask for a school or college and ask for a meeting."
    ),
    status=STATUS_CONFIRMED,
)

FINAL_PLAN: Final = Rule(
    code="reg-13-2",
    regulation=f"Regulation 13(2), {_REGS}",
    summary="Send the final EHC plan within 20 weeks of receiving the request for an assessment.",
    status=STATUS_CONFIRMED,
)

REASSESSMENT_FINAL_PLAN: Final = Rule(
    code="reg-27-2",
    regulation=f"Regulation 27(2), {_REGS}",
    summary=(
        "After a re-assessment, send the final amended or replacement EHC plan within "
        "14 weeks of telling the family the council will re-assess."
    ),
    status=STATUS_CONFIRMED,
)

RULES: Final[dict[str, Rule]] = {
    r.code: r
    for r in (
        DECISION_TO_ASSESS,
        ADVICE,
        DECISION_NOT_TO_ISSUE,
        DRAFT_RESPONSE,
        FINAL_PLAN,
        REASSESSMENT_FINAL_PLAN,
    )
}


def rule(code: str) -> Rule:
    """Return the rule with this code, or raise ``KeyError`` naming the known codes."""
    try:
        return RULES[code]
    except KeyError:
        known = ", ".join(sorted(RULES))
        raise KeyError(f"No timescale rule {code!r}; known rules: {known}") from None


def decision_to_assess_due(received: date) -> date:
    """Last day to tell the family whether the LA will carry out an EHC needs assessment.

    Regulation 5(1), SEND Regulations 2014: "as soon as practicable and in any event within
    6 weeks" of receiving the request (or of becoming responsible for the child or young person).
    """
    return add_weeks(received, 6)


def advice_due(requested: date) -> date:
    """Last day for a body asked for advice or information to give it.

    Regulation 8(1), SEND Regulations 2014: comply "within 6 weeks of the date on which they
    receive" the request. Pass the day the advice-giver received the request, which may be later
    than the day the LA sent it.
    """
    return add_weeks(requested, 6)


def decision_not_to_issue_due(received: date) -> date:
    """Last day to tell the family the LA will not issue an EHC plan after assessing.

    Regulation 10(1), SEND Regulations 2014: "as soon as practicable, and in any event within
    16 weeks" of receiving the request (or of becoming responsible).
    """
    return add_weeks(received, 16)


def draft_response_deadline(served: date) -> date:
    """Last day of the family's period to comment on a draft EHC plan.

    Regulation 13(1), SEND Regulations 2014: "at least 15 days, beginning with the day on which
    the draft plan was served". The day served is day 1, so the period ends 14 days later. This
    is a minimum the LA must allow; there is no statutory deadline for the draft itself.
    """
    return last_day_of_period(served, 15)


def final_plan_due(received: date) -> date:
    """Last day to send the final EHC plan.

    Regulation 13(2), SEND Regulations 2014: "as soon as practicable, and in any event within
    20 weeks" of receiving the request (or of becoming responsible). This is the date the SEN2
    "within 20 weeks" measure uses: received date plus 140 days.
    """
    return add_weeks(received, 20)


def reassessment_final_plan_due(notified: date) -> date:
    """Last day to send the final plan after a re-assessment.

    Regulation 27(2), SEND Regulations 2014: "within 14 weeks" of notifying the family under
    regulation 25(1), or of the decision to re-assess under section 44(3) of the Children and
    Families Act 2014.
    """
    return add_weeks(notified, 14)


@dataclass(frozen=True)
class NeedsAssessmentDueDates:
    """The three statutory due dates that follow from one request for an EHC needs assessment."""

    decision_to_assess: date
    decision_not_to_issue: date
    final_plan: date

    def rule_for(self, field_name: str) -> Rule:
        """Return the rule that set the named date, so the UI can say where it came from."""
        try:
            return _NEEDS_ASSESSMENT_RULES[field_name]
        except KeyError:
            known = ", ".join(_NEEDS_ASSESSMENT_RULES)
            raise KeyError(f"No due date {field_name!r}; expected one of: {known}") from None

    def with_rules(self) -> tuple[tuple[str, date, Rule], ...]:
        """Return (field name, due date, rule) for each date, earliest first."""
        return tuple((f.name, getattr(self, f.name), _NEEDS_ASSESSMENT_RULES[f.name]) for f in fields(self))


_NEEDS_ASSESSMENT_RULES: Final[dict[str, Rule]] = {
    "decision_to_assess": DECISION_TO_ASSESS,
    "decision_not_to_issue": DECISION_NOT_TO_ISSUE,
    "final_plan": FINAL_PLAN,
}


def needs_assessment_due_dates(received: date) -> NeedsAssessmentDueDates:
    """Return the reg 5(1), 10(1) and 13(2) due dates for a request received on ``received``."""
    return NeedsAssessmentDueDates(
        decision_to_assess=decision_to_assess_due(received),
        decision_not_to_issue=decision_not_to_issue_due(received),
        final_plan=final_plan_due(received),
    )
