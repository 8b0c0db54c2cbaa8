"""Letters from the council: each family member reads in full every notice SENDcase sent them about the child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.cases import services
from sendcase.notifications.family.actions import letter_send
from sendcase.notifications.models import OutboxMessage
from sendcase.people.models import Channel
from sendcase.portal.models import FamilyAuditEvent
from tests.portal.conftest import link, make_account, make_member

pytestmark = pytest.mark.django_db


def letters_page(client, child) -> str:
    response = client.get(reverse("portal:letters", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_parent_reads_in_full_what_the_emails_pointed_to(family_client, parent_account, child, officer, today):
    request = services.request_create(
        actor=officer, child=child, received_on=today - dt.timedelta(weeks=5), source="parent"
    )
    services.assess_decision_record(
        actor=officer, request=request, decision="not_assess", decided_on=today, expected_version=None
    )
    email = OutboxMessage.objects.get(notice="assessment_decision", family_member=parent_account.family_member)
    assert "Amelia" not in email.body  # the email names only the kind of update
    page = letters_page(family_client(parent_account), child)
    assert "A decision about the assessment has been made" in page
    assert "We have decided not to carry out an assessment" in page
    assert "On 2 June 2025 we decided not to carry out an education, health and care needs assessment" in page
    assert "The tribunal must receive your appeal by 2 August 2025" in page
    assert page.index("A decision about the assessment") < page.index("We have received the request")  # newest first
    assert page.count("<h1") == 1  # each letter's own headings sit under the page's
    assert FamilyAuditEvent.objects.filter(
        account=parent_account, event__summary__contains="read the letters from the council"
    ).exists()


def test_each_parent_sees_only_what_was_sent_to_them(family_client, parent_account, la, child, officer, today):
    other = make_member(la, first="Tom", last="Hart", email="tom.hart@family.example")
    link(child, other)
    other.preferred_channel, other.no_internet = Channel.POST, True
    other.address, other.postcode = "12 Mill Lane\nDorchester", "DT1 1AA"
    other.save()
    other_account = make_account(la=la, email=other.email, member=other)
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    assert letters_page(family_client(parent_account), child).count('class="govuk-summary-card__title"') == 1
    # A letter waits for the case officer's check before it counts as sent, here as in the post.
    assert "We have received the request" not in letters_page(family_client(other_account), child)
    held = OutboxMessage.objects.get(family_member=other, notice="request_received")
    letter_send(actor=officer, message=held)
    assert "We have received a request for an assessment" in letters_page(family_client(other_account), child)


def test_a_young_person_reads_the_notices_sent_to_their_own_account(family_client, la, officer):
    from tests.factories import ChildFactory

    person = ChildFactory(local_authority=la, first_name="Ella", last_name="Brook", date_of_birth=dt.date(2008, 3, 1))
    services.key_worker_assign(actor=officer, child=person, officer=officer, expected_version=None)
    account = make_account(la=la, email="ella.brook@family.example", young_person=person)
    services.request_create(actor=officer, child=person, received_on=dt.date(2025, 6, 2), source="young_person")
    page = letters_page(family_client(account), person)
    assert "We have received a request for an assessment" in page and "Ella Brook" in page
