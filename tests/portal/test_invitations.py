"""A case officer invites a parent; the link works once, for 7 days, and sets a 12+ character password."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sendcase.notifications.models import OutboxMessage
from sendcase.portal.models import FamilyAccount, FamilyInvitation
from tests.factories import UserFactory
from tests.portal.conftest import PASSWORD, link, make_member

pytestmark = pytest.mark.django_db


def invite(client, child, member) -> str:
    response = client.post(
        reverse("portal_staff:invite", args=[child.pk, member.pk]), {"email": member.email}, follow=True
    )
    assert response.status_code == 200
    message = OutboxMessage.objects.filter(template="family_invitation", recipient=member.email).latest("created_at")
    return re.search(r"/family/invitation/([^/]+)/", message.body).group(1)


def accept(client, token, password=PASSWORD, again=None):
    return client.post(
        reverse("portal:invitation", args=[token]), {"password": password, "password_again": again or password}
    )


def test_an_invited_parent_sets_a_password_and_the_email_is_confirmed(client_for, officer, child, parent, client):
    token = invite(client_for(officer), child, parent)
    message = OutboxMessage.objects.get(template="family_invitation")
    # The email names the council and carries the link; never the child.
    assert "Amelia" not in message.body and "Hart" not in message.subject
    assert "Dorset Council (test)" in message.subject

    assert client.get(reverse("portal:invitation", args=[token])).status_code == 200
    response = accept(client, token)
    assert response.status_code == 302 and response["Location"].endswith("?accepted=1")
    account = FamilyAccount.objects.get(family_member=parent)
    assert account.check_password(PASSWORD)
    assert account.email_confirmed_at is not None
    assert account.email == parent.email


def test_the_link_works_only_once(client_for, officer, child, parent, client):
    token = invite(client_for(officer), child, parent)
    accept(client, token)
    again = client.get(reverse("portal:invitation", args=[token]))
    assert again.status_code == 410
    assert "This link has expired or has already been used" in again.content.decode()
    accept(client, token, password="a-different-password-99")
    assert FamilyAccount.objects.get(family_member=parent).check_password(PASSWORD)


def test_the_link_expires_after_7_days(client_for, officer, child, parent, client):
    token = invite(client_for(officer), child, parent)
    invitation = FamilyInvitation.objects.get()
    assert dt.timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= dt.timedelta(days=7)
    FamilyInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(reverse("portal:invitation", args=[token])).status_code == 410
    accept(client, token)
    assert not FamilyAccount.objects.get(family_member=parent).has_password


def test_a_new_invitation_replaces_the_old_link(client_for, officer, child, parent, client):
    first = invite(client_for(officer), child, parent)
    second = invite(client_for(officer), child, parent)
    assert client.get(reverse("portal:invitation", args=[first])).status_code == 410
    assert client.get(reverse("portal:invitation", args=[second])).status_code == 200


def test_a_short_password_is_refused(client_for, officer, child, parent, client):
    token = invite(client_for(officer), child, parent)
    page = accept(client, token, password="short-pass").content.decode()
    assert "This password is too short" in page
    mismatch = accept(client, token, password=PASSWORD, again=PASSWORD + "x").content.decode()
    assert "The passwords do not match" in mismatch
    assert not FamilyAccount.objects.get(family_member=parent).has_password


def test_a_parent_without_parental_responsibility_is_not_invited(client_for, officer, la, child):
    member = make_member(la, first="Sam", last="Hart", email="sam@family.example")
    link(child, member, pr=False)
    page = client_for(officer).post(reverse("portal_staff:invite", args=[child.pk, member.pk]), {"email": member.email})
    assert "has no parental responsibility" in page.content.decode()
    assert not OutboxMessage.objects.filter(template="family_invitation").exists()


def test_read_only_staff_and_other_councils_cannot_invite(client_for, read_only, outsider, child, parent):
    url = reverse("portal_staff:invite", args=[child.pk, parent.pk])
    assert client_for(read_only).post(url, {"email": parent.email}).status_code == 403
    assert client_for(outsider).post(url, {"email": parent.email}).status_code == 404
    assert not FamilyInvitation.objects.exists()


def test_an_email_already_used_by_another_account_is_refused(client_for, officer, child, parent, other_parent_account):
    page = client_for(officer).post(
        reverse("portal_staff:invite", args=[child.pk, parent.pk]), {"email": other_parent_account.email}
    )
    assert "Another family portal account already uses this email address" in page.content.decode()


def test_the_case_page_shows_each_family_members_portal_status(client_for, officer, child, parent):
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Family portal" in page and "No account" in page
    assert reverse("portal_staff:invite", args=[child.pk, parent.pk]) in page
    invite(client_for(officer), child, parent)
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert re.search(r"Invited, link valid until \d\d/\d\d/\d{4}", page)
    assert "No account" not in page


def test_staff_who_do_no_casework_see_the_status_but_cannot_invite(client_for, la, child, parent):
    from sendcase.accounts.models import Role

    analyst = UserFactory(local_authority=la, role=Role.ANALYST)
    page = client_for(analyst).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Family portal" in page  # the SEND team's analyst sees the status
    assert reverse("portal_staff:invite", args=[child.pk, parent.pk]) not in page  # but cannot invite


def test_a_parent_who_forgot_their_password_gets_a_new_link(client_for, officer, child, parent_account, client):
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Send a link to choose a new password" in page
    token = invite(client_for(officer), child, parent_account.family_member)
    parent_account.refresh_from_db()
    assert parent_account.check_password(PASSWORD)  # the old password works until the link is used
    accept(client, token, password="a-brand-new-password-77")
    parent_account.refresh_from_db()
    assert parent_account.check_password("a-brand-new-password-77")
