"""Writes about sign-in: setting up and resetting the second factor, and the sign-in audit events.

Sign-in events go on the same hash-chained audit trail as casework (sendcase.audit), as events
about the account (object type accounts.user) with no child. The trail has one action for
them, "Signed in"; the summary says whether the sign-in succeeded, failed or locked the account.
Failures are recorded only for accounts that exist, and at most SENDCASE_LOCKOUT_FAILURES of them
per lockout window, so nobody can fill the trail by guessing; attempts on unknown addresses and
attempts while locked are kept only in django-axes' own tables (AccessAttempt, AccessFailureLog).
"""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts import lockout
from sendcase.accounts.models import Role, User
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.core.errors import Forbidden, ValidationFailed

HOW_SIGNED_IN = {
    "code": "Signed in with password and authenticator app code",
    "set_up": "Signed in with password, and set up an authenticator app",
    "sso": "Signed in with organisation account (single sign-on; the identity provider's own checks stand in "
    "for SENDcase's authenticator code)",
    "password": "Signed in with password (this SENDcase does not ask for a second factor)",
}


def account_for_email(email: str | None) -> User | None:
    """The account an attempted email address names, if exactly one does (addresses ignore case here)."""
    if not email:
        return None
    matches = list(User.objects.filter(email__iexact=email.strip())[:2])
    return matches[0] if len(matches) == 1 else None


def sign_in_record(*, user: User, how: str) -> None:
    """Record a completed sign-in and clear the account's failed attempts."""
    lockout.reset(user)
    with audited_transaction():
        audit_change(actor=user, action=Action.SIGN_IN, instance=user, summary=HOW_SIGNED_IN[how])


def sign_in_failure_record(*, user: User, wrong_code: bool) -> None:
    """Record a failed attempt on an existing account (a wrong password, or a wrong code after the right password)."""
    what = "wrong authenticator app code" if wrong_code else "wrong password"
    with audited_transaction():
        audit_change(actor=user, action=Action.SIGN_IN, instance=user, summary=f"Sign-in failed: {what}")


def lockout_record(*, user: User) -> None:
    """Record that the account has just been locked."""
    summary = (
        f"Account locked for {settings.SENDCASE_LOCKOUT_MINUTES} minutes after "
        f"{settings.SENDCASE_LOCKOUT_FAILURES} failed sign-in attempts"
    )
    with audited_transaction():
        audit_change(actor=user, action=Action.SIGN_IN, instance=user, summary=summary)


def second_factor_confirm(*, actor: User, device: TOTPDevice, code: str) -> None:
    """Confirm the authenticator app `actor` has just added, with the first code it shows."""
    if device.user_id != actor.pk or device.confirmed:
        raise Forbidden("This authenticator app set-up is not yours, or is already finished.")
    if not device.verify_token(code):
        raise ValidationFailed(
            "The code does not match",
            field_errors={
                "code": "The code does not match. Check you scanned the QR code on this page, and that "
                "your phone sets its time automatically"
            },
        )
    with audited_transaction():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_change(
            actor=actor,
            action=Action.CREATE,
            instance=device,
            summary=f"Authenticator app set up for {actor}",
            changes={"confirmed": [None, True]},
        )


def can_reset_second_factor(actor: User, person: User) -> bool:
    """An administrator of the council's SEND team, for someone else working with that council."""
    if actor.role != Role.ADMINISTRATOR or actor.local_authority_id is None or not actor.is_active:
        return False
    if person.pk == actor.pk:
        return False  # another administrator must do it: a hijacked session cannot drop its own factor
    council = actor.local_authority_id
    return person.local_authority_id == council or (
        person.organisation_id is not None and person.organisation.local_authority_id == council
    )


def second_factor_reset(*, actor: User, person: User) -> int:
    """Remove `person`'s authenticator apps, so they set one up again at their next sign-in.

    Their sessions lose the second factor at once (django-otp no longer finds the device), so
    they are sent back to set-up on their next click. Returns how many devices were removed.
    """
    if not can_reset_second_factor(actor, person):
        raise Forbidden("Only an administrator of this person's council can reset their second factor.")
    with audited_transaction():
        devices = list(TOTPDevice.objects.select_for_update().filter(user=person))
        had_app = any(d.confirmed for d in devices)
        for device in devices:
            device.delete()
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=person,
            summary=f"Second factor reset for {person} <{person.email}>: they must set up an authenticator app "
            "at their next sign-in",
            changes={"second_factor": ["set up" if had_app else "not set up", "not set up"]},
        )
    return len(devices)
