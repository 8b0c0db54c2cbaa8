"""Delivery receipts from GOV.UK Notify: whether each message reached the inbox, phone or printer.

Notify calls SENDcase back (views_receipts.py) with the message's `reference`, which SENDcase set to
the outbox message's id when it sent it (backends.py), and its status. `delivery_receipt_record`:

- marks the message **Delivered** ("delivered"; for a letter "received", Notify's printer has it);
- marks it **Failed** for a failure Notify has given up on ("permanent-failure": the address or
  number does not exist; "temporary-failure": the inbox was full or the phone off for days;
  "technical-failure": Notify's own problem; and a letter's "validation-failed",
  "virus-scan-failed", "cancelled"), with the reason in plain words;
- ignores the statuses on the way ("created", "sending", "pending", "accepted", ...) and any
  reference it does not know, as Notify expects (the view answers 200 either way).

Each change is a conditional update (a message is updated once, however often Notify calls), and
is audited against the child without personal data: the channel and the statuses only, never the
address, number or Notify's payload.

When a family notice fails, the family was not told, so the case officer gets a task to contact
them another way: a call to make, with the notice's letter to post (send.py's tasks, Letters
and calls).
"""

from __future__ import annotations

import uuid

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.notifications.models import Channel, Letter, OutboxMessage, Status

DELIVERED = frozenset({"delivered", "received"})
FAILED = {
    "permanent-failure": "GOV.UK Notify could not deliver it: the address or number does not exist or is blocked",
    "temporary-failure": "GOV.UK Notify could not deliver it: the inbox was full or the phone was off, and it "
    "has stopped trying",
    "technical-failure": "GOV.UK Notify could not deliver it because of a problem at Notify",
    "validation-failed": "GOV.UK Notify could not post the letter: it did not pass Notify's letter checks",
    "virus-scan-failed": "GOV.UK Notify could not post the letter: its virus check failed",
    "cancelled": "The letter was cancelled in GOV.UK Notify before it was posted",
}
# A failure can follow a delivery for a letter (returned, say); a delivery never follows a failure.
_CAN_BECOME = {
    Status.DELIVERED: (Status.QUEUED, Status.SENT),
    Status.FAILED: (Status.QUEUED, Status.SENT, Status.DELIVERED),
}


def _message(reference: object) -> OutboxMessage | None:
    try:
        key = uuid.UUID(str(reference))
    except ValueError:
        return None
    return OutboxMessage.objects.filter(pk=key).select_related("child", "family_member").first()


def delivery_receipt_record(*, reference: object, status: object) -> str:
    """Apply one delivery receipt; returns what happened: "delivered", "failed", "ignored" or "unknown"."""
    message = _message(reference)
    if message is None:
        return "unknown"
    notify_status = str(status or "").strip().lower()
    if notify_status in DELIVERED:
        new, error = Status.DELIVERED, ""
    elif notify_status in FAILED:
        new, error = Status.FAILED, FAILED[notify_status]
    else:
        return "ignored"
    with audited_transaction():
        old = OutboxMessage.objects.filter(pk=message.pk).values_list("status", flat=True).first()
        changed = OutboxMessage.objects.filter(pk=message.pk, status__in=_CAN_BECOME[new]).update(
            status=new, error=error or message.error
        )
        if not changed:
            return "ignored"
        message.status, message.error = new, error or message.error
        audit_change(
            actor=None,
            action=Action.UPDATE,
            instance=message,
            child=message.child,
            summary=f"GOV.UK Notify delivery receipt: {message.get_channel_display().lower()} {notify_status}",
            changes={"status": [old, new]},
        )
        if new == Status.FAILED and message.notice and message.child is not None:
            _contact_another_way(message)
    return new


def _contact_another_way(failed: OutboxMessage) -> OutboxMessage:
    """The family was not told: a task for the case officer to phone them, or post the notice's letter."""
    from sendcase.notifications.family.send import NO_NUMBER, officer_for

    child = failed.child
    member = failed.family_member
    who = str(member) if member is not None else f"{child.first_name} {child.last_name}"  # type: ignore[union-attr]
    number = (member.phone or member.mobile) if member is not None else ""
    what = failed.get_channel_display().lower()
    subject = f"Contact {who} another way: the {what} about “{failed.subject}” was not delivered"
    task = OutboxMessage.objects.create(
        local_authority=failed.local_authority,
        channel=Channel.PHONE,
        recipient=number or NO_NUMBER,
        template=failed.template,
        personalisation={},
        subject=subject[:200],
        body=(
            f"The {what} to {who} about “{failed.subject}” was not delivered ({failed.error}). "
            f"Phone them on {number or NO_NUMBER.lower()}, or post the letter on this page, and check the "
            "contact details we hold."
        ),
        backend=failed.backend,
        status=Status.TO_DO,
        child=child,
        notice=failed.notice,
        family_member=member,
        language=failed.language,
        interpreter_needed=failed.interpreter_needed,
        assigned_to=officer_for(child, None),  # type: ignore[arg-type]
    )
    letter = Letter.objects.filter(message=failed).first()
    if letter is not None:
        Letter.objects.create(message=task, html=letter.html, text=letter.text, words_we_use=letter.words_we_use)
    audit_change(
        actor=None,
        action=Action.CREATE,
        instance=task,
        child=child,
        summary=f"Family not reached by {what}: a task to contact them another way",
        changes={"status": [None, Status.TO_DO]},
    )
    return task
