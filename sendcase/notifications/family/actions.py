"""What a case officer does about notices to a family: send a checked letter, record a call, and record how
a young person wants their own notices."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from sendcase.access import require_casework
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, diff, snapshot
from sendcase.cases.models import ContactDirection, ContactKind
from sendcase.cases.services.contacts import contact_log_add
from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import Channel, CouncilContact, OutboxMessage, Status, YoungPersonContact
from sendcase.notifications.services import _enqueue
from sendcase.plainenglish import check_plain_english

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def _check(message: OutboxMessage, channel: str, status: str, field: str, what: str) -> None:
    if message.channel != channel:
        raise ValidationFailed("There is a problem", field_errors={field: f"This is not {what}"})
    if message.status != status:
        raise ValidationFailed(
            "There is a problem",
            field_errors={field: f"This {what} is already {message.get_status_display().lower()}"},
        )


def letter_send(*, actor: User, message: OutboxMessage) -> OutboxMessage:
    """Send a letter a case officer has checked. Plain-English problems warn, never block; they are audited."""
    require_casework(actor, message.child)  # type: ignore[arg-type]
    _check(message, Channel.LETTER, Status.HELD, "send", "letter")
    report = check_plain_english(message.letter.text, words_we_use=message.letter.words_we_use)
    with audited_transaction():
        # Conditional, so two officers pressing "Send" at once send it once.
        claimed = OutboxMessage.objects.filter(pk=message.pk, status=Status.HELD).update(
            status=Status.QUEUED, assigned_to=actor
        )
        if not claimed:
            raise ValidationFailed("There is a problem", field_errors={"send": "Someone has already sent this letter"})
        warnings = f" with {len(report.problems)} plain-English warnings" if report.problems else ""
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=message,
            child=message.child,
            summary=f"Letter to the family checked and sent{warnings}: {message.subject}",
            changes={"status": [Status.HELD, Status.QUEUED]},
        )
        message_id = str(message.pk)
        transaction.on_commit(lambda: _enqueue(message_id))
    message.refresh_from_db()
    return message


def phone_task_done(*, actor: User, message: OutboxMessage, note: str = "") -> OutboxMessage:
    """The officer phoned the family: the task is done and the call goes in the child's contact log."""
    require_casework(actor, message.child)  # type: ignore[arg-type]
    _check(message, Channel.PHONE, Status.TO_DO, "note", "phone call")
    member = message.family_member
    with_whom = str(member) if member else "The family"
    summary = f"Told them: {message.letter.text.splitlines()[0] if message.letter.text else message.subject}."
    if note.strip():
        summary += f" {note.strip()}"
    now = timezone.now()
    with audited_transaction():
        done = OutboxMessage.objects.filter(pk=message.pk, status=Status.TO_DO).update(
            status=Status.DONE, sent_at=now, assigned_to=actor
        )
        if not done:
            raise ValidationFailed(
                "There is a problem", field_errors={"note": "Someone has already recorded this call"}
            )
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=message,
            child=message.child,
            summary=f"Family phoned: {message.subject}",
            changes={"status": [Status.TO_DO, Status.DONE]},
        )
        contact_log_add(
            actor=actor,
            child=message.child,  # type: ignore[arg-type]
            occurred_at=now,
            kind=ContactKind.PHONE,
            direction=ContactDirection.OUTGOING,
            with_whom=with_whom,
            summary=summary,
        )
    message.refresh_from_db()
    return message


def council_contact_save(*, actor: User, contact: CouncilContact, fields: list[str]) -> CouncilContact:
    """Save the council's details printed on letters to families (a validated, unsaved form instance)."""
    before = {} if contact._state.adding else snapshot(CouncilContact.objects.get(pk=contact.pk), fields)
    with audited_transaction():
        contact.save()
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=contact,
            summary="Letter details for families changed",
            changes=diff(before, snapshot(contact, fields)),
        )
    return contact


_PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
CONTACT_FIELDS = ["language", "needs_interpreter", "phone"]


def young_person_contact_save(
    *, actor: User, child: Child, language: str, needs_interpreter: bool, phone: str
) -> YoungPersonContact:
    """Record the language a young person wants their own notices in, and a number for a call with an interpreter."""
    require_casework(actor, child)
    language, phone = language.strip(), phone.strip()
    errors = {}
    if not language:
        errors["language"] = "Enter the language they would like us to write in, like English or Polish"
    elif len(language) > 40:
        errors["language"] = "The language must be 40 characters or fewer"
    if phone and not _PHONE.match(phone):
        errors["phone"] = "Enter a phone number, like 01632 960 001 or 07700 900 982"
    if errors:
        raise ValidationFailed("There is a problem", field_errors=errors)
    with audited_transaction():
        existing = YoungPersonContact.objects.select_for_update().filter(child=child).first()
        contact = existing or YoungPersonContact(child=child)
        before = snapshot(contact, CONTACT_FIELDS) if existing else {}
        contact.language, contact.needs_interpreter, contact.phone = language, needs_interpreter, phone
        contact.save()
        audit_change(
            actor=actor,
            action=Action.UPDATE if existing else Action.CREATE,
            instance=contact,
            child=child,
            summary="How to write to the young person changed",
            changes=diff(before, snapshot(contact, CONTACT_FIELDS)),
        )
    return contact
