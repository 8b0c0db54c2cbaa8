"""Family notices: every statutory step tells each parent, on their own channel, without the child's details."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase import timescales
from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import Channel, OutboxMessage, Status
from sendcase.people.models import Channel as Preferred
from tests.notifications.family_builders import (
    add_letter_parent,
    add_parent,
    letter_text,
    messages_for,
    walk_whole_process,
)
from tests.notifications.moves_builders import move_away

pytestmark = pytest.mark.django_db

STEPS = (
    "request_received",
    "assessment_decision",
    "advice_requested",
    "exception",
    "plan_decision",
    "draft_plan",
    "final_plan",
    "transferred_out",
)


@pytest.fixture
def mum(officer, child):
    return add_parent(officer, child, "Grace", "Hart", main_contact=True)


@pytest.fixture
def dad(officer, child):
    return add_letter_parent(officer, child)


@pytest.fixture
def process(officer, child, setting, today, mum, dad, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        process = walk_whole_process(officer=officer, child=child, setting=setting, today=today)
        process.by_notice["transferred_out"] = move_away(officer=officer, child=child, moved_on=today)
        return process


def test_every_step_tells_each_parent_once_on_their_own_channel(process, mum, dad):
    for step in STEPS:
        sent = process.by_notice[step]
        to_mum, to_dad = messages_for(sent, mum), messages_for(sent, dad)
        assert [m.channel for m in to_mum] == [Channel.EMAIL], step
        assert [m.channel for m in to_dad] == [Channel.LETTER], step
        assert to_mum[0].recipient == "grace@family.example"
        assert to_dad[0].recipient.splitlines() == ["Dennis Hart", "12 Mill Lane", "Dorchester", "DT1 1AA"]
        # Two different messages: the email names the update, the letter is the whole notice.
        assert to_mum[0].pk != to_dad[0].pk and to_mum[0].body != to_dad[0].letter.text


def test_emails_name_the_kind_of_update_and_the_date(process, mum, settings):
    received = process.received
    decision = messages_for(process.by_notice["assessment_decision"], mum)[0]
    assert decision.subject == "A decision about the assessment has been made"
    assert timescales.format_date(received + dt.timedelta(weeks=5)) in decision.body
    draft = messages_for(process.by_notice["draft_plan"], mum)[0]
    reply_by = timescales.draft_response_deadline(received + dt.timedelta(weeks=15))
    assert draft.subject == f"Your draft plan is ready: reply by {timescales.format_date(reply_by)}"
    assert f"{settings.SENDCASE_BASE_URL}/family/" in draft.body
    decision.refresh_from_db()
    assert decision.status == Status.SENT  # the outbox backend keeps it, marked sent


def test_no_email_or_text_message_carries_the_childs_name_or_the_decision(
    officer, child, setting, today, django_capture_on_commit_callbacks
):
    add_parent(officer, child, "Grace", "Hart")
    add_parent(
        officer,
        child,
        "Sam",
        "Hart",
        relationship="father",
        email="",
        mobile="07700900123",
        preferred_channel=Preferred.SMS,
    )
    with django_capture_on_commit_callbacks(execute=True):
        process = walk_whole_process(officer=officer, child=child, setting=setting, today=today)
        services.request_withdraw(
            actor=officer,
            request=services.request_create(actor=officer, child=child, received_on=today, source="parent"),
            withdrawn_on=today,
            reason="Family moved",
            expected_version=None,
        )
        move_away(officer=officer, child=child, moved_on=today)
    sent = OutboxMessage.objects.filter(child=child, channel__in=[Channel.EMAIL, Channel.SMS]).exclude(notice="")
    notices = {m.notice for m in sent}
    assert notices == set(STEPS) | {"request_withdrawn"}
    assert {m.channel for m in sent} == {Channel.EMAIL, Channel.SMS}
    for message in sent:
        words = f"{message.subject}\n{message.body}".lower()
        for secret in (child.first_name, child.last_name, child.known_as, setting.name, "not to", "will carry out"):
            if secret:
                assert secret.lower() not in words, (message.template, message.channel, secret)
    sms = [m for m in sent if m.channel == Channel.SMS]
    assert all(len(m.body) <= 306 for m in sms)  # two text messages at most
    assert process.request.outcome == "plan_issued"


def test_a_family_with_no_internet_gets_a_pdf_letter_with_the_decision_date_and_officer(
    officer, child, today, dad, django_capture_on_commit_callbacks
):
    officer.phone = "01305 221000"
    officer.save()
    received = today - dt.timedelta(weeks=5)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(actor=officer, child=child, received_on=received, source="parent")
        services.assess_decision_record(
            actor=officer, request=request, decision="not_assess", decided_on=today, expected_version=None
        )
    letter = OutboxMessage.objects.get(notice="assessment_decision", family_member=dad)
    assert (letter.channel, letter.status) == (Channel.LETTER, Status.HELD)
    assert letter.letter.pdf  # rendered after the step committed
    text = letter_text(letter)
    assert "We have decided not to carry out an assessment" in text
    assert f"On {timescales.format_date(today)} we decided not to carry out" in text
    assert "Olive Officer" in text and "01305 221000" in text
    assert child.full_name in text  # a letter may name the child
    # Appeal rights: mediation adviser first, then the tribunal, with both last days.
    assert timescales.format_date(timescales.mediation_contact_deadline(today)) in text
    assert (
        f"The tribunal must receive your appeal by {timescales.format_date(timescales.appeal_deadline(today))}" in text
    )
    assert "Dennis Hart" in text and "DT1 1AA" in text


def test_a_decision_to_assess_is_not_appealable_so_the_letter_has_no_appeal_section(
    officer, child, today, dad, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(
            actor=officer, child=child, received_on=today - dt.timedelta(weeks=3), source="parent"
        )
        services.assess_decision_record(
            actor=officer, request=request, decision="assess", decided_on=today, expected_version=None
        )
    letter = OutboxMessage.objects.get(notice="assessment_decision", family_member=dad).letter
    assert "We will carry out an assessment" in letter.text
    assert "appeal" not in letter.text.lower()
    final_by = timescales.final_plan_due(today - dt.timedelta(weeks=3))
    assert timescales.format_date(final_by) in letter.text


def test_a_family_that_asked_for_phone_calls_becomes_a_task_for_the_key_worker(officer, colleague, child, today):
    add_parent(officer, child, "Maya", "Hart", email="", mobile="07700900777", preferred_channel=Preferred.PHONE)
    services.request_create(actor=colleague, child=child, received_on=today, source="parent")
    task = OutboxMessage.objects.get(notice="request_received")
    assert (task.channel, task.status, task.assigned_to) == (Channel.PHONE, Status.TO_DO, officer)
    assert task.subject == "Phone Maya Hart to tell them: We have received the request for an assessment"
    assert "07700900777" in task.body
    assert "We have received a request for an assessment" in task.letter.text  # what to tell them


def test_only_people_with_parental_responsibility_are_told(officer, child, today):
    add_parent(officer, child, "Nan", "Hart", relationship="grandparent", parental_responsibility=False)
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    assert not OutboxMessage.objects.filter(notice="request_received").exists()


def test_without_an_email_address_the_next_channel_that_works_is_used(officer, child, today):
    member = add_parent(officer, child, "Ola", "Hart", email="x@family.example", mobile="07700900456")
    member.email = ""  # the address was later removed
    member.save()
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    assert OutboxMessage.objects.get(notice="request_received").channel == Channel.SMS


def test_each_notice_is_audited_against_the_child(officer, child, today, mum, dad):
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    events = AuditEvent.objects.filter(child=child, summary__startswith="Family told")
    assert sorted(e.summary.split(" (")[0] for e in events) == ["Family told by email", "Family told by letter"]


def test_a_step_that_fails_sends_nothing(officer, child, today, mum):
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    request = child.requests.get()
    with pytest.raises(ValidationFailed):
        services.assess_decision_record(
            actor=officer,
            request=request,
            decision="assess",
            decided_on=today + dt.timedelta(days=1),
            expected_version=None,
        )
    assert not OutboxMessage.objects.filter(notice="assessment_decision").exists()


def test_only_the_first_request_for_advice_tells_the_family(process, mum):
    assert len(messages_for(process.by_notice["advice_requested"], mum)) == 1
    letter = OutboxMessage.objects.get(notice="advice_requested", channel=Channel.LETTER).letter
    assert "educational psychology advice" in letter.text


def test_an_exception_is_explained_kindly(process, dad):
    letter = messages_for(process.by_notice["exception"], dad)[0].letter
    assert "Something in your family's life means the assessment cannot go ahead as planned" in letter.text
    assert "This is nobody's fault." in letter.text


def test_the_final_plan_letter_names_the_school_and_the_appeal_deadline(process, dad, setting):
    letter = messages_for(process.by_notice["final_plan"], dad)[0].letter
    issued = process.received + dt.timedelta(weeks=18)
    assert f"The plan names {setting.name} in section I." in letter.text
    assert timescales.format_date(timescales.appeal_deadline(issued)) in letter.text
    assert "you can appeal without contacting a mediation adviser" in letter.text
    assert timescales.format_date(timescales.annual_review_due(issued)) in letter.text
