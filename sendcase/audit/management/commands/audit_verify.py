"""`sendcase audit_verify`: check that no audit event has been changed, removed or reordered.

Reads the trail in sequence order, a chunk at a time, recomputes each event's hash and checks each
link to the event before it. Memory stays flat however long the trail is.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, router, transaction

from sendcase.audit import chain
from sendcase.audit.models import AuditEvent

CHUNK_SIZE = 2000


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain: every event's content matches its hash, links to the "
        "event before it, and no sequence number is missing. Exits non-zero at the first break."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        using = router.db_for_read(AuditEvent)
        # On PostgreSQL, stream through a server-side cursor inside a transaction: outside one, Django
        # declares the cursor WITH HOLD and the server copies the whole result before the first row.
        # On SQLite a transaction would BEGIN IMMEDIATE and hold off every writer while we read.
        in_transaction = (
            transaction.atomic(using=using) if connections[using].vendor == "postgresql" else contextlib.nullcontext()
        )
        events = (
            AuditEvent.objects.using(using)
            .order_by("sequence")
            .values("id", "event_hash", *chain.CHAINED_FIELDS)
            .iterator(chunk_size=CHUNK_SIZE)
        )
        # Closing the stream when verify() stops at a break closes the server-side cursor while its
        # transaction is still open; left to the garbage collector, the close would fail later.
        with in_transaction, contextlib.closing(events):
            verdict = chain.verify(events)
        if verdict.broken is not None:
            broken = verdict.broken
            raise CommandError(
                f"Audit trail broken at sequence {broken.sequence} (event id {broken.event_id}): "
                f"{broken.problem}: {broken.detail}. {verdict.checked} events before it verified."
            )
        self.stdout.write(f"Audit trail verified: {verdict.checked} events, chain intact")
        if verdict.last_sequence is not None:
            self.stdout.write(f"Latest event: sequence {verdict.last_sequence}, hash {verdict.last_hash}")
