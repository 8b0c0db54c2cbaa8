"""Locking an account after repeated failed sign-ins, with django-axes.

Axes counts failures per account (AXES_LOCKOUT_PARAMETERS = ["username"]), never per IP address
alone: a council's staff often share one outgoing address, and one person's typos must not lock
out the whole office. Two things count as a failure:

- a wrong password: Django's authenticate() signals user_login_failed and axes records it;
- a wrong code from the authenticator app: the code page sends the same signal itself
  (record_wrong_code below), because axes only sees authenticate(), which the code never reaches.

The count resets only when the whole sign-in succeeds (password and code), not after the
password alone: otherwise someone holding the password could guess codes for ever by signing in
again after every four wrong ones. Unknown email addresses are counted and locked exactly like
real ones, so the locked page never tells anyone whether an account exists.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

if TYPE_CHECKING:
    from sendcase.accounts.models import User

# Marks the credentials of a failure that was a wrong code, not a wrong password.
WRONG_CODE = "authenticator_code"


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, first in AUTHENTICATION_BACKENDS: a locked account is refused before any password check.

    Axes refuses outright a call to authenticate() without a request. Such calls come from code,
    not from anyone signing in (a shell, a management command, a test checking a password): there
    is no attempt to count, so this lets them through to the password check. Every view that
    signs people in must pass the request (Django's and mozilla-django-oidc's do).
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[no-any-return]


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The key axes counts failures under: the email address as typed, ignoring case and spaces."""
    value = None
    if credentials:
        value = credentials.get("username")
    elif request is not None:
        value = getattr(request, "POST", {}).get("username")
    if not value:
        return None
    return str(value).strip().lower()


def credentials_for(user: User) -> dict[str, Any]:
    return {"username": user.email}


def is_locked(request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, credentials_for(user))


def record_wrong_code(request: HttpRequest, user: User) -> bool:
    """Count a wrong authenticator code against the account; True if that has now locked it."""
    credentials = credentials_for(user) | {WRONG_CODE: True}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def reset(user: User) -> None:
    """Forget the account's failures: its owner has just signed in completely."""
    AxesProxyHandler.reset_attempts(username=lockout_username(None, credentials_for(user)))


def locked_until(username: str | None) -> dt.datetime | None:
    """When the lock on this account (or unknown address) ends: its last counted failure plus the cool-off."""
    if not username:
        return None
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))["last"]
    cool_off = get_cool_off()
    if last is None or cool_off is None:
        return None
    return last + cool_off


def _time_of_day(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


def locked_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The page a locked account sees (AXES_LOCKOUT_CALLABLE).

    It names no email address and reads the same for an account that does not exist. A person
    part-way through signing in (password passed, code refused) is signed out here.
    """
    from django.contrib.auth import logout

    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        logout(request)
    until = locked_until(lockout_username(request, credentials))
    context = {
        "minutes": settings.SENDCASE_LOCKOUT_MINUTES,
        "failures": settings.SENDCASE_LOCKOUT_FAILURES,
        "until": _time_of_day(until) if until else None,
    }
    return render(request, "accounts/locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
