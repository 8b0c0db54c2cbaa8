"""Reads for the family portal's pages, from records the access module has already let through.

Each selector takes a FamilyChild (from sendcase.portal.access.child_get_for_family) or a
family account, never a bare id, so nothing here can read a child the account may not see.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString, mark_safe

from sendcase.accounts.models import User
from sendcase.appeals.models import CeaseProposal, DecisionNotice, TribunalAppeal, TribunalOrder
from sendcase.appeals.selectors import NoticeView, notice_view
from sendcase.cases.clock import request_steps
from sendcase.cases.models import AdviceRequest, AssessmentRequest, Outcome, Plan, PlanStatus, TimescaleException
from sendcase.notifications.letters import letter_body
from sendcase.notifications.models import OutboxMessage
from sendcase.notifications.models import Status as MessageStatus
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.portal.access import FamilyChild, children_for_family
from sendcase.portal.models import (
    DraftResponse,
    FamilyAccount,
    FamilyDocument,
    FamilyViews,
    Message,
    MessageThread,
    ReviewPreference,
    Status,
)
from sendcase.portal.services.draft_response import response_deadline, window_problem
from sendcase.portal.timeline import Entry, RequestTimeline, StageTimeline, family_date, request_timeline
from sendcase.portal.timeline_appeals import notice_timeline
from sendcase.portal.timeline_reviews import cease_timeline, review_timeline
from sendcase.reviews.clock import next_review_due, review_steps
from sendcase.reviews.models import AnnualReview

if TYPE_CHECKING:
    from sendcase.people.models import Child

# Stages after the plan that finished longer ago than this are left off "Where we are".
RECENT = dt.timedelta(days=365)


@dataclass(frozen=True)
class PlanSummary:
    plan: Plan
    review_due: dt.date | None
    review_overdue: bool
    meeting_on: dt.date | None = None  # the review meeting being arranged, if any

    @property
    def review_due_text(self) -> str:
        return family_date(self.review_due) if self.review_due else ""

    @property
    def meeting_text(self) -> str:
        return family_date(self.meeting_on) if self.meeting_on else ""


@dataclass(frozen=True)
class ChildPage:
    family_child: FamilyChild
    requests: list[RequestTimeline]
    plans: list[PlanSummary]
    key_worker: User | None
    # The request whose draft plan the family can answer now, and until when.
    respond_to: AssessmentRequest | None
    respond_by: dt.date | None
    # Annual reviews, ceasing, decisions with appeal rights and appeals: in progress, or finished
    # in the last 12 months; those with something still to happen first.
    after_plan: list[StageTimeline] = field(default_factory=list)

    @property
    def active_plan(self) -> Plan | None:
        return next((p.plan for p in self.plans if p.plan.status == PlanStatus.ACTIVE), None)

    @property
    def timelines(self) -> list[RequestTimeline | StageTimeline]:
        return [*self.requests, *self.after_plan]

    @property
    def next_entry(self) -> Entry | None:
        """The soonest dated thing still to happen, in any part of the timeline."""
        upcoming = [t.next_entry for t in self.timelines if t.next_entry is not None]
        return min(upcoming, key=lambda e: e.when or dt.date.max) if upcoming else None

    @property
    def glossary_text(self) -> str:
        """Every sentence the timeline shows, for its "Words we use" box."""
        parts: list[str] = []
        for t in self.timelines:
            parts += [t.heading, t.outcome]
            parts += [text for e in (*t.upcoming, *t.happened) for text in (e.title, e.text, e.explanation)]
        return "\n".join(p for p in parts if p)


def _requests(child_id: object) -> list[AssessmentRequest]:
    return list(
        AssessmentRequest.objects.filter(child_id=child_id).prefetch_related(
            Prefetch("advice_requests", queryset=AdviceRequest.objects.select_related("organisation")),
            Prefetch("exceptions", queryset=TimescaleException.objects.all()),
        )
    )


def child_page(family_child: FamilyChild, *, today: dt.date) -> ChildPage:
    """Everything "Where we are" shows: each request's steps in words, the plan, who to contact."""
    child = family_child.child
    requests = _requests(child.pk)
    # Open requests first, then the most recent.
    requests.sort(key=lambda r: (r.outcome != Outcome.OPEN, -r.received_on.toordinal()))
    timelines = []
    for request in requests:
        steps = request_steps(
            request, today=today, advice=list(request.advice_requests.all()), exceptions=list(request.exceptions.all())
        )
        timelines.append(request_timeline(request, steps))
    plans = []
    for plan in Plan.objects.filter(child=child).select_related("named_setting"):
        due = next_review_due(plan, date_of_birth=child.date_of_birth).due if plan.status == PlanStatus.ACTIVE else None
        meeting = (
            AnnualReview.objects.filter(plan=plan, completed_on__isnull=True)
            .values_list("meeting_on", flat=True)
            .first()
        )
        plans.append(
            PlanSummary(plan=plan, review_due=due, review_overdue=bool(due and due < today), meeting_on=meeting)
        )
    respond_to = next((r for r in requests if not window_problem(r, on=today)), None)
    return ChildPage(
        family_child=family_child,
        requests=timelines,
        plans=plans,
        key_worker=child.key_worker if child.key_worker and child.key_worker.is_active else None,
        respond_to=respond_to,
        respond_by=response_deadline(respond_to) if respond_to else None,
        after_plan=_after_plan(child, today=today),
    )


def _after_plan(child: Child, *, today: dt.date) -> list[StageTimeline]:
    """The child's reviews, proposals to cease and decisions with appeal rights, told for the family.

    Read from the clocks the reviews and appeals keep (sendcase.reviews.clock.review_steps and
    sendcase.appeals.selectors.notice_view); a stage finished more than 12 months ago is left off.
    """
    since = today - RECENT
    stages: list[StageTimeline] = []
    reviews = AnnualReview.objects.filter(child=child).select_related("plan", "next_setting").order_by("-meeting_on")
    for review in reviews:
        if review.completed_on is None or review.completed_on >= since:
            stages.append(review_timeline(review, review_steps(review, today=today), today=today))
    notices = [notice_view(n, today=today) for n in _notices(child)]
    open_appeal = {nv.notice.pk for nv in notices if nv.has_open_appeal}
    for nv in notices:
        if _in_progress(nv) or nv.notice.sent_on >= since:
            stages.append(notice_timeline(nv, today=today))
    for proposal in CeaseProposal.objects.filter(plan__child=child).select_related("plan", "notice"):
        ended = proposal.plan.ceased_on or (proposal.decision_on if proposal.decision == "continue" else None)
        if ended is None or ended >= since:
            stage = cease_timeline(proposal, open_appeal=proposal.notice_id in open_appeal, today=today)
            if stage is not None:
                stages.append(stage)
    return sorted(stages, key=_stage_order)


def _notices(child: Child) -> QuerySet[DecisionNotice]:
    orders = Prefetch("orders", queryset=TribunalOrder.objects.prefetch_related("steps"))
    return (
        DecisionNotice.objects.filter(child=child)
        .select_related("mediation")
        .prefetch_related(Prefetch("appeals", queryset=TribunalAppeal.objects.prefetch_related(orders)))
    )


def _in_progress(view: NoticeView) -> bool:
    """Its appeal window is open, an appeal is open, or a duty under a tribunal order is outstanding."""
    return (
        view.window_open
        or view.has_open_appeal
        or any(s.status.is_open for a in view.appeals for o in a.orders for s in o.steps)
    )


def _stage_order(stage: StageTimeline) -> tuple[bool, int]:
    """Stages with something still to happen first, soonest first; then the most recent."""
    upcoming = stage.next_entry
    if upcoming is not None and upcoming.when is not None:
        return (False, upcoming.when.toordinal())
    latest = max((e.when for e in stage.happened if e.when), default=dt.date.min)
    return (True, -latest.toordinal())


@dataclass(frozen=True)
class HomeChild:
    family_child: FamilyChild
    next_text: str


def home(account: FamilyAccount, *, today: dt.date) -> list[HomeChild]:
    """The account's children, each with what happens next."""
    items = []
    for family_child in children_for_family(account):
        upcoming = child_page(family_child, today=today).next_entry
        items.append(HomeChild(family_child=family_child, next_text=upcoming.text if upcoming else ""))
    return items


def views_for(account: FamilyAccount, family_child: FamilyChild) -> list[FamilyViews]:
    """The account's own views about the child, newest first (other parents' stay theirs)."""
    return list(FamilyViews.objects.filter(child=family_child.child, account=account))


def views_get(account: FamilyAccount, family_child: FamilyChild, views_id: object) -> FamilyViews | None:
    return FamilyViews.objects.filter(pk=views_id, child=family_child.child, account=account).first()


def documents_for(account: FamilyAccount, family_child: FamilyChild) -> list[FamilyDocument]:
    return list(FamilyDocument.objects.filter(child=family_child.child, account=account))


def response_for(account: FamilyAccount, request: AssessmentRequest) -> DraftResponse | None:
    return (
        DraftResponse.objects.filter(request=request, account=account)
        .select_related("preferred_setting")
        .prefetch_related("sections")
        .first()
    )


def settings_to_choose(family_child: FamilyChild) -> QuerySet[Organisation]:
    """Schools and colleges a family can ask for: every setting the council's directory lists."""
    return Organisation.objects.filter(
        kind=OrganisationKind.SETTING, local_authority_id=family_child.child.local_authority_id
    ).order_by("name")


def review_preferences_for(account: FamilyAccount, family_child: FamilyChild) -> list[ReviewPreference]:
    return list(ReviewPreference.objects.filter(child=family_child.child, account=account).select_related("plan"))


def thread_for(account: FamilyAccount, family_child: FamilyChild) -> tuple[MessageThread | None, list[Message]]:
    thread = MessageThread.objects.filter(child=family_child.child, account=account).first()
    if thread is None:
        return None, []
    return thread, list(thread.messages.select_related("created_by"))


def sent_views_for_staff(child_id: object) -> QuerySet[FamilyViews]:
    return FamilyViews.objects.filter(child_id=child_id, status=Status.SENT).select_related(
        "account__family_member", "account__young_person"
    )


@dataclass(frozen=True)
class FamilyNotice:
    """One notice SENDcase sent this person about the child: what the email named, and the whole text."""

    sent: dt.datetime
    subject: str
    body: SafeString
    language: str = "en"  # the language the notice is written in (family notices: English unless a council adds one)


# A notice's own headings sit under the page's: its title becomes a level 3 heading, its parts level 4.
_HEADINGS = (
    (re.compile(r"<h2 class=\"govuk-heading-m\">(.*?)</h2>", re.S), r'<h4 class="govuk-heading-s">\1</h4>'),
    (re.compile(r"<h1 class=\"govuk-heading-l\">(.*?)</h1>", re.S), r'<h3 class="govuk-heading-m">\1</h3>'),
)
NOTICES_SHOWN = 50


def notices_for(account: FamilyAccount, family_child: FamilyChild) -> list[FamilyNotice]:
    """The notices about this child sent to this account's person, newest first.

    A parent's are those to their own family member record; a young person's those to their own
    account's address. Letters still waiting for the case officer's check, and calls not yet made,
    are left out until they go.
    """
    sent = (
        OutboxMessage.objects.filter(child=family_child.child, letter__isnull=False)
        .exclude(notice="")
        .exclude(status__in=(MessageStatus.HELD, MessageStatus.TO_DO))
        .select_related("letter")
        .order_by("-created_at")
    )
    if account.family_member_id is not None:
        sent = sent.filter(family_member_id=account.family_member_id)
    else:
        sent = sent.filter(family_member__isnull=True, recipient=account.email)
    notices = []
    for message in sent[:NOTICES_SHOWN]:
        body = letter_body(message.letter.html)
        for pattern, replacement in _HEADINGS:
            body = pattern.sub(replacement, body)
        # The body was rendered by SENDcase's own templates, which escaped every value in it.
        notices.append(
            FamilyNotice(
                sent=message.created_at,
                subject=message.subject,
                body=mark_safe(body),  # noqa: S308
                language=message.language or "en",
            )
        )
    return notices
