"""Whose content it is: a maintained plan, or an assessment request whose plan is being drawn up.

The draft plan of an EHC needs assessment is written, and sent to the family (reg 13(1)), before
the council issues the final plan, and so before `cases.Plan` exists: `final_plan_issue` makes
the Plan. Until then the working content and its draft versions belong to the request. When the
plan is issued, its own working content starts as a copy of the request's, and its versions carry
on the request's numbering, so the plan's history reads "version 1, draft for consultation;
version 2, issued" and the draft the family answered can be compared with the plan they got.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from sendcase.cases.models import AssessmentRequest, IssueDecision, Plan, PlanStatus
from sendcase.core.errors import ValidationFailed
from sendcase.plans.models import PlanDraftContent, PlanVersion

if TYPE_CHECKING:
    from sendcase.people.models import Child


@dataclass(frozen=True)
class PlanOwner:
    """A plan, or a request whose plan is being drawn up; exactly one of the two."""

    plan: Plan | None = None
    request: AssessmentRequest | None = None

    @classmethod
    def of(cls, *, plan: Plan | None = None, request: AssessmentRequest | None = None) -> PlanOwner:
        if (plan is None) == (request is None):
            raise ValueError("Plan content belongs to a plan or to a request, and only one")
        return cls(plan=plan, request=request)

    @property
    def is_request(self) -> bool:
        return self.request is not None

    @property
    def record(self) -> Plan | AssessmentRequest:
        return self.plan if self.plan is not None else self.request  # type: ignore[return-value]

    @property
    def pk(self) -> Any:
        return self.record.pk

    @property
    def child(self) -> Child:
        return self.record.child

    @property
    def key(self) -> dict[str, Any]:
        """The owner as the keyword arguments of a query or a new row."""
        return {"plan": self.plan} if self.plan is not None else {"request": self.request}

    @property
    def what(self) -> str:
        return "this draft plan" if self.is_request else "this plan"

    def versions(self) -> QuerySet[PlanVersion]:
        """Every version, numbered in one series: a plan's include its request's drafts."""
        if self.plan is None:
            return PlanVersion.objects.filter(request=self.request)
        mine = Q(plan=self.plan)
        if self.plan.request_id is not None:
            mine |= Q(request_id=self.plan.request_id, plan__isnull=True)
        return PlanVersion.objects.filter(mine)

    def starting_content(self) -> dict[str, Any] | None:
        """A plan nobody has written content for starts from its request's draft plan, if there is one."""
        if self.plan is None or self.plan.request_id is None:
            return None
        return (
            PlanDraftContent.objects.filter(request_id=self.plan.request_id).values_list("content", flat=True).first()
        )

    def require_writable(self) -> None:
        """A plan must still be maintained; a draft plan needs an open request with a decision to issue."""
        if self.plan is not None:
            if self.plan.status != PlanStatus.ACTIVE:
                status = self.plan.get_status_display().lower()
                message = f"This plan is no longer maintained ({status}), so it cannot be changed"
                raise ValidationFailed("There is a problem", field_errors={"plan": message})
            return
        request: AssessmentRequest = self.request  # type: ignore[assignment]
        if not request.is_open:
            message = "This request is closed, so its draft plan cannot be changed. Change the plan itself instead"
            raise ValidationFailed("There is a problem", field_errors={"plan": message})
        if request.issue_decision != IssueDecision.ISSUE:
            message = "Record the decision to issue a plan before writing the draft plan (reg 12)"
            raise ValidationFailed("There is a problem", field_errors={"plan": message})

    @property
    def url_kwargs(self) -> dict[str, Any]:
        if self.plan is not None:
            return {"child_id": self.plan.child_id, "plan_id": self.plan.pk}
        return {"child_id": self.request.child_id, "request_id": self.request.pk}  # type: ignore[union-attr]

    def url_name(self, name: str) -> str:
        """The route of this page for this owner: "plans:section-edit" or "plans:request-section-edit"."""
        return f"plans:request-{name}" if self.is_request else f"plans:{name}"


def version_owner(version: PlanVersion) -> PlanOwner:
    """The plan or request a version was issued for."""
    if version.plan_id is not None:
        return PlanOwner.of(plan=version.plan)
    return PlanOwner.of(request=version.request)
