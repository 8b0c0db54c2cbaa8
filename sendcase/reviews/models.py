"""Annual reviews of EHC plans (s.44 CFA 2014, regs 18-22 SEND Regulations 2014).

One AnnualReview is one review of one plan, from scheduling the meeting to the council's
decision and, when it amends, the amended plan. Like the assessment request, each statutory
event is a date; sendcase/reviews/clock.py turns those dates into due dates and step states.
The only due date stored is `due_on`, the date the review itself was due when it was
scheduled, because it depends on the plan's history at that moment.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q

from sendcase import sen2codes
from sendcase.core.choices import code_choices
from sendcase.core.models import BaseModel
from sendcase.reviews.terms import term_dates
from sendcase.timescales.phases import TransferKind
from sendcase.timescales.reviews import review_invitations_due


def short_notice_days(invitations_sent_on: dt.date | None, held_on: dt.date | None) -> int | None:
    """The days of notice a meeting held on `held_on` had, if fewer than the law's 2 weeks; else None.

    Regulations 20(2) and 21(2), SEND Regulations 2014: everyone invited has "at least two weeks'
    notice of the date of the meeting". A meeting can still happen at shorter notice (the family
    may agree to it), so SENDcase records it, says so, and does not count it as held on time.
    Counted as `timescales.review_invitations_due` counts: invitations 14 days before are enough.
    """
    if invitations_sent_on is None or held_on is None:
        return None
    if invitations_sent_on <= review_invitations_due(held_on):
        return None
    return (held_on - invitations_sent_on).days


def short_notice_text(days: int) -> str:
    """ "Held with 9 days' notice, fewer than the 2 weeks regulations 20(2) and 21(2) require"."""
    return (
        f"Held with {days} day{'' if days == 1 else 's'}' notice, fewer than the 2 weeks "
        "regulations 20(2) and 21(2) require"
    )


class MeetingFormat(models.TextChoices):
    """How the family chose to have the review meeting held (DESIGN: families choose the format)."""

    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online video call"
    PHONE = "phone", "Phone call"


class ReviewDecision(models.TextChoices):
    """The council's decision after the review (reg 20(10)); SEN2 ReviewOutcome M, A or C."""

    MAINTAIN = "maintain", "Keep the plan as it is"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Cease to maintain the plan"


# sendcase.sen2codes.ReviewOutcome for each decision.
OUTCOME_CODES = {
    ReviewDecision.MAINTAIN: sen2codes.ReviewOutcome.MAINTAIN.value,
    ReviewDecision.AMEND: sen2codes.ReviewOutcome.AMEND.value,
    ReviewDecision.CEASE: sen2codes.ReviewOutcome.CEASE.value,
}

# A move from one post-16 institution to another at a time other than the usual transfer points
# (reg 18(2)) is not a "transfer between phases" (reg 2(1)), so it is not a TransferKind; a review
# records it beside them, with the date of the move, and the plan is due 5 months before it.
POST16_MOVE = "post16_to_post16"
TRANSFER_CHOICES = [
    *((kind.value, kind.label) for kind in TransferKind),
    (POST16_MOVE, "Between post-16 institutions at another time of year"),
]
TRANSFER_LABELS = dict(TRANSFER_CHOICES)
_PHASE_KINDS = frozenset(TransferKind)


class AnnualReview(BaseModel):
    """One review of a plan, with every statutory event as a date."""

    plan = models.ForeignKey("cases.Plan", on_delete=models.PROTECT, related_name="reviews")
    # The child as well as the plan, so access filtering and the lists join one table fewer.
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="annual_reviews")
    due_on = models.DateField("date the review was due")
    due_under_local_policy = models.BooleanField(
        "due earlier under the council's under-5 policy (CoP 9.178)", default=False
    )

    # Arrangements: the meeting and how the family want it held.
    meeting_on = models.DateField("date of the review meeting")
    meeting_format = models.CharField(max_length=10, choices=MeetingFormat.choices, blank=True)
    access_needs = models.TextField("access needs for the meeting", blank=True)

    # Before the meeting: regs 20(2)-(4), 21(2)-(4).
    invitations_sent_on = models.DateField("date invitations were sent", null=True, blank=True)
    notice_weeks = models.PositiveSmallIntegerField(
        "weeks of notice the council's policy asked for when invitations went", null=True, blank=True
    )
    advice_requested_on = models.DateField("date advice was requested", null=True, blank=True)
    advice_circulated_on = models.DateField("date advice was circulated", null=True, blank=True)

    # The meeting and after it: regs 20(7)-(10), 21(7).
    meeting_held_on = models.DateField("date the meeting was held", null=True, blank=True)
    report_received_on = models.DateField("date the review report was received", null=True, blank=True)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decision_sent_on = models.DateField("date the decision was sent to the family", null=True, blank=True)
    outcome = models.CharField(
        "SEN2 review outcome", max_length=1, blank=True, choices=code_choices(sen2codes.ReviewOutcome)
    )

    # Amending: reg 22.
    proposed_amendments_sent_on = models.DateField("date proposed amendments were sent", null=True, blank=True)
    representations_by = models.DateField("last day for the family's comments", null=True, blank=True)
    amended_plan_issued_on = models.DateField("date the amended plan was issued", null=True, blank=True)
    amended_plan_version = models.PositiveIntegerField("number of the amended plan's version", null=True, blank=True)
    decision_not_to_amend_on = models.DateField(
        "date the family was told the plan will not be amended", null=True, blank=True
    )

    # Phase transfer: reg 18.
    is_phase_transfer = models.BooleanField("phase transfer review", default=False)
    transfer_kind = models.CharField(max_length=24, choices=TRANSFER_CHOICES, blank=True)
    transfer_year = models.PositiveSmallIntegerField("calendar year of the transfer", null=True, blank=True)
    post16_transfer_on = models.DateField(
        "date of a move between post-16 institutions outside the usual times (reg 18(2))", null=True, blank=True
    )  # with transfer_kind POST16_MOVE only; transfer_year is then this date's year
    next_setting = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    completed_on = models.DateField("date the review was finished", null=True, blank=True)

    class Meta:
        ordering = ["-meeting_on"]
        indexes = [
            models.Index(fields=["child", "-meeting_on"], name="review_child_idx"),
            models.Index(fields=["completed_on", "due_on"], name="review_open_due_idx"),
            models.Index(fields=["transfer_year", "is_phase_transfer"], name="review_transfer_idx"),
            models.Index(fields=["meeting_held_on"], name="review_held_idx"),
        ]
        constraints = [
            # One review at a time: the case page's forms act on "the open review".
            models.UniqueConstraint(fields=["plan"], condition=Q(completed_on__isnull=True), name="one_open_review"),
            models.CheckConstraint(
                condition=Q(meeting_held_on__isnull=True)
                | Q(invitations_sent_on__isnull=False, meeting_held_on__gte=F("invitations_sent_on")),
                name="review_meeting_after_invitations",
            ),
            models.CheckConstraint(
                condition=Q(decision_sent_on__isnull=True)
                | Q(meeting_held_on__isnull=False, decision_sent_on__gte=F("meeting_held_on")),
                name="review_decision_after_meeting",
            ),
            models.CheckConstraint(
                condition=Q(amended_plan_issued_on__isnull=True) | Q(proposed_amendments_sent_on__isnull=False),
                name="review_amended_plan_needs_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"Annual review, meeting {self.meeting_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def transfer(self) -> TransferKind | None:
        """The transfer between phases (reg 2(1)); None for a mid-year post-16 move, or none recorded."""
        return TransferKind(self.transfer_kind) if self.transfer_kind in _PHASE_KINDS else None

    @property
    def short_notice(self) -> str:
        """ "Held with N days' notice, fewer than the 2 weeks ... require", or "" when notice was enough."""
        days = short_notice_days(self.invitations_sent_on, self.meeting_held_on)
        return short_notice_text(days) if days is not None else ""

    @property
    def is_post16_move(self) -> bool:
        """A move between post-16 institutions at another time of year (reg 18(2))."""
        return self.transfer_kind == POST16_MOVE

    @property
    def post16(self) -> bool:
        """Secondary to post-16: the reg 18(1)(b) date (31 March) applies, not 15 February."""
        return self.transfer_kind == TransferKind.SECONDARY_TO_POST16


class TermListSent(models.Model):
    """That a school was told its list of reviews for a term is ready: once per school and term.

    Written by `sendcase review_lists`, so running it again sends nothing twice. `sent_on` is the
    day it was sent (sendcase.core.clock.today()), against which the list's due date is judged:
    2 weeks before the term starts (CoP 9.172 [SECONDARY]).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    children = models.PositiveIntegerField("children on the list")
    sent_on = models.DateField("date the school was told its list is ready")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "term", "year"], name="one_term_list_per_school"),
        ]

    def __str__(self) -> str:
        return f"Review list for {self.term} {self.year} ({self.children} children)"

    @property
    def list_due(self) -> dt.date:
        return term_dates(self.term, self.year).list_due

    @property
    def late(self) -> bool:
        """Sent after the day it was due, 2 weeks before the term started."""
        return self.sent_on > self.list_due
