"""The audit trail: every change and every view of a child's record. Append-only and hash-chained.

Events are appended only through sendcase.audit.services, which gives each one its place in the
chain (see sendcase/audit/chain.py and docs/audit.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail is append-only.")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[AuditEvent]:
        raise PermissionError("Audit events are appended one at a time through sendcase.audit.services.")


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    # The event's place in the hash chain: 1, 2, 3, ... with no gaps, assigned when it is appended.
    sequence = models.BigIntegerField(unique=True, editable=False)
    # Set by the appending service, not by the database, so the hash covers the stored value.
    occurred_at = models.DateTimeField(db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text too, so the trail still reads correctly after an account is renamed.
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=True
    )
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # Hex SHA-256: the previous event's event_hash (64 zeros for the first), and this event's hash
    # over its content and previous_hash (sendcase.audit.chain.event_hash).
    previous_hash = models.CharField(max_length=64, editable=False)
    event_hash = models.CharField(max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["child", "-occurred_at"], name="audit_child_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        if not self.event_hash:
            raise PermissionError("Audit events are appended through sendcase.audit.services, which chains them.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail is append-only.")
