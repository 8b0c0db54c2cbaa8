"""Reading a plan's content. Every function takes a plan already fetched through `plan_get_for_user`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import Http404

from sendcase import access
from sendcase.cases.models import AdviceRequest, Plan
from sendcase.plans.compare import SectionComparison, plan_versions_compare
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion
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


def draft_content(plan: Plan) -> PlanDraftContent:
    """The working content; an unsaved empty one (version 1) if nobody has written any yet."""
    draft = PlanDraftContent.objects.filter(plan=plan).select_related("modified_by").first()
    return draft or PlanDraftContent(plan=plan, content=empty_content(), version=1)


def versions_of(plan: Plan) -> list[PlanVersion]:
    return list(PlanVersion.objects.filter(plan=plan).select_related("created_by").order_by("number"))


def version_get(plan: Plan, number: int) -> PlanVersion:
    version = PlanVersion.objects.filter(plan=plan, number=number).select_related("created_by").first()
    if version is None:
        raise Http404("This plan has no version with that number.")
    return version


def progress_by_outcome(plan: Plan) -> dict[str, list[OutcomeProgress]]:
    """Progress recorded against each outcome, newest first."""
    found: dict[str, list[OutcomeProgress]] = {}
    for entry in OutcomeProgress.objects.filter(plan=plan).select_related("recorded_by"):
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


@dataclass
class PlanPage:
    plan: Plan
    draft: PlanDraftContent
    versions: list[PlanVersion]
    progress: dict[str, list[OutcomeProgress]]
    # Per section code: has the working content changed since the latest version?
    changed_since_latest: dict[str, bool] = field(default_factory=dict)

    @property
    def latest(self) -> PlanVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def current_final(self) -> PlanVersion | None:
        """The version in force: the latest issued or amended one (drafts are proposals)."""
        finals = [v for v in self.versions if v.kind != "draft"]
        return finals[-1] if finals else None


def plan_page(plan: Plan) -> PlanPage:
    """Everything the plan page shows: working content, versions, progress, what changed since."""
    draft = draft_content(plan)
    versions = versions_of(plan)
    page = PlanPage(plan=plan, draft=draft, versions=versions, progress=progress_by_outcome(plan))
    if versions:
        comparison = plan_versions_compare(versions[-1].content, draft.content)
        page.changed_since_latest = {s.code: s.changed for s in comparison}
    return page


def received_advice(plan: Plan) -> list[dict[str, Any]]:
    """Advice received during the plan's assessment, as rows for section K (contributor, date, title)."""
    if plan.request_id is None:
        return []
    rows = []
    advice = AdviceRequest.objects.filter(request_id=plan.request_id, received_on__isnull=False).select_related(
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
    plan: Plan, number_from: int, number_to: int
) -> tuple[PlanVersion, PlanVersion, list[SectionComparison]]:
    older, newer = version_get(plan, number_from), version_get(plan, number_to)
    return older, newer, plan_versions_compare(older.content, newer.content)


def as_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
