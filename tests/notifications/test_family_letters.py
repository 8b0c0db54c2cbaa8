"""The letter page: the SEND team of the child's council previews a letter, checks it, downloads and sends it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import Action, AuditEvent
from sendcase.cases import services
from sendcase.cases.models import ContactLogEntry
from sendcase.notifications.models import Channel, CouncilContact, OutboxMessage, Status
from sendcase.people.models import Channel as Preferred
from tests.factories import UserFactory
from tests.notifications.family_builders import add_letter_parent, add_parent
from tests.teams.builders import organisation, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(officer, child, today, django_capture_on_commit_callbacks):
    add_letter_parent(officer, child)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(
            actor=officer, child=child, received_on=today - dt.timedelta(weeks=5), source="parent"
        )
        services.assess_decision_record(
            actor=officer, request=request, decision="not_assess", decided_on=today, expected_version=None
        )
    return OutboxMessage.objects.get(notice="assessment_decision", channel=Channel.LETTER)


def page(message) -> str:
    return reverse("notifications:letter", kwargs={"message_id": message.pk})


def test_a_case_officer_previews_the_letter_with_its_plain_english_check(client_for, officer, letter, child):
    response = client_for(officer).get(page(letter))
    html = response.content.decode()
    assert response.status_code == 200
    assert "We have decided not to carry out an assessment" in html
    assert "Dennis Hart" in html and "DT1 1AA" in html
    assert 'data-testid="plain-english-check"' in html and "No problems found" in html
    assert "Send the letter" in html
    assert 'data-testid="send-warning"' not in html
    assert AuditEvent.objects.filter(
        child=child, action=Action.VIEW, summary__startswith="Letter to the family viewed"
    ).exists()


def test_the_whole_send_team_may_read_it_but_only_caseworkers_send(client_for, colleague, read_only, letter):
    assert client_for(colleague).get(page(letter)).status_code == 200
    response = client_for(read_only).get(page(letter))
    assert response.status_code == 200
    assert "Send the letter" not in response.content.decode()


def test_anyone_outside_the_childs_send_team_gets_not_found(client_for, outsider, letter, la, child):
    assert client_for(outsider).get(page(letter)).status_code == 404
    # A professional who may see the child (it is their school) still may not read the council's letters.
    school = organisation(la, "setting", "Castle Primary (partner)")
    child.setting = school
    child.save()
    teacher = partner(school)
    assert client_for(teacher).get(page(letter)).status_code in (403, 404)
    pdf = reverse("notifications:letter-pdf", kwargs={"message_id": letter.pk})
    assert client_for(outsider).get(pdf).status_code == 404
    assert client_for(outsider).post(reverse("notifications:letter-send", args=[letter.pk])).status_code == 404
    letter.refresh_from_db()
    assert letter.status == Status.HELD


def test_the_pdf_download_is_audited_as_an_export(client_for, officer, letter, child):
    response = client_for(officer).get(reverse("notifications:letter-pdf", kwargs={"message_id": letter.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert child.reference in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        child=child, action=Action.EXPORT, summary__startswith="Letter to the family downloaded"
    ).exists()


def test_sending_the_letter_queues_it_once(client_for, officer, letter, django_capture_on_commit_callbacks):
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:letter-send", args=[letter.pk]))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == Status.SENT  # the outbox backend keeps it
    again = client.post(reverse("notifications:letter-send", args=[letter.pk]))
    assert again.status_code == 200
    assert "This letter is already" in again.content.decode()


def test_a_letter_with_plain_english_problems_warns_but_can_still_be_sent(
    client_for, officer, letter, django_capture_on_commit_callbacks
):
    stored = letter.letter
    stored.text += "\nPursuant to our statutory duties, the EHCP provision will be reviewed by the cohort panel."
    stored.save()
    client = client_for(officer)
    html = client.get(page(letter)).content.decode()
    assert 'data-testid="send-warning"' in html
    assert "You can still send the letter" in html
    assert "EHCP" in html and "statutory" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:letter-send", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.status == Status.SENT
    event = AuditEvent.objects.get(summary__startswith="Letter to the family checked and sent")
    assert "plain-English warnings" in event.summary


def test_a_phone_call_is_recorded_as_done_and_logged(client_for, officer, child, today):
    add_parent(officer, child, "Maya", "Hart", email="", mobile="07700900777", preferred_channel=Preferred.PHONE)
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    task = OutboxMessage.objects.get(channel=Channel.PHONE)
    client = client_for(officer)
    html = client.get(page(task)).content.decode()
    assert "What to tell them" in html and "I have phoned them" in html
    response = client.post(reverse("notifications:call-done", args=[task.pk]), {"note": "Mum will call back."})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Status.DONE
    entry = ContactLogEntry.objects.get(child=child)
    assert entry.kind == "phone" and "We have received a request for an assessment" in entry.summary
    assert "Mum will call back." in entry.summary


def test_the_letters_and_calls_page_lists_what_waits_for_the_officer(client_for, officer, colleague, letter):
    html = client_for(officer).get(reverse("notifications:family-tasks")).content.decode()
    assert "A decision about the assessment has been made" in html
    assert page(letter) in html
    other = client_for(colleague).get(reverse("notifications:family-tasks")).content.decode()
    assert page(letter) not in other  # not their case
    manager = UserFactory(local_authority=officer.local_authority, role=Role.TEAM_MANAGER)
    assert page(letter) in client_for(manager).get(reverse("notifications:family-tasks")).content.decode()


def test_the_case_page_lists_letters_to_the_family_with_a_preview_link(client_for, officer, child, letter):
    html = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Letters and messages to the family" in html
    assert page(letter) in html


def test_administrators_keep_the_councils_letter_details(client_for, la, officer, child, today):
    admin = UserFactory(local_authority=la, role=Role.ADMINISTRATOR)
    url = reverse("notifications:letter-details")
    assert client_for(officer).get(url).status_code == 403
    response = client_for(admin).post(
        url,
        {
            "team_name": "SEND team",
            "address": "County Hall\nDorchester\nDT1 1XJ",
            "phone": "01305 221000",
            "mediation_name": "Global Mediation",
            "support_name": "Dorset information, advice and support service",
        },
    )
    assert response.status_code == 302
    assert CouncilContact.objects.get(local_authority=la).phone == "01305 221000"
    add_letter_parent(officer, child)
    services.assess_decision_record(
        actor=officer,
        request=services.request_create(
            actor=officer, child=child, received_on=today - dt.timedelta(weeks=2), source="parent"
        ),
        decision="not_assess",
        decided_on=today,
        expected_version=None,
    )
    text = OutboxMessage.objects.get(notice="assessment_decision").letter.html
    assert "County Hall" in text and "Global Mediation" in text
