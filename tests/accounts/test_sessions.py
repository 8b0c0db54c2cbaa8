"""Sessions end after SENDCASE_SESSION_IDLE_MINUTES without activity, and after SENDCASE_SESSION_MAX_HOURS in all."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from sendcase.accounts import security


def shift_session(client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[getattr(security, key)] = now - ago
    session.save()


def assert_signed_out_to_sign_in(client, response, reason: str, message: str) -> None:
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == reverse("accounts:sign-in")
    query = parse_qs(location.query)
    assert query["signed_out"] == [reason]
    assert query["next"] == [reverse("staff:caseload")]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert message in page.content.decode()
    # Signed out for real: the next page asks for sign-in again, with no message this time.
    again = client.get(reverse("staff:caseload"))
    assert again["Location"].startswith(reverse("accounts:sign-in") + "?next=")


def test_activity_within_the_idle_limit_keeps_the_session(client_for, officer):
    client = client_for(officer)
    shift_session(client, LAST_SEEN=29 * 60)
    assert client.get(reverse("staff:caseload")).status_code == 200
    assert int(time.time()) - client.session[security.LAST_SEEN] < 5


def test_thirty_minutes_idle_signs_out_with_a_message(client_for, officer):
    client = client_for(officer)
    shift_session(client, LAST_SEEN=30 * 60 + 1)
    response = client.get(reverse("staff:caseload"))
    assert_signed_out_to_sign_in(client, response, "idle", "You were signed out after 30 minutes without activity")


def test_a_session_the_store_has_expired_also_gets_the_message(client_for, officer):
    """The idle limit is the session's own expiry too; the browser still sends the old cookie."""
    client = client_for(officer)
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("staff:caseload"))
    assert_signed_out_to_sign_in(client, response, "idle", "You were signed out after 30 minutes without activity")


def test_the_idle_limit_comes_from_settings(settings, client_for, officer):
    settings.SENDCASE_SESSION_IDLE_MINUTES = 5
    client = client_for(officer)
    shift_session(client, LAST_SEEN=5 * 60 + 1)
    response = client.get(reverse("staff:caseload"))
    assert_signed_out_to_sign_in(client, response, "idle", "You were signed out after 5 minutes without activity")


def test_ten_hours_after_signing_in_the_session_ends_however_busy(client_for, officer):
    client = client_for(officer)
    shift_session(client, SIGNED_IN_AT=10 * 3600 + 1, LAST_SEEN=60)
    response = client.get(reverse("staff:caseload"))
    assert_signed_out_to_sign_in(
        client, response, "max", "You were signed out because you had been signed in for 10 hours"
    )


def test_just_under_the_absolute_limit_the_session_carries_on(client_for, officer):
    client = client_for(officer)
    shift_session(client, SIGNED_IN_AT=10 * 3600 - 60, LAST_SEEN=60)
    assert client.get(reverse("staff:caseload")).status_code == 200


def test_signing_out_leaves_no_message_behind(client_for, officer):
    client = client_for(officer)
    client.post(reverse("accounts:sign-out"))
    response = client.get(reverse("staff:caseload"))
    assert "signed_out" not in response["Location"]


def test_the_session_expires_in_the_store_after_the_idle_limit(client_for, officer):
    client = client_for(officer)
    client.get(reverse("staff:caseload"))
    expires = Session.objects.get().expire_date
    assert abs((expires - timezone.now()).total_seconds() - 30 * 60) < 60
