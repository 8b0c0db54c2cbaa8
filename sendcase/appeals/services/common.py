"""What the appeals services share: checks on dates, and saving an audited change to a locked record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, diff, snapshot
from sendcase.cases.services.validation import Checks
from sendcase.core.locking import bump_version
from sendcase.timescales import format_date

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

M = TypeVar("M", bound=models.Model)

__all__ = ["Checks", "dated", "past_date", "save_changes"]


def past_date(checks: Checks, field: str, value: dt.date | None, what: str, *, required: bool = True) -> None:
    """A date that must be given (if `required`) and be today or earlier."""
    if required:
        checks.date_required(field, value, what)
    checks.not_in_future(field, value, what)


def dated(day: dt.date | None) -> str:
    return format_date(day) if day else ""


def save_changes(*, actor: User, instance: M, child: Child, changes: dict[str, Any], summary: str) -> M:
    """Apply `changes` to a record locked in this transaction and audit old and new values; no-op if unchanged."""
    before = snapshot(instance, changes)
    for name, value in changes.items():
        setattr(instance, name, value)
    changed = diff(before, snapshot(instance, changes))
    if not changed:
        return instance
    bump_version(instance)
    instance.modified_by = actor  # type: ignore[attr-defined]
    instance.save()
    audit_change(actor=actor, action=Action.UPDATE, instance=instance, child=child, summary=summary, changes=changed)
    return instance
