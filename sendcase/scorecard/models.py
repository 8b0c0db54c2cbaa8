"""Published scorecards: one frozen copy of the figures per council per ISO week.

A figure quoted to councillors must be traceable months later, after late data entry has moved
the live numbers. A snapshot keeps the figures exactly as computed, with the SHA-256 of their
canonical JSON and the SENDcase version that computed them, and can never be changed: there is
no update path in the code, and the model refuses one (as the audit trail does).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models


class SnapshotQuerySet(models.QuerySet["ScorecardSnapshot"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Published scorecards cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Published scorecards cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise PermissionError("Published scorecards cannot be changed.")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Published scorecards cannot be changed.")


class ScorecardSnapshot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="scorecard_snapshots"
    )
    taken_on = models.DateField(db_index=True, editable=False)
    taken_at = models.DateTimeField(auto_now_add=True)
    # The ISO week taken_on falls in: at most one snapshot per council per week.
    iso_year = models.PositiveSmallIntegerField(editable=False)
    iso_week = models.PositiveSmallIntegerField(editable=False)
    period_from = models.DateField(editable=False)
    period_to = models.DateField(editable=False)
    figures = models.JSONField(editable=False)
    computed_by = models.CharField(max_length=200, editable=False)
    sha256 = models.CharField("SHA-256 of the canonical JSON", max_length=64, editable=False)
    # None when the weekly schedule took it.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "iso_year", "iso_week"], name="scorecard_one_snapshot_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"Scorecard of {self.taken_on:%d/%m/%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Published scorecards cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Published scorecards cannot be deleted.")
