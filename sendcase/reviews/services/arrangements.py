"""Before the review meeting: scheduling it, the family's format, invitations and advice (regs 18-21)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.models import Plan, PlanStatus
from sendcase.cases.services.validation import Checks
from sendcase.notifications.family import family_notify_review_invitation, family_notify_review_moved
from sendcase.reviews.clock import next_review_due
from sendcase.reviews.models import POST16_MOVE, TRANSFER_LABELS, AnnualReview, MeetingFormat
from sendcase.reviews.services._common import date_checks, require_open, save_review

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import Organisation

NOTICE_REFUSED = "Invitations must go at least 2 weeks before the meeting (regs 20(2) and 21(2))"


def _check_transfer(
    checks: Checks,
    *,
    is_phase_transfer: bool,
    transfer_kind: str,
    transfer_year: int | None,
    post16_transfer_on: dt.date | None,
    next_setting: Organisation | None,
    meeting_on: dt.date | None,
) -> int | None:
    """Check a phase transfer as entered; return the year of the transfer to store.

    A transfer between phases (reg 18(1)) needs its year. A move between post-16 institutions at
    another time of year (reg 18(2)) needs the date of the move, after the meeting; its year is
    that date's year, so an entered year must agree with it.
    """
    if next_setting is not None and not next_setting.is_setting:
        checks.add("next_setting", "Select a school, college or setting")
    if not is_phase_transfer:
        if transfer_kind or transfer_year or post16_transfer_on:
            checks.add("is_phase_transfer", "Tick 'phase transfer review' to record a transfer between phases")
        return None
    if transfer_kind not in TRANSFER_LABELS:
        checks.add("transfer_kind", "Select the kind of transfer between phases")
    year = transfer_year
    year_field = "transfer_year"
    if transfer_kind == POST16_MOVE:
        year_field = "post16_transfer_on"
        if post16_transfer_on is None:
            checks.add(
                "post16_transfer_on",
                "Enter the date of the move between post-16 institutions: the plan is due 5 months before it "
                "(reg 18(2))",
            )
            return None
        if meeting_on is not None and post16_transfer_on <= meeting_on:
            checks.add(
                "post16_transfer_on",
                f"The date of the move must be after the review meeting on {timescales.format_date(meeting_on)}: "
                "the plan is reviewed and amended before the move (reg 18(2))",
            )
        if transfer_year is not None and transfer_year != post16_transfer_on.year:
            checks.add(
                "transfer_year",
                f"The year of the transfer must be {post16_transfer_on.year}, the year of the move on "
                f"{timescales.format_date(post16_transfer_on)}. Leave it blank to use the move's date",
            )
        year = post16_transfer_on.year
    else:
        if post16_transfer_on is not None:
            checks.add(
                "post16_transfer_on",
                "A date of a move at another time of year is only for a move between post-16 institutions "
                "(reg 18(2)). Clear the date, or select that kind of transfer",
            )
        if transfer_year is None:
            checks.add("transfer_year", "Enter the year of the transfer, for example 2026 for a move in September 2026")
    if year is not None and meeting_on is not None and not 0 <= year - meeting_on.year <= 1:
        checks.add(
            year_field,
            f"The transfer must be in {meeting_on.year} or {meeting_on.year + 1}: a phase transfer review "
            "happens within 12 months of the move (reg 18)",
        )
    return year


def review_schedule(
    *,
    actor: User,
    plan: Plan,
    meeting_on: dt.date | None,
    meeting_format: str = "",
    access_needs: str = "",
    is_phase_transfer: bool = False,
    transfer_kind: str = "",
    transfer_year: int | None = None,
    post16_transfer_on: dt.date | None = None,
    next_setting: Organisation | None = None,
) -> AnnualReview:
    """Schedule the plan's next review meeting; the review is due 12 months from the last (s.44(1))."""
    require_casework(actor, plan.child)
    checks = Checks()
    if plan.status != PlanStatus.ACTIVE:
        checks.add("meeting_on", "Only a plan the council maintains is reviewed")
    elif AnnualReview.objects.filter(plan=plan, completed_on__isnull=True).exists():
        checks.add("meeting_on", "This plan already has a review in progress. Finish it before scheduling another")
    checks.date_required("meeting_on", meeting_on, "date of the review meeting")
    checks.not_before("meeting_on", meeting_on, plan.issued_on, "meeting date", "date the plan was issued")
    checks.not_before("meeting_on", meeting_on, plan.last_review_on, "meeting date", "date of the last review")
    if meeting_format and meeting_format not in MeetingFormat.values:
        checks.add("meeting_format", "Select how the family would like the meeting held")
    year = _check_transfer(
        checks,
        is_phase_transfer=is_phase_transfer,
        transfer_kind=transfer_kind,
        transfer_year=transfer_year,
        post16_transfer_on=post16_transfer_on,
        next_setting=next_setting,
        meeting_on=meeting_on,
    )
    checks.raise_if_any()
    due = next_review_due(plan, date_of_birth=plan.child.date_of_birth)
    with audited_transaction():
        return create_audited(
            AnnualReview,
            actor=actor,
            about=plan.child,
            what=f"Annual review scheduled for {timescales.format_date(meeting_on)}",  # type: ignore[arg-type]
            audited=[
                "meeting_on",
                "meeting_format",
                "due_on",
                "is_phase_transfer",
                "transfer_kind",
                "transfer_year",
                "post16_transfer_on",
            ],
            plan=plan,
            child=plan.child,
            due_on=due.due,
            due_under_local_policy=due.local_policy,
            meeting_on=meeting_on,
            meeting_format=meeting_format,
            access_needs=access_needs.strip(),
            is_phase_transfer=is_phase_transfer,
            transfer_kind=transfer_kind if is_phase_transfer else "",
            transfer_year=year,
            post16_transfer_on=post16_transfer_on if is_phase_transfer else None,
            next_setting=next_setting,
        )


def review_arrangements_change(
    *,
    actor: User,
    review: AnnualReview,
    meeting_on: dt.date | None,
    meeting_format: str,
    access_needs: str,
    is_phase_transfer: bool,
    transfer_kind: str,
    transfer_year: int | None,
    post16_transfer_on: dt.date | None,
    next_setting: Organisation | None,
    expected_version: int | None,
) -> AnnualReview:
    """Move the meeting, record the family's chosen format and access needs, or the phase transfer."""
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    checks.date_required("meeting_on", meeting_on, "date of the review meeting")
    if review.meeting_held_on and meeting_on != review.meeting_on:
        checks.add("meeting_on", "The meeting has been held, so its date cannot be moved")
    if review.invitations_sent_on and meeting_on and meeting_on < timescales.add_weeks(review.invitations_sent_on, 2):
        checks.add(
            "meeting_on", f"{NOTICE_REFUSED}: invitations went on {timescales.format_date(review.invitations_sent_on)}"
        )
    if meeting_format and meeting_format not in MeetingFormat.values:
        checks.add("meeting_format", "Select how the family would like the meeting held")
    year = _check_transfer(
        checks,
        is_phase_transfer=is_phase_transfer,
        transfer_kind=transfer_kind,
        transfer_year=transfer_year,
        post16_transfer_on=post16_transfer_on,
        next_setting=next_setting,
        meeting_on=meeting_on,
    )
    checks.raise_if_any()
    was_on = review.meeting_on
    with audited_transaction():
        saved = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={
                "meeting_on": meeting_on,
                "meeting_format": meeting_format,
                "access_needs": access_needs.strip(),
                "is_phase_transfer": is_phase_transfer,
                "transfer_kind": transfer_kind if is_phase_transfer else "",
                "transfer_year": year,
                "post16_transfer_on": post16_transfer_on if is_phase_transfer else None,
                "next_setting": next_setting,
            },
            summary="Review arrangements changed",
        )
        # Moved after the invitations went: the family hears the new date on each member's channel.
        if saved.invitations_sent_on and saved.meeting_on != was_on:
            family_notify_review_moved(actor=actor, review=saved, was_on=was_on)
        return saved


def review_invitations_send(
    *,
    actor: User,
    review: AnnualReview,
    sent_on: dt.date | None,
    advice_requested_on: dt.date | None = None,
    expected_version: int | None,
) -> AnnualReview:
    """Record the invitations (and requests for advice) sent: at least 2 weeks' notice (regs 20(2), 21(2)).

    Notice shorter than the council's own policy (SENDCASE_REVIEW_NOTICE_WEEKS) is recorded, and
    `notice_shortfall` says so; notice shorter than the law's 2 weeks is refused.
    """
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    if review.invitations_sent_on:
        checks.add("sent_on", "The invitations have already been recorded")
    date_checks(checks, "sent_on", sent_on, "date the invitations were sent")
    if sent_on and sent_on > timescales.review_invitations_due(review.meeting_on):
        checks.add(
            "sent_on",
            f"{NOTICE_REFUSED}. For a meeting on {timescales.format_date(review.meeting_on)} they must go by "
            f"{timescales.format_date(timescales.review_invitations_due(review.meeting_on))}: move the meeting",
        )
    checks.not_in_future("advice_requested_on", advice_requested_on, "date advice was requested")
    if advice_requested_on and advice_requested_on > review.meeting_on:
        checks.add("advice_requested_on", "Advice for the meeting must be requested before the meeting")
    checks.raise_if_any()
    with audited_transaction():
        saved = save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={
                "invitations_sent_on": sent_on,
                "notice_weeks": settings.SENDCASE_REVIEW_NOTICE_WEEKS,
                "advice_requested_on": advice_requested_on or review.advice_requested_on,
            },
            summary=f"Review invitations sent {timescales.format_date(sent_on)}",  # type: ignore[arg-type]
        )
        # The family is invited too, on each member's own channel, in the same transaction.
        family_notify_review_invitation(
            actor=actor, child=saved.child, meeting_on=saved.meeting_on, meeting_format=saved.meeting_format
        )
        return saved


def notice_shortfall(review: AnnualReview) -> str:
    """A warning when invitations gave less notice than the council's policy asks; else ""."""
    if not review.invitations_sent_on or not review.notice_weeks:
        return ""
    policy_date = timescales.review_invitations_due_local(review.meeting_on, review.notice_weeks)
    if review.invitations_sent_on <= policy_date:
        return ""
    days = (review.meeting_on - review.invitations_sent_on).days
    return (
        f"Invitations went {days} days before the meeting. That meets the law's 2 weeks, but the council's "
        f"policy asks for {review.notice_weeks} weeks (by {timescales.format_date(policy_date)})"
    )


def review_advice_circulate(
    *, actor: User, review: AnnualReview, circulated_on: dt.date | None, expected_version: int | None
) -> AnnualReview:
    """Record the advice and information circulated to invitees: 2 weeks before the meeting (reg 20(4))."""
    require_casework(actor, review.child)
    checks = Checks()
    require_open(checks, review)
    if review.advice_circulated_on:
        checks.add("circulated_on", "Circulating the advice has already been recorded")
    date_checks(checks, "circulated_on", circulated_on, "date the advice was circulated")
    checks.not_before(
        "circulated_on",
        circulated_on,
        review.advice_requested_on,
        "date advice was circulated",
        "date it was requested",
    )
    if circulated_on and review.meeting_held_on and circulated_on > review.meeting_held_on:
        checks.add("circulated_on", "Advice is circulated before the meeting, not after it")
    checks.raise_if_any()
    with audited_transaction():
        return save_review(
            actor=actor,
            review=review,
            expected_version=expected_version,
            changes={"advice_circulated_on": circulated_on},
            summary=f"Review advice circulated {timescales.format_date(circulated_on)}",  # type: ignore[arg-type]
        )
