"""The one gateway every message goes through: `notify` records it, a task delivers it after commit."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from sendcase.notifications.backends import PermanentFailure, TemporaryFailure, backend_get, backend_name
from sendcase.notifications.catalogue import template_get
from sendcase.notifications.models import Channel, OutboxMessage, Status

if TYPE_CHECKING:
    from sendcase.organisations.models import LocalAuthority
    from sendcase.people.models import Child, FamilyMember

logger = logging.getLogger(__name__)

# A message still failing to reach GOV.UK Notify after this many tries is marked failed.
MAX_ATTEMPTS = 5
CLAIM_EXPIRES = dt.timedelta(minutes=2)


@functools.lru_cache(maxsize=64)
def _subject_template(text: str) -> Template:
    return Template(text)


def _render(template_name: str, channel: str, personalisation: dict[str, str]) -> tuple[str, str, dict[str, str]]:
    """The subject and body of a message, and every field it was rendered with (optional ones empty)."""
    template = template_get(template_name)
    if channel not in template.channels:
        raise ValueError(f"The {template_name} message cannot be sent by {channel}")
    given, wanted, optional = set(personalisation), set(template.fields), template.optional_for(channel)
    if not wanted <= given <= wanted | optional:
        # Refusing extra fields is what keeps a child's details out of messages: a template
        # only ever sees the values it was designed to show.
        raise ValueError(
            f"The {template_name} message takes exactly {sorted(wanted)}"
            + (f" (and may take {sorted(optional)})" if optional else "")
            + f" by {channel}; missing {sorted(wanted - given)}, not allowed {sorted(given - wanted - optional)}"
        )
    values = dict.fromkeys(optional, "") | {key: str(value) for key, value in personalisation.items()}
    # The subject is its own msgid, so a council's translation of it is used in that language.
    subject = _subject_template(gettext(template.subject)).render(Context(values, autoescape=False)).strip()
    body = render_to_string(template.body_template_for(channel), values).strip() + "\n"
    return subject, body, values


def notify(
    *,
    to: str,
    template: str,
    personalisation: dict[str, str],
    channel: str = Channel.EMAIL,
    about_child: Child | None = None,
    local_authority: LocalAuthority | None = None,
    language: str = "en",
    interpreter_needed: bool = False,
    family_member: FamilyMember | None = None,
    notice: str = "",
) -> OutboxMessage:
    """Queue a message to one recipient; it is delivered once the caller's transaction commits.

    Every message is stored (the outbox), whichever backend delivers it. `about_child` links the
    message to the child it concerns, for the audit trail only; the message itself never names
    the child. `language` is the language to write it in (its translation must exist: the family
    notices check, sendcase/notifications/family/routing.py); `interpreter_needed` flags it for
    staff; `family_member` and `notice` record which family member and statutory step it is for.
    """
    recipient = to.strip()
    if not recipient:
        raise ValueError("A message needs a recipient")
    if channel not in (Channel.EMAIL, Channel.SMS, Channel.LETTER):
        raise ValueError(f"Unknown channel {channel!r}")
    with translation.override(language):
        subject, body, values = _render(template, channel, personalisation)
    message = OutboxMessage.objects.create(
        local_authority=local_authority or (about_child.local_authority if about_child else None),
        channel=channel,
        recipient=recipient,
        template=template,
        personalisation=values,
        subject=subject,
        body=body,
        backend=backend_name(),
        child=about_child,
        language=language,
        interpreter_needed=interpreter_needed,
        family_member=family_member,
        notice=notice,
    )
    message_id = str(message.pk)
    transaction.on_commit(lambda: _enqueue(message_id))
    return message


def _enqueue(message_id: str) -> None:
    from sendcase.notifications.tasks import deliver_message

    deliver_message.enqueue(message_id)


def message_deliver(*, message_id: str | uuid.UUID) -> str:
    """Hand one queued message to the backend; returns its status afterwards.

    The attempt is claimed with a conditional UPDATE, so a retry run and the task can never send
    the same message twice at once. No database lock is held while the backend is called.
    """
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.status != Status.QUEUED:
        return message.status if message else "missing"
    now = timezone.now()
    # A claim older than the longest send (the Notify client's 30-second timeout, with room to
    # spare) belongs to a process that died mid-send, so it may be taken over.
    claimed = (
        OutboxMessage.objects.filter(pk=message.pk, status=Status.QUEUED, attempts=message.attempts)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
        .update(attempts=message.attempts + 1, claimed_at=now)
    )
    if not claimed:
        return "claimed elsewhere"
    attempts = message.attempts + 1
    try:
        provider_id = backend_get(message.backend).send(message)
    except PermanentFailure as error:
        _finish(message, status=Status.FAILED, error=str(error))
        logger.warning("Message %s failed for good: %s", message.pk, error)
        return Status.FAILED
    except (TemporaryFailure, ImproperlyConfigured) as error:
        # A missing key is fixed by the operator, not by the message: retried like a 5xx.
        status = Status.FAILED if attempts >= MAX_ATTEMPTS else Status.QUEUED
        _finish(message, status=status, error=str(error))
        logger.warning("Message %s not sent (attempt %s): %s", message.pk, attempts, error)
        return status
    _finish(message, status=Status.SENT, provider_id=provider_id)
    return Status.SENT


def _finish(message: OutboxMessage, *, status: str, error: str = "", provider_id: str = "") -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=status,
        error=error[:500],
        provider_id=provider_id,
        sent_at=timezone.now() if status == Status.SENT else None,
        claimed_at=None,
    )


def messages_retry(*, older_than_minutes: int = 5) -> int:
    """Try again every message a temporary failure left queued; returns how many were tried."""
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    ids = list(
        OutboxMessage.objects.filter(status=Status.QUEUED, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:1000]
    )
    for message_id in ids:
        message_deliver(message_id=message_id)
    return len(ids)
