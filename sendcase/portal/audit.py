"""Writing a family's actions and views to SENDcase's one audit trail.

The trail's `actor` is a staff `User`, and a family account is not one, so a family event has no
actor: its summary starts with the account's label ("Family portal: Jane Smith (parent or carer)
<jane@...>") and a FamilyAuditEvent row links it to the account, so staff can list every event
of one account without a change to the audit app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from sendcase.audit.models import Action, AuditEvent
from sendcase.audit.services import audit_change, audit_view, audited_transaction, snapshot
from sendcase.portal.models import FamilyAccount, FamilyAuditEvent

if TYPE_CHECKING:
    from sendcase.people.models import Child


def family_summary(account: FamilyAccount, what: str) -> str:
    """An audit summary naming the family account: "Family portal: Jane Hart (parent or carer) <…>: what"."""
    return f"{account.audit_label}: {what}"


_summary = family_summary


def family_claim_last_event(*, account: FamilyAccount, instance: models.Model) -> None:
    """Link the event just written about `instance` to `account`, for a service outside the portal.

    Call inside the audited_transaction that wrote the event with a `family_summary`: that
    transaction holds the audit chain's lock until it commits, so the chain's last event is its own.
    """
    event = AuditEvent.objects.order_by("-sequence").first()
    if event is None or event.object_id != str(instance.pk):
        raise ValueError("The last audit event is not about this record: record the change first")
    FamilyAuditEvent.objects.create(event=event, account=account)


def family_viewed(*, account: FamilyAccount, child: Child, what: str, action: str = Action.VIEW) -> None:
    """Record that a family account looked at (or downloaded: `action` export) part of a child's record."""
    with audited_transaction():
        event = audit_view(actor=None, child=child, what=_summary(account, what), action=action)  # type: ignore[arg-type]
        FamilyAuditEvent.objects.create(event=event, account=account)


def family_changed(
    *,
    account: FamilyAccount,
    action: str,
    instance: models.Model,
    what: str,
    child: Child | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> None:
    """Record a change a family account made; call inside the service's audited_transaction."""
    event = audit_change(
        actor=None, action=action, instance=instance, child=child, summary=_summary(account, what), changes=changes
    )
    FamilyAuditEvent.objects.create(event=event, account=account)


def family_created(
    *, account: FamilyAccount, instance: models.Model, what: str, child: Child | None, audited: list[str]
) -> None:
    """Record a record a family account created, with the audited fields' new values."""
    family_changed(
        account=account,
        action=Action.CREATE,
        instance=instance,
        what=what,
        child=child,
        changes={name: [None, value] for name, value in snapshot(instance, audited).items()},
    )
