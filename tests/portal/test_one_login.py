"""GOV.UK One Login for families: an existing account with the same verified email, never a new one. No network."""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import reverse

from sendcase.portal import session
from sendcase.portal.models import FamilyAccount, FamilyAuditEvent
from sendcase.portal.oidc import (
    FamilyOIDCBackend,
    OneLoginLevelRefused,
    client_assertion,
    family_setting,
    level_is_enough,
)

pytestmark = pytest.mark.django_db

ONE_LOGIN = "https://oidc.integration.account.gov.uk"


@pytest.fixture
def one_login(settings):
    settings.SENDCASE_FAMILY_OIDC_ENABLED = True
    settings.SENDCASE_FAMILY_OIDC_CLIENT_ID = "sendcase-family-test"
    settings.SENDCASE_FAMILY_OIDC_AUTHORIZATION_ENDPOINT = f"{ONE_LOGIN}/authorize"
    settings.SENDCASE_FAMILY_OIDC_TOKEN_ENDPOINT = f"{ONE_LOGIN}/token"
    settings.SENDCASE_FAMILY_OIDC_USERINFO_ENDPOINT = f"{ONE_LOGIN}/userinfo"
    settings.SENDCASE_FAMILY_OIDC_JWKS_ENDPOINT = f"{ONE_LOGIN}/.well-known/jwks.json"
    settings.SENDCASE_FAMILY_OIDC_SIGN_ALGO = "ES256"
    return settings


def claims(email: str, **extra: object) -> dict[str, object]:
    return {"sub": "urn:fdc:gov.uk:2022:abc", "email": email, "email_verified": True, **extra}


def test_one_login_is_offered_only_when_configured(client, one_login, settings):
    settings.SENDCASE_FAMILY_OIDC_ENABLED = False
    assert "Sign in with GOV.UK One Login" not in client.get(reverse("portal:sign-in")).content.decode()
    assert client.get(reverse("portal:one-login-start")).status_code == 404
    assert client.get(reverse("portal:one-login-callback")).status_code == 404
    settings.SENDCASE_FAMILY_OIDC_ENABLED = True
    assert "Sign in with GOV.UK One Login" in client.get(reverse("portal:sign-in")).content.decode()


def test_starting_sends_the_browser_to_one_login_with_pkce_and_the_medium_level(client, one_login):
    response = client.get(reverse("portal:one-login-start"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{ONE_LOGIN}/authorize?")
    assert "client_id=sendcase-family-test" in location and "code_challenge=" in location
    assert "vtr=%5B%22Cl.Cm%22%5D" in location
    assert "%2Ffamily%2Fone-login%2Fcallback%2F" in location


def test_the_family_settings_never_fall_back_to_the_staff_ones(one_login, settings):
    settings.OIDC_RP_CLIENT_ID = "staff-app"
    assert family_setting("OIDC_RP_CLIENT_ID") == "sendcase-family-test"
    assert family_setting("OIDC_CREATE_USER") is False


def test_the_verified_email_finds_the_existing_family_account(one_login, parent_account, officer):
    backend = FamilyOIDCBackend()
    assert list(backend.filter_users_by_claims(claims(parent_account.email.upper()))) == [parent_account]
    # A member of staff's address is not a family account.
    assert not backend.filter_users_by_claims(claims(officer.email)).exists()


def test_an_unverified_or_unknown_email_finds_nobody_and_nothing_is_created(one_login, parent_account, monkeypatch):
    backend = FamilyOIDCBackend()
    assert not backend.filter_users_by_claims(claims(parent_account.email, email_verified=False)).exists()
    with pytest.raises(SuspiciousOperation):
        backend.create_user(claims("new.person@family.example"))
    monkeypatch.setattr(backend, "get_userinfo", lambda *args: claims("new.person@family.example"))
    before = FamilyAccount.objects.count()
    assert backend.get_or_create_user("access", "id", {"vot": "Cl.Cm"}) is None
    assert FamilyAccount.objects.count() == before


def test_an_invited_account_without_a_password_yet_cannot_use_one_login(one_login, parent_account):
    FamilyAccount.objects.filter(pk=parent_account.pk).update(password="")
    assert not FamilyOIDCBackend().filter_users_by_claims(claims(parent_account.email)).exists()


def _start(client: Client) -> str:
    client.get(reverse("portal:one-login-start"))
    return next(iter(client.session["oidc_states"]))


def test_a_good_callback_starts_a_family_session(one_login, parent_account, child, monkeypatch):
    client = Client()
    state = _start(client)
    seen = {}

    def authenticate(self, request, **kwargs):
        seen.update(kwargs)
        return parent_account

    monkeypatch.setattr(FamilyOIDCBackend, "authenticate", authenticate)
    response = client.get(reverse("portal:one-login-callback"), {"state": state, "code": "abc"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert seen["nonce"] and seen["code_verifier"]
    assert client.session[session.FAMILY_ACCOUNT] == str(parent_account.pk)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 200
    event = FamilyAuditEvent.objects.get(account=parent_account, event__action="sign_in").event
    assert "GOV.UK One Login" in event.summary


def test_a_callback_with_a_wrong_state_or_no_account_is_refused(one_login, parent_account, monkeypatch):
    client = Client()
    _start(client)
    monkeypatch.setattr(FamilyOIDCBackend, "authenticate", lambda self, request, **kw: parent_account)
    response = client.get(reverse("portal:one-login-callback"), {"state": "forged", "code": "abc"})
    assert response["Location"].endswith("?one_login=refused")
    assert session.FAMILY_ACCOUNT not in client.session

    state = _start(client)
    monkeypatch.setattr(FamilyOIDCBackend, "authenticate", lambda self, request, **kw: None)
    response = client.get(reverse("portal:one-login-callback"), {"state": state, "code": "abc"})
    assert response["Location"].endswith("?one_login=refused")
    page = client.get(response["Location"]).content.decode()
    assert "We could not sign you in with GOV.UK One Login" in page


def test_the_client_proves_itself_with_a_signed_jwt_as_one_login_requires(one_login):
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    token = client_assertion(key=pem, client_id="sendcase-family-test", audience=f"{ONE_LOGIN}/token")
    decoded = jwt.decode(token, key.public_key(), algorithms=["ES256"], audience=f"{ONE_LOGIN}/token")
    assert decoded["iss"] == decoded["sub"] == "sendcase-family-test"
    assert decoded["exp"] - decoded["iat"] == 300


def test_the_token_request_carries_the_assertion_and_no_secret(one_login, monkeypatch):
    key = ec.generate_private_key(ec.SECP256R1())
    one_login.SENDCASE_FAMILY_OIDC_PRIVATE_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    sent = {}

    def fake_get_token(self, payload):
        sent.update(payload)
        return {"id_token": "x", "access_token": "y"}

    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    monkeypatch.setattr(OIDCAuthenticationBackend, "get_token", fake_get_token)
    FamilyOIDCBackend().get_token({"client_id": "sendcase-family-test", "client_secret": "", "code": "abc"})
    assert "client_secret" not in sent
    assert sent["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    assert jwt.decode(sent["client_assertion"], key.public_key(), algorithms=["ES256"], audience=f"{ONE_LOGIN}/token")


# --- The level One Login signed the person in at (the ID token's vot claim) -----------------------


@pytest.mark.parametrize(
    ("vtr", "vot", "enough"),
    [
        ('["Cl.Cm"]', "Cl.Cm", True),
        ('["Cl.Cm"]', "Cl", False),  # a password only: the emailed code's place is not taken
        ('["Cl.Cm"]', None, False),
        ('["Cl.Cm"]', "", False),
        ('["Cl.Cm"]', "P2.Cl.Cm", True),  # identity checked as well
        ('["Cl.Cm"]', "Cm", False),
        ('["Cl.Cm", "P2.Cl.Cm"]', "Cl.Cm", True),
        ("Cl.Cm", "Cl.Cm", True),  # one vector written without the JSON list
        ("", "Cl", True),  # nothing asked for, nothing to check (another provider)
    ],
)
def test_the_level_returned_must_include_a_level_asked_for(one_login, vtr, vot, enough):
    one_login.SENDCASE_FAMILY_OIDC_VTR = vtr
    assert level_is_enough(vot) is enough


def _token_exchange(monkeypatch, *, vot, email):
    """One Login's side of the code exchange, without the network: the token, its checked claims, userinfo."""
    monkeypatch.setattr(FamilyOIDCBackend, "get_token", lambda self, payload: {"id_token": "id", "access_token": "at"})
    monkeypatch.setattr(FamilyOIDCBackend, "verify_token", lambda self, token, **kw: {"vot": vot, **kw})
    monkeypatch.setattr(FamilyOIDCBackend, "get_userinfo", lambda self, access, id_token, payload: claims(email))


def test_a_sign_in_without_one_logins_second_step_is_refused_with_a_page_saying_why(
    one_login, parent_account, child, monkeypatch
):
    client = Client()
    state = _start(client)
    _token_exchange(monkeypatch, vot="Cl", email=parent_account.email)
    before = FamilyAuditEvent.objects.count()
    response = client.get(reverse("portal:one-login-callback"), {"state": state, "code": "abc"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "GOV.UK One Login did not check your sign-in enough for this service" in page
    assert "signed in without the security code" in page
    assert reverse("portal:one-login-start") in page and reverse("portal:sign-in") in page
    assert session.FAMILY_ACCOUNT not in client.session
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 302  # still signed out
    assert FamilyAuditEvent.objects.count() == before  # no sign-in recorded
    with pytest.raises(OneLoginLevelRefused):
        FamilyOIDCBackend().get_or_create_user("at", "id", {"vot": "Cl"})


def test_a_sign_in_at_the_level_asked_for_goes_through_the_real_exchange(one_login, parent_account, child, monkeypatch):
    client = Client()
    state = _start(client)
    _token_exchange(monkeypatch, vot="Cl.Cm", email=parent_account.email)
    response = client.get(reverse("portal:one-login-callback"), {"state": state, "code": "abc"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.session[session.FAMILY_ACCOUNT] == str(parent_account.pk)


def test_the_level_page_is_in_polish_for_a_polish_family(one_login, parent_account, monkeypatch, settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    state = _start(client)
    _token_exchange(monkeypatch, vot="Cl", email=parent_account.email)
    page = client.get(reverse("portal:one-login-callback"), {"state": state, "code": "abc"}).content.decode()
    assert '<html lang="pl"' in page and "GOV.UK One Login did not check" not in page
