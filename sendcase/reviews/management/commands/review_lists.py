"""`sendcase review_lists --term autumn --year 2025`: each school's list of reviews due in a term.

Code of Practice 9.172 asks councils to give schools the list at least two weeks before the
term starts. Each school with a shared mailbox is told once that its list is ready (the message
names no child) and links to the school's page of it in SENDcase; with --output-dir each
school's list is also written there as CSV. It reports the lists sent late, and the schools not
told although their list's due date has passed. Run it before each term, e.g. from cron.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase import timescales
from sendcase.organisations.models import LocalAuthority
from sendcase.reviews.services.term_lists import term_lists_send
from sendcase.reviews.terms import Term, term_dates


class Command(BaseCommand):
    help = "Tell each school its list of annual reviews due in a term is ready, and write the lists as CSV."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--term", required=True, choices=[t.value for t in Term])
        parser.add_argument("--year", required=True, type=int, help="the calendar year the term starts in")
        parser.add_argument("--la", help="DfE number of one council (default: every council in this database)")
        parser.add_argument("--output-dir", type=Path, help="write each school's list here as CSV")

    def handle(self, *args: Any, term: str, year: int, la: str | None, output_dir: Path | None, **options: Any) -> None:
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be a year like 2025")
        councils = LocalAuthority.objects.filter(code=la) if la else LocalAuthority.objects.all()
        if la and not councils.exists():
            raise CommandError(f"No council with DfE number {la} in this database")
        dates = term_dates(term, year)
        self.stdout.write(
            f"{dates.label}: {timescales.format_date(dates.starts)} to {timescales.format_date(dates.ends)}; "
            f"lists due to schools by {timescales.format_date(dates.list_due)} (Code of Practice 9.172)."
        )
        for council in councils.order_by("code"):
            result = term_lists_send(la=council, term=dates, output_dir=output_dir)
            self.stdout.write(
                f"{council.name}: {result.children} reviews due; {len(result.told)} schools told, "
                f"{len(result.already_told)} told before, {len(result.no_mailbox)} with no shared mailbox"
                + (f"; {len(result.files)} files in {output_dir}" if output_dir else "")
            )
            for name in result.no_mailbox:
                self.stdout.write(f"  No shared mailbox: {name}")
            due = timescales.format_date(dates.list_due)
            for name, sent_on in result.late:
                self.stdout.write(f"  Sent late: {name}, told on {timescales.format_date(sent_on)} (due by {due})")
            for name in result.not_sent:
                self.stdout.write(f"  Not sent, due by {due}: {name} (no shared mailbox: send it yourself)")
