"""Sign-in events: start the session's clocks, trust single sign-on, audit failures and lockouts.

connect() runs from AccountsConfig.ready(). sendcase.accounts comes before axes in
INSTALLED_APPS and connect() imports axes' signals only after connecting ours, so a failed attempt
is audited before axes decides it locks the account, and the trail reads in order.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.http import HttpRequest

from sendcase.accounts import lockout, security, services


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="sendcase_accounts_logged_in")
    user_login_failed.connect(_login_failed, dispatch_uid="sendcase_accounts_login_failed")
    from axes.signals import user_locked_out  # connects axes' own receivers, after ours

    user_locked_out.connect(_locked_out, dispatch_uid="sendcase_accounts_locked_out")


def _attempt_while_locked(request: HttpRequest) -> bool:
    # Axes' backend flags an attempt on a locked account before refusing it; only an attempt that
    # newly locks the account also gets a failure count.
    return (
        bool(getattr(request, "axes_locked_out", False)) and getattr(request, "axes_failures_since_start", None) is None
    )


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    security.mark_signed_in(request)
    if getattr(user, "backend", "") == security.OIDC_BACKEND and settings.SENDCASE_OIDC_TRUSTED_MFA:
        request.session[security.SECOND_FACTOR] = security.SECOND_FACTOR_SSO
        services.sign_in_record(user=user, how="sso")


def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    # While an account is locked, attempts are kept in axes' records only (see services.py).
    if request is None or _attempt_while_locked(request):
        return
    user = services.account_for_email(credentials.get("username"))
    if user is not None:
        services.sign_in_failure_record(user=user, wrong_code=bool(credentials.get(lockout.WRONG_CODE)))


def _locked_out(sender: Any, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    # Axes also sends this for each attempt while already locked; only a new lock is recorded.
    if _attempt_while_locked(request):
        return
    user = services.account_for_email(username)
    if user is not None:
        services.lockout_record(user=user)
