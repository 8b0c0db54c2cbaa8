"""An EHC plan's content: the working draft, the versions issued from it, and progress on outcomes.

The content of every section A to K is one JSON document (its shape is described in
sendcase/plans/sections.py and checked by sendcase/plans/validation.py). The working draft is
edited section by section; issuing a version freezes a copy of it that never changes again, with
the SHA-256 of its canonical JSON, so the plan a family was sent can always be shown as it was.

Content belongs to a maintained plan (`cases.Plan`), or, while the plan is being drawn up, to the
assessment request whose draft plan it is (`cases.AssessmentRequest`, before its final plan and so
its `Plan` exists): sendcase/plans/owners.py. Once the plan is issued, its versions carry on from
the request's drafts (version 1 the draft the family was sent, version 2 the plan as issued).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from sendcase.core.models import BaseModel
from sendcase.plans.sections import empty_content

# Content belongs to exactly one of a plan and a request whose plan is being drawn up.
_ONE_OWNER = Q(plan__isnull=False, request__isnull=True) | Q(plan__isnull=True, request__isnull=False)


class PlanDraftContent(BaseModel):
    """The editable working content of one plan (or draft plan): what the next version will say."""

    plan = models.OneToOneField(
        "cases.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="draft_content"
    )
    # The draft plan of an assessment request, before its final plan is issued.
    request = models.OneToOneField(
        "cases.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="draft_plan_content",
    )
    content = models.JSONField(default=empty_content)

    class Meta:
        verbose_name = "plan working content"
        verbose_name_plural = "plan working content"
        constraints = [models.CheckConstraint(condition=_ONE_OWNER, name="plan_content_one_owner")]

    def __str__(self) -> str:
        if self.plan_id is None:
            return f"Working content of the draft plan of request {self.request_id}"
        return f"Working content of plan {self.plan_id}"


class VersionKind(models.TextChoices):
    ISSUED = "issued", "Issued"
    AMENDED = "amended", "Amended"
    DRAFT = "draft", "Draft for consultation"


class PlanVersionQuerySet(models.QuerySet["PlanVersion"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("A plan version never changes once issued.")


class PlanVersion(BaseModel):
    """A version of the plan as it was issued, amended or sent out as a draft. Never changes."""

    # Versions go only with their plan, which SENDcase never deletes (a child's plans are PROTECTed).
    plan = models.ForeignKey("cases.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="versions")
    # A draft sent to the family while the plan is drawn up (reg 13), before the plan exists.
    request = models.ForeignKey(
        "cases.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_versions",
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=VersionKind.choices)
    issued_on = models.DateField("date issued")
    content = models.JSONField()
    # SHA-256 of the canonical JSON of `content` (sendcase.plans.validation.canonical_json).
    sha256 = models.CharField("SHA-256", max_length=64)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(fields=["request", "number"], name="plan_version_request_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_version_number_positive"),
            models.CheckConstraint(condition=_ONE_OWNER, name="plan_version_one_owner"),
            # Before the plan is issued there is only ever a draft.
            models.CheckConstraint(condition=Q(request__isnull=True) | Q(kind="draft"), name="request_version_draft"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_kind_display().lower()}, {self.issued_on:%d/%m/%Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("A plan version never changes once issued.")
        super().save(*args, **kwargs)


class ProgressRating(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    SOME = "some", "Some progress"
    GOOD = "good", "Good progress"
    ACHIEVED = "achieved", "Achieved"


class OutcomeProgress(BaseModel):
    """Progress towards one outcome of section E, as recorded on a date (reviewed at the annual review, reg 21(5))."""

    plan = models.ForeignKey("cases.Plan", on_delete=models.CASCADE, related_name="outcome_progress")
    # The outcome's stable id in the plan content, the same in every version that keeps the outcome.
    outcome_id = models.UUIDField()
    recorded_on = models.DateField("date of the progress")
    rating = models.CharField(max_length=12, choices=ProgressRating.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_on", "-created_at"]
        verbose_name_plural = "outcome progress"
        indexes = [models.Index(fields=["plan", "outcome_id", "-recorded_on"], name="outcome_progress_idx")]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} on {self.recorded_on:%d/%m/%Y}"
