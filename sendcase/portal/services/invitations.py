"""Inviting parents, carers and young people to the family portal, and accepting an invitation.

A case officer invites a family member (or a young person); SENDcase emails them a link that
works once, for SENDCASE_FAMILY_INVITATION_DAYS (7) days. Opening it, they choose a password
(12 characters or more, Django's password validators), which also confirms their email address.
They then sign in with the password and a code sent to that address (services/sign_in.py).
A family who has forgotten their password asks for a link themselves (services/passwords.py),
or their key worker sends a new invitation: either replaces the password once it is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import Forbidden, ValidationFailed
from sendcase.portal import notices, rules
from sendcase.portal.audit import family_changed
from sendcase.portal.models import FamilyAccount, FamilyInvitation, LinkPurpose

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child, FamilyMember


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _check_email(checks: Checks, email: str, *, account: FamilyAccount | None, field: str = "email") -> None:
    if not email:
        checks.add(field, "Enter an email address to send the invitation to")
        return
    try:
        validate_email(email)
    except ValidationError:
        checks.add(field, "Enter an email address in the correct format, like name@example.com")
        return
    clash = FamilyAccount.objects.filter(email=email)
    if account is not None:
        clash = clash.exclude(pk=account.pk)
    if clash.exists():
        checks.add(field, "Another family portal account already uses this email address")


def _pr_child(family_member: FamilyMember, actor: User) -> Child:
    """A child the member has parental responsibility for, that `actor` may do casework on."""
    links = family_member.child_links.filter(parental_responsibility=True).select_related("child")
    children = [link.child for link in links]
    if not children:
        raise ValidationFailed(
            "There is a problem",
            field_errors={
                "email": f"{family_member} has no parental responsibility recorded for any child, "
                "so the portal would show them nothing"
            },
        )
    for child in children:
        if actor.can_do_casework and actor.local_authority_id == child.local_authority_id:
            return child
    require_casework(actor, children[0])  # raises, naming why
    raise Forbidden("You cannot invite this person.")


def _send(*, actor: User, account: FamilyAccount, child: Child) -> str:
    """Revoke earlier links, make a new one, and email it. Inside the caller's transaction."""
    now = timezone.now()
    FamilyInvitation.objects.filter(account=account, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    expires_at = now + dt.timedelta(days=settings.SENDCASE_FAMILY_INVITATION_DAYS)
    create_audited(
        FamilyInvitation,
        actor=actor,
        about=child,
        what=f"Invited {account.display_name} <{account.email}> to the family portal",
        audited=["expires_at"],
        account=account,
        token_hash=token_hash(token),
        expires_at=expires_at,
    )
    notices.send_invitation(
        account=account,
        token=token,
        expires_date=timescales.format_date(timezone.localtime(expires_at).date()),
        child=child,
    )
    return token


def _account_for(*, actor: User, email: str, child: Child, **person: object) -> FamilyAccount:
    """The person's account, made (with no password yet) if they have none; email kept up to date."""
    account = FamilyAccount.objects.filter(**person).first()
    if account is None:
        return create_audited(
            FamilyAccount,
            actor=actor,
            about=child,
            what="Family portal account made, waiting for the invitation to be accepted",
            audited=["email"],
            local_authority_id=child.local_authority_id,
            email=email,
            **person,
        )
    if account.email != email:
        old = account.email
        account.email = email
        account.save(update_fields=["email", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=account,
            child=child,
            summary="Family portal account's email address changed",
            changes={"email": [old, email]},
        )
    return account


def family_invite(*, actor: User, family_member: FamilyMember, email: str | None = None) -> str:
    """Invite a parent or carer to the family portal; returns the link's token (emailed to them)."""
    email = normalise_email(email if email is not None else family_member.email)
    child = _pr_child(family_member, actor)
    existing = FamilyAccount.objects.filter(family_member=family_member).first()
    checks = Checks()
    _check_email(checks, email, account=existing)
    if existing is not None and not existing.is_active:
        checks.add("email", f"{family_member}'s family portal account is switched off")
    checks.raise_if_any()
    with audited_transaction():
        account = _account_for(actor=actor, email=email, child=child, family_member=family_member)
        return _send(actor=actor, account=account, child=child)


def young_person_invite(*, actor: User, child: Child, email: str) -> str:
    """Invite a young person (over compulsory school age, under 25) to hold their own account."""
    require_casework(actor, child)
    email = normalise_email(email)
    existing = FamilyAccount.objects.filter(young_person=child).first()
    checks = Checks()
    if not rules.is_young_person(child.date_of_birth, today()):
        checks.add(
            "email",
            f"{child.full_name} is not over compulsory school age yet (school leaving date "
            f"{timescales.format_date(rules.school_leaving_date(child.date_of_birth))}), so cannot hold their "
            "own account",
        )
    _check_email(checks, email, account=existing)
    if existing is not None and not existing.is_active:
        checks.add("email", f"{child.full_name}'s family portal account is switched off")
    checks.raise_if_any()
    with audited_transaction():
        account = _account_for(actor=actor, email=email, child=child, young_person=child)
        return _send(actor=actor, account=account, child=child)


def invitation_find(token: str, *, purpose: str = LinkPurpose.INVITATION) -> FamilyInvitation | None:
    """The link this token belongs to, if it can still be used: an invitation, or a forgotten-password link."""
    if not token or len(token) > 100:
        return None
    invitation = (
        FamilyInvitation.objects.select_related("account", "account__family_member", "account__young_person")
        .filter(token_hash=token_hash(token), purpose=purpose)
        .first()
    )
    if invitation is None or not _usable(invitation):
        return None
    return invitation


def _usable(invitation: FamilyInvitation) -> bool:
    return (
        invitation.used_at is None
        and invitation.revoked_at is None
        and invitation.expires_at > timezone.now()
        and invitation.account.is_active
    )


def password_from_link(*, token: str, password: str, password_again: str, purpose: str, what: str) -> FamilyAccount:
    """Set the account's password from a link that is still good; the link can never be used again.

    Opening the link proves the person holds the account's email address, so it also confirms
    the address and clears any lockout (services/sign_in.py).
    """
    invitation = invitation_find(token, purpose=purpose)
    if invitation is None:
        raise ValidationFailed(_("This link has expired or has already been used"))
    account = invitation.account
    checks = Checks()
    password_checks(checks, account, password, password_again)
    checks.raise_if_any()
    with audited_transaction():
        locked = FamilyInvitation.objects.select_for_update().select_related("account").get(pk=invitation.pk)
        if not _usable(locked):
            raise ValidationFailed(_("This link has expired or has already been used"))
        now = timezone.now()
        locked.used_at = now
        locked.save(update_fields=["used_at", "modified_at"])
        account = locked.account
        account.set_password(password)
        account.email_confirmed_at = now
        account.failed_attempts, account.locked_until = 0, None
        account.save(update_fields=["password", "email_confirmed_at", "failed_attempts", "locked_until", "modified_at"])
        family_changed(account=account, action=Action.UPDATE, instance=account, what=what, child=account.young_person)
    return account


def password_checks(checks: Checks, account: FamilyAccount, password: str, password_again: str) -> None:
    """A new password: given, passing Django's validators (12 characters or more, not common), typed twice."""
    if not password:
        checks.add("password", _("Enter a password"))
    else:
        try:
            validate_password(password, user=account)
        except ValidationError as error:
            checks.add("password", " ".join(error.messages))
    if password and password != password_again:
        checks.add("password_again", _("The passwords do not match"))


def invitation_accept(*, token: str, password: str, password_again: str) -> FamilyAccount:
    """Set the account's password from a valid invitation link; the link can never be used again."""
    return password_from_link(
        token=token,
        password=password,
        password_again=password_again,
        purpose=LinkPurpose.INVITATION,
        what="Accepted the invitation, confirmed the email address and set a password",
    )
