"""Secure messages between a family account and the SEND team about one child.

The text stays in SENDcase: the email either side receives says only "You have a new message in
SENDcase" with a link to sign in. Both sides' messages, and each side opening the thread, are
audited (the family's through sendcase/portal/audit.py, staff's as staff events).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase.access import require_casework
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.services.validation import Checks
from sendcase.portal import notices
from sendcase.portal.access import FamilyChild
from sendcase.portal.audit import family_created
from sendcase.portal.models import FamilyAccount, Message, MessageThread
from sendcase.portal.services.participation import MAX_TEXT, require_taking_part

if TYPE_CHECKING:
    from sendcase.accounts.models import User

MAX_MESSAGE = 5_000


def _check_body(body: str) -> str:
    body = body.strip()
    checks = Checks()
    if not body:
        checks.add("body", _("Enter your message"))
    elif len(body) > min(MAX_MESSAGE, MAX_TEXT):
        checks.add("body", _("Your message must be %(max)s characters or fewer") % {"max": f"{MAX_MESSAGE:,}"})
    checks.raise_if_any(_("There is a problem"))
    return body


def message_send_from_family(*, account: FamilyAccount, family_child: FamilyChild, body: str) -> Message:
    """A family account writes to the SEND team; the key worker is told there is a new message."""
    require_taking_part(family_child)
    body = _check_body(body)
    child = family_child.child
    now = timezone.now()
    with audited_transaction():
        thread, _created = MessageThread.objects.get_or_create(child=child, account=account)
        message = Message.objects.create(thread=thread, from_family=True, body=body)
        MessageThread.objects.filter(pk=thread.pk).update(last_message_at=now, family_read_at=now)
        family_created(account=account, instance=message, what="Message sent to the SEND team", child=child, audited=[])
        officer = child.key_worker
        if officer is not None and officer.is_active and officer.email:
            notices.send_new_message_to_staff(email=officer.email, child=child, thread_id=thread.pk)
    return message


def message_send_from_staff(*, actor: User, thread: MessageThread, body: str) -> Message:
    """A member of the SEND team replies; the family is emailed that there is a new message."""
    require_casework(actor, thread.child)
    body = _check_body(body)
    now = timezone.now()
    with audited_transaction():
        message = create_audited(
            Message,
            actor=actor,
            about=thread.child,
            what=f"Message sent to {thread.account.display_name} through the family portal",
            audited=[],
            thread=thread,
            from_family=False,
            body=body,
        )
        MessageThread.objects.filter(pk=thread.pk).update(last_message_at=now, staff_read_at=now)
        if thread.account.is_active:
            notices.send_new_message_to_family(account=thread.account, child=thread.child)
    return message


def thread_read_by_family(*, thread: MessageThread) -> None:
    MessageThread.objects.filter(pk=thread.pk).update(family_read_at=timezone.now())


def thread_read_by_staff(*, thread: MessageThread) -> None:
    MessageThread.objects.filter(pk=thread.pk).update(staff_read_at=timezone.now())
