"""Writing the audit trail. Services call these inside their own transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from sendcase.audit.models import Action, AuditEvent
from sendcase.core.middleware import current_ip

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, in a form the audit trail can store and compare."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(instance, attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return "SENDcase (automatic)"
    return f"{actor.get_full_name() or actor.email} <{actor.email}>"


def audit_change(
    *,
    actor: User | None,
    action: str,
    instance: models.Model,
    summary: str,
    child: Child | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> AuditEvent:
    """Record that `actor` created, changed or deleted `instance` (old and new values in `changes`)."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        child=child,
        summary=summary[:300],
        changes=changes or {},
        ip_address=current_ip.get(),
    )


def audit_view(*, actor: User, child: Child, what: str, action: str = Action.VIEW) -> AuditEvent:
    """Record that `actor` looked at (or exported) part of a child's record."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        object_type="people.child",
        object_id=str(child.pk),
        child=child,
        summary=what[:300],
        ip_address=current_ip.get(),
    )


M = TypeVar("M", bound=models.Model)


def create_audited(
    model: type[M],
    *,
    actor: User | None,
    about: Child | Callable[[M], Child] | None,
    what: str | Callable[[M], str],
    audited: Iterable[str],
    **values: Any,
) -> M:
    """Create a record authored by `actor` and audit its creation with the `audited` fields' values.

    `about` is the child the record concerns, or a function giving it from the new record. `what`
    summarises the event, and may be a function of the new record for summaries that use its
    display values. Call inside the service's transaction.
    """
    instance = model._default_manager.create(created_by=actor, modified_by=actor, **values)
    audit_change(
        actor=actor,
        action=Action.CREATE,
        instance=instance,
        child=about(instance) if callable(about) else about,
        summary=what(instance) if callable(what) else what,
        changes={name: [None, value] for name, value in snapshot(instance, audited).items()},
    )
    return instance
