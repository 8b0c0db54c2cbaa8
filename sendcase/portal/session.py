"""The family session: its own keys in the session, never Django's staff login.

A session is a family session only while it holds FAMILY_ACCOUNT and no staff member is signed
in on it: a staff session that somehow also carries the key is still not a family session, and
a family session never sets Django's auth keys, so staff pages (login_required) see nobody.
The same idle and absolute limits as staff sessions apply (SENDCASE_SESSION_IDLE_MINUTES,
SENDCASE_SESSION_MAX_HOURS).

A session also keeps a fingerprint of the account's password hash (as Django does for staff), so
changing or resetting the password ends every other session of the account, and one half-way
through signing in: only the session that changed it is given the new fingerprint.

Switching an account off ends its sessions at once (an inactive account has none), and
`FamilyAccount.sessions_ended_at` keeps them ended: a session that signed in, or typed its
password, before then never comes back, even after the account is switched on again.
"""

from __future__ import annotations

import hmac
import time

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from sendcase.portal.models import FamilyAccount

FAMILY_ACCOUNT = "sendcase_family_account"
# Password right, code not yet entered: the account waiting for its emailed code, and since when.
PENDING_ACCOUNT = "sendcase_family_pending"
PENDING_AT = "sendcase_family_pending_at"
SIGNED_IN_AT = "sendcase_family_signed_in_at"
LAST_SEEN = "sendcase_family_last_seen"
HOW = "sendcase_family_how"
PASSWORD_STAMP = "sendcase_family_password"  # noqa: S105 (a session key name, not a password)

PENDING_SECONDS = 15 * 60


def password_stamp(account: FamilyAccount) -> str:
    """A fingerprint of the account's password hash: it changes whenever the password does."""
    return salted_hmac("sendcase.portal.session.password", account.password).hexdigest()


def _stamp_matches(request: HttpRequest, key: str, account: FamilyAccount) -> bool:
    return hmac.compare_digest(str(request.session.get(key, "")), password_stamp(account))


def _ended_since(account: FamilyAccount, started: float) -> bool:
    """Whether the SEND team ended the account's sessions after this one started (Unix seconds)."""
    ended = account.sessions_ended_at
    return ended is not None and started <= ended.timestamp()


def staff_signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def current_account(request: HttpRequest) -> FamilyAccount | None:
    """The family account signed in on this request, or None (signed out, timed out, or staff)."""
    if staff_signed_in(request):
        return None
    session = request.session
    account_id = session.get(FAMILY_ACCOUNT)
    if not account_id:
        return None
    now = int(time.time())
    signed_in_at = session.get(SIGNED_IN_AT, now)
    last_seen = session.get(LAST_SEEN, now)
    if (
        now - signed_in_at > settings.SENDCASE_SESSION_MAX_HOURS * 3600
        or now - last_seen > settings.SENDCASE_SESSION_IDLE_MINUTES * 60
    ):
        sign_out(request)
        request.family_timed_out = True  # type: ignore[attr-defined]
        return None
    account = (
        FamilyAccount.objects.select_related("family_member", "young_person", "local_authority")
        .filter(pk=account_id, is_active=True)
        .first()
    )
    if (
        account is None
        or not account.has_password
        or not _stamp_matches(request, PASSWORD_STAMP, account)
        or _ended_since(account, signed_in_at)
    ):
        sign_out(request)
        return None
    session[LAST_SEEN] = now
    return account


def start_pending(request: HttpRequest, account: FamilyAccount) -> None:
    """The password was right: remember whose code this session may now enter."""
    request.session.cycle_key()
    request.session[PENDING_ACCOUNT] = str(account.pk)
    request.session[PENDING_AT] = time.time()  # to the fraction of a second: compared with sessions_ended_at
    request.session[PASSWORD_STAMP] = password_stamp(account)


def pending_account(request: HttpRequest) -> FamilyAccount | None:
    account_id = request.session.get(PENDING_ACCOUNT)
    started = request.session.get(PENDING_AT, 0)
    if not account_id or int(time.time()) - started > PENDING_SECONDS:
        return None
    account = FamilyAccount.objects.select_related("local_authority").filter(pk=account_id, is_active=True).first()
    if account is None or not _stamp_matches(request, PASSWORD_STAMP, account) or _ended_since(account, started):
        return None  # the password changed, or the account was switched off, after this session typed it
    return account


def sign_in(request: HttpRequest, account: FamilyAccount, *, how: str) -> None:
    """Both steps passed: make this a family session under a new session key."""
    session = request.session
    for key in (PENDING_ACCOUNT, PENDING_AT):
        session.pop(key, None)
    session.cycle_key()
    now = time.time()  # to the fraction of a second: compared with sessions_ended_at
    session[FAMILY_ACCOUNT] = str(account.pk)
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = int(now)
    session[HOW] = how
    session[PASSWORD_STAMP] = password_stamp(account)


def password_changed(request: HttpRequest, account: FamilyAccount) -> None:
    """This session changed the password: keep it signed in, under a new key, with the new fingerprint."""
    request.session.cycle_key()
    request.session[PASSWORD_STAMP] = password_stamp(account)


def sign_out(request: HttpRequest) -> None:
    """End the family session, keeping nothing (and never touching a staff login on it)."""
    if staff_signed_in(request):
        for key in (FAMILY_ACCOUNT, PENDING_ACCOUNT, PENDING_AT, SIGNED_IN_AT, LAST_SEEN, HOW, PASSWORD_STAMP):
            request.session.pop(key, None)
        return
    request.session.flush()
