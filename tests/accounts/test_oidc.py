"""Single sign-on through OIDC: an existing, active account with the same verified email, never a new one."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sendcase.accounts import security
from sendcase.accounts.models import User
from sendcase.accounts.oidc import CouncilOIDCBackend
from sendcase.audit.models import AuditEvent

ENTRA = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000"


@pytest.fixture
def sso(settings):
    settings.SENDCASE_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "sendcase-test"
    settings.OIDC_RP_CLIENT_SECRET = "not-a-secret"  # noqa: S105
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ENTRA}/oauth2/v2.0/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ENTRA}/oauth2/v2.0/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://graph.microsoft.com/oidc/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ENTRA}/discovery/v2.0/keys"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, security.OIDC_BACKEND]
    return settings


def claims(email: str, **extra: object) -> dict[str, object]:
    return {"sub": "abc123", "email": email, "email_verified": True, **extra}


def test_the_sign_in_page_offers_the_organisation_account_only_when_configured(db, client, settings):
    assert "Sign in with your organisation account" not in client.get(reverse("accounts:sign-in")).content.decode()
    assert client.get(reverse("accounts:oidc-start")).status_code == 404
    settings.SENDCASE_OIDC_ENABLED = True
    page = client.get(reverse("accounts:sign-in") + "?next=/caseload/").content.decode()
    assert "Sign in with your organisation account" in page
    assert f'href="{reverse("accounts:oidc-start")}?next=/caseload/"' in page


def test_starting_single_sign_on_sends_the_browser_to_the_identity_provider(db, client, sso):
    response = client.get(reverse("accounts:oidc-start"))
    assert response.status_code == 302
    assert response["Location"].startswith(sso.OIDC_OP_AUTHORIZATION_ENDPOINT + "?")
    assert "code_challenge=" in response["Location"]  # PKCE


def test_the_verified_email_finds_the_existing_account_whatever_its_case(sso, officer):
    backend = CouncilOIDCBackend()
    assert list(backend.filter_users_by_claims(claims(officer.email.upper()))) == [officer]
    assert backend.verify_claims(claims(officer.email))


def test_an_unknown_email_finds_nobody_and_no_account_is_made(sso, officer, monkeypatch):
    backend = CouncilOIDCBackend()
    unknown = claims("someone.else@sendcase.example")
    assert not backend.filter_users_by_claims(unknown).exists()
    with pytest.raises(SuspiciousOperation):
        backend.create_user(unknown)
    monkeypatch.setattr(backend, "get_userinfo", lambda *args: unknown)
    before = User.objects.count()
    assert backend.get_or_create_user("access", "id", {}) is None
    assert User.objects.count() == before


def test_a_switched_off_account_is_refused(sso, officer):
    officer.is_active = False
    officer.save()
    assert not CouncilOIDCBackend().filter_users_by_claims(claims(officer.email)).exists()


def test_an_email_the_provider_does_not_vouch_for_is_refused(sso, officer):
    backend = CouncilOIDCBackend()
    unverified = claims(officer.email, email_verified=False)
    assert not backend.verify_claims(unverified)
    assert not backend.filter_users_by_claims(unverified).exists()
    # Microsoft Entra ID's optional claim for a verified email domain counts.
    entra = {"sub": "abc123", "email": officer.email, "xms_edov": True}
    assert list(backend.filter_users_by_claims(entra)) == [officer]


def test_a_council_may_accept_unverified_emails_from_its_own_provider(sso, officer):
    sso.SENDCASE_OIDC_REQUIRE_VERIFIED_EMAIL = False
    assert list(CouncilOIDCBackend().filter_users_by_claims({"email": officer.email})) == [officer]


def test_single_sign_on_stands_in_for_the_code_when_the_council_trusts_it(sso, officer):
    client = Client()
    client.force_login(officer, backend=security.OIDC_BACKEND)
    assert client.get(reverse("staff:caseload")).status_code == 200
    assert AuditEvent.objects.get(actor=officer).summary.startswith("Signed in with organisation account")


def test_without_that_trust_single_sign_on_still_needs_the_code(sso, officer, authenticator_for):
    sso.SENDCASE_OIDC_TRUSTED_MFA = False
    authenticator_for(officer)
    client = Client()
    client.force_login(officer, backend=security.OIDC_BACKEND)
    assert client.get(reverse("staff:caseload"))["Location"].startswith(reverse("accounts:sign-in-code"))
    assert not AuditEvent.objects.exists()


def test_a_refused_single_sign_on_explains_itself(db, client, sso):
    page = client.get(reverse("accounts:sign-in") + "?sso=refused").content.decode()
    assert "You could not be signed in with your organisation account" in page


def test_the_verification_flag_can_come_from_the_signed_id_token(sso, officer, monkeypatch):
    """Entra ID's userinfo endpoint has no verification flag; its ID token can carry xms_edov."""
    monkeypatch.setattr(OIDCAuthenticationBackend, "get_userinfo", lambda self, *args: {"email": officer.email})
    backend = CouncilOIDCBackend()
    info = backend.get_userinfo("access", "id", {"email": officer.email, "xms_edov": True})
    assert list(backend.filter_users_by_claims(info)) == [officer]
    assert not backend.filter_users_by_claims(backend.get_userinfo("access", "id", {})).exists()


def test_an_id_token_issued_to_another_application_is_refused(sso, monkeypatch):
    backend = CouncilOIDCBackend()
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, token, **kw: {"aud": "other-app"})
    with pytest.raises(SuspiciousOperation):
        backend.verify_token("token")
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, token, **kw: {"aud": ["sendcase-test"]})
    assert backend.verify_token("token") == {"aud": ["sendcase-test"]}
