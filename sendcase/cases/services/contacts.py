"""The contact log of calls, emails, letters and meetings about a child."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from sendcase.access import require_casework
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.models import AssessmentRequest, ContactDirection, ContactKind, ContactLogEntry, Outcome
from sendcase.cases.services.validation import Checks

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def contact_log_add(
    *,
    actor: User,
    child: Child,
    occurred_at: dt.datetime | None,
    kind: str,
    direction: str,
    with_whom: str,
    summary: str,
    request: AssessmentRequest | None = None,
) -> ContactLogEntry:
    """Note a call, email, letter or meeting so the whole team can see what was said."""
    # A contact made while a request is open belongs to that request unless the caller says otherwise.
    if request is None:
        request = AssessmentRequest.objects.filter(child=child, outcome=Outcome.OPEN).first()
    require_casework(actor, child)
    checks = Checks()
    if occurred_at is None:
        checks.add("occurred_on", "Enter the date of the contact")
    elif occurred_at > timezone.now():
        checks.add("occurred_on", "The date of the contact must be today or in the past")
    if kind not in ContactKind.values:
        checks.add("kind", "Select the kind of contact")
    if direction not in ContactDirection.values:
        checks.add("direction", "Select whether the contact was received or made")
    if not with_whom.strip():
        checks.add("with_whom", "Enter who the contact was with")
    if not summary.strip():
        checks.add("summary", "Enter what was said or agreed")
    if request is not None and request.child_id != child.pk:
        checks.add("request", "That request belongs to another child")
    checks.raise_if_any()
    with audited_transaction():
        entry = create_audited(
            ContactLogEntry,
            actor=actor,
            about=child,
            what=lambda entry: f"{entry.get_kind_display()} logged",
            audited=["kind", "direction", "with_whom"],
            child=child,
            request=request,
            occurred_at=occurred_at,
            kind=kind,
            direction=direction,
            with_whom=with_whom.strip(),
            summary=summary.strip(),
        )
    return entry
