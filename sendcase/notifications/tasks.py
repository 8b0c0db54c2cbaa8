"""Background work for notifications, through the Django tasks API (django-tasks on Django 5.2)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_message(message_id: str) -> str:
    """Send one queued message through the configured backend."""
    from sendcase.notifications.services import message_deliver

    return message_deliver(message_id=message_id)


@task()
def send_advice_reminders() -> int:
    """The daily advice reminder run (also `sendcase send_reminders`)."""
    from sendcase.cases.services.advice_reminders import reminders_send

    return reminders_send().sent


@task()
def render_letter_pdf(message_id: str) -> bool:
    """Render and keep a family letter's PDF once the step that wrote it has committed."""
    from sendcase.notifications.letters import letter_pdf_render

    return letter_pdf_render(message_id=message_id)
