"""A family's own password: a link when they have forgotten it, and changing it while signed in.

Forgotten password: anyone may ask for a link for an email address. The answer is always the
same ("if there is an account, we have sent a link"), so the page never says whether an address
has an account. For an active account, SENDcase emails a link through the gateway that works
once, for RESET_LINK_MINUTES (60) minutes; asking again replaces it, and at most MAX_LINKS are
sent in LINKS_WINDOW, so nobody can fill a family's inbox. Opening the link, the person chooses a
new password (the invitation's own checks and one-time use: services/invitations.py), which also
clears any lockout. The new password still needs the emailed sign-in code.

Changing the password while signed in needs the current password: a wrong one counts towards the
lockout like a wrong password at sign-in.

Either way every other signed-in session of the account ends (sendcase/portal/session.py keeps a
fingerprint of the password hash), the change is audited against the account, and the family is
emailed that their password changed, so someone who did not do it can tell the council.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase.audit.models import Action
from sendcase.audit.services import audited_transaction
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import ValidationFailed
from sendcase.portal import notices
from sendcase.portal.audit import family_changed
from sendcase.portal.models import FamilyAccount, FamilyInvitation, LinkPurpose
from sendcase.portal.services.invitations import (
    invitation_find,
    normalise_email,
    password_checks,
    password_from_link,
    token_hash,
)
from sendcase.portal.services.sign_in import is_locked, locked_message, record_failure

logger = logging.getLogger(__name__)

RESET_LINK_MINUTES = 60
MAX_LINKS = 3
LINKS_WINDOW = dt.timedelta(minutes=15)


def password_reset_request(*, email: str) -> None:
    """Email a link to choose a new password if `email` is an active account's; say nothing either way."""
    account = FamilyAccount.objects.select_related("local_authority").filter(email=normalise_email(email)).first()
    if account is None or not account.is_active:
        # Nothing to send and no record to attach an audit event to; the page reads the same.
        logger.info("Forgotten-password link asked for an address with no active family account")
        return
    now = timezone.now()
    recent = FamilyInvitation.objects.filter(
        account=account, purpose=LinkPurpose.PASSWORD_RESET, created_at__gte=now - LINKS_WINDOW
    ).count()
    with audited_transaction():
        if recent >= MAX_LINKS:
            family_changed(
                account=account,
                action=Action.UPDATE,
                instance=account,
                what=f"Asked for a link to choose a new password; not sent, {MAX_LINKS} already sent in 15 minutes",
            )
            return
        # Only the newest link works: an earlier one, or an unused invitation, stops working.
        FamilyInvitation.objects.filter(account=account, used_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        token = secrets.token_urlsafe(32)
        link = FamilyInvitation.objects.create(
            account=account,
            purpose=LinkPurpose.PASSWORD_RESET,
            token_hash=token_hash(token),
            expires_at=now + dt.timedelta(minutes=RESET_LINK_MINUTES),
        )
        family_changed(
            account=account,
            action=Action.CREATE,
            instance=link,
            what=f"Asked for a link to choose a new password; sent, valid for {RESET_LINK_MINUTES} minutes",
            changes={"expires_at": [None, link.expires_at.isoformat()]},
        )
        notices.send_password_reset(account=account, token=token, minutes=RESET_LINK_MINUTES)


def password_reset_find(token: str) -> FamilyInvitation | None:
    """The forgotten-password link this token belongs to, if it can still be used."""
    return invitation_find(token, purpose=LinkPurpose.PASSWORD_RESET)


def password_reset_complete(*, token: str, password: str, password_again: str) -> FamilyAccount:
    """Choose a new password from a forgotten-password link; the link never works again."""
    with audited_transaction():
        account = password_from_link(
            token=token,
            password=password,
            password_again=password_again,
            purpose=LinkPurpose.PASSWORD_RESET,
            what="Chose a new password with a forgotten-password link",
        )
        notices.send_password_changed(account=account)
    return account


def password_change(
    *, account: FamilyAccount, current_password: str, password: str, password_again: str
) -> FamilyAccount:
    """Change the password of the signed-in account; the current password must be right."""
    if is_locked(account):
        raise ValidationFailed(_("There is a problem"), field_errors={"current_password": locked_message(account)})
    if not account.check_password(current_password):
        record_failure(account, "wrong current password when changing the password")
        message = locked_message(account) if is_locked(account) else _("Your current password is not right")
        raise ValidationFailed(_("There is a problem"), field_errors={"current_password": message})
    checks = Checks()
    password_checks(checks, account, password, password_again)
    if password and password == current_password:
        checks.add("password", _("Choose a password you have not used for this account"))
    checks.raise_if_any(_("There is a problem"))
    with audited_transaction():
        current = FamilyAccount.objects.select_for_update().get(pk=account.pk)
        current.set_password(password)
        current.failed_attempts = 0
        current.save(update_fields=["password", "failed_attempts", "modified_at"])
        family_changed(account=current, action=Action.UPDATE, instance=current, what="Changed their password")
        notices.send_password_changed(account=current)
    return current
