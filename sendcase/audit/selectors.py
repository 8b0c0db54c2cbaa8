"""Searching the audit trail, for information-governance work."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

# Who may read the trail: it says who looked at which child, so it is itself sensitive.
AUDIT_READERS = frozenset({Role.ADMINISTRATOR, Role.TEAM_MANAGER})


def can_search_audit(user: User) -> bool:
    return user.is_send_team and user.role in AUDIT_READERS


def audit_events_visible_to(
    user: User,
    *,
    child: Child | None = None,
    actor_email: str = "",
    action: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events about the user's council's children or done by its staff, newest first, filtered."""
    if not can_search_audit(user):
        return AuditEvent.objects.none()
    la = user.local_authority_id
    events = AuditEvent.objects.filter(Q(child__local_authority_id=la) | Q(actor__local_authority_id=la))
    if child is not None:
        events = events.filter(child=child)
    if actor_email:
        events = events.filter(actor__email__iexact=actor_email.strip())
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events.select_related("child").order_by("-sequence")
