"""Statutory time limits for EHC needs assessments and plans, one function per rule.

This module also holds every ``Rule`` constant in the package and the ``RULES`` registry, so the
registry is complete without importing the modules that use the rules: the functions for
reviews, amendments and phase transfer are in :mod:`.reviews`, and those for ceasing, mediation,
appeals and Tribunal orders are in :mod:`.appeals`.

The assessment limits below come from the SEND Regulations 2014 (SI 2014/1530). Weeks are calendar weeks
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

# --- Reviews, amendments and phase transfer (functions in reviews.py) ---------------------------

ANNUAL_REVIEW: Final = Rule(
    code="cfa-s44-1",
    regulation="Section 44(1), Children and Families Act 2014",
    summary=(
        "Review the plan within 12 months of it first being made, and then within 12 months of each previous review."
    ),
    # The 12-month duty is confirmed (Code of Practice 9.166); the verbatim wording of s.44(1)
    # is [UNCONFIRMED] in shared/domain/statutory-timescales.md, which does not change the date.
    status=STATUS_CONFIRMED,
)

REVIEW_INVITATIONS: Final = Rule(
    code="reg-20-2",
    regulation=f"Regulations 20(2) and 21(2), {_REGS}",
    summary="Invite the people who must be asked to a review meeting at least 2 weeks before it.",
    status=STATUS_CONFIRMED,
)

REVIEW_ADVICE: Final = Rule(
    code="reg-20-4",
    regulation=f"Regulations 20(4) and 21(4), {_REGS}",
    summary="Circulate the advice and information gathered for a review meeting at least 2 weeks before it.",
    status=STATUS_CONFIRMED,
)

REVIEW_REPORT: Final = Rule(
    code="reg-20-7",
    # Reg 21(7) is confirmed; the reg 20 paragraph number is [UNCONFIRMED], the 2 weeks are not.
    regulation=f"Regulations 20(7) and 21(7), {_REGS}",
    summary="Send the review report to the council and everyone invited within 2 weeks of the review meeting.",
    status=STATUS_CONFIRMED,
)

REVIEW_DECISION: Final = Rule(
    code="reg-20-10",
    # The 4 weeks are confirmed; the paragraph number 20(10) is widely cited but [UNCONFIRMED].
    regulation=f"Regulation 20(10), {_REGS}",
    summary="Within 4 weeks of the review meeting, tell the family whether the plan will be kept, amended or ceased.",
    status=STATUS_CONFIRMED,
)

AMENDMENT_REPRESENTATIONS: Final = Rule(
    code="reg-22-2",
    regulation=f"Regulation 22(2), {_REGS}",
    summary=(
        "Give the family at least 15 days, counting the day the proposed amendments are sent, to "
        "comment, ask for a school or college and ask for a meeting."
    ),
    status=STATUS_CONFIRMED,
)

AMENDED_PLAN: Final = Rule(
    code="reg-22-3",
    regulation=f"Regulation 22(3), {_REGS}",
    summary="Send the final amended plan within 8 weeks of sending the proposed amendments.",
    status=STATUS_CONFIRMED,
)

AMENDED_PLAN_AFTER_REVIEW: Final = Rule(
    code="devon-2022-ewhc-493",
    regulation="R (L, M, P) v Devon County Council [2022] EWHC 493 (Admin)",
    summary="After an annual review, send the final amended plan within 12 weeks of the review meeting.",
    status=STATUS_SECONDARY,
)

DECISION_NOT_TO_AMEND: Final = Rule(
    code="reg-22-4",
    regulation=f"Regulation 22(4), {_REGS}",
    summary="If the plan will not be amended after all, tell the family why within 8 weeks of sending the proposals.",
    status=STATUS_SECONDARY,
)

PHASE_TRANSFER: Final = Rule(
    code="reg-18-1",
    regulation=f"Regulation 18(1), {_REGS}",
    summary=(
        "Amend the plan to name the next school or college before 15 February in the year of a move "
        "between phases, or before 31 March for a move from secondary school to a post-16 institution."
    ),
    status=STATUS_CONFIRMED,
)

POST16_TRANSFER_REVIEW: Final = Rule(
    code="reg-18-2",
    regulation=f"Regulation 18(2), {_REGS}",
    summary=(
        "Review and amend the plan at least 5 months before a young person moves from one post-16 "
        "institution to another outside the usual transfer dates."
    ),
    status=STATUS_CONFIRMED,
)

# --- Ceasing, mediation, appeals and Tribunal orders (functions in appeals.py) -------------------

MEDIATION_CONTACT: Final = Rule(
    code="reg-33",
    regulation=f"Regulation 33, {_REGS}",
    summary="The family must contact the mediation adviser within 2 months of the council sending its decision.",
    status=STATUS_CONFIRMED,
)

APPEAL: Final = Rule(
    code="tribunal-rules-20-1-c",
    regulation="Rule 20(1)(c), Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008",
    summary=(
        "The Tribunal must receive an appeal within 2 months of the council sending its decision, or "
        "within 1 month of the mediation certificate being issued if that is later."
    ),
    status=STATUS_CONFIRMED,
)

MAINTAIN_UNTIL_APPEAL_ENDS: Final = Rule(
    code="cfa-s45",
    # Stated in the DfE SEN2 guide; the sub-section of s.45 is [UNCONFIRMED].
    regulation="Section 45, Children and Families Act 2014, as the DfE SEN2 guide describes it",
    summary="Keep maintaining a plan the council decided to cease until the appeal time runs out or any appeal ends.",
    status=STATUS_CONFIRMED,
)

TRIBUNAL_ORDER_CEASE: Final = Rule(
    code="reg-44-2-a",
    regulation=f"Regulation 44(2)(a), {_REGS}",
    summary="When the Tribunal dismisses an appeal against ceasing a plan, the council may cease it at once.",
    status=STATUS_CONFIRMED,
)

TRIBUNAL_ORDER_ASSESS: Final = Rule(
    code="reg-44-2-b",
    regulation=f"Regulation 44(2)(b), {_REGS}",
    summary=(
        "When the Tribunal orders an assessment, tell the family within 2 weeks, then decide not to "
        "issue a plan within 10 weeks or issue the final plan within 14 weeks of the order."
    ),
    status=STATUS_CONFIRMED,
)

TRIBUNAL_ORDER_PLAN: Final = Rule(
    code="reg-44-2-c",
    regulation=f"Regulation 44(2)(c), {_REGS}",
    summary="When the Tribunal orders a plan, send the draft within 5 weeks and the final plan within 11 weeks.",
    status=STATUS_CONFIRMED,
)

TRIBUNAL_ORDER_AMEND: Final = Rule(
    code="reg-44-2-e",
    regulation=f"Regulation 44(2)(e), {_REGS}",
    summary="When the Tribunal orders the needs or provision in a plan amended, issue it within 5 weeks of the order.",
    status=STATUS_SECONDARY,
)

TRIBUNAL_ORDER_SCHOOL: Final = Rule(
    code="reg-44-2-f",
    regulation=f"Regulation 44(2)(f), {_REGS}",
    summary="When the Tribunal orders only the named school or college changed, issue the plan within 2 weeks.",
    status=STATUS_SECONDARY,
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
        ANNUAL_REVIEW,
        REVIEW_INVITATIONS,
        REVIEW_ADVICE,
        REVIEW_REPORT,
        REVIEW_DECISION,
        AMENDMENT_REPRESENTATIONS,
        AMENDED_PLAN,
        AMENDED_PLAN_AFTER_REVIEW,
        DECISION_NOT_TO_AMEND,
        PHASE_TRANSFER,
        POST16_TRANSFER_REVIEW,
        MEDIATION_CONTACT,
        APPEAL,
        MAINTAIN_UNTIL_APPEAL_ENDS,
        TRIBUNAL_ORDER_CEASE,
        TRIBUNAL_ORDER_ASSESS,
        TRIBUNAL_ORDER_PLAN,
        TRIBUNAL_ORDER_AMEND,
        TRIBUNAL_ORDER_SCHOOL,
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
