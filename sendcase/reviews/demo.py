"""Annual reviews in every state for the demo council, so the lists, tracker and scorecard have data.

Called by sendcase/demo/generator.py after the council's plans are written. Like the rest of
the seed it writes rows in bulk with no audit events, keeps every rule the services check
(invitations before the meeting, decision after it, amended plan after proposals and the
family's 15 days, one open review per plan), and never moves a plan's last review date, so the
caseload summary already computed stays right. Deterministic for a given seed and today.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from sendcase import timescales
from sendcase.cases.models import Plan, PlanStatus
from sendcase.organisations.models import LocalAuthority
from sendcase.reviews.clock import next_review_due
from sendcase.reviews.models import OUTCOME_CODES, AnnualReview, MeetingFormat, ReviewDecision
from sendcase.reviews.phases import school_stage
from sendcase.timescales.phases import phase_transfer_in

_FORMATS = [MeetingFormat.IN_PERSON] * 6 + [MeetingFormat.ONLINE] * 3 + [MeetingFormat.PHONE]


def _days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


class _Maker:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today

    def new(self, plan: Plan, **values: object) -> AnnualReview:
        return AnnualReview(
            id=uuid.UUID(int=self.rng.getrandbits(128), version=4),
            plan=plan,
            child_id=plan.child_id,
            meeting_format=self.rng.choice(_FORMATS),
            **values,
        )

    def after_meeting(self, review: AnnualReview, held: dt.date) -> None:
        """Carry a held review as far as today allows: decision, proposals, amended plan."""
        rng, today = self.rng, self.today
        review.meeting_held_on = held
        if rng.random() < 0.8:
            review.report_received_on = min(today, _days(held, rng.randint(3, 20)))
        decided = _days(held, rng.choice([rng.randint(5, 28)] * 5 + [rng.randint(29, 45)]))
        if decided > today:
            return
        review.decision = ReviewDecision.AMEND if rng.random() < 0.45 else ReviewDecision.MAINTAIN
        review.decision_sent_on, review.outcome = decided, OUTCOME_CODES[ReviewDecision(review.decision)]
        if review.decision == ReviewDecision.MAINTAIN:
            review.completed_on = decided
            return
        review.proposed_amendments_sent_on = decided
        review.representations_by = timescales.amendment_representations_deadline(decided)
        issued = _days(review.representations_by, rng.choice([rng.randint(1, 40)] * 4 + [rng.randint(41, 70)]))
        if issued <= today:
            review.amended_plan_issued_on = review.completed_on = issued


def seed_reviews(*, la: LocalAuthority, today: dt.date, seed: int) -> int:
    """Write reviews for the council's maintained plans; returns how many."""
    rng = random.Random(f"{seed}:{la.code}:reviews")  # noqa: S311 (synthetic data, not security)
    make = _Maker(rng, today)
    transfer_year = today.year + (1 if today.month >= 3 else 0)
    reviews: list[AnnualReview] = []
    plans = (
        Plan.objects.filter(child__local_authority=la, status=PlanStatus.ACTIVE)
        .select_related("child", "child__setting")
        .order_by("id")
    )
    for plan in plans:
        child = plan.child
        kind = phase_transfer_in(child.date_of_birth, school_stage(child.setting), transfer_year)
        open_review: AnnualReview | None = None
        held = plan.last_review_on
        if held is not None:
            # The review that set the plan's last review date, as far as it has got by today.
            review = make.new(
                plan,
                due_on=_days(held, rng.choice([rng.randint(0, 40)] * 5 + [-rng.randint(1, 60)])),
                meeting_on=held,
                invitations_sent_on=_days(held, -rng.randint(15, 63)),
                notice_weeks=8,
            )
            review.advice_circulated_on = _days(held, -rng.randint(14, 30)) if rng.random() < 0.7 else None
            make.after_meeting(review, held)
            reviews.append(review)
            open_review = review if review.is_open else None
        due = next_review_due(plan, date_of_birth=child.date_of_birth)
        if open_review is None and ((due.due - today).days <= 70 or kind is not None) and rng.random() < 0.7:
            # The next review, arranged: a meeting before it is due, invitations once 8 weeks out.
            meeting = max(_days(today, rng.randint(5, 30)), _days(due.due, -rng.randint(0, 21)))
            if kind is not None:
                deadline = timescales.phase_transfer_last_day(transfer_year, kind.post16)
                meeting = min(meeting, _days(deadline, -60))
                meeting = max(meeting, _days(today, 3))
            invited = _days(meeting, -rng.randint(20, 60))
            open_review = make.new(
                plan,
                due_on=due.due,
                due_under_local_policy=due.local_policy,
                meeting_on=meeting,
                invitations_sent_on=invited if invited <= today else None,
                notice_weeks=8 if invited <= today else None,
            )
            reviews.append(open_review)
        if kind is not None and open_review is not None:
            open_review.is_phase_transfer = True
            open_review.transfer_year, open_review.transfer_kind = transfer_year, kind.value
    AnnualReview.objects.bulk_create(reviews, batch_size=2000)
    return len(reviews)
