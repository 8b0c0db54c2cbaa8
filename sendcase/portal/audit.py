"""Writing a family's actions and views to SENDcase's one audit trail.

The trail's `actor` is a staff `User`, and a family account is not one, so a family event has no
actor: its summary starts with the account's label ("Family portal: Jane Smith (parent or carer)
<jane@...>") and a FamilyAuditEvent row links it to the account, so staff can list every event
of one account without a change to the audit app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audit_view, audited_transaction, snapshot
from sendcase.portal.models import FamilyAccount, FamilyAuditEvent

if TYPE_CHECKING:
    from sendcase.people.models import Child


def _summary(account: FamilyAccount, what: str) -> str:
    return f"{account.audit_label}: {what}"


def family_viewed(*, account: FamilyAccount, child: Child, what: str) -> None:
    """Record that a family account looked at part of a child's record (one access event)."""
    with audited_transaction():
        event = audit_view(actor=None, child=child, what=_summary(account, what))  # type: ignore[arg-type]
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
