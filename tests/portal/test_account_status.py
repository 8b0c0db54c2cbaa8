"""The SEND team switches a family portal account off (ending its sessions) and on again, audited."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.notifications.models import OutboxMessage
from sendcase.portal import services
from sendcase.portal.models import FamilyAccount, FamilyAuditEvent, FamilyInvitation
from tests.portal.conftest import PASSWORD, page_text

pytestmark = pytest.mark.django_db


def switch_url(child, account):
    return reverse("portal_staff:account-switch", args=[child.pk, account.pk])


def sign_in_with_password_and_code(account) -> Client:
    """The whole sign-in, as the family does it: password, then the emailed code."""
    client = Client()
    client.post(reverse("portal:sign-in"), {"email": account.email, "password": PASSWORD})
    body = OutboxMessage.objects.filter(template="family_sign_in_code", recipient=account.email).latest("created_at")
    client.post(reverse("portal:sign-in-code"), {"code": re.search(r"\b(\d{6})\b", body.body).group(1)})
    return client


def test_switching_off_ends_the_familys_sessions_and_they_can_no_longer_sign_in(
    client_for, officer, family_client, parent_account, child
):
    timeline = reverse("portal:timeline", args=[child.pk])
    signed_in = family_client(parent_account)
    assert signed_in.get(timeline).status_code == 200
    staff = client_for(officer)
    assert switch_url(child, parent_account) in staff.get(reverse("staff:child", args=[child.pk])).content.decode()
    form = page_text(staff.get(switch_url(child, parent_account)).content.decode())
    assert "Switch off Jane Hart's family portal account" in form
    response = staff.post(
        switch_url(child, parent_account), {"reason": "Jane asked us to close it", "version": parent_account.version}
    )
    assert response.status_code == 302
    account = FamilyAccount.objects.get(pk=parent_account.pk)
    assert not account.is_active and account.sessions_ended_at is not None

    assert signed_in.get(timeline).status_code == 302  # the session that was open has ended
    refused = Client().post(reverse("portal:sign-in"), {"email": account.email, "password": PASSWORD})
    assert refused.status_code == 200 and "Enter the email address and password for your account" in page_text(
        refused.content.decode()
    )
    event = AuditEvent.objects.filter(actor=officer, summary__contains="switched off").get()
    assert "Jane asked us to close it" in event.summary and event.child_id == child.pk
    assert event.changes["is_active"] == [True, False]
    assert FamilyAuditEvent.objects.filter(account=account, event=event).exists()
    case_page = page_text(staff.get(reverse("staff:child", args=[child.pk])).content.decode())
    assert "Switched off" in case_page and "Switch the account on again" in case_page


def test_switching_off_stops_an_unused_invitation_link(client_for, officer, parent, child):
    token = services.family_invite(actor=officer, family_member=parent)
    account = FamilyAccount.objects.get(family_member=parent)
    client_for(officer).post(
        switch_url(child, account), {"reason": "Invited the wrong address", "version": account.version}
    )
    assert Client().get(reverse("portal:invitation", args=[token])).status_code == 410
    assert FamilyInvitation.objects.get().revoked_at is not None


def test_switching_on_again_lets_them_sign_in_but_brings_no_old_session_back(
    client_for, officer, family_client, parent_account, child
):
    timeline = reverse("portal:timeline", args=[child.pk])
    old_session = family_client(parent_account)
    staff = client_for(officer)
    staff.post(switch_url(child, parent_account), {"reason": "Lost phone", "version": parent_account.version})
    account = FamilyAccount.objects.get(pk=parent_account.pk)
    assert "Switch Jane Hart's family portal account on again" in page_text(
        staff.get(switch_url(child, account)).content.decode()
    )
    assert staff.post(switch_url(child, account), {"version": account.version}).status_code == 302
    assert FamilyAccount.objects.get(pk=account.pk).is_active
    assert old_session.get(timeline).status_code == 302
    assert sign_in_with_password_and_code(account).get(timeline).status_code == 200
    assert AuditEvent.objects.filter(actor=officer, summary__contains="switched on again").exists()


def test_a_reason_is_needed_and_nothing_is_written_without_one(client_for, officer, parent_account, child):
    events = AuditEvent.objects.count()
    page = page_text(client_for(officer).post(switch_url(child, parent_account), {"reason": " "}).content.decode())
    assert "Enter why the account is being switched off, for the record" in page
    assert FamilyAccount.objects.get(pk=parent_account.pk).is_active
    assert AuditEvent.objects.count() == events


def test_a_change_made_meanwhile_is_not_overwritten(client_for, officer, parent_account, child):
    stale = parent_account.version
    FamilyAccount.objects.filter(pk=parent_account.pk).update(version=stale + 1)
    page = page_text(
        client_for(officer).post(switch_url(child, parent_account), {"reason": "x", "version": stale}).content.decode()
    )
    assert "Someone else changed this family portal account" in page
    assert FamilyAccount.objects.get(pk=parent_account.pk).is_active


def test_another_councils_officer_gets_404_and_read_only_staff_403(
    client_for, outsider, read_only, parent_account, child
):
    for method in ("get", "post"):
        response = getattr(client_for(outsider), method)(switch_url(child, parent_account), {"reason": "x"})
        assert response.status_code == 404
    assert client_for(read_only).post(switch_url(child, parent_account), {"reason": "x"}).status_code == 403
    assert FamilyAccount.objects.get(pk=parent_account.pk).is_active
    assert not AuditEvent.objects.filter(summary__contains="switched off").exists()


def test_an_account_of_another_child_cannot_be_switched_through_this_child(
    client_for, officer, other_parent_account, child
):
    assert client_for(officer).post(switch_url(child, other_parent_account), {"reason": "x"}).status_code == 404
    assert FamilyAccount.objects.get(pk=other_parent_account.pk).is_active
