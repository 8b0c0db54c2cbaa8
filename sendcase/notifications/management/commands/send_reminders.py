"""`sendcase send_reminders`: the daily reminder run for outstanding advice (docs/notifications.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendcase.cases.services.advice_reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Send reminders 2 weeks and 1 week before advice is due, and when it is overdue (reg 8(1)). "
        "Run once a day; running again sends nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="Run as if today were this date (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_send(today=options["date"])
        self.stdout.write(
            f"Reminders sent: {run.sent}. Already sent before: {run.already_sent}. "
            f"Excused by an exception: {run.excused}. Nobody to send to: {run.no_recipient}."
        )
