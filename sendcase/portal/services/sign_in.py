"""Signing a family in: their password, then a 6-digit code emailed to them (the second factor).

Families do not have an authenticator app to set up, and many use a phone's email app; an
emailed one-time code is the second factor GOV.UK services commonly use for the public, and it
proves the person still holds the address the council invited. A code works once, for
SENDCASE_FAMILY_CODE_MINUTES (10) minutes, and only the latest code sent works. Wrong passwords
and wrong codes count towards the same lockout as staff accounts (SENDCASE_LOCKOUT_FAILURES in
a row lock the account for SENDCASE_LOCKOUT_MINUTES). See docs/portal.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase.audit.models import Action
from sendcase.audit.services import audited_transaction
from sendcase.core.errors import ValidationFailed
from sendcase.portal import notices
from sendcase.portal.audit import family_changed
from sendcase.portal.models import FamilyAccount, FamilySignInCode
from sendcase.portal.services.invitations import normalise_email

MAX_CODE_ATTEMPTS = 5
# At most this many codes in CODES_WINDOW, so nobody can fill a family's inbox.
MAX_CODES = 5
CODES_WINDOW = dt.timedelta(minutes=15)

HOW_SIGNED_IN = {
    "code": "Signed in with password and emailed code",
    "one_login": "Signed in with GOV.UK One Login (its own second factor stands in for the emailed code)",
}

_DUMMY_HASH: list[str] = []


def _dummy_password_check(password: str) -> None:
    # An unknown address takes as long as a known one, so timing does not tell which exist.
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(make_password(secrets.token_urlsafe(16)))
    FamilyAccount(password=_DUMMY_HASH[0]).check_password(password)


def locked_message(account: FamilyAccount) -> str:
    until = timezone.localtime(account.locked_until).strftime("%H:%M") if account.locked_until else ""
    return _(
        "You have entered the wrong details too many times. For your security, this account is locked until %(time)s"
    ) % {"time": until}


def is_locked(account: FamilyAccount) -> bool:
    return account.locked_until is not None and account.locked_until > timezone.now()


def record_failure(account: FamilyAccount, what: str) -> None:
    """Count a wrong password or code; lock the account when the count reaches the limit."""
    with audited_transaction():
        FamilyAccount.objects.filter(pk=account.pk).update(failed_attempts=F("failed_attempts") + 1)
        account.refresh_from_db(fields=["failed_attempts", "locked_until"])
        family_changed(account=account, action=Action.SIGN_IN, instance=account, what=f"Sign-in failed: {what}")
        if account.failed_attempts >= settings.SENDCASE_LOCKOUT_FAILURES:
            account.locked_until = timezone.now() + dt.timedelta(minutes=settings.SENDCASE_LOCKOUT_MINUTES)
            account.failed_attempts = 0
            account.save(update_fields=["locked_until", "failed_attempts"])
            family_changed(
                account=account,
                action=Action.SIGN_IN,
                instance=account,
                what=f"Account locked for {settings.SENDCASE_LOCKOUT_MINUTES} minutes after "
                f"{settings.SENDCASE_LOCKOUT_FAILURES} failed sign-in attempts",
            )


def password_check(*, email: str, password: str) -> FamilyAccount:
    """The account whose email and password these are, or ValidationFailed saying only what a stranger may know."""
    wrong = ValidationFailed(
        _("There is a problem"), field_errors={"email": _("Enter the email address and password for your account")}
    )
    account = FamilyAccount.objects.select_related("local_authority").filter(email=normalise_email(email)).first()
    if account is None or not account.is_active or not account.has_password:
        _dummy_password_check(password)
        raise wrong
    if is_locked(account):
        raise ValidationFailed(_("There is a problem"), field_errors={"email": locked_message(account)})
    if not account.check_password(password):
        record_failure(account, "wrong password")
        if is_locked(account):
            raise ValidationFailed(_("There is a problem"), field_errors={"email": locked_message(account)})
        raise wrong
    return account


def _code_hash(account: FamilyAccount, code: str) -> str:
    # Keyed by the account, so the same 6 digits never hash the same way for two accounts.
    return hashlib.sha256(f"{account.pk}:{code}".encode()).hexdigest()


def code_issue(*, account: FamilyAccount) -> str:
    """Make a new sign-in code for `account` and return it; every earlier code stops working.

    Inside the caller's audited transaction. code_send emails it; the demo's `demo_family_code`
    prints it (debug mode and the synthetic demo council only).
    """
    now = timezone.now()
    if FamilySignInCode.objects.filter(account=account, created_at__gte=now - CODES_WINDOW).count() >= MAX_CODES:
        raise ValidationFailed(
            _("There is a problem"),
            field_errors={"code": _("We have sent you too many codes. Wait 15 minutes, then sign in again")},
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    FamilySignInCode.objects.filter(account=account, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    FamilySignInCode.objects.create(
        account=account,
        code_hash=_code_hash(account, code),
        expires_at=now + dt.timedelta(minutes=settings.SENDCASE_FAMILY_CODE_MINUTES),
    )
    return code


def code_send(*, account: FamilyAccount) -> None:
    """Email a new sign-in code; every earlier code stops working."""
    with audited_transaction():
        code = code_issue(account=account)
        notices.send_sign_in_code(account=account, code=code)


def code_verify(*, account: FamilyAccount, code: str) -> None:
    """Accept the latest code sent to `account`, or raise ValidationFailed saying what to do."""
    if is_locked(account):
        raise ValidationFailed(_("There is a problem"), field_errors={"code": locked_message(account)})
    now = timezone.now()
    latest = FamilySignInCode.objects.filter(account=account, used_at__isnull=True).order_by("-created_at").first()
    if latest is None or latest.expires_at <= now or latest.attempts >= MAX_CODE_ATTEMPTS:
        raise ValidationFailed(
            _("There is a problem"),
            field_errors={"code": _("This code has expired. Ask for a new code and use the newest one we send")},
        )
    if not hmac.compare_digest(latest.code_hash, _code_hash(account, code)):
        FamilySignInCode.objects.filter(pk=latest.pk).update(attempts=F("attempts") + 1)
        record_failure(account, "wrong emailed code")
        message = locked_message(account) if is_locked(account) else _("The code is not right. Check the latest email")
        raise ValidationFailed(_("There is a problem"), field_errors={"code": message})
    with audited_transaction():
        claimed = FamilySignInCode.objects.filter(pk=latest.pk, used_at__isnull=True).update(used_at=now)
        if not claimed:
            raise ValidationFailed(
                _("There is a problem"), field_errors={"code": _("This code has already been used. Ask for a new code")}
            )
        sign_in_record(account=account, how="code")


def sign_in_record(*, account: FamilyAccount, how: str) -> None:
    """Record a completed sign-in, and clear the account's failed attempts."""
    with audited_transaction():
        account.last_sign_in = timezone.now()
        account.failed_attempts, account.locked_until = 0, None
        account.save(update_fields=["last_sign_in", "failed_attempts", "locked_until"])
        family_changed(account=account, action=Action.SIGN_IN, instance=account, what=HOW_SIGNED_IN[how])
