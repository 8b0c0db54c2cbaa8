"""A family's own password: a forgotten-password link (single use, an hour, no account enumeration) and changing it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendcase.notifications.models import OutboxMessage
from sendcase.portal.models import FamilyAccount, FamilyAuditEvent, FamilyInvitation
from tests.portal.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-meadow-copper-77"


def ask_for_link(client: Client, email: str):
    return client.post(reverse("portal:forgotten-password"), {"email": email})


def emailed_link(account) -> str:
    message = OutboxMessage.objects.filter(template="family_password_reset", recipient=account.email).latest(
        "created_at"
    )
    return re.search(r"(/family/new-password/[^/\s]+/)", message.body).group(1)


def choose(client: Client, link: str, password: str = NEW_PASSWORD, again: str | None = None):
    return client.post(link, {"password": password, "password_again": again or password})


def test_a_parent_asks_for_a_link_and_chooses_a_new_password(parent_account, child):
    client = Client()
    response = ask_for_link(client, parent_account.email.upper())
    assert response["Location"] == reverse("portal:forgotten-password-sent")
    message = OutboxMessage.objects.get(template="family_password_reset")
    assert message.recipient == parent_account.email
    assert child.first_name not in message.body and child.last_name not in message.subject
    assert "works once, for 60 minutes" in message.body

    link = emailed_link(parent_account)
    assert client.get(link).status_code == 200
    response = choose(client, link)
    assert response["Location"] == f"{reverse('portal:sign-in')}?reset=1"
    assert "Your new password is saved" in client.get(response["Location"]).content.decode()
    parent_account.refresh_from_db()
    assert parent_account.check_password(NEW_PASSWORD) and not parent_account.check_password(PASSWORD)
    # The family is told their password changed, so they can tell the council if it was not them.
    changed = OutboxMessage.objects.get(template="family_password_changed", recipient=parent_account.email)
    assert "Dorset Council (test)" in changed.body
    summaries = [e.event.summary for e in FamilyAuditEvent.objects.filter(account=parent_account)]
    assert any("Asked for a link to choose a new password; sent" in s for s in summaries)
    assert any("Chose a new password with a forgotten-password link" in s for s in summaries)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(parent_account):
    known = ask_for_link(Client(), parent_account.email)
    unknown = ask_for_link(Client(), "nobody@family.example")
    parent_account.is_active = False
    parent_account.save()
    switched_off = ask_for_link(Client(), parent_account.email)
    assert known["Location"] == unknown["Location"] == switched_off["Location"]
    sent_page = Client().get(known["Location"]).content.decode()
    assert "If the address you entered belongs to a family portal account" in sent_page
    assert OutboxMessage.objects.filter(template="family_password_reset").count() == 1


def test_the_link_works_once(parent_account):
    client = Client()
    ask_for_link(client, parent_account.email)
    link = emailed_link(parent_account)
    choose(client, link)
    again = Client().get(link)
    assert again.status_code == 410
    assert "This link has expired or has already been used" in again.content.decode()
    assert choose(Client(), link, "another-password-entirely-9").status_code == 410
    parent_account.refresh_from_db()
    assert parent_account.check_password(NEW_PASSWORD)


def test_the_link_expires_after_an_hour(parent_account):
    ask_for_link(Client(), parent_account.email)
    link = emailed_link(parent_account)
    FamilyInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert choose(Client(), link).status_code == 410
    parent_account.refresh_from_db()
    assert parent_account.check_password(PASSWORD)


def test_only_the_newest_link_works_and_links_are_rate_limited(parent_account):
    ask_for_link(Client(), parent_account.email)
    first = emailed_link(parent_account)
    ask_for_link(Client(), parent_account.email)
    assert Client().get(first).status_code == 410
    assert Client().get(emailed_link(parent_account)).status_code == 200
    for _ in range(3):
        ask_for_link(Client(), parent_account.email)
    assert OutboxMessage.objects.filter(template="family_password_reset").count() == 3
    refused = FamilyAuditEvent.objects.filter(account=parent_account, event__summary__contains="not sent")
    assert refused.count() == 2


def test_a_weak_password_is_refused_and_the_link_still_works(parent_account):
    client = Client()
    ask_for_link(client, parent_account.email)
    link = emailed_link(parent_account)
    page = choose(client, link, "short").content.decode()
    assert "There is a problem" in page and "at least 12 characters" in page
    mismatch = choose(client, link, NEW_PASSWORD, "something-else-entirely").content.decode()
    assert "The passwords do not match" in mismatch
    assert choose(client, link).status_code == 302


def test_an_invitation_link_and_a_forgotten_password_link_are_not_interchangeable(parent_account):
    ask_for_link(Client(), parent_account.email)
    token = emailed_link(parent_account).split("/")[-2]
    assert Client().get(reverse("portal:invitation", args=[token])).status_code == 410


def test_a_new_password_ends_every_other_session_and_unlocks_the_account(
    parent_account, family_client, child, settings
):
    signed_in = family_client(parent_account)
    timeline = reverse("portal:timeline", args=[child.pk])
    assert signed_in.get(timeline).status_code == 200
    half_way = Client()  # someone who typed the old password, and waits for the code
    half_way.post(reverse("portal:sign-in"), {"email": parent_account.email, "password": PASSWORD})
    FamilyAccount.objects.filter(pk=parent_account.pk).update(
        locked_until=timezone.now() + dt.timedelta(minutes=settings.SENDCASE_LOCKOUT_MINUTES)
    )
    ask_for_link(Client(), parent_account.email)
    choose(Client(), emailed_link(parent_account))
    assert signed_in.get(timeline)["Location"].startswith(reverse("portal:sign-in"))
    assert half_way.get(reverse("portal:sign-in-code"))["Location"] == reverse("portal:sign-in")
    parent_account.refresh_from_db()
    assert parent_account.locked_until is None


def test_a_signed_in_parent_changes_their_password(parent_account, family_client, child):
    client = family_client(parent_account)
    elsewhere = family_client(parent_account)
    url = reverse("portal:change-password")
    assert "Change your password" in client.get(url).content.decode()
    response = client.post(
        url, {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("portal:home")
    assert "Your password has changed" in client.get(reverse("portal:home")).content.decode()
    assert elsewhere.get(reverse("portal:home"))["Location"].startswith(reverse("portal:sign-in"))
    parent_account.refresh_from_db()
    assert parent_account.check_password(NEW_PASSWORD)
    assert OutboxMessage.objects.filter(template="family_password_changed").count() == 1
    assert FamilyAuditEvent.objects.filter(account=parent_account, event__summary__contains="Changed their password")


def test_a_wrong_current_password_is_refused_and_counts_towards_the_lockout(parent_account, family_client):
    client = family_client(parent_account)
    page = client.post(
        reverse("portal:change-password"),
        {"current_password": "not-my-password", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    ).content.decode()
    assert "Your current password is not right" in page
    parent_account.refresh_from_db()
    assert parent_account.check_password(PASSWORD) and parent_account.failed_attempts == 1
    assert not OutboxMessage.objects.filter(template="family_password_changed").exists()


def test_changing_the_password_needs_a_signed_in_family(client):
    response = client.get(reverse("portal:change-password"))
    assert response["Location"].startswith(reverse("portal:sign-in"))
