"""Single sign-on through OpenID Connect (e.g. Microsoft Entra ID), when SENDCASE_OIDC_CLIENT_ID is set.

The identity provider proves who someone is; SENDcase decides whether they have an account.
It matches the provider's verified email address to an existing, active account (ignoring case)
and never creates one: council administrators create accounts, with a role and a council, and
single sign-on only saves their staff a password. See docs/sign-in.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sendcase.accounts.models import Role, User


def email_is_verified(claims: dict[str, Any]) -> bool:
    """Whether the provider vouches for the email claim.

    `email_verified` is the OpenID Connect standard claim. Microsoft Entra ID does not always
    send it; its optional claim `xms_edov` ("email domain owner verified") says the same. A
    council whose single-tenant provider sends neither, and which controls every address in it,
    may switch the check off with SENDCASE_OIDC_REQUIRE_VERIFIED_EMAIL=false (docs/sign-in.md).
    """
    if not getattr(settings, "SENDCASE_OIDC_REQUIRE_VERIFIED_EMAIL", True):
        return True
    return any(claims.get(name) in (True, "true", "True") for name in ("email_verified", "xms_edov"))


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    """Signs in an existing active account whose email matches the provider's verified email claim."""

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        # mozilla-django-oidc checks the signature and nonce but not the audience: a token the
        # provider issued to some other application must not sign anyone in here.
        audience = payload.get("aud")
        if audience is not None:
            audiences = audience if isinstance(audience, list) else [audience]
            if self.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("The ID token was issued to another application.")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        claims: dict[str, Any] = dict(super().get_userinfo(access_token, id_token, payload))
        # Microsoft Entra ID's userinfo endpoint says nothing about verification; the signed ID
        # token can (xms_edov, once added as an optional claim), so take the flags from there.
        for name in ("email_verified", "xms_edov"):
            if name not in claims and name in payload:
                claims[name] = payload[name]
        return claims

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("email")) and email_is_verified(claims)

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = (claims.get("email") or "").strip()
        if not email or not email_is_verified(claims):
            return User.objects.none()
        # Switched-off accounts and API-only system accounts never sign in through the provider.
        return User.objects.filter(email__iexact=email, is_active=True).exclude(role=Role.SYSTEM)

    def create_user(self, claims: dict[str, Any]) -> User:
        # OIDC_CREATE_USER is off too; this holds even if someone switches that on.
        raise SuspiciousOperation("SENDcase does not create accounts from single sign-on.")

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        # Names and roles are the council's record in SENDcase, not the provider's.
        return user


def _enabled_only(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SENDCASE_OIDC_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return wrapped


start = _enabled_only(OIDCAuthenticationRequestView.as_view())
callback = _enabled_only(OIDCAuthenticationCallbackView.as_view())
