"""Reading a plan's content. Every function takes a plan (or request) already fetched through the getters here.

`plan_get_for_user` and `request_get_for_user` take a child already fetched through
`access.child_get_for_user`; the rest take the plan, or a PlanOwner (sendcase/plans/owners.py)
for the draft plan of a request.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import Http404

from sendcase import access
from sendcase.cases.models import AdviceRequest, AssessmentRequest, Plan
from sendcase.plans.compare import SectionComparison, plan_versions_compare
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion, VersionKind
from sendcase.plans.owners import PlanOwner
from sendcase.plans.sections import empty_content

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def plan_get_for_user(user: User, plan_id: object, *, child: Child, for_write: bool = False) -> Plan:
    """A plan of a child already fetched through `access.child_get_for_user`; 404 if not theirs."""
    plan = Plan.objects.filter(pk=plan_id, child=child).select_related("named_setting", "request").first()
    if plan is None:
        raise Http404("No plan with that reference for this child.")
    if for_write:
        access.require_casework(user, child)
    return plan


def request_get_for_user(user: User, request_id: object, *, child: Child, for_write: bool = False) -> AssessmentRequest:
    """A request of a child already fetched through `access.child_get_for_user`, for its draft plan; else 404."""
    request = AssessmentRequest.objects.filter(pk=request_id, child=child).first()
    if request is None:
        raise Http404("No request with that reference for this child.")
    if for_write:
        access.require_casework(user, child)
    return request


OwnerOrPlan = PlanOwner | Plan


def _owner(of: OwnerOrPlan) -> PlanOwner:
    return of if isinstance(of, PlanOwner) else PlanOwner.of(plan=of)


def draft_content(of: OwnerOrPlan) -> PlanDraftContent:
    """The working content; an unsaved one (version 1) if nobody has written any yet.

    A plan with none of its own starts from its request's draft plan, as the first edit will.
    """
    owner = _owner(of)
    draft = PlanDraftContent.objects.filter(**owner.key).select_related("modified_by").first()
    if draft is not None:
        return draft
    start = owner.starting_content()
    return PlanDraftContent(**owner.key, content=copy.deepcopy(start) if start else empty_content(), version=1)


def versions_of(of: OwnerOrPlan) -> list[PlanVersion]:
    return list(_owner(of).versions().select_related("created_by").order_by("number"))


def version_get(of: OwnerOrPlan, number: int) -> PlanVersion:
    version = _owner(of).versions().filter(number=number).select_related("created_by").first()
    if version is None:
        raise Http404("This plan has no version with that number.")
    return version


def progress_by_outcome(of: OwnerOrPlan) -> dict[str, list[OutcomeProgress]]:
    """Progress recorded against each outcome, newest first (none before the plan is issued)."""
    owner = _owner(of)
    found: dict[str, list[OutcomeProgress]] = {}
    if owner.plan is None:
        return found
    for entry in OutcomeProgress.objects.filter(plan=owner.plan).select_related("recorded_by"):
        found.setdefault(str(entry.outcome_id), []).append(entry)
    return found


def outcome_get(plan: Plan, outcome_id: str) -> dict[str, Any]:
    """An outcome of the working content or, if it has since been removed, of the latest version with it."""
    contents = [draft_content(plan).content] + [v.content for v in reversed(versions_of(plan))]
    for content in contents:
        for item in (content.get("e") or {}).get("items", []):
            if item.get("id") == outcome_id:
                return item
    raise Http404("This plan has no outcome with that reference.")


def final_before(versions: list[PlanVersion], number: int) -> PlanVersion | None:
    """The plan in force just before version `number`: the latest issued or amended version before it."""
    earlier = [v for v in versions if v.number < number and v.kind != VersionKind.DRAFT]
    return earlier[-1] if earlier else None


@dataclass
class PlanPage:
    owner: PlanOwner
    draft: PlanDraftContent
    versions: list[PlanVersion]
    progress: dict[str, list[OutcomeProgress]]
    # Per section code: has the working content changed since the latest version?
    changed_since_latest: dict[str, bool] = field(default_factory=dict)

    @property
    def plan(self) -> Plan | None:
        return self.owner.plan

    @property
    def latest(self) -> PlanVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def current_final(self) -> PlanVersion | None:
        """The version in force: the latest issued or amended one (drafts are proposals)."""
        finals = [v for v in self.versions if v.kind != VersionKind.DRAFT]
        return finals[-1] if finals else None


def plan_page(of: OwnerOrPlan) -> PlanPage:
    """Everything the plan page shows: working content, versions, progress, what changed since."""
    owner = _owner(of)
    draft = draft_content(owner)
    versions = versions_of(owner)
    page = PlanPage(owner=owner, draft=draft, versions=versions, progress=progress_by_outcome(owner))
    if versions:
        comparison = plan_versions_compare(versions[-1].content, draft.content)
        page.changed_since_latest = {s.code: s.changed for s in comparison}
    return page


def received_advice(of: OwnerOrPlan) -> list[dict[str, Any]]:
    """Advice received during the plan's assessment, as rows for section K (contributor, date, title)."""
    owner = _owner(of)
    request_id = owner.request.pk if owner.request is not None else owner.plan.request_id  # type: ignore[union-attr]
    if request_id is None:
        return []
    rows = []
    advice = AdviceRequest.objects.filter(request_id=request_id, received_on__isnull=False).select_related(
        "organisation"
    )
    for a in advice.order_by("received_on"):
        who = a.get_contributor_display()
        if a.organisation:
            who = f"{who} ({a.organisation.name})"
        rows.append(
            {"id": "", "contributor": who, "date": a.received_on, "title": f"{a.get_contributor_display()} advice"}
        )
    return rows


def compare_versions(
    of: OwnerOrPlan, number_from: int, number_to: int
) -> tuple[PlanVersion, PlanVersion, list[SectionComparison]]:
    older, newer = version_get(of, number_from), version_get(of, number_to)
    return older, newer, plan_versions_compare(older.content, newer.content)


def draft_sent_for_request(request: AssessmentRequest) -> PlanVersion | None:
    """The draft plan of a request as the family was sent it: its latest draft version (reg 13(1))."""
    return PlanVersion.objects.filter(request=request).order_by("-number").first()


def proposed_amendments_version(review: Any) -> PlanVersion | None:
    """The proposed amendments of a review as the family was sent them (reg 22(2)), if SENDcase froze them.

    Sending the proposals freezes the plan's content as a draft version dated the day they were
    sent (`services.proposed_amendments_freeze`); the latest draft of that day is the one sent.
    """
    if review.proposed_amendments_sent_on is None:
        return None
    return (
        PlanOwner.of(plan=review.plan)
        .versions()
        .filter(kind=VersionKind.DRAFT, issued_on=review.proposed_amendments_sent_on)
        .order_by("-number")
        .first()
    )


def as_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
