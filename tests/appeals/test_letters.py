"""The decision letter: what it tells the family, on the page and in the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import letters, services
from sendcase.audit.models import AuditEvent
from sendcase.cases import services as case_services
from tests.appeals.conftest import ADVISER, REASONS
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusal(officer, child, request_received, mother):
    """A refusal to assess, sent on 2 June 2025: appeal and mediation deadlines 2 August 2025."""
    decided = case_services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="not_assess",
        decided_on=dt.date(2025, 5, 30),
        expected_version=request_received.version,
    )
    return services.decision_notice_send(
        actor=officer,
        child=child,
        about="refuse_assess",
        decided_on=dt.date(2025, 5, 30),
        sent_on=dt.date(2025, 6, 2),
        reasons=REASONS,
        mediation_adviser=ADVISER,
        request=decided,
    )


def test_the_pdf_states_the_decision_the_deadlines_and_when_a_certificate_is_needed(refusal):
    text = pdf_text(letters.letter_pdf(refusal))
    assert "Dear Joanna Hart" in text
    assert "decided not to carry out an education, health and care (EHC) needs assessment for Amelia Hart" in text
    assert "The Tribunal must receive your appeal by 2 August 2025" in text
    assert "contact a mediation adviser by 2 August 2025" in text
    assert ADVISER in text
    assert "unless your appeal is only about the school or other institution named in the plan" in text
    assert "Regulation 5(3), SEND Regulations 2014" in text


def test_a_cease_letter_says_the_plan_is_kept_until_the_window_closes(cease_decided):
    text = pdf_text(letters.letter_pdf(cease_decided.notice))
    assert "keep maintaining Amelia's EHC plan until at least 10 May 2025" in text
    assert "the plan will end on 11 May 2025" in text


def test_the_letter_page_shows_the_letter_and_marks_the_secondary_source(client_for, officer, child, refusal):
    response = client_for(officer).get(reverse("appeals:letter", args=[child.pk, refusal.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "by 2 August 2025" in page
    assert "(s.55 CFA) [SECONDARY]" in page
    assert AuditEvent.objects.filter(
        actor=officer, child=child, action="view", summary__startswith="Decision letter"
    ).exists()


def test_downloading_the_pdf_is_audited_as_an_export(client_for, colleague, child, refusal):
    response = client_for(colleague).get(reverse("appeals:letter-pdf", args=[child.pk, refusal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "by 2 August 2025" in pdf_text(response.content)
    assert AuditEvent.objects.filter(actor=colleague, child=child, action="export").count() == 1


def test_the_letter_as_sent_does_not_change_when_a_certificate_moves_the_deadline(officer, contents_notice):
    sent_text = contents_notice.letter_text
    mediation = services.mediation_record(
        actor=officer, notice=contents_notice, contacted_adviser_on=dt.date(2025, 4, 14)
    )
    services.certificate_record(
        actor=officer,
        mediation=mediation,
        issued_on=dt.date(2025, 4, 20),
        kind="not_wish",
        expected_version=mediation.version,
    )
    contents_notice.refresh_from_db()
    assert contents_notice.appeal_deadline_on == dt.date(2025, 5, 20)
    assert contents_notice.letter_text == sent_text
    assert "by 10 May 2025" in contents_notice.letter_text
