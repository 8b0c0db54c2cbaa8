"""The contributor's advice inbox and the pages to answer a request, as an EP uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases.models import AdviceRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
pytest_plugins = ("tests.cases.advice_fixtures",)

INBOX = reverse("staff:advice-inbox")


def detail(advice):
    return reverse("staff:advice-detail", args=[advice.pk])


def test_the_inbox_lists_only_my_requests_with_their_reg_8_due_dates(client_for, ep, ep_advice, other_child_advice):
    response = client_for(ep).get(INBOX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Amelia Hart" in html and ep_advice.request.child.reference in html
    assert "Educational psychology" in html
    assert "13 May 2025" in html and "24 June 2025" in html
    assert "Due in 22 days" in html
    # A colleague's request, about another child, is not listed and cannot be opened.
    assert "Oliver Other" not in html
    assert client_for(ep).get(detail(other_child_advice)).status_code == 404


def test_overdue_and_received_advice_say_so(client_for, ep, la, officer):
    from sendcase.cases import services
    from tests.factories import ChildFactory

    child = ChildFactory(local_authority=la, first_name="Lola", last_name="Late")
    r = services.request_create(actor=officer, child=child, received_on=dt.date(2025, 3, 3), source="parent")
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 4, 11), expected_version=r.version
    )
    late = services.advice_request_add(
        actor=officer, request=r, contributor="ep", requested_on=dt.date(2025, 4, 14), assigned_to=ep
    )
    html = client_for(ep).get(INBOX).content.decode()
    # 14 April + 6 weeks = 26 May; on 2 June that is 7 days overdue.
    assert "26 May 2025" in html and "Overdue by 7 days" in html
    services.advice_submit(actor=ep, advice=late, needs="Late but here", expected_version=None)
    html = client_for(ep).get(INBOX).content.decode()
    assert "Advice you have sent" in html and "Received 2 June 2025" in html


def test_an_organisation_administrator_sees_and_assigns_the_unassigned_requests(
    client_for, ep_admin, ep, ep_advice, unassigned_advice
):
    html = client_for(ep_admin).get(INBOX).content.decode()
    assert "Not yet assigned in your organisation" in html
    assert "Una Signed" in html
    # Requests already assigned to a colleague stay with that colleague.
    assert "Amelia Hart" not in html
    client = client_for(ep_admin)
    response = client.post(
        reverse("staff:advice-assign", args=[unassigned_advice.pk]),
        {"assignee": ep.pk, "version": unassigned_advice.version},
    )
    assert response.status_code == 302
    assert AdviceRequest.objects.get(pk=unassigned_advice.pk).assigned_to == ep
    assert "Una Signed" in client_for(ep).get(INBOX).content.decode()
    assert "Una Signed" not in client.get(INBOX).content.decode()


def test_a_plain_colleague_does_not_see_the_shared_inbox(client_for, ep_colleague, unassigned_advice):
    html = client_for(ep_colleague).get(INBOX).content.decode()
    assert "Una Signed" not in html
    assert client_for(ep_colleague).get(detail(unassigned_advice)).status_code == 404


def test_the_send_team_has_no_advice_inbox(client_for, officer):
    assert client_for(officer).get(INBOX).status_code == 403


def test_opening_a_request_shows_what_was_asked_and_is_audited(client_for, ep, ep_advice, child):
    response = client_for(ep).get(detail(ep_advice))
    html = response.content.decode()
    assert "Please assess Amelia&#x27;s cognition and learning." in html
    assert "Due in 22 days, by 24 June 2025" in html
    assert "Regulation 8(1)" in html
    event = AuditEvent.objects.filter(actor=ep, action="view").latest("sequence")
    assert event.child == child


def test_submitting_through_the_page_shows_the_advice_on_the_case_page(client_for, ep, officer, ep_advice, child):
    response = client_for(ep).post(
        detail(ep_advice),
        {
            "version": ep_advice.version,
            "needs": "Difficulties with working memory.",
            "provision_recommended": "Small-group literacy, 3 times a week, by a trained TA.",
        },
    )
    assert response.status_code == 302
    html = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Done on 2 June 2025, on time" in html
    assert "Read the advice from Esme Psychologist" in html
    assert "Small-group literacy, 3 times a week, by a trained TA." in html
    child.refresh_from_db()
    assert child.next_due_step == "issue"


def test_an_empty_form_shows_the_error_summary_and_writes_nothing(client_for, ep, ep_advice):
    response = client_for(ep).post(detail(ep_advice), {"version": ep_advice.version})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter your advice, or attach a document with it" in html
    assert AdviceRequest.objects.get(pk=ep_advice.pk).received_on is None


def test_the_contributor_records_a_missed_appointment_from_the_page(client_for, ep, ep_advice):
    response = client_for(ep).post(
        reverse("staff:advice-delay", args=[ep_advice.pk]),
        {
            "kind": "reg-8-2-c",
            "start_on_0": "28",
            "start_on_1": "5",
            "start_on_2": "2025",
            "note": "The family did not attend the appointment",
        },
    )
    assert response.status_code == 302
    html = client_for(ep).get(detail(ep_advice)).content.decode()
    assert "Missed appointment" in html or "missed appointment" in html
    assert "28 May 2025" in html


def test_a_professional_of_another_organisation_sees_nothing(client_for, la, ep_advice):
    stranger = UserFactory(local_authority=None, role="professional")
    assert "Amelia" not in client_for(stranger).get(INBOX).content.decode()
    assert client_for(stranger).get(detail(ep_advice)).status_code == 404
