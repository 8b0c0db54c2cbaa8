"""Signing in: password, then a 6-digit code emailed to the family (the second factor)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendcase.accounts import security
from sendcase.audit.models import AuditEvent
from sendcase.notifications.models import OutboxMessage
from sendcase.portal import session
from sendcase.portal.models import FamilyAuditEvent, FamilySignInCode
from tests.portal.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def emailed_code(account) -> str:
    message = OutboxMessage.objects.filter(template="family_sign_in_code", recipient=account.email).latest("created_at")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def password_step(client: Client, email: str, password: str = PASSWORD, next_url: str = ""):
    return client.post(reverse("portal:sign-in"), {"email": email, "password": password, "next": next_url})


def test_password_then_the_emailed_code_signs_in(parent_account, child):
    client = Client()
    timeline = reverse("portal:timeline", args=[child.pk])
    response = password_step(client, parent_account.email.upper(), next_url=timeline)
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:sign-in-code"))
    # Not signed in yet: the code is still to come.
    assert client.get(timeline).status_code == 302
    message = OutboxMessage.objects.get(template="family_sign_in_code")
    assert "Amelia" not in message.body
    code_page = client.get(response["Location"]).content.decode()
    assert "j***@family.example" in code_page
    response = client.post(reverse("portal:sign-in-code"), {"code": emailed_code(parent_account), "next": timeline})
    assert response.status_code == 302 and response["Location"] == timeline
    assert client.get(timeline).status_code == 200
    parent_account.refresh_from_db()
    assert parent_account.last_sign_in is not None
    signed_in = FamilyAuditEvent.objects.filter(account=parent_account, event__action="sign_in").get().event
    assert "Signed in with password and emailed code" in signed_in.summary


def test_the_session_is_a_new_one_after_signing_in(parent_account):
    client = Client()
    password_step(client, parent_account.email)
    before = client.session.session_key
    client.post(reverse("portal:sign-in-code"), {"code": emailed_code(parent_account)})
    assert client.session.session_key != before
    assert client.session[session.FAMILY_ACCOUNT] == str(parent_account.pk)
    # A family session never signs anyone in on the staff side.
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(parent_account):
    wrong = password_step(Client(), parent_account.email, "not-the-password").content.decode()
    unknown = password_step(Client(), "nobody@family.example").content.decode()
    message = "Enter the email address and password for your account"
    assert message in wrong and message in unknown
    assert not OutboxMessage.objects.filter(template="family_sign_in_code").exists()


def test_a_wrong_code_is_refused_and_the_code_works_only_once(parent_account, child):
    client = Client()
    password_step(client, parent_account.email)
    code = emailed_code(parent_account)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    page = client.post(reverse("portal:sign-in-code"), {"code": wrong}).content.decode()
    assert "The code is not right" in page
    client.post(reverse("portal:sign-in-code"), {"code": code})
    session_client = Client()
    password_step(session_client, parent_account.email)
    reused = session_client.post(reverse("portal:sign-in-code"), {"code": code}).content.decode()
    assert "There is a problem" in reused


def test_an_old_or_expired_code_is_refused(parent_account):
    client = Client()
    password_step(client, parent_account.email)
    first = emailed_code(parent_account)
    client.post(reverse("portal:sign-in-code-resend"))
    assert emailed_code(parent_account) != first or FamilySignInCode.objects.count() == 2
    page = client.post(reverse("portal:sign-in-code"), {"code": first}).content.decode()
    assert "There is a problem" in page
    latest = emailed_code(parent_account)
    FamilySignInCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    page = client.post(reverse("portal:sign-in-code"), {"code": latest}).content.decode()
    assert "This code has expired" in page
    assert session.FAMILY_ACCOUNT not in client.session


def test_repeated_failures_lock_the_account(parent_account, settings):
    for _ in range(settings.SENDCASE_LOCKOUT_FAILURES):
        password_step(Client(), parent_account.email, "not-the-password")
    page = password_step(Client(), parent_account.email).content.decode()
    assert "this account is locked until" in page
    assert not OutboxMessage.objects.filter(template="family_sign_in_code").exists()
    assert AuditEvent.objects.filter(summary__contains="Account locked for").exists()


def test_an_invited_account_cannot_sign_in_before_it_has_a_password(parent_account):
    parent_account.password = ""
    parent_account.save()
    assert "Enter the email address and password" in password_step(Client(), parent_account.email).content.decode()
    assert not OutboxMessage.objects.filter(template="family_sign_in_code").exists()


def test_signing_out_ends_the_family_session(family_client, parent_account, child):
    client = family_client(parent_account)
    response = client.post(reverse("portal:sign-out"))
    assert response["Location"] == reverse("portal:signed-out")
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 302


def test_signing_in_as_staff_in_the_same_browser_ends_family_access(
    family_client, parent_account, officer, child, authenticator_for
):
    client = family_client(parent_account)
    client.force_login(officer)
    # Half signed in (password, no code yet): the staff sign-in carries on, as on every page.
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:second-factor-set-up"))
    store = client.session
    store[security.SECOND_FACTOR] = security.SECOND_FACTOR_SSO
    store.save()
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 403
    assert "Amelia" not in response.content.decode()


def test_a_next_address_outside_the_portal_is_ignored(parent_account):
    client = Client()
    password_step(client, parent_account.email, next_url="https://evil.example/")
    response = client.post(reverse("portal:sign-in-code"), {"code": emailed_code(parent_account), "next": "/caseload/"})
    assert response["Location"] == reverse("portal:home")
