"""Organisations look after their own people; the council's SEND administrators can too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase import access
from sendcase.accounts.models import Role, User
from sendcase.audit.models import AuditEvent
from sendcase.cases.models import AdviceRequest
from sendcase.organisations.models import Organisation
from sendcase.teams.models import TeamMembership
from tests.factories import UserFactory
from tests.teams.builders import EP_SERVICE, on_team, organisation, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def ep_service(la):
    return organisation(la, EP_SERVICE, "Dorset Educational Psychology Service", email="eps@dorset.example")


@pytest.fixture
def ep_admin(ep_service):
    return partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST, admin=True, first_name="Ada", last_name="Admin")


@pytest.fixture
def ep(ep_service):
    return partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST, first_name="Eve", last_name="Psych")


@pytest.fixture
def send_admin(la):
    return UserFactory(local_authority=la, role=Role.ADMINISTRATOR)


NEW_PERSON = {
    "first_name": "Nia",
    "last_name": "Newton",
    "email": "Nia.Newton@dorset.example",
    "job_title": "Assistant psychologist",
    "role": Role.EDUCATIONAL_PSYCHOLOGIST,
}


def test_an_organisation_administrator_adds_a_person_who_chooses_their_own_password(client, client_for, ep_admin):
    response = client_for(ep_admin).post(reverse("teams:own-person-new"), NEW_PERSON)

    assert response.status_code == 200
    person = User.objects.get(email="nia.newton@dorset.example")
    assert (person.organisation, person.role, person.is_active) == (ep_admin.organisation, "ep", True)
    assert not person.has_usable_password()
    assert AuditEvent.objects.filter(actor=ep_admin, object_id=str(person.pk), action="create").exists()
    link = response.context["link"]
    assert link.startswith("http://testserver/set-password/")

    # The link works once: it sets the password they chose.
    form_page = client.get(link, follow=True)
    assert "Choose your password" in form_page.content.decode()
    password = "a-long-and-unguessable-passphrase"
    done = client.post(form_page.request["PATH_INFO"], {"new_password1": password, "new_password2": password})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(password)
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_a_duplicate_email_is_refused_with_nothing_written(client_for, ep_admin, ep):
    events = AuditEvent.objects.count()
    response = client_for(ep_admin).post(reverse("teams:own-person-new"), NEW_PERSON | {"email": ep.email.upper()})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Someone already has an account with this email address" in html
    assert AuditEvent.objects.count() == events
    assert User.objects.filter(email__iexact=ep.email).count() == 1


def test_people_without_administrator_rights_cannot_manage_accounts(client_for, ep, ep_service, outsider):
    assert client_for(ep).get(reverse("teams:own-organisation")).status_code == 403
    assert client_for(ep).post(reverse("teams:own-person-new"), NEW_PERSON).status_code == 403
    # A SEND administrator of another council cannot reach this organisation either.
    other_admin = UserFactory(local_authority=outsider.local_authority, role=Role.ADMINISTRATOR)
    assert client_for(other_admin).get(reverse("teams:organisation", args=[ep_service.pk])).status_code == 403
    assert not User.objects.filter(email="nia.newton@dorset.example").exists()


def test_send_administrators_reach_every_organisation_of_their_council(client_for, send_admin, ep_service, ep):
    client = client_for(send_admin)
    listing = client.get(reverse("teams:organisations")).content.decode()
    assert "Dorset Educational Psychology Service" in listing
    page = client.get(reverse("teams:organisation", args=[ep_service.pk])).content.decode()
    assert "Eve Psych" in page
    response = client.post(reverse("teams:person-new", args=[ep_service.pk]), NEW_PERSON)
    assert response.status_code == 200
    assert User.objects.get(email="nia.newton@dorset.example").organisation == ep_service


def test_removing_a_person_returns_their_open_advice_to_the_organisation_inbox(
    client_for, ep_admin, ep, ep_service, officer, child, request_received, today
):
    asked = AdviceRequest.objects.create(
        request=request_received, contributor="ep", requested_on=today - dt.timedelta(days=7), assigned_to=ep
    )
    answered = AdviceRequest.objects.create(
        request=request_received,
        contributor="ep",
        requested_on=today - dt.timedelta(days=30),
        received_on=today - dt.timedelta(days=2),
        assigned_to=ep,
        organisation=ep_service,
    )
    membership, _ = on_team(child, officer, ep, role="ep", started_on=today - dt.timedelta(days=3), consent_on=today)
    client = client_for(ep_admin)
    url = reverse("teams:own-person-remove", args=[ep.pk])

    confirm = client.get(url).content.decode()
    assert "1 advice request asked of Eve and not yet answered will go back to" in confirm
    assert "Eve will leave the team around 1 child today" in confirm

    response = client.post(url, follow=True)
    assert "went back to Dorset Educational Psychology Service" in response.content.decode()
    ep.refresh_from_db()
    asked.refresh_from_db()
    answered.refresh_from_db()
    assert not ep.is_active
    assert (asked.assigned_to, asked.organisation) == (None, ep_service)
    assert answered.assigned_to == ep  # advice already given stays with its author
    assert TeamMembership.objects.get(pk=membership.pk).ended_on == today
    assert AuditEvent.objects.filter(actor=ep_admin, object_id=str(asked.pk), child=child).exists()
    # The inbox (the organisation's administrators) now sees the child; the removed person is signed out.
    assert client.get(reverse("staff:child", args=[child.pk])).status_code == 200
    response = client_for(ep).get(reverse("staff:child", args=[child.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not access.children_visible_to(ep).exists()


def test_an_administrator_cannot_remove_themselves(client_for, ep_admin):
    response = client_for(ep_admin).post(reverse("teams:own-person-remove", args=[ep_admin.pk]))
    assert "You cannot remove your own account" in response.content.decode()
    ep_admin.refresh_from_db()
    assert ep_admin.is_active


def test_a_person_of_another_organisation_cannot_be_removed_from_here(client_for, ep_admin, la, setting):
    teacher = partner(setting)
    assert client_for(ep_admin).post(reverse("teams:own-person-remove", args=[teacher.pk])).status_code == 404
    teacher.refresh_from_db()
    assert teacher.is_active


def test_the_shared_mailbox_is_changed_and_audited(client_for, ep_admin, ep_service):
    client = client_for(ep_admin)
    bad = client.post(reverse("teams:own-mailbox"), {"email": "not an email"}).content.decode()
    assert "Enter the shared mailbox&#x27;s email address in the right format" in bad
    client.post(reverse("teams:own-mailbox"), {"email": "psychology@dorset.example"})
    assert Organisation.objects.get(pk=ep_service.pk).email == "psychology@dorset.example"
    event = AuditEvent.objects.get(actor=ep_admin, object_id=str(ep_service.pk))
    assert event.changes == {"email": ["eps@dorset.example", "psychology@dorset.example"]}


def test_administrator_rights_are_given_and_taken_away(client_for, ep_admin, ep):
    client = client_for(ep_admin)
    client.post(reverse("teams:own-person-admin", args=[ep.pk]))
    ep.refresh_from_db()
    assert ep.is_organisation_admin
    client.post(reverse("teams:own-person-admin", args=[ep.pk]))
    ep.refresh_from_db()
    assert not ep.is_organisation_admin
    # Giving up one's own rights is refused: another administrator must do it.
    client.post(reverse("teams:own-person-admin", args=[ep_admin.pk]))
    ep_admin.refresh_from_db()
    assert ep_admin.is_organisation_admin
