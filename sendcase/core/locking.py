"""Optimistic locking: refuse a save based on a stale view of the record."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from sendcase.core.errors import EditConflict

M = TypeVar("M", bound=models.Model)


def lock_current(instance: M, *, expected_version: int | None, what: str) -> M:
    """Re-read `instance` with a row lock, and raise EditConflict if it changed since it was shown.

    Must be called inside a transaction. `expected_version` None skips the check, for callers
    (imports, seeding) that did not show the record to a person first.
    """
    # The audit chain's lock comes before any row lock (see audit.services.audited_transaction);
    # taking it again here is free and keeps callers outside a service safe too.
    from sendcase.audit.services import hold_audit_chain

    hold_audit_chain()
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and locked.version != expected_version:  # type: ignore[attr-defined]
        raise EditConflict(what)
    return locked


def bump_version(instance: models.Model) -> None:
    instance.version += 1  # type: ignore[attr-defined]
