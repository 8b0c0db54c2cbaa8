"""Signing families in with GOV.UK One Login (OpenID Connect), when SENDCASE_FAMILY_OIDC_CLIENT_ID is set.

It reuses the staff single sign-on's mozilla-django-oidc classes (sendcase/accounts/oidc.py),
reading the family settings instead of the staff ones, and it never goes through Django's
staff login: the callback exchanges the code itself and starts a family session. GOV.UK One
Login proves who someone is, with its own second factor (the "Cl.Cm" level SENDcase asks for);
SENDcase matches its verified email address to an existing, active family account, and never
creates one: only a case officer's invitation makes an account. See docs/portal.md.

Asking for a level is not enough: the signed ID token says, in its `vot` claim, the level One
Login actually signed the person in at, and SENDcase refuses the sign-in (OneLoginLevelRefused,
a page of its own) unless that level includes every part of a level it asked for
(SENDCASE_FAMILY_OIDC_VTR), so a password-only "Cl" sign-in never stands in for the emailed code.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from sendcase.accounts.oidc import CouncilOIDCBackend
from sendcase.portal.models import FamilyAccount
from sendcase.portal.services.invitations import normalise_email

# mozilla-django-oidc's setting names, and the family portal's settings that answer them.
_FAMILY_SETTINGS = {
    "OIDC_RP_CLIENT_ID": "SENDCASE_FAMILY_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "SENDCASE_FAMILY_OIDC_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "SENDCASE_FAMILY_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "SENDCASE_FAMILY_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "SENDCASE_FAMILY_OIDC_USERINFO_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "SENDCASE_FAMILY_OIDC_JWKS_ENDPOINT",
    "OIDC_RP_SIGN_ALGO": "SENDCASE_FAMILY_OIDC_SIGN_ALGO",
}
_FIXED = {
    "OIDC_RP_SCOPES": "openid email",
    "OIDC_USE_PKCE": True,
    "OIDC_USE_NONCE": True,
    "OIDC_AUTHENTICATION_CALLBACK_URL": "portal:one-login-callback",
    "OIDC_CREATE_USER": False,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
}


class OneLoginLevelRefused(Exception):  # noqa: N818 (a refusal the callback turns into a page, not a bug)
    """GOV.UK One Login signed the person in at a lower level of authentication than SENDcase asked for."""

    def __init__(self, vot: object) -> None:
        super().__init__(f"The ID token's vot claim is {vot!r}, not the level asked for")
        self.vot = vot


def requested_levels() -> list[frozenset[str]]:
    """The vectors of trust SENDcase asks for (SENDCASE_FAMILY_OIDC_VTR), each as its parts: {"Cl", "Cm"}."""
    raw: Any = getattr(settings, "SENDCASE_FAMILY_OIDC_VTR", "")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else []
        except ValueError:
            raw = [raw]  # a single vector written without the JSON list around it
    if isinstance(raw, str):
        raw = [raw]
    return [frozenset(str(vector).split(".")) for vector in raw if str(vector).strip()]


def level_is_enough(vot: object) -> bool:
    """Whether the `vot` One Login returned includes every part of one of the levels asked for.

    "Cl.Cm" (password and a second factor) meets a request for "Cl.Cm"; "Cl" (password only)
    does not; "P2.Cl.Cm" (with identity checked as well) does. Nothing asked for, nothing to check.
    """
    wanted = requested_levels()
    if not wanted:
        return True
    if not isinstance(vot, str) or not vot.strip():
        return False
    got = frozenset(vot.strip().split("."))
    return any(level <= got for level in wanted)


def family_setting(attr: str, *args: Any) -> Any:
    """A mozilla-django-oidc setting as the family portal configures it; never the staff value."""
    if attr in _FAMILY_SETTINGS:
        value = getattr(settings, _FAMILY_SETTINGS[attr], "")
        if value or not args:
            return value
        return args[0]
    if attr in _FIXED:
        return _FIXED[attr]
    if attr == "OIDC_AUTH_REQUEST_EXTRA_PARAMS":
        vtr = getattr(settings, "SENDCASE_FAMILY_OIDC_VTR", "")
        return {"vtr": vtr} if vtr else {}
    return args[0] if args else None


class FamilyOIDCBackend(CouncilOIDCBackend):
    """Finds the existing, active family account whose email the provider has verified."""

    get_settings = staticmethod(family_setting)  # type: ignore[assignment]

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> FamilyAccount | None:
        # `payload` is the ID token, its signature, audience and nonce already checked.
        if not level_is_enough(payload.get("vot")):
            raise OneLoginLevelRefused(payload.get("vot"))
        user: FamilyAccount | None = super().get_or_create_user(access_token, id_token, payload)
        return user

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # Families' addresses are not the council's to vouch for: only a verified email counts.
        return bool(claims.get("email")) and claims.get("email_verified") in (True, "true", "True")

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[FamilyAccount]:  # type: ignore[override]
        if not self.verify_claims(claims):
            return FamilyAccount.objects.none()
        return FamilyAccount.objects.filter(email=normalise_email(claims["email"]), is_active=True).exclude(password="")

    def create_user(self, claims: dict[str, Any]) -> FamilyAccount:  # type: ignore[override]
        raise SuspiciousOperation("SENDcase does not create family accounts from GOV.UK One Login.")

    def update_user(self, user: FamilyAccount, claims: dict[str, Any]) -> FamilyAccount:  # type: ignore[override]
        return user

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        key = getattr(settings, "SENDCASE_FAMILY_OIDC_PRIVATE_KEY", "")
        if key:
            # GOV.UK One Login authenticates clients with private_key_jwt (RFC 7523), not a secret.
            payload = {k: v for k, v in payload.items() if k != "client_secret"}
            payload["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            payload["client_assertion"] = client_assertion(
                key=key, client_id=self.OIDC_RP_CLIENT_ID, audience=self.OIDC_OP_TOKEN_ENDPOINT
            )
        token: dict[str, Any] = super().get_token(payload)
        return token


def client_assertion(*, key: str, client_id: str, audience: str, now: float | None = None) -> str:
    """A signed JWT proving SENDcase is the registered client, valid for 5 minutes."""
    issued = int(time.time() if now is None else now)
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "jti": secrets.token_urlsafe(24),
        "iat": issued,
        "exp": issued + 300,
    }
    private_key = serialization.load_pem_private_key(key.encode("utf-8"), password=None)
    algorithm = "ES256" if isinstance(private_key, ec.EllipticCurvePrivateKey) else "RS256"
    return jwt.encode(claims, private_key, algorithm=algorithm)  # type: ignore[arg-type]


class FamilyStartView(OIDCAuthenticationRequestView):
    """Sends the browser to GOV.UK One Login, remembering the state, nonce and PKCE verifier."""

    get_settings = staticmethod(family_setting)  # type: ignore[assignment]

    def get_extra_params(self, request: Any) -> dict[str, Any]:
        params: dict[str, Any] = dict(family_setting("OIDC_AUTH_REQUEST_EXTRA_PARAMS") or {})
        if "vtr" in params and not isinstance(params["vtr"], str):
            params["vtr"] = json.dumps(params["vtr"])
        return params
