"""Who is calling the API: a bearer token, or a signed-in member of staff reading in a browser.

Both end at a user account, and that account's access (sendcase.access) decides what is returned.
"""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from sendcase.api.tokens import TokenRefused, api_token_check


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer sc_<prefix>_<secret>`; a refused token is a 401 saying why."""

    keyword = "bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>', with nothing else after it."
            )
        try:
            token = api_token_check(parts[1].decode("ascii"))
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("The API token is not recognised.") from exc
        except TokenRefused as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from exc
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) when no credentials came, with the scheme to use.
        return 'Bearer realm="SENDcase API"'


class ReadOnlySessionAuthentication(authentication.SessionAuthentication):
    """A signed-in member of staff may read the API in the browser; changes need a token."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        user = getattr(request._request, "user", None)
        if user is None or not user.is_active:
            return None
        # Once staff sign-in asks for a second factor (django-otp), a session that has not passed
        # it is not signed in for the API either.
        is_verified = getattr(user, "is_verified", None)
        if callable(is_verified) and not is_verified():
            return None
        if request.method not in SAFE_METHODS:
            # Refused before any CSRF check: reads need none, and a session never writes.
            raise exceptions.AuthenticationFailed(
                "Changes through the API need an API token (Authorization: Bearer <token>); "
                "a signed-in browser session may only read."
            )
        return user, None
