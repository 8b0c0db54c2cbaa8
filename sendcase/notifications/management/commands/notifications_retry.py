"""`sendcase notifications_retry`: try again the messages GOV.UK Notify could not take earlier."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sendcase.notifications.services import MAX_ATTEMPTS, messages_retry


class Command(BaseCommand):
    help = (
        f"Send again every message left queued by a temporary failure (a 5xx or no network), up to "
        f"{MAX_ATTEMPTS} tries. Messages GOV.UK Notify refused (4xx) are never retried. Run every 10 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        tried = messages_retry()
        self.stdout.write(f"Messages tried again: {tried}.")
