"""What every review service shares: the locked save with its audit event, and common checks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sendcase.audit.services import update_audited
from sendcase.cases.services.validation import Checks
from sendcase.reviews.models import AnnualReview

if TYPE_CHECKING:
    from sendcase.accounts.models import User


def save_review(
    *, actor: User, review: AnnualReview, expected_version: int | None, changes: dict[str, Any], summary: str
) -> AnnualReview:
    """Apply `changes` to the locked review and audit old and new values. Call inside the transaction."""
    return update_audited(
        review, actor=actor, expected_version=expected_version, changes=changes, summary=summary, what="this review"
    )


def require_open(checks: Checks, review: AnnualReview) -> None:
    if not review.is_open:
        checks.add("review", "This review is finished, so it cannot be changed. Schedule the next review instead")


def date_checks(checks: Checks, field: str, value: dt.date | None, what: str) -> None:
    """Entered, and not in the future: every event date a review records."""
    checks.date_required(field, value, what)
    checks.not_in_future(field, value, what)
