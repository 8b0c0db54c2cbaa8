"""Sign-in security policy: the second factor, where a half-signed-in person may go, session limits.

See docs/sign-in.md. A person is fully signed in when they have passed their password and then
either a code from their authenticator app (a confirmed django-otp TOTP device) or, when the
council trusts it (SENDCASE_OIDC_TRUSTED_MFA), their organisation's single sign-on.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from sendcase.accounts.models import User

# Session keys. Unix timestamps, so a test (or an operator) can read them without parsing.
SIGNED_IN_AT = "sendcase_signed_in_at"
LAST_SEEN = "sendcase_last_seen"
# How the second factor was passed: "code" (authenticator app) or "sso" (trusted identity provider).
SECOND_FACTOR = "sendcase_second_factor"
SECOND_FACTOR_SSO = "sso"
SECOND_FACTOR_CODE = "code"

OIDC_BACKEND = "sendcase.accounts.oidc.CouncilOIDCBackend"
DEVICE_NAME = "Authenticator app"


def second_factor_required() -> bool:
    return bool(getattr(settings, "SENDCASE_REQUIRE_SECOND_FACTOR", True))


def second_factor_done(request: HttpRequest, user: Any = None) -> bool:
    """Whether this session has passed the second factor (or the council does not ask for one).

    `user` defaults to request.user; pass it where a login is in progress and request.user is
    not yet the person signing in.
    """
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not second_factor_required():
        return True
    session = getattr(request, "session", None)
    if (
        session is not None
        and session.get(SECOND_FACTOR) == SECOND_FACTOR_SSO
        and getattr(settings, "SENDCASE_OIDC_TRUSTED_MFA", True)
    ):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def device_for_set_up(user: User) -> TOTPDevice:
    """The unconfirmed device the set-up page shows, the same one on every reload until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def base32_key(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii")


def key_in_groups(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed by hand, in groups of four."""
    key = base32_key(device).rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code (no image request, no JavaScript)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=4, border=4, dark="#0b0c0c", light="#ffffff", omitsize=False)


def code_now(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the device's authenticator app shows now, as six (or eight) digits.

    If this period's code has already been used (django-otp accepts each code once), the next
    period's code, which the device's tolerance of one step also accepts: so a demo or a test
    signing in twice within 30 seconds still gets a code that works.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() if at is None else at
    if totp.t() <= device.last_t:
        totp.drift = device.last_t - totp.t() + 1
    return f"{totp.token():0{device.digits}d}"


def safe_next(request: HttpRequest, value: str | None) -> str:
    """`value` if it is a path on this site, else the page staff land on after signing in."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url: str, next_url: str) -> str:
    """`url` carrying `next_url` along, unless that is just the usual landing page."""
    default = resolve_url(settings.LOGIN_REDIRECT_URL)
    return url if not next_url or next_url == default else f"{url}?{urlencode({'next': next_url})}"


def second_factor_page(user: User) -> str:
    """Where a signed-in but unverified person goes next: the code page, or set-up if they have no app."""
    if confirmed_device(user) is not None:
        return reverse("accounts:sign-in-code")
    return reverse("accounts:second-factor-set-up")


def mark_signed_in(request: HttpRequest) -> None:
    """Start the session's clocks (called on every login, before any second factor)."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
