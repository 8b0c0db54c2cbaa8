"""Messages: the SEND team can write to a family first, and a family's message always reaches someone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.notifications.models import OutboxMessage
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.people.models import Child
from sendcase.portal.models import Message, MessageThread, ParentsSee
from tests.factories import UserFactory
from tests.portal.conftest import make_account, page_text

pytestmark = pytest.mark.django_db


def start_url(child, account):
    return reverse("portal_staff:account-message", args=[child.pk, account.pk])


def test_the_named_officer_starts_a_conversation_and_the_family_reads_it(
    client_for, officer, family_client, parent_account, child
):
    staff = client_for(officer)
    case_page = staff.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert start_url(child, parent_account) in case_page  # "Send a message" beside Jane Hart
    response = staff.post(start_url(child, parent_account), {"body": "Could you send us the paediatrician's letter?"})
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal_staff:thread", args=[child.pk, message.thread_id])
    assert not message.from_family and message.created_by == officer
    to_family = OutboxMessage.objects.get(template="family_new_message")
    assert to_family.recipient == parent_account.email
    assert "paediatrician" not in to_family.body and "Amelia" not in to_family.body
    assert AuditEvent.objects.filter(actor=officer, summary__contains="Message sent to Jane Hart").exists()
    page = family_client(parent_account).get(reverse("portal:messages", args=[child.pk])).content.decode()
    assert "Could you send us the paediatrician&#x27;s letter?" in page
    # Writing again goes to the same conversation: the link now opens it.
    assert staff.get(start_url(child, parent_account))["Location"].endswith(f"/messages/{message.thread_id}/")
    staff.post(start_url(child, parent_account), {"body": "And the school report, please."})
    assert MessageThread.objects.count() == 1 and Message.objects.count() == 2


def test_any_officer_who_may_do_casework_can_write_first_but_read_only_staff_cannot(
    client_for, colleague, read_only, parent_account, child
):
    assert client_for(colleague).post(start_url(child, parent_account), {"body": "Hello from Colin"}).status_code == 302
    assert Message.objects.get().created_by == colleague
    assert client_for(read_only).post(start_url(child, parent_account), {"body": "Hi"}).status_code == 403
    assert Message.objects.count() == 1


def test_an_officer_of_another_council_gets_404_and_nothing_is_written(client_for, outsider, parent_account, child):
    for method in ("get", "post"):
        assert (
            getattr(client_for(outsider), method)(start_url(child, parent_account), {"body": "Hi"}).status_code == 404
        )
    assert not Message.objects.exists() and not OutboxMessage.objects.filter(template="family_new_message").exists()


def test_an_account_of_another_child_cannot_be_written_to_through_this_child(
    client_for, officer, other_parent_account, child
):
    assert client_for(officer).post(start_url(child, other_parent_account), {"body": "Hi"}).status_code == 404
    assert not Message.objects.exists()


def test_an_empty_message_is_refused_and_nothing_is_written(client_for, officer, parent_account, child):
    events = AuditEvent.objects.count()
    page = client_for(officer).post(start_url(child, parent_account), {"body": "   "}).content.decode()
    assert "Enter your message" in page
    assert not Message.objects.exists() and not MessageThread.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_parent_the_young_person_lets_see_only_the_timeline_cannot_be_written_to(
    client_for, officer, la, child, parent_account
):
    Child.objects.filter(pk=child.pk).update(date_of_birth=dt.date(2007, 3, 1))
    child.refresh_from_db()
    young_person = make_account(la=la, email="amelia@family.example", young_person=child)
    young_person.parents_see = ParentsSee.TIMELINE
    young_person.save()
    staff = client_for(officer)
    assert start_url(child, parent_account) not in staff.get(reverse("staff:child", args=[child.pk])).content.decode()
    page = page_text(staff.post(start_url(child, parent_account), {"body": "Hello"}).content.decode())
    assert "Jane Hart cannot read messages about Amelia Hart in the family portal" in page
    assert not Message.objects.exists()
    # The young person themselves can be written to.
    assert staff.post(start_url(child, young_person), {"body": "Hello Amelia"}).status_code == 302
    assert OutboxMessage.objects.get(template="family_new_message").recipient == "amelia@family.example"


# --- When the child has no key worker -----------------------------------------------------------


@pytest.fixture
def no_key_worker(child):
    Child.objects.filter(pk=child.pk).update(key_worker=None)
    child.refresh_from_db()
    return child


def alerts():
    return sorted(OutboxMessage.objects.filter(template="family_message_for_staff").values_list("recipient", flat=True))


def test_without_a_key_worker_the_familys_message_alerts_the_teams_shared_mailbox(
    family_client, parent_account, no_key_worker, la, manager
):
    Organisation.objects.create(
        local_authority=la, kind=OrganisationKind.SEND_TEAM, name="Dorset SEND team", email="send@dorset.example"
    )
    family_client(parent_account).post(
        reverse("portal:messages", args=[no_key_worker.pk]), {"body": "Is anyone there?"}
    )
    assert alerts() == ["send@dorset.example"]
    body = OutboxMessage.objects.get(template="family_message_for_staff").body
    assert "Amelia" not in body and "anyone there" not in body


def test_without_a_key_worker_or_a_mailbox_every_team_manager_is_alerted(
    family_client, parent_account, no_key_worker, la, manager, other_la
):
    second = UserFactory(local_authority=la, role=Role.TEAM_MANAGER, email="second.manager@sendcase.example")
    UserFactory(local_authority=la, role=Role.TEAM_MANAGER, email="gone@sendcase.example", is_active=False)
    UserFactory(local_authority=other_la, role=Role.TEAM_MANAGER, email="elsewhere@sendcase.example")
    family_client(parent_account).post(reverse("portal:messages", args=[no_key_worker.pk]), {"body": "Hello?"})
    assert alerts() == sorted([manager.email, second.email])


def test_a_key_worker_who_has_left_counts_as_none(family_client, parent_account, child, officer, manager):
    officer.is_active = False
    officer.save()
    family_client(parent_account).post(reverse("portal:messages", args=[child.pk]), {"body": "Hello?"})
    assert alerts() == [manager.email]
