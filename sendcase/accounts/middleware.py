"""Session limits and the second factor, enforced on every request (docs/sign-in.md).

Both come after django_otp's OTPMiddleware (which tells whether the session passed a code) and
Django's MessageMiddleware in settings.MIDDLEWARE.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from sendcase.accounts import security

# Pages a person may open before the second factor: signing in, setting up the app, signing out.
# Everything else under /accounts/ (the administrators' people pages) needs the full sign-in.
_OPEN_URL_NAMES = ("sign-in", "sign-in-code", "second-factor-set-up", "sign-out", "oidc-start", "oidc-callback")
# The API authenticates its own way (tokens; read-only sessions that check is_verified() themselves).
_API_PREFIX = "/api/"
# The family portal has its own sessions and sign-in (sendcase/portal/session.py): a family whose
# session timed out goes back to the family sign-in page, not the staff one.
_FAMILY_PREFIX = "/family/"


def _open_paths() -> tuple[str, ...]:
    return (*(reverse(f"accounts:{name}") for name in _OPEN_URL_NAMES), settings.STATIC_URL)


def _signed_out_redirect(request: HttpRequest, reason: str) -> HttpResponse:
    query = {"signed_out": reason}
    if request.method == "GET":
        query["next"] = request.get_full_path()
    return HttpResponseRedirect(f"{reverse('accounts:sign-in')}?{urlencode(query)}")


class SessionLimitsMiddleware:
    """Signs people out after SENDCASE_SESSION_IDLE_MINUTES idle or SENDCASE_SESSION_MAX_HOURS in all.

    The idle limit is also the session's own expiry (SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST), so an idle session is gone from the session store even if
    nobody comes back. When someone does come back, their browser still sends the old session
    cookie; a cookie naming a session that no longer exists is how we know to say why they are
    on the sign-in page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._check(request)
        return response if response is not None else self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        path = request.path_info
        if path.startswith(settings.STATIC_URL):
            return None
        session = request.session
        now = int(time.time())
        if not request.user.is_authenticated:
            sent_cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            if sent_cookie and session.session_key is None and not self._is_open(path):
                return _signed_out_redirect(request, "idle")
            return None
        signed_in_at = session.setdefault(security.SIGNED_IN_AT, now)
        last_seen = session.get(security.LAST_SEEN, now)
        reason = None
        if now - signed_in_at > settings.SENDCASE_SESSION_MAX_HOURS * 3600:
            reason = "max"
        elif now - last_seen > settings.SENDCASE_SESSION_IDLE_MINUTES * 60:
            reason = "idle"
        if reason is None:
            session[security.LAST_SEEN] = now
            return None
        logout(request)
        if path.startswith(_API_PREFIX):
            return None  # the API answers for itself, now to a signed-out caller
        return _signed_out_redirect(request, reason)

    @staticmethod
    def _is_open(path: str) -> bool:
        return path.startswith((_API_PREFIX, _FAMILY_PREFIX)) or any(
            path == p or path.startswith(p) for p in _open_paths()
        )


class SecondFactorRequiredMiddleware:
    """Sends a signed-in person who has not yet passed the second factor to the code or set-up page.

    It also makes `request.user.is_verified()` answer the council's question ("has this session
    passed the second factor?") rather than only django-otp's ("did it enter a code?"): true
    after trusted single sign-on, or everywhere if SENDCASE_REQUIRE_SECOND_FACTOR is off.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        if security.second_factor_done(request):
            if not user.is_verified():  # type: ignore[union-attr]
                user.is_verified = _true  # type: ignore[union-attr]
            return self.get_response(request)
        path = request.path_info
        if path.startswith(_API_PREFIX) or any(path.startswith(p) for p in _open_paths()):
            return self.get_response(request)
        target = security.second_factor_page(user)  # type: ignore[arg-type]
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(target)


def _true() -> bool:
    return True
