"""Annual reviews, amendments and phase transfer: one function per statutory rule.

The rules are the SEND Regulations 2014 (SI 2014/1530) regs 18, 20, 21 and 22, section 44(1) of
the Children and Families Act 2014, and the *Devon* judgment on the overall amendment timetable.
Each function's docstring gives its source and the status label from
shared/domain/statutory-timescales.md ([CONFIRMED], [SECONDARY] or [UNCONFIRMED]). The ``Rule``
constants live in :mod:`.rules` so that ``RULES`` holds every rule; they are re-exported here.

Weeks and days are calendar weeks and days with the meeting or sending date as day 0, as for the
assessment limits. Months are calendar months with the day clamped to the end of a short month
(see :func:`.dates.add_months`). Nothing moves for weekends, bank holidays or school holidays.
"""

from __future__ import annotations

from datetime import date

from .dates import add_days, add_months, add_weeks, last_day_of_period
from .rules import (
    AMENDED_PLAN,
    AMENDED_PLAN_AFTER_REVIEW,
    AMENDMENT_REPRESENTATIONS,
    ANNUAL_REVIEW,
    DECISION_NOT_TO_AMEND,
    PHASE_TRANSFER,
    POST16_TRANSFER_REVIEW,
    REVIEW_ADVICE,
    REVIEW_DECISION,
    REVIEW_INVITATIONS,
    REVIEW_REPORT,
    Rule,
)

__all__ = [
    "AMENDED_PLAN",
    "AMENDED_PLAN_AFTER_REVIEW",
    "AMENDMENT_REPRESENTATIONS",
    "ANNUAL_REVIEW",
    "DECISION_NOT_TO_AMEND",
    "PHASE_TRANSFER",
    "POST16_TRANSFER_REVIEW",
    "REVIEW_ADVICE",
    "REVIEW_DECISION",
    "REVIEW_INVITATIONS",
    "REVIEW_REPORT",
    "amended_plan_due",
    "amended_plan_due_after_notice",
    "amended_plan_due_after_review",
    "amended_plan_rule",
    "amendment_representations_deadline",
    "annual_review_due",
    "decision_not_to_amend_due",
    "phase_transfer_deadline",
    "phase_transfer_last_day",
    "phase_transfer_on_time",
    "post16_transfer_review_due",
    "review_advice_circulation_due",
    "review_decision_due",
    "review_invitations_due",
    "review_invitations_due_local",
    "review_list_due",
    "review_report_due",
    "under5_review_due_local",
]

# "At least two weeks" before the meeting (regs 20(2), 20(4), 21(2), 21(4)).
_STATUTORY_NOTICE_WEEKS = 2


def annual_review_due(last: date) -> date:
    """Return the last day for the next review: within 12 months of `last` (s.44(1) CFA 2014).

    [CONFIRMED] as a duty (Code of Practice 9.166); the verbatim wording of s.44(1) is
    [UNCONFIRMED]. Rule: ``ANNUAL_REVIEW``.

    `last` is the date the plan was first made or the date of the previous review. SENDcase
    takes "within 12 months" to end on the anniversary, as councils and the DfE's review
    measures commonly count it; a plan made on 29 February is due by 28 February the next year,
    so the date never slips into March.
    """
    return add_months(last, 12)


def review_invitations_due(meeting: date) -> date:
    """Last day to send the invitations to a review meeting: 2 weeks before it.

    Regulations 20(2)-(3) (child or young person at a school or institution) and 21(2)-(3)
    (otherwise), SEND Regulations 2014: invitees must have "at least two weeks' notice of the
    date of the meeting". [CONFIRMED]. Rule: ``REVIEW_INVITATIONS``.

    SENDcase counts exactly 14 calendar days, so invitations sent on this day give two weeks'
    notice. Two cautions the Regulations do not settle: a court may read "at least" as clear days
    (excluding the day sent and the meeting day), which would need one day more; and this is the
    day of sending, so allow for delivery when invitations go by post.
    """
    return add_weeks(meeting, -_STATUTORY_NOTICE_WEEKS)


def review_advice_circulation_due(meeting: date) -> date:
    """Last day to circulate the advice and information for a review meeting: 2 weeks before it.

    Regulation 20(4) (and 21(4)), SEND Regulations 2014: obtain the advice and information from
    the invitees and circulate it "at least two weeks in advance" of the meeting. [CONFIRMED].
    Rule: ``REVIEW_ADVICE``. Counted as for :func:`review_invitations_due`.
    """
    return add_weeks(meeting, -_STATUTORY_NOTICE_WEEKS)


def review_invitations_due_local(meeting: date, weeks: int = 8) -> date:
    """LOCAL POLICY, NOT LAW: the day a council's own practice says review invitations go out.

    Many councils ask schools to invite people well before the statutory minimum, often 6 to 8
    weeks, so advice can be gathered in time. This date has no statutory force and no ``Rule``:
    show it as the council's policy, and use :func:`review_invitations_due` (Regulation 20(2),
    2 weeks, [CONFIRMED]) for whether the law was met. ``weeks`` below the statutory 2 is
    refused, because such a policy would let invitations go out too late.
    """
    if weeks < _STATUTORY_NOTICE_WEEKS:
        raise ValueError(f"A local notice period of {weeks} weeks is shorter than the statutory 2 weeks")
    return add_weeks(meeting, -weeks)


def review_report_due(meeting: date) -> date:
    """Last day to send the review report: within 2 weeks of the review meeting.

    Regulation 21(7), SEND Regulations 2014 (the LA prepares the report) [CONFIRMED], and the
    equivalent paragraph of regulation 20 (the school or institution prepares it, if the LA
    requires), cited as 20(7); that paragraph number is [UNCONFIRMED] but the 2-week limit is
    well corroborated. Rule: ``REVIEW_REPORT``.
    """
    return add_weeks(meeting, 2)


def review_decision_due(meeting: date) -> date:
    """Last day for the LA's decision after a review: within 4 weeks of the review meeting.

    Regulation 20(10), SEND Regulations 2014 (Code of Practice 9.176): decide whether to keep the
    plan as it is, amend it or cease to maintain it, and notify the family. The 4 weeks are
    [CONFIRMED]; the paragraph number 20(10) is widely cited but [UNCONFIRMED], and our sources
    do not give the regulation 21 equivalent. Rule: ``REVIEW_DECISION``.
    """
    return add_weeks(meeting, 4)


def amendment_representations_deadline(sent: date) -> date:
    """Last day of the family's period to comment on proposed amendments.

    Regulation 22(2), SEND Regulations 2014: at least 15 days, "beginning with the day" the
    notice of proposed amendments is served, to make representations, ask for a school or
    college, or ask for a meeting. [CONFIRMED]. Rule: ``AMENDMENT_REPRESENTATIONS``. The day
    sent is day 1, so the period ends 14 days later.
    """
    return last_day_of_period(sent, 15)


def amended_plan_due_after_notice(proposal_sent: date) -> date:
    """Last day for the final amended plan under the Regulations: within 8 weeks of the notice.

    Regulation 22(3), SEND Regulations 2014: "as soon as practicable, and in any event within
    8 weeks of the local authority sending" the proposed amendments. [CONFIRMED].
    Rule: ``AMENDED_PLAN``. This limit applies to every amendment, inside a review or not.
    """
    return add_weeks(proposal_sent, 8)


def amended_plan_due_after_review(meeting: date) -> date:
    """Last day for the final amended plan after an annual review: within 12 weeks of the meeting.

    *R (L, M, P) v Devon County Council* [2022] EWHC 493 (Admin): the proposed amendments must go
    with the 4-week decision (reg 20(10)) and the final plan follows within 8 weeks (reg 22(3)),
    so the whole timetable is 12 weeks from the meeting. [SECONDARY]: known from summaries of
    the judgment, not the judgment itself. Rule: ``AMENDED_PLAN_AFTER_REVIEW``.
    """
    return add_weeks(meeting, 12)


def amended_plan_due(proposal_sent: date, meeting: date) -> date:
    """Last day for the final amended plan after a review: the earlier of the two limits.

    The earlier of 8 weeks from sending the proposed amendments (Regulation 22(3), [CONFIRMED])
    and 12 weeks from the review meeting (*R (L, M, P) v Devon CC* [2022] EWHC 493 (Admin),
    [SECONDARY]). When the proposals go with the decision, on or before
    :func:`review_decision_due`, the two agree or reg 22(3) is earlier. When they go later, the
    Devon date is earlier and can even fall inside the family's 15 days: the council is already
    late, and the date says so. Ask :func:`amended_plan_rule` which rule made the date. For an
    amendment outside an annual review there is no meeting: use
    :func:`amended_plan_due_after_notice`.
    """
    return min(amended_plan_due_after_notice(proposal_sent), amended_plan_due_after_review(meeting))


def amended_plan_rule(proposal_sent: date, meeting: date) -> Rule:
    """Return the rule that set :func:`amended_plan_due`; on a tie, the Regulation (22(3)) wins."""
    if amended_plan_due_after_notice(proposal_sent) <= amended_plan_due_after_review(meeting):
        return AMENDED_PLAN
    return AMENDED_PLAN_AFTER_REVIEW


def decision_not_to_amend_due(proposal_sent: date) -> date:
    """Last day to tell the family the plan will not be amended after all, with reasons.

    Regulation 22(4), SEND Regulations 2014: "as soon as practicable and in any event within"
    8 weeks of sending the proposed amendments. [SECONDARY]: the stored text is cut off before
    the period, which comes from Enfield SENDIASS. Rule: ``DECISION_NOT_TO_AMEND``.
    """
    return add_weeks(proposal_sent, 8)


def phase_transfer_deadline(year_of_transfer: int, post16: bool) -> date:
    """The statutory date the amended plan must come BEFORE, for a transfer between phases.

    Regulation 18(1), SEND Regulations 2014 [CONFIRMED]: the plan must be reviewed and amended so
    it names the next school or institution "before 15 February" in the calendar year of the
    transfer (18(1)(a)), or "before 31 March" for a transfer from secondary school to a post-16
    institution (18(1)(b), pass ``post16=True``). Rule: ``PHASE_TRANSFER``.

    Convention: this returns the date the Regulation names, 15 February or 31 March, and an
    amended plan issued ON that date is late. Use :func:`phase_transfer_on_time` to judge an
    issue date and :func:`phase_transfer_last_day` (14 February or 30 March) as the due date for
    ``step_status``. ``year_of_transfer`` is the calendar year the child moves: 2026 for a move
    in September 2026.
    """
    return date(year_of_transfer, 3, 31) if post16 else date(year_of_transfer, 2, 15)


def phase_transfer_last_day(year_of_transfer: int, post16: bool) -> date:
    """Last day an amended plan for a phase transfer is on time: the day before the deadline.

    Regulation 18(1), SEND Regulations 2014 [CONFIRMED]: "before 15 February" (or "before
    31 March" for secondary to post-16) means on or before 14 February (or 30 March). Pass this,
    not :func:`phase_transfer_deadline`, as ``due`` to ``step_status``. Rule: ``PHASE_TRANSFER``.
    """
    return add_days(phase_transfer_deadline(year_of_transfer, post16), -1)


def phase_transfer_on_time(issued: date, year_of_transfer: int, post16: bool) -> bool:
    """True if an amended plan issued on ``issued`` meets Regulation 18(1) [CONFIRMED].

    Strictly before the statutory date: issued on 15 February (or 31 March) is late.
    """
    return issued < phase_transfer_deadline(year_of_transfer, post16)


def post16_transfer_review_due(transfer: date) -> date:
    """Last day to review and amend the plan for a move between post-16 institutions mid-year.

    Regulation 18(2), SEND Regulations 2014 [CONFIRMED]: for a transfer from one post-16
    institution to another at a time other than those in reg 18(1), review and amend "at least
    five months before that transfer takes place". Rule: ``POST16_TRANSFER_REVIEW``.

    Five calendar months back to the same day of the month. When that month is too short, the
    date is clamped to its last day, which is the earlier, safe choice: a transfer on 31 July
    gives 28 February (29 in a leap year), not 3 March.
    """
    return add_months(transfer, -5)


def under5_review_due_local(last: date, months: int) -> date:
    """LOCAL POLICY, NOT LAW: when a council that reviews under-5s more often wants the next review.

    Code of Practice 9.178 (guidance, not regulation) says councils "should consider" reviewing
    the plan of a child under 5 at least every 3 to 6 months. [CONFIRMED] as guidance. This date
    has no statutory force and no ``Rule``: the statutory limit stays :func:`annual_review_due`
    (s.44(1) CFA 2014), and a council setting is what turns this on. ``months`` must be between
    1 and 12; 12 gives the statutory date itself.
    """
    if not 1 <= months <= 12:
        raise ValueError(f"An under-5 review interval of {months} months is not between 1 and 12")
    return add_months(last, months)


def review_list_due(term_starts: date) -> date:
    """GUIDANCE: last day to send schools the list of children whose reviews fall in a term.

    Code of Practice 9.172: the council should give each school the list of children and young
    people with plans needing a review at least two weeks before the start of each term.
    [SECONDARY] (IPSEA's summary of the Code; shared/domain B.2). No ``Rule``: it is guidance,
    and no family's right turns on it. Counted as 14 calendar days, like the meeting notice.
    """
    return add_weeks(term_starts, -_STATUTORY_NOTICE_WEEKS)
