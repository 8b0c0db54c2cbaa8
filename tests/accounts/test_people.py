"""A council administrator resets the second factor of someone who has lost their phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts.models import Role
from sendcase.audit.models import Action, AuditEvent
from tests.factories import UserFactory


@pytest.fixture
def administrator(la):
    return UserFactory(local_authority=la, role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")


def reset_url(person) -> str:
    return reverse("accounts:reset-second-factor", args=[person.pk])


def test_the_people_page_shows_who_has_set_up_an_app(client_for, authenticator_for, administrator, officer, manager):
    authenticator_for(officer)
    page = client_for(administrator).get(reverse("accounts:people")).content.decode()
    officer_row = page[page.index(officer.email) :].split("</tr>")[0]
    manager_row = page[page.index(manager.email) :].split("</tr>")[0]
    assert "Set up" in officer_row and "Not set up" not in officer_row
    assert "Not set up" in manager_row
    assert reset_url(officer) in page


def test_an_administrator_resets_a_colleagues_second_factor_and_it_is_audited(
    client_for, authenticator_for, administrator, officer
):
    officers_session = client_for(officer)
    assert officers_session.get(reverse("staff:caseload")).status_code == 200
    admin = client_for(administrator)

    confirm = admin.get(reset_url(officer))
    assert confirm.status_code == 200
    assert f"Reset second factor for {officer}" in confirm.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()  # looking is not resetting

    response = admin.post(reset_url(officer))
    assert response["Location"] == reverse("accounts:people")
    assert "Second factor reset for Olive Officer" in admin.get(response["Location"]).content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    event = AuditEvent.objects.get(actor=administrator, action=Action.UPDATE)
    assert event.object_type == "accounts.user" and event.object_id == str(officer.pk)
    assert event.summary.startswith(f"Second factor reset for Olive Officer <{officer.email}>")
    assert event.changes == {"second_factor": ["set up", "not set up"]}
    # The officer's open session lost its second factor with the app: next click, set up a new one.
    assert officers_session.get(reverse("staff:caseload"))["Location"].startswith(
        reverse("accounts:second-factor-set-up")
    )


def test_an_administrator_of_another_council_gets_404(client_for, authenticator_for, other_la, officer):
    stranger = UserFactory(local_authority=other_la, role=Role.ADMINISTRATOR)
    authenticator_for(officer)
    client = client_for(stranger)
    assert client.get(reset_url(officer)).status_code == 404
    assert client.post(reset_url(officer)).status_code == 404
    assert officer.email not in client.get(reverse("accounts:people")).content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_only_administrators_may_reset(client_for, authenticator_for, manager, officer):
    authenticator_for(officer)
    client = client_for(manager)
    assert client.get(reverse("accounts:people")).status_code == 403
    assert client.post(reset_url(officer)).status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_an_administrator_cannot_reset_their_own(client_for, administrator):
    client = client_for(administrator)
    assert "You cannot reset your own second factor" in client.get(reset_url(administrator)).content.decode()
    client.post(reset_url(administrator))
    assert TOTPDevice.objects.filter(user=administrator, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_the_reset_pages_need_the_second_factor_too(half_signed_in, administrator, officer):
    client, _ = half_signed_in(administrator)
    assert client.get(reset_url(officer))["Location"].startswith(reverse("accounts:sign-in-code"))
    assert client.post(reset_url(officer))["Location"].startswith(reverse("accounts:sign-in-code"))
