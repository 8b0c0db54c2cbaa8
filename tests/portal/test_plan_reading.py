"""Families read the draft plan in the portal, section by section, and download it as a PDF (reg 13(1))."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.people.models import FamilyLink
from sendcase.portal.models import FamilyAuditEvent, ParentsSee
from tests.factories import ChildFactory
from tests.pdf import pdf_text
from tests.plans.builders import OUTCOME_1
from tests.portal.conftest import link, make_account, make_member, serve_draft
from tests.portal.plan_builders import FAMILY_ROLE, NEED, draft_version

pytestmark = pytest.mark.django_db


def _url(name, child, request):
    return reverse(f"portal:{name}", args=[child.pk, request.pk])


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def drafted(officer, setting, draft_served):
    """The draft plan served on 30 May 2025, written in SENDcase as draft version 1."""
    draft_version(officer, draft_served, setting)
    return draft_served


def test_a_parent_reads_the_draft_plan_section_by_section(family_client, parent_account, child, drafted):
    page = _text(family_client(parent_account).get(_url("draft-plan", child, drafted)))
    assert "This is the draft education, health and care plan (EHC plan) the council sent you on 30 May 2025" in page
    assert "You have until 13 June 2025 to tell the council what you think of it." in page
    for heading in (
        "Section A: the views, interests and aspirations of the child or young person and their family",
        "Section B: special educational needs",
        "Section H: social care provision (H1 and H2)",
        "H2: other social care provision",
        "Section K: advice and information gathered",
    ):
        assert heading in page
    assert OUTCOME_1 in page and NEED in page
    assert "What the family will do, and the support agreed for them" in page and FAMILY_ROLE in page
    assert "Cognition and learning" in page  # the area of need in words
    assert _url("draft-plan-pdf", child, drafted) in page
    assert _url("response", child, drafted) in page
    event = FamilyAuditEvent.objects.filter(account=parent_account).latest("event__sequence").event
    assert event.action == "view" and event.child == child
    assert event.summary.endswith("read the draft plan (version 1)")


def test_the_draft_plan_is_linked_beside_the_childs_other_pages(family_client, parent_account, child, drafted):
    page = family_client(parent_account).get(reverse("portal:timeline", args=[child.pk])).content.decode()
    assert f'href="{_url("draft-plan", child, drafted)}">Read the draft plan</a>' in page


def test_the_pdf_is_the_councils_pdf_and_downloading_it_is_an_export(family_client, parent_account, child, drafted):
    response = family_client(parent_account).get(_url("draft-plan-pdf", child, drafted))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="EHC-plan-draft-{child.reference}-version-1.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Draft Education, Health and Care plan" in text and OUTCOME_1 in text and FAMILY_ROLE in text
    event = FamilyAuditEvent.objects.filter(account=parent_account).latest("event__sequence").event
    assert event.action == "export"
    assert event.summary.endswith("downloaded the draft plan (version 1) as a PDF")


def test_the_draft_plan_reads_in_polish_with_polish_dates(family_client, parent_account, child, drafted):
    client = family_client(parent_account)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "pl"
    page = _text(client.get(_url("draft-plan", child, drafted)))
    assert "30 maja 2025" in page and "13 czerwca 2025" in page
    assert "May" not in page.split("<main", 1)[1].split("Section", 1)[0]
    assert "Poznawanie i uczenie się" in page  # "Cognition and learning"
    # What the council wrote stays as they wrote it.
    assert OUTCOME_1 in page


def test_the_response_form_shows_each_section_of_the_draft_beside_its_answer(
    family_client, parent_account, child, drafted
):
    page = _text(family_client(parent_account).get(_url("response", child, drafted)))
    assert page.count("data-beside=") == 11
    beside_b = page.split('data-beside="B"', 1)[1].split("</details>", 1)[0]
    assert "What section B of the draft plan says" in beside_b and NEED in beside_b
    beside_e = page.split('data-beside="E"', 1)[1].split("</details>", 1)[0]
    assert OUTCOME_1 in beside_e


def test_without_a_draft_in_sendcase_the_page_says_so_and_there_is_no_pdf(
    family_client, parent_account, child, draft_served
):
    client = family_client(parent_account)
    page = _text(client.get(_url("draft-plan", child, draft_served)))
    assert "The council has not put this draft plan in the family portal" in page
    assert client.get(_url("draft-plan-pdf", child, draft_served)).status_code == 404
    assert "data-beside=" not in client.get(_url("response", child, draft_served)).content.decode()


def test_another_parent_reads_nothing_and_leaves_no_trace(
    family_client, other_parent_account, other_child, child, drafted
):
    client = family_client(other_parent_account)
    events = AuditEvent.objects.count()
    for name in ("draft-plan", "draft-plan-pdf"):
        response = client.get(_url(name, child, drafted))
        assert response.status_code == 404 and "Amelia" not in response.content.decode()
        # Their own child's id with this child's request is no way in either.
        assert client.get(_url(name, other_child, drafted)).status_code == 404
    assert AuditEvent.objects.count() == events


@pytest.fixture
def young_person(la, officer):
    """Born 1 March 2008: a young person on 2 June 2025, with a draft plan served on 30 May 2025."""
    from sendcase.cases import services as case_services

    person = ChildFactory(local_authority=la, first_name="Ella", last_name="Brook", date_of_birth=dt.date(2008, 3, 1))
    request = case_services.request_create(
        actor=officer, child=person, received_on=dt.date(2025, 2, 3), source="young_person"
    )
    return person, serve_draft(
        officer=officer,
        request=request,
        decided_on=dt.date(2025, 2, 20),
        issued_on=dt.date(2025, 5, 28),
        served_on=dt.date(2025, 5, 30),
    )


def test_a_young_person_reads_their_own_draft_and_their_choice_binds_their_parent(
    family_client, la, officer, setting, young_person
):
    person, request = young_person
    draft_version(officer, request, setting)
    own = make_account(la=la, email="ella.brook@family.example", young_person=person)
    member = make_member(la, first="Ruth", last="Brook", email="ruth.brook@family.example")
    link(person, member)
    parent = make_account(la=la, email=member.email, member=member)

    assert OUTCOME_1 in _text(family_client(own).get(_url("draft-plan", person, request)))
    assert family_client(parent).get(_url("draft-plan", person, request)).status_code == 200

    for choice in (ParentsSee.TIMELINE, ParentsSee.NOTHING):
        family_client(own).post(reverse("portal:sharing", args=[person.pk]), {"parents_see": choice})
        for name in ("draft-plan", "draft-plan-pdf", "response"):
            assert family_client(parent).get(_url(name, person, request)).status_code == 404, (choice, name)
        timeline = family_client(own).get(reverse("portal:timeline", args=[person.pk])).content.decode()
        assert "Read the draft plan" in timeline


def test_a_parent_without_parental_responsibility_reads_nothing(family_client, la, child, drafted):
    member = make_member(la, first="Sam", last="Hart", email="sam.hart@family.example")
    FamilyLink.objects.create(child=child, member=member, relationship="father", parental_responsibility=False)
    account = make_account(la=la, email=member.email, member=member)
    assert family_client(account).get(_url("draft-plan", child, drafted)).status_code == 404
