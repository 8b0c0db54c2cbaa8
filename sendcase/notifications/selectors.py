"""Reads of the outbox, already limited to what the viewer may see."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from sendcase import access
from sendcase.accounts.models import Role
from sendcase.notifications.models import OutboxMessage, Status

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def outbox_for(user: User) -> QuerySet[OutboxMessage]:
    """The messages of the administrator's own council, newest first. The child link is never read here."""
    if not (user.is_active and user.role == Role.ADMINISTRATOR and user.local_authority_id):
        return OutboxMessage.objects.none()
    return (
        OutboxMessage.objects.filter(local_authority_id=user.local_authority_id)
        .defer("child", "personalisation")
        .order_by("-created_at")
    )


NOT_FOUND = "No letter or message with that reference is on your records."


def family_message_get_for_user(user: User, message_id: object) -> OutboxMessage:
    """A letter, call or message to a family, for the SEND team of the child's council; 404 for anyone else.

    Whether the person may see the child is decided by sendcase.access; letters to families are
    the council's own correspondence, so partners who may see the child still get a 404.
    """
    if not (user.is_authenticated and user.is_active and user.is_send_team):
        raise Http404(NOT_FOUND)
    try:
        key = message_id if isinstance(message_id, uuid.UUID) else uuid.UUID(str(message_id))
    except ValueError as exc:
        raise Http404(NOT_FOUND) from exc
    message = (
        OutboxMessage.objects.filter(pk=key, child__isnull=False, local_authority_id=user.local_authority_id)
        .exclude(notice="")
        .select_related("family_member", "assigned_to", "letter")
        .first()
    )
    if message is None:
        raise Http404(NOT_FOUND)
    message.child = access.child_get_for_user(user, message.child_id)  # raises Http404 if not theirs
    return message


def family_tasks_for(user: User) -> QuerySet[OutboxMessage]:
    """Letters waiting to be checked and calls to make: a case officer's own, or the whole council's for managers."""
    if not (user.is_active and user.can_do_casework):
        return OutboxMessage.objects.none()
    qs = OutboxMessage.objects.filter(
        local_authority_id=user.local_authority_id, status__in=[Status.HELD, Status.TO_DO]
    ).exclude(notice="")
    if user.role == Role.CASE_OFFICER:
        qs = qs.filter(Q(assigned_to=user) | Q(assigned_to__isnull=True, child__key_worker=user))
    return qs.select_related("child", "family_member", "assigned_to").order_by("created_at")


def family_messages_for_child(user: User, child: Child) -> QuerySet[OutboxMessage]:
    """Everything sent or waiting to go to a child's family, newest first; none unless the SEND team of its council."""
    if not (user.is_active and user.is_send_team and user.local_authority_id == child.local_authority_id):
        return OutboxMessage.objects.none()
    return (
        OutboxMessage.objects.filter(child=child)
        .exclude(notice="")
        .select_related("family_member")
        .order_by("-created_at")
    )
