"""Locking an account after repeated failed sign-ins: wrong passwords and wrong codes both count."""

from __future__ import annotations

import datetime as dt
import re

from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.db.models import F
from django.test import Client
from django.urls import reverse

from sendcase.audit.models import Action, AuditEvent
from tests.accounts.conftest import PASSWORD, post_code, post_password, right_code, wrong_code

LOCKED_HEADING = "You cannot sign in for now"


def fail_passwords(client: Client, email: str, times: int):
    response = None
    for _ in range(times):
        response = post_password(client, email, "not-the-password")
    return response


def time_travel_past_the_lock(minutes: int = 30) -> None:
    """Move every recorded failure back past the lockout window, as if that much time had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=minutes, seconds=1))


def test_five_wrong_passwords_lock_the_account_even_against_the_right_password(client, authenticator_for, officer):
    authenticator_for(officer)
    for attempt in range(1, 5):
        response = post_password(client, officer.email, "not-the-password")
        assert response.status_code == 200, attempt
        assert "Enter a correct email address and password" in response.content.decode()

    fifth = post_password(client, officer.email, "not-the-password")
    assert fifth.status_code == 429
    assert LOCKED_HEADING in fifth.content.decode()

    sixth = post_password(client, officer.email, PASSWORD)
    assert sixth.status_code == 429
    assert LOCKED_HEADING in sixth.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_window(client, authenticator_for, officer):
    authenticator_for(officer)
    fail_passwords(client, officer.email, 5)
    time_travel_past_the_lock(29)
    assert post_password(client, officer.email, PASSWORD).status_code == 429

    time_travel_past_the_lock(1)
    response = post_password(client, officer.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in-code")


def test_the_lock_counts_failures_from_any_address(authenticator_for, officer):
    """Councils share outgoing addresses; an attacker can change theirs. Only the account counts."""
    authenticator_for(officer)
    for n in range(5):
        Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            reverse("accounts:sign-in"), {"username": officer.email, "password": "not-the-password"}
        )
    response = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("accounts:sign-in"), {"username": officer.email, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_one_persons_failures_do_not_lock_a_colleague_at_the_same_address(authenticator_for, officer, colleague):
    authenticator_for(colleague)
    office = Client(REMOTE_ADDR="192.0.2.10")
    fail_passwords(office, officer.email, 5)
    response = Client(REMOTE_ADDR="192.0.2.10").post(
        reverse("accounts:sign-in"), {"username": colleague.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_five_wrong_codes_lock_the_account_and_sign_the_session_out(half_signed_in, officer):
    client, device = half_signed_in(officer)
    for attempt in range(1, 5):
        assert post_code(client, wrong_code(device)).status_code == 200, attempt

    fifth = post_code(client, wrong_code(device))
    assert fifth.status_code == 429
    assert LOCKED_HEADING in fifth.content.decode()
    assert client.get(reverse("staff:caseload"))["Location"].startswith(reverse("accounts:sign-in"))

    again = Client()
    assert post_password(again, officer.email, PASSWORD).status_code == 429


def test_the_right_password_does_not_clear_earlier_failures(client, half_signed_in, officer):
    """Otherwise someone with the password could guess codes for ever, four at a time."""
    fail_passwords(client, officer.email, 4)
    signed, device = half_signed_in(officer)
    response = post_code(signed, wrong_code(device))
    assert response.status_code == 429


def test_a_complete_sign_in_clears_the_failures(client, half_signed_in, officer):
    fail_passwords(client, officer.email, 4)
    signed, device = half_signed_in(officer)
    assert post_code(signed, right_code(device)).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert fail_passwords(Client(), officer.email, 4).status_code == 200


def test_failures_and_the_lock_are_in_the_audit_trail(client, authenticator_for, officer):
    authenticator_for(officer)
    fail_passwords(client, officer.email, 6)
    summaries = list(
        AuditEvent.objects.filter(actor=officer, action=Action.SIGN_IN)
        .order_by("sequence")
        .values_list("summary", flat=True)
    )
    # The sixth attempt, made while locked, is in axes' records only: guessing cannot fill the trail.
    assert summaries == ["Sign-in failed: wrong password"] * 5 + [
        "Account locked for 30 minutes after 5 failed sign-in attempts"
    ]


def test_the_locked_page_reads_the_same_whether_or_not_the_account_exists(authenticator_for, officer):
    authenticator_for(officer)
    real = fail_passwords(Client(), officer.email, 5)
    made_up = fail_passwords(Client(), "nobody.here@sendcase.example", 5)

    assert real.status_code == made_up.status_code == 429

    def text(response) -> str:
        page = response.content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        return re.sub(r"\d{1,2}:\d{2}[ap]m", "TIME", page)

    assert text(real) == text(made_up)
    assert officer.email not in real.content.decode()
    assert "try again after" in real.content.decode()
    assert not AuditEvent.objects.exclude(actor=officer).exists()


def test_the_lockout_limit_and_window_come_from_settings(settings, client, authenticator_for, officer):
    settings.AXES_FAILURE_LIMIT = settings.SENDCASE_LOCKOUT_FAILURES = 3
    authenticator_for(officer)
    assert fail_passwords(client, officer.email, 2).status_code == 200
    assert fail_passwords(client, officer.email, 1).status_code == 429


def test_code_that_checks_a_password_without_a_request_is_not_counted(officer):
    """A shell or a script calling authenticate() has no request: no attempt to count, just the password."""
    assert authenticate(username=officer.email, password=PASSWORD) == officer
    assert authenticate(username=officer.email, password="not-the-password") is None
    assert not AccessAttempt.objects.exists()
