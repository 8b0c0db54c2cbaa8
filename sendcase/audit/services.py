"""Writing the audit trail. Services call these inside their own transaction.

Every event is appended to one hash chain (sendcase/audit/chain.py): it takes the next sequence
number and links to the hash of the event before it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connections, models, router, transaction
from django.utils import timezone

from sendcase.audit import chain
from sendcase.audit.models import Action, AuditEvent
from sendcase.core.locking import bump_version, lock_current
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


# The PostgreSQL advisory lock that lets one transaction at a time append to the chain ("SENDAUDT").
CHAIN_LOCK_ID = 0x53454E4441554454


def hold_audit_chain(using: str = "default") -> None:
    """Take the audit chain's lock for the rest of the current transaction.

    Every audited write ends up holding it, so a transaction that will lock other rows first must
    take this first: one lock order everywhere (chain, then rows) means two writers can never
    deadlock. `core.locking.lock_current` calls it before its row lock. On SQLite the write lock
    of BEGIN IMMEDIATE already orders writers, so there is nothing to take.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])


@contextmanager
def audited_transaction(using: str = "default") -> Iterator[None]:
    """The transaction every writing service runs in: atomic, holding the audit chain's lock first.

    Taking the chain's lock before any row lock (or the key-share lock an insert takes on the rows
    it references) gives every writer the same lock order, so two services can never deadlock.
    """
    with transaction.atomic(using=using):
        hold_audit_chain(using)
        yield


def _append(**content: Any) -> AuditEvent:
    """Append an event with `content` to the end of the chain, in the caller's transaction if any.

    Two transactions appending at once must not both read the same tail: that would fork the chain
    (or, with the unique sequence, fail one of them). So the tail is read under a lock held until
    the transaction commits: on PostgreSQL a transaction-level advisory lock; on SQLite the write
    lock every transaction takes at BEGIN IMMEDIATE (config/settings.py). The lock serialises all
    audited writes from this point to their commit, so callers should keep the rest short.
    """
    using = router.db_for_write(AuditEvent)
    with transaction.atomic(using=using):
        hold_audit_chain(using)
        tail = AuditEvent.objects.using(using).order_by("-sequence").values_list("sequence", "event_hash").first()
        sequence, previous_hash = (tail[0] + 1, tail[1]) if tail else (1, chain.GENESIS_HASH)
        event = AuditEvent(sequence=sequence, previous_hash=previous_hash, occurred_at=timezone.now(), **content)
        event.event_hash = chain.event_hash({name: getattr(event, name) for name in chain.CHAINED_FIELDS})
        event.save(using=using, force_insert=True)
    return event


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
    return _append(
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
    return _append(
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        object_type="people.child",
        object_id=str(child.pk),
        child=child,
        summary=what[:300],
        ip_address=current_ip.get(),
    )


def audit_views(*, actor: User, child_ids: Iterable[Any], what: str, action: str = Action.VIEW) -> list[AuditEvent]:
    """Record that `actor` looked at (or exported) part of each of these children's records at once.

    One event per child, as `audit_view` would write, chained here one after another and appended
    in one INSERT under one lock: a page of a hundred children costs one write, not a hundred.
    """
    # Children have UUID keys; one spelling of each, as the stored column reads back, keeps the hash stable.
    unique = list(dict.fromkeys(str(uuid.UUID(str(child_id))) for child_id in child_ids))
    if not unique:
        return []
    using = router.db_for_write(AuditEvent)
    label, ip = _actor_label(actor), current_ip.get()
    events = []
    with transaction.atomic(using=using):
        hold_audit_chain(using)
        tail = AuditEvent.objects.using(using).order_by("-sequence").values_list("sequence", "event_hash").first()
        sequence, previous_hash = (tail[0], tail[1]) if tail else (0, chain.GENESIS_HASH)
        for child_id in unique:
            sequence += 1
            event = AuditEvent(
                sequence=sequence,
                previous_hash=previous_hash,
                occurred_at=timezone.now(),
                actor=actor,
                actor_label=label,
                action=action,
                object_type="people.child",
                object_id=child_id,
                child_id=child_id,
                summary=what[:300],
                ip_address=ip,
            )
            event.event_hash = chain.event_hash({name: getattr(event, name) for name in chain.CHAINED_FIELDS})
            previous_hash = event.event_hash
            events.append(event)
        # AuditEventQuerySet refuses bulk inserts because they would skip the chain; these events
        # were chained just above, under the chain's lock, so a plain queryset inserts them at once.
        models.QuerySet(AuditEvent, using=using).bulk_create(events)
    return events


M = TypeVar("M", bound=models.Model)


def update_audited(
    instance: M,
    *,
    actor: User | None,
    expected_version: int | None,
    changes: dict[str, Any],
    summary: str,
    what: str,
    child: Child | None = None,
) -> M:
    """Apply `changes` to the locked, current row of `instance` and audit the old and new values.

    The row is locked and its version checked (sendcase.core.locking: someone else's change in
    between is an EditConflict naming `what`), then saved with the next version. `child` is the
    child the record concerns (by default its own `child`). Call inside the service's transaction.
    """
    current = lock_current(instance, expected_version=expected_version, what=what)
    before = snapshot(current, changes)
    for name, value in changes.items():
        setattr(current, name, value)
    bump_version(current)
    current.modified_by = actor  # type: ignore[attr-defined]
    current.save()
    audit_change(
        actor=actor,
        action=Action.UPDATE,
        instance=current,
        child=child if child is not None else current.child,  # type: ignore[attr-defined]
        summary=summary,
        changes=diff(before, snapshot(current, changes)),
    )
    return current


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
