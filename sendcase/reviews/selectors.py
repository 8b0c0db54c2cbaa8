"""Reads for the review pages: already filtered by the access module, already joined."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from sendcase import access, timescales
from sendcase.access import children_visible_to
from sendcase.cases.models import Plan, PlanStatus
from sendcase.organisations.models import Organisation
from sendcase.reviews.clock import ReviewDue, ReviewStep, next_review_due, review_due_from, review_steps
from sendcase.reviews.models import AnnualReview, TermListSent
from sendcase.reviews.terms import TermDates

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


@dataclass(frozen=True)
class ReviewPanel:
    """The review part of a plan's panel on the case page."""

    plan: Plan
    next_due: ReviewDue | None  # None for a plan no longer maintained
    next_status: timescales.StepStatus | None
    open_review: AnnualReview | None
    steps: list[ReviewStep]
    past: list[AnnualReview]
    # While proposals are out: the last day to tell the family the plan will not be amended after all.
    not_amend_by: dt.date | None = None
    not_amend_rule: timescales.Rule = timescales.DECISION_NOT_TO_AMEND


def review_panel(*, plan: Plan, child: Child, today: dt.date) -> ReviewPanel:
    """The plan's open review with its steps, its past reviews and when the next is due.

    `child` is the child already fetched through the access module; the plan is one of theirs.
    """
    reviews = list(
        AnnualReview.objects.filter(plan=plan)
        .select_related("next_setting", "decision_notice", "cease_proposal")
        .order_by("-meeting_on")
    )
    for review in reviews:
        review.child = child  # already loaded; saves a query per review
        review.plan = plan
    open_review = next((r for r in reviews if r.is_open), None)
    maintained = plan.status == PlanStatus.ACTIVE
    due = next_review_due(plan, date_of_birth=child.date_of_birth) if maintained else None
    return ReviewPanel(
        plan=plan,
        next_due=due,
        next_status=timescales.step_status(
            due=due.due, done=None, today=today, rule=None if due.local_policy else timescales.ANNUAL_REVIEW
        )
        if due
        else None,
        open_review=open_review,
        steps=review_steps(open_review, today=today) if open_review else [],
        past=[r for r in reviews if not r.is_open],
        not_amend_by=timescales.decision_not_to_amend_due(open_review.proposed_amendments_sent_on)
        if open_review and open_review.proposed_amendments_sent_on
        else None,
    )


def open_review_for(child: Child) -> AnnualReview | None:
    """The review in progress on the child's maintained plan, for the step forms."""
    return (
        AnnualReview.objects.filter(child=child, completed_on__isnull=True, plan__status=PlanStatus.ACTIVE)
        .select_related("plan", "next_setting")
        .first()
    )


# --- Reviews due per school per term (CoP 9.172) ----------------------------------------------


@dataclass(frozen=True)
class DueReview:
    child: Child
    plan: Plan
    due: ReviewDue
    review: AnnualReview | None  # the review already scheduled, if any


@dataclass(frozen=True)
class SchoolList:
    """The children of one school (or of no recorded school) whose reviews fall due by a term's end."""

    school: Organisation | None
    rows: list[DueReview]
    overdue: int = 0  # due before the term starts
    arranged: int = 0  # with a meeting already scheduled

    @property
    def key(self) -> str:
        return str(self.school.pk) if self.school else "none"


def reviews_due_in_term(*, viewer: User, term: TermDates, school_id: object = None) -> list[SchoolList]:
    """Each school's list for `term`, of the children `viewer` may see (see `due_in_term`)."""
    return due_in_term(children=children_visible_to(viewer), term=term, school_id=school_id)


def due_in_term(*, children: QuerySet[Child], term: TermDates, school_id: object = None) -> list[SchoolList]:
    """Each school's children whose next review is due by the end of `term`, overdue ones included.

    A child whose review is overdue before the term starts stays on the list until the meeting
    is held, so no one drops off a school's list by being late. `children` must already be
    filtered by the access module (or, for the council's own batch job, be the council's children).
    """
    months = min(12, settings.SENDCASE_UNDER5_REVIEW_MONTHS or 12)
    latest_anchor = timescales.add_months(term.ends, -months)
    plans: QuerySet[Plan] = (
        Plan.objects.filter(status=PlanStatus.ACTIVE, child__in=children)
        .annotate(anchor=Coalesce("last_review_on", "issued_on"))
        .filter(anchor__lte=latest_anchor)
        .select_related("child", "child__setting", "child__key_worker", "child__locality")
        .order_by("child__last_name", "child__first_name")
    )
    if school_id == "none":
        plans = plans.filter(child__setting__isnull=True)
    elif school_id:
        plans = plans.filter(child__setting_id=school_id)
    scheduled = {
        r.plan_id: r
        for r in AnnualReview.objects.filter(plan__in=plans, completed_on__isnull=True).only(
            "id", "plan_id", "meeting_on", "meeting_format", "invitations_sent_on"
        )
    }
    by_school: dict[object, list[DueReview]] = defaultdict(list)
    schools: dict[object, Organisation | None] = {}
    for plan in plans:
        child = plan.child
        due = next_review_due(plan, date_of_birth=child.date_of_birth)
        if due.due > term.ends:
            continue
        key = child.setting_id or "none"
        schools[key] = child.setting
        by_school[key].append(DueReview(child=child, plan=plan, due=due, review=scheduled.get(plan.pk)))
    lists = [
        SchoolList(
            school=schools[k],
            rows=rows,
            overdue=sum(1 for r in rows if r.due.due < term.starts),
            arranged=sum(1 for r in rows if r.review is not None),
        )
        for k, rows in by_school.items()
    ]
    return sorted(lists, key=lambda s: (s.school is None, s.school.name if s.school else ""))


def school_reviews_due(*, viewer: User, term: TermDates) -> SchoolList:
    """The list for `term` of the school `viewer` works for: only the children it educates.

    PermissionDenied unless `viewer` is on the staff of a school or setting (sendcase.access).
    """
    school = access.school_of(viewer)
    lists = due_in_term(children=access.children_educated_by(viewer), term=term, school_id=school.pk)
    return lists[0] if lists else SchoolList(school=school, rows=[])


def school_for_list(*, viewer: User, school_id: object) -> Organisation | None:
    """A school of the viewer's council, for a single list; None for the 'no school recorded' list."""
    if school_id == "none":
        return None
    try:
        uuid.UUID(str(school_id))
    except ValueError as exc:
        raise Http404("No school with that reference in your council's directory.") from exc
    school = Organisation.objects.filter(pk=school_id, local_authority_id=viewer.local_authority_id).first()
    if school is None:
        raise Http404("No school with that reference in your council's directory.")
    return school


@dataclass(frozen=True)
class SchoolSummary:
    """A school's count of reviews due by the end of a term, for the overview page."""

    school: Organisation | None
    due: int
    overdue: int  # due before the term starts
    arranged: int  # with a meeting already scheduled
    sent: TermListSent | None = None  # when the school was told its list is ready, if it was

    @property
    def key(self) -> str:
        return str(self.school.pk) if self.school else "none"


def term_summary(*, viewer: User, term: TermDates) -> list[SchoolSummary]:
    """`reviews_due_in_term` counted per school, from plain values: the overview needs no names."""
    months = min(12, settings.SENDCASE_UNDER5_REVIEW_MONTHS or 12)
    rows = (
        Plan.objects.filter(status=PlanStatus.ACTIVE, child__in=children_visible_to(viewer))
        .annotate(anchor=Coalesce("last_review_on", "issued_on"))
        .filter(anchor__lte=timescales.add_months(term.ends, -months))
        .values_list("pk", "anchor", "child__date_of_birth", "child__setting_id")
    )
    arranged = set(
        AnnualReview.objects.filter(completed_on__isnull=True, child__in=children_visible_to(viewer)).values_list(
            "plan_id", flat=True
        )
    )
    counts: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0])
    for plan_id, anchor, born, setting_id in rows:
        due = review_due_from(anchor, date_of_birth=born).due
        if due > term.ends:
            continue
        count = counts[setting_id]
        count[0] += 1
        count[1] += due < term.starts
        count[2] += plan_id in arranged
    ids = [k for k in counts if k is not None]
    schools = Organisation.objects.in_bulk(ids)
    sent = {
        s.organisation_id: s
        for s in TermListSent.objects.filter(organisation_id__in=ids, term=term.term.value, year=term.year)
    }
    summaries = [SchoolSummary(schools.get(k), *c, sent=sent.get(k)) for k, c in counts.items()]  # type: ignore[arg-type]
    return sorted(summaries, key=lambda s: (s.school is None, s.school.name if s.school else ""))
