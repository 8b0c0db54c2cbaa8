""" "Where we are" after the plan: annual reviews and ceasing a plan, in plain English with real dates.

Every date comes from a clock SENDcase already keeps, never worked out here:

- an annual review's steps from sendcase.reviews.clock.review_steps: the invitations and the
  advice 2 weeks before the meeting (regs 20(2) and 20(4)), the meeting by the date the plan must
  be reviewed (s.44(1) CFA 2014), the report 2 weeks after it (reg 20(7)), the decision 4 weeks
  after it (reg 20(10)), the proposed amendments, the amended plan (reg 22(3), or 12 weeks after
  the meeting after Devon) or the decision not to amend (reg 22(4)), and a phase transfer's
  deadline (reg 18); the family's reply-by date is the one stored on the review
  (`representations_by`, reg 22(2): 15 days counting the day the proposals were sent);
- ceasing from the proposal's stored dates (reg 31), the day the plan may end being
  `CeaseProposal.cease_effective_on` (s.45 CFA as the DfE SEN2 guide describes it). The law sets
  no time limit for a decision to cease outside an annual review, so none is shown.

The appeal and mediation dates of a decision to cease are on its decision notice
(timeline_appeals.py). Every sentence is marked for translation; regulation names stay in English.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from sendcase import timescales
from sendcase.appeals.models import CeaseDecision, CeaseProposal
from sendcase.appeals.services.ceasing import DECEASED
from sendcase.portal.timeline import (
    DONE,
    LATER,
    NEXT,
    Entry,
    StageTimeline,
    council_step,
    family_date,
    family_deadline,
    split_entries,
)
from sendcase.reviews.clock import ReviewStep
from sendcase.reviews.models import AnnualReview, ReviewDecision


def _decision_done(review: AnnualReview, day: str) -> str:
    texts = {
        ReviewDecision.MAINTAIN: _("On %(date)s the council told you it will keep the EHC plan as it is."),
        ReviewDecision.AMEND: _("On %(date)s the council told you it wants to change (amend) the EHC plan."),
        ReviewDecision.CEASE: _("On %(date)s the council told you it wants to stop keeping (cease) the EHC plan."),
    }
    return texts.get(review.decision, _("On %(date)s the council told you what it decided after the review.")) % {
        "date": day
    }


def _texts(code: str) -> tuple[str, str, str, str] | None:
    """(title, done text, due text, text while it has no date yet) for one review step, or None."""
    texts = {
        "invitations": (
            _("Invitations to the review meeting"),
            _("The council sent the invitations to the review meeting on %(date)s."),
            _("The council must invite you to the review meeting by %(date)s, at least 2 weeks before it."),
            "",
        ),
        "advice": (
            _("Advice and information for the review"),
            _("The advice and information for the review were sent to everyone on %(date)s."),
            _(
                "The advice and information for the review must be sent to everyone by %(date)s, at least 2 weeks "
                "before the meeting."
            ),
            "",
        ),
        "meeting": (
            _("The annual review meeting"),
            _("The annual review meeting was held on %(date)s."),
            _(
                "The annual review meeting is planned for %(meeting)s. The law says the plan must be reviewed by "
                "%(date)s."
            ),
            "",
        ),
        "report": (
            _("The report of the review meeting"),
            _("The council received the report of the review meeting on %(date)s."),
            _(
                "The report of the review meeting must be sent to the council and to you by %(date)s, 2 weeks after "
                "the meeting."
            ),
            _("After the meeting, a report of what was said is sent to you and the council within 2 weeks."),
        ),
        "decision": (
            _("The council's decision after the review"),
            "",  # worded by _decision_done
            _(
                "The council must tell you by %(date)s whether it will keep the plan as it is, change it or stop "
                "keeping it. That is 4 weeks after the meeting."
            ),
            _(
                "Within 4 weeks of the meeting, the council must tell you whether it will keep the plan as it is, "
                "change it or stop keeping it."
            ),
        ),
        "amendments": (
            _("The proposed changes to the plan"),
            _("The council sent you the changes it proposes to the plan on %(date)s."),
            _("The council must send you the changes it proposes to the plan by %(date)s."),
            "",
        ),
        "no-amendment": (
            _("Not changing the plan after all"),
            _(
                "On %(date)s the council told you it will not change the plan after all. Its letter explains why, "
                "and how to ask for mediation or appeal if you disagree."
            ),
            _("If the council decides not to change the plan after all, it must tell you by %(date)s."),
            "",
        ),
        "amended-plan": (
            _("The amended plan"),
            _("The council issued the amended plan on %(date)s."),
            _("The council must send you the amended plan by %(date)s."),
            "",
        ),
        "phase-transfer": (
            _("The plan for the move to a new school or college"),
            _("The council issued the plan naming the next school or college on %(date)s."),
            _("The plan must name the school or college for the move by %(date)s."),
            "",
        ),
    }
    found = texts.get(code)
    if found is None:
        return None
    return found


def _review_entry(review: AnnualReview, step: ReviewStep) -> Entry | None:
    texts = _texts(step.code)
    if texts is None:
        return None
    title, done, due, later = texts
    meeting = family_date(review.meeting_held_on or review.meeting_on)

    def done_text(day: str) -> str:
        return _decision_done(review, day) if step.code == "decision" else done % {"date": day}

    return council_step(
        f"review-{step.code}",
        title,
        step.status,
        done=done_text,
        due=lambda day: due % {"date": day, "meeting": meeting},
        later=later if review.is_open else "",
    )


def _reply_entry(review: AnnualReview, *, today: dt.date) -> Entry | None:
    """The family's 15 days to answer the proposed changes, by the date stored on the review."""
    reply_by = review.representations_by
    if reply_by is None:
        return None
    settled = bool(review.amended_plan_issued_on or review.decision_not_to_amend_on or not review.is_open)
    if settled and reply_by >= today:
        return None  # nothing left to answer
    status = timescales.step_status(due=reply_by, done=None, today=today, rule=timescales.AMENDMENT_REPRESENTATIONS)
    return family_deadline(
        "review-reply",
        _("Your reply to the proposed changes"),
        status,
        open_text=_(
            "You have until %(date)s to tell the council what you think of the proposed changes, ask for a school "
            "or college, or ask to meet an officer."
        ),
        ended_text=_("The time to reply to the proposed changes ended on %(date)s."),
    )


def review_timeline(review: AnnualReview, steps: list[ReviewStep], *, today: dt.date) -> StageTimeline:
    """One annual review in the family's words, from its steps (sendcase.reviews.clock.review_steps)."""
    entries = [_review_entry(review, step) for step in steps]
    entries.append(_reply_entry(review, today=today))
    happened, upcoming = split_entries(entries)
    outcome = ""
    if review.completed_on is not None:
        outcome = _("This review finished on %(date)s.") % {"date": family_date(review.completed_on)}
    heading = _("Annual review of the EHC plan, meeting on %(date)s") % {
        "date": family_date(review.meeting_held_on or review.meeting_on)
    }
    return StageTimeline(
        anchor=f"review-{review.pk}", heading=heading, happened=happened, upcoming=upcoming, outcome=outcome
    )


# --- Ceasing a plan -------------------------------------------------------------------------------


def cease_timeline(proposal: CeaseProposal, *, open_appeal: bool, today: dt.date) -> StageTimeline | None:
    """The council considering whether to stop keeping the plan, from the proposal's stored dates.

    A plan ended because the child or young person died is left out: there is nothing for the
    family to do, and a timeline is no way to be told.
    """
    if proposal.reason == DECEASED:
        return None
    entries: list[Entry | None] = [
        Entry(
            code="cease-proposed",
            title=_("Thinking about ending the plan"),
            text=_(
                "On %(date)s the council told you it is thinking of stopping keeping (ceasing) the EHC plan. It must "
                "ask you, and the school or college, what you think before it decides."
            )
            % {"date": family_date(proposal.proposed_on)},
            state=DONE,
            when=proposal.proposed_on,
        )
    ]
    if proposal.family_consulted_on:
        entries.append(
            Entry(
                code="cease-consulted",
                title=_("Asking what you think"),
                text=_("The council asked what you think about ending the plan on %(date)s.")
                % {"date": family_date(proposal.family_consulted_on)},
                state=DONE,
                when=proposal.family_consulted_on,
            )
        )
    entries.extend(_decision_entries(proposal, open_appeal=open_appeal, today=today))
    happened, upcoming = split_entries(entries)
    ceased = proposal.plan.ceased_on
    return StageTimeline(
        anchor=f"cease-{proposal.pk}",
        heading=_("Ending the EHC plan: the council's proposal of %(date)s")
        % {"date": family_date(proposal.proposed_on)},
        happened=happened,
        upcoming=upcoming,
        outcome=_("The EHC plan ended on %(date)s.") % {"date": family_date(ceased)} if ceased else "",
    )


def _decision_entries(proposal: CeaseProposal, *, open_appeal: bool, today: dt.date) -> list[Entry | None]:
    title = _("The decision about ending the plan")
    decided = proposal.decision_on
    if not proposal.decision or decided is None:
        text = _(
            "The council will tell you in writing what it decides. If it decides to end the plan, its letter "
            "explains why and how to ask for mediation or appeal."
        )
        return [Entry(code="cease-decision", title=title, text=text, state=LATER)]
    day = {"date": family_date(decided)}
    if proposal.decision == CeaseDecision.CONTINUE:
        text = _("On %(date)s the council decided to keep the EHC plan.") % day
        return [Entry(code="cease-decision", title=title, text=text, state=DONE, when=decided)]
    text = (
        _(
            "On %(date)s the council decided to stop keeping (cease) the EHC plan. Its letter explains why, and how to "
            "ask for mediation or appeal if you disagree."
        )
        % day
    )
    law = proposal.notice.regulation if proposal.notice else ""
    decision = Entry(code="cease-decision", title=title, text=text, state=DONE, when=decided, law=law)
    return [decision, _ending_entry(proposal, open_appeal=open_appeal, today=today)]


def _ending_entry(proposal: CeaseProposal, *, open_appeal: bool, today: dt.date) -> Entry | None:
    """When the plan may end: kept until the time to appeal has ended or any appeal is over (s.45 CFA)."""
    if proposal.plan.ceased_on:
        return None  # the outcome says when it ended
    law = timescales.MAINTAIN_UNTIL_APPEAL_ENDS.regulation
    common = {"code": "cease-ends", "title": _("When the plan may end"), "law": law}
    if open_appeal:
        text = _("You have appealed. The council keeps the plan, and the help in it, until the appeal ends.")
        return Entry(text=text, state=LATER, **common)
    ends = proposal.cease_effective_on
    if ends is None:
        text = _("The tribunal did not agree with ending the plan, so the plan continues.")
        return Entry(text=text, state=DONE, when=proposal.decision_on, **common)
    day = {"date": family_date(ends)}
    if ends > today:
        text = (
            _(
                "If nobody appeals, the plan may end from %(date)s. Until then the council keeps the plan, and the "
                "help in it."
            )
            % day
        )
        return Entry(text=text, state=NEXT, when=ends, **common)
    return Entry(
        text=_("The time to appeal has ended. The plan may end from %(date)s.") % day, state=DONE, when=ends, **common
    )
