"""A family asks for an account; the case officer confirms who they are, and only then is an invitation sent."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse

from sendcase.notifications.models import OutboxMessage
from sendcase.portal.models import FamilyAccount, FamilyAccountRequest, RequestStatus

pytestmark = pytest.mark.django_db


def ask(client: Client, child, **overrides):
    data = {
        "local_authority": child.local_authority_id,  # asked for only when SENDcase serves several councils
        "name": "Jane Hart",
        "email": "Jane.New@Family.example",
        "relationship": "parent",
        "child_first_name": child.first_name,
        "child_last_name": child.last_name.upper(),
        "child_date_of_birth_0": child.date_of_birth.day,
        "child_date_of_birth_1": child.date_of_birth.month,
        "child_date_of_birth_2": child.date_of_birth.year,
    } | overrides
    return client.post(reverse("portal:request-account"), data)


def test_a_request_matches_the_child_and_waits_on_the_case_page(client, child, client_for, officer):
    response = ask(client, child)
    assert response["Location"] == reverse("portal:request-account-sent")
    request = FamilyAccountRequest.objects.get()
    assert request.matched_child == child and request.email == "jane.new@family.example"
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Requests for an account" in case_page and "jane.new@family.example" in case_page
    assert not OutboxMessage.objects.exists()


def test_the_answer_never_says_whether_the_child_is_known(client, child):
    known = ask(client, child)
    unknown = ask(client, child, child_first_name="Nobody", child_last_name="Known")
    assert known["Location"] == unknown["Location"] == reverse("portal:request-account-sent")
    assert FamilyAccountRequest.objects.filter(matched_child__isnull=True).count() == 1


def test_a_request_with_missing_details_says_what_is_missing(client, child):
    page = ask(client, child, name="", child_date_of_birth_0="", child_date_of_birth_1="", child_date_of_birth_2="")
    text = page.content.decode()
    assert "Enter your full name" in text and "Enter the child or young person's date of birth" in html.unescape(text)
    assert not FamilyAccountRequest.objects.exists()


def test_the_officer_confirms_the_parent_and_the_invitation_goes_to_the_address_given(
    client, child, parent, client_for, officer
):
    ask(client, child)
    request = FamilyAccountRequest.objects.get()
    staff = client_for(officer)
    page = staff.get(reverse("portal_staff:account-request", args=[request.pk])).content.decode()
    assert "Jane Hart (mother)" in page
    staff.post(reverse("portal_staff:account-request", args=[request.pk]), {"who": str(parent.pk)})
    request.refresh_from_db()
    assert request.status == RequestStatus.CONFIRMED
    account = FamilyAccount.objects.get(family_member=parent)
    assert account.email == "jane.new@family.example" and not account.has_password
    assert OutboxMessage.objects.get(template="family_invitation").recipient == "jane.new@family.example"


def test_the_officer_may_decline_with_a_reason(client, child, client_for, officer):
    ask(client, child)
    request = FamilyAccountRequest.objects.get()
    url = reverse("portal_staff:account-request", args=[request.pk])
    page = client_for(officer).post(url, {"who": "decline"}).content.decode()
    assert "Enter why the request is declined" in page
    client_for(officer).post(url, {"who": "decline", "reason": "No one by that name has parental responsibility"})
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert not FamilyAccount.objects.exists() and not OutboxMessage.objects.exists()


def test_an_unmatched_request_can_be_matched_by_reference(client, child, parent, client_for, officer):
    ask(client, child, child_first_name="Amy")
    request = FamilyAccountRequest.objects.get()
    assert request.matched_child is None
    staff = client_for(officer)
    assert "Amy" in staff.get(reverse("portal_staff:account-requests")).content.decode()
    staff.post(reverse("portal_staff:account-request", args=[request.pk]), {"reference": child.reference})
    request.refresh_from_db()
    assert request.matched_child == child


def test_another_councils_officer_cannot_see_the_request(client, child, client_for, outsider):
    ask(client, child)
    request = FamilyAccountRequest.objects.get()
    assert client_for(outsider).get(reverse("portal_staff:account-request", args=[request.pk])).status_code == 404
    assert "Jane" not in client_for(outsider).get(reverse("portal_staff:account-requests")).content.decode()


def test_a_date_of_birth_in_the_future_is_refused(client, child):
    future = dt.date(2026, 1, 1)
    page = ask(
        client, child, child_date_of_birth_0=future.day, child_date_of_birth_1=future.month, child_date_of_birth_2=2026
    )
    assert "The date of birth must be in the past" in page.content.decode()
