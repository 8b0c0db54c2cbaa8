"""What every review service shares: the locked save with its audit event, and common checks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, diff, snapshot
from sendcase.cases.services.validation import Checks
from sendcase.core.locking import bump_version, lock_current
from sendcase.reviews.models import AnnualReview

if TYPE_CHECKING:
    from sendcase.accounts.models import User


def save_review(
    *, actor: User, review: AnnualReview, expected_version: int | None, changes: dict[str, Any], summary: str
) -> AnnualReview:
    """Apply `changes` to the locked review and audit old and new values. Call inside the transaction."""
    current = lock_current(review, expected_version=expected_version, what="this review")
    before = snapshot(current, changes)
    for name, value in changes.items():
        setattr(current, name, value)
    bump_version(current)
    current.modified_by = actor
    current.save()
    audit_change(
        actor=actor,
        action=Action.UPDATE,
        instance=current,
        child=current.child,
        summary=summary,
        changes=diff(before, snapshot(current, changes)),
    )
    return current


def require_open(checks: Checks, review: AnnualReview) -> None:
    if not review.is_open:
        checks.add("review", "This review is finished, so it cannot be changed. Schedule the next review instead")


def date_checks(checks: Checks, field: str, value: dt.date | None, what: str) -> None:
    """Entered, and not in the future: every event date a review records."""
    checks.date_required(field, value, what)
    checks.not_in_future(field, value, what)
