""" "Where we are": the statutory steps in plain English, with the dates the clock computed."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from sendcase.cases import services as case_services
from sendcase.timescales import ExceptionKind

pytestmark = pytest.mark.django_db


def timeline(client, child) -> str:
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_next_step_has_its_legal_date_and_the_key_worker_how_to_reach_them(
    family_client, parent_account, child, request_received, officer
):
    officer.phone, officer.job_title = "01305 221000", "SEND case officer"
    officer.save()
    page = timeline(family_client(parent_account), child)
    assert "Request for an EHC needs assessment, received on 5 May 2025" in page
    assert "The council must decide whether to assess by 16 June 2025." in page
    assert "The law: Regulation 5(1), SEND Regulations 2014" in page
    assert "Your key worker is Olive Officer." in page
    assert 'href="tel:01305221000"' in page and f'href="mailto:{officer.email}"' in page


def test_a_late_step_says_so_and_apologises(family_client, parent_account, child, officer):
    case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 3, 3), source="parent")
    page = timeline(family_client(parent_account), child)
    assert "This should have happened by 14 April 2025. The council is late" in page
    assert "We are sorry." in page


def test_a_step_done_late_says_by_how_much(family_client, parent_account, child, officer):
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 3, 3), source="parent")
    case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=dt.date(2025, 4, 17), expected_version=None
    )
    page = timeline(family_client(parent_account), child)
    assert "On 17 April 2025 the council told you it will carry out an EHC needs assessment." in page
    assert "This was 3 days later than the law allows." in page


def test_an_exception_is_explained_kindly(family_client, parent_account, child, officer):
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 1, 6), source="parent")
    request = case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=dt.date(2025, 2, 10), expected_version=None
    )
    case_services.exception_add(
        actor=officer, request=request, kind=ExceptionKind.SCHOOL_CLOSURE.value, start_on=dt.date(2025, 4, 1)
    )
    page = timeline(family_client(parent_account), child)
    assert (
        "Because a school or college the council asked for advice was closed for 4 weeks or more, for example "
        "for the summer holidays, the council has longer than usual for this step." in page
    )
    assert "It must still be done as soon as it can. The usual date was 28 April 2025." in page
    assert "More time allowed" in page


def test_advice_asked_for_shows_who_and_by_when(family_client, parent_account, child, request_received, officer):
    request = case_services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=None,
    )
    case_services.advice_request_add(
        actor=officer, request=request, contributor="ep", requested_on=dt.date(2025, 5, 21)
    )
    page = timeline(family_client(parent_account), child)
    assert "The council has asked an educational psychologist for advice. It must be sent by 2 July 2025." in page
    assert "If the council decides not to issue an EHC plan, it must tell you by 25 August 2025." in page
    assert "The council must send you the final EHC plan by 22 September 2025." in page


def test_a_closed_request_says_how_it_ended_and_has_nothing_next(
    family_client, parent_account, child, request_received, officer
):
    case_services.request_withdraw(
        actor=officer,
        request=request_received,
        withdrawn_on=dt.date(2025, 5, 30),
        reason="Family moved school",
        expected_version=None,
    )
    page = timeline(family_client(parent_account), child)
    assert "The request was withdrawn." in page
    assert "What happens next" not in page


def test_a_parent_may_choose_another_language(family_client, parent_account, child, request_received):
    client = family_client(parent_account)
    url = reverse("portal:timeline", args=[child.pk])
    response = client.post(reverse("portal:language"), {"language": "pl", "next": url})
    assert response["Location"] == url
    page = timeline(client, child)
    assert '<html lang="pl"' in page
    assert "Gdzie jesteśmy" in page  # "Where we are"
    assert "czerwca 2025" in page  # the month in the date, in Polish
    # A language SENDcase does not offer changes nothing.
    client.post(reverse("portal:language"), {"language": "xx", "next": url})
    assert '<html lang="pl"' in timeline(client, child)


def test_staff_pages_stay_in_english_whatever_the_family_chose(client_for, officer, child):
    client = client_for(officer)
    client.cookies["django_language"] = "pl"
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert '<html lang="en-GB"' in page and "Family portal" in page
