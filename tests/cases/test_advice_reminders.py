"""Reminders before advice is due and the escalation once it is overdue (reg 8(1)): once each, ever."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from sendcase.cases import services
from sendcase.cases.models import AdviceReminder
from sendcase.cases.services.advice_reminders import reminders_send
from sendcase.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db
pytest_plugins = ("tests.cases.advice_fixtures",)

# ep_advice was requested on 13 May 2025, so it is due on 24 June 2025 (6 weeks, reg 8(1)).
DUE = dt.date(2025, 6, 24)


def sent_to(**filters):
    return sorted(OutboxMessage.objects.filter(**filters).values_list("recipient", flat=True))


def reminder_messages():
    return OutboxMessage.objects.filter(template__startswith="advice_overdue") | OutboxMessage.objects.filter(
        template="advice_reminder"
    )


def test_reminders_go_two_weeks_and_one_week_before_and_the_day_after_exactly_once(ep_advice, ep, ep_lead):
    assert ep_advice.due_on == DUE
    days = {offset: DUE + dt.timedelta(days=offset) for offset in range(-16, 4)}
    sent_on: dict[int, int] = {}
    for offset, day in days.items():
        for _ in range(2):  # a second run on the same day sends nothing new
            before = reminder_messages().count()
            reminders_send(today=day)
            sent_on[offset] = sent_on.get(offset, 0) + reminder_messages().count() - before
    assert {offset: n for offset, n in sent_on.items() if n} == {-14: 2, -7: 2, 1: 3}
    assert list(AdviceReminder.objects.order_by("sent_on").values_list("kind", "sent_on")) == [
        ("two_weeks", dt.date(2025, 6, 10)),
        ("one_week", dt.date(2025, 6, 17)),
        ("overdue", dt.date(2025, 6, 25)),
    ]
    # Each goes to the assigned EP with the service's shared mailbox copied.
    assert sent_to(template="advice_reminder") == sorted([ep.email, "ep-service@dorset.example"] * 2)
    assert sent_to(template="advice_overdue") == sorted([ep.email, "ep-service@dorset.example"])
    # The overdue one is escalated to the EP's line manager.
    assert sent_to(template="advice_overdue_escalation") == [ep_lead.email]


def test_reminder_messages_name_the_reference_and_date_but_never_the_child(ep_advice, child):
    reminders_send(today=DUE - dt.timedelta(days=14))
    reminders_send(today=DUE + dt.timedelta(days=1))
    messages = list(reminder_messages())
    assert len(messages) == 5
    for message in messages:
        text = f"{message.subject}\n{message.body}"
        assert child.reference in text
        assert "24 June 2025" in text
        assert f"/advice/{ep_advice.pk}/" in message.body
        for detail in (child.first_name, child.last_name, child.date_of_birth.strftime("%d/%m/%Y"), child.upn):
            assert detail not in text
    two_weeks = OutboxMessage.objects.get(template="advice_reminder", recipient="ep-service@dorset.example")
    assert two_weeks.subject == f"Reminder: advice due in 2 weeks, 24 June 2025: {child.reference}"
    assert two_weeks.child == child


def test_overdue_advice_with_no_line_manager_is_escalated_to_the_organisation_administrators(
    ep_advice, ep, ep_admin, ep_lead
):
    ep.line_manager = None
    ep.save()
    reminders_send(today=DUE + dt.timedelta(days=1))
    assert sent_to(template="advice_overdue_escalation") == [ep_admin.email]
    escalation = OutboxMessage.objects.get(template="advice_overdue_escalation")
    assert "It is assigned to Esme Psychologist." in escalation.body


def test_unassigned_advice_reminds_the_shared_mailbox_and_escalates_to_administrators(unassigned_advice, ep_admin):
    due = unassigned_advice.due_on
    reminders_send(today=due - dt.timedelta(days=7))
    assert sent_to(template="advice_reminder") == ["ep-service@dorset.example"]
    reminders_send(today=due + dt.timedelta(days=1))
    assert sent_to(template="advice_overdue") == ["ep-service@dorset.example"]
    assert sent_to(template="advice_overdue_escalation") == [ep_admin.email]
    # A run that started late sends the reminder for the window it is in, never an earlier one.
    assert not AdviceReminder.objects.filter(advice=unassigned_advice, kind="two_weeks").exists()


def test_no_reminders_for_advice_received_or_excused_by_a_missed_appointment(ep_advice, other_child_advice, ep):
    services.advice_submit(actor=ep, advice=ep_advice, needs="Sent in time", expected_version=ep_advice.version)
    services.advice_exception_record(
        actor=other_child_advice.assigned_to,
        advice=other_child_advice,
        kind="reg-8-2-c",
        start_on=dt.date(2025, 5, 20),
    )
    for offset in (-14, -7, 1):
        run = reminders_send(today=DUE + dt.timedelta(days=offset))
        assert run.sent == 0
    assert not AdviceReminder.objects.exists()


def test_the_daily_command_is_idempotent(ep_advice, capsys):
    call_command("send_reminders", "--date", "2025-06-25")
    assert "Reminders sent: 1." in capsys.readouterr().out
    call_command("send_reminders", "--date", "2025-06-25")
    assert "Reminders sent: 0. Already sent before: 0." in capsys.readouterr().out
    assert AdviceReminder.objects.count() == 1


def test_the_daily_task_sends_what_is_due_on_sendcases_today(assessing, officer, ep_service, ep):
    from sendcase.notifications.tasks import send_advice_reminders

    # Asked on 5 May 2025: due 16 June, so on the pinned today (2 June) it is 2 weeks away.
    services.advice_request_add(
        actor=officer,
        request=assessing,
        contributor="ep",
        requested_on=dt.date(2025, 5, 5),
        organisation=ep_service,
        assigned_to=ep,
    )
    result = send_advice_reminders.enqueue()
    assert result.return_value == 1
    assert AdviceReminder.objects.get().kind == "two_weeks"
    assert send_advice_reminders.enqueue().return_value == 0
