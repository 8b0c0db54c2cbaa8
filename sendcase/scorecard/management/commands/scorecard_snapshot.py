"""`sendcase scorecard_snapshot`: publish this ISO week's scorecard for every council.

The schedule runs it every Monday at 06:00 (`sendcase run_schedule`, docs/schedule.md); running
it again in the same week publishes nothing new, so running it by hand as well does no harm.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase.core.clock import today
from sendcase.organisations.models import LocalAuthority
from sendcase.scorecard.services import snapshots_take_weekly


class Command(BaseCommand):
    help = "Publish this week's scorecard snapshot for every council (once per council per ISO week)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--la", action="append", help="only this council (DfE LA number); repeat for more")

    def handle(self, *args: Any, la: list[str] | None, **options: Any) -> None:
        if la:
            unknown = sorted(set(la) - set(LocalAuthority.objects.filter(code__in=la).values_list("code", flat=True)))
            if unknown:
                raise CommandError(f"No council with LA number {', '.join(unknown)} in this database")
        results = snapshots_take_weekly(today=today(), codes=la)
        for snapshot, created in results:
            verb = "published" if created else "already published"
            self.stdout.write(
                f"{snapshot.local_authority.code} {snapshot.local_authority.name}: week {snapshot.iso_week} of "
                f"{snapshot.iso_year} {verb} on {snapshot.taken_on.isoformat()}, sha256 {snapshot.sha256}"
            )
        new = sum(1 for _, created in results if created)
        self.stdout.write(f"{new} new snapshot{'s' if new != 1 else ''}, {len(results) - new} already taken this week.")
