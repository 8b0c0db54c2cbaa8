"""Secure messages between a family account and the SEND team about one child.

The text stays in SENDcase: the email either side receives says only "You have a new message in
SENDcase" with a link to sign in. Both sides' messages, and each side opening the thread, are
audited (the family's through sendcase/portal/audit.py, staff's as staff events).

Either side may start the conversation: a family from the portal's Messages page, the SEND team
(anyone who may do casework on the child: the named officer or another officer of the council)
from the case page. A family's message alerts the child's key worker; when there is none (or
they have left), it alerts the council's shared SEND team mailbox (its directory's "SEND team"
organisation with an email address) or, without one, every active team manager of the council,
so a message never goes unread because no officer is named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase.access import require_casework
from sendcase.accounts.models import User
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import ValidationFailed
from sendcase.portal import notices
from sendcase.portal.access import FamilyChild, Scope, children_for_family
from sendcase.portal.audit import family_created
from sendcase.portal.models import FamilyAccount, Message, MessageThread
from sendcase.portal.services.participation import MAX_TEXT, require_taking_part

if TYPE_CHECKING:
    from sendcase.people.models import Child

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
        notices.send_new_message_to_staff(child=child, thread_id=thread.pk)
    return message


def message_start_from_staff(*, actor: User, child: Child, account: FamilyAccount, body: str) -> Message:
    """A member of the SEND team writes to a family account first, about a child it takes part for.

    The account must be able to read messages about the child in the portal: a parent with
    parental responsibility (whom the young person, if they hold their own account, lets take
    part) or the young person. The thread is the account's one thread about the child, made if
    there is none yet.
    """
    require_casework(actor, child)
    body = _check_body(body)
    reachable = children_for_family(account, only=child.pk)
    if not reachable or reachable[0].scope < Scope.EVERYTHING:
        raise ValidationFailed(
            "There is a problem",
            field_errors={
                "body": f"{account.display_name} cannot read messages about {child.full_name} in the family portal"
            },
        )
    with audited_transaction():
        thread, _created = MessageThread.objects.get_or_create(child=child, account=account)
        return _staff_message(actor=actor, thread=thread, body=body)


def message_send_from_staff(*, actor: User, thread: MessageThread, body: str) -> Message:
    """A member of the SEND team replies; the family is emailed that there is a new message."""
    require_casework(actor, thread.child)
    body = _check_body(body)
    with audited_transaction():
        return _staff_message(actor=actor, thread=thread, body=body)


def _staff_message(*, actor: User, thread: MessageThread, body: str) -> Message:
    """Write a checked message from the SEND team, inside the caller's transaction, and tell the family."""
    now = timezone.now()
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
