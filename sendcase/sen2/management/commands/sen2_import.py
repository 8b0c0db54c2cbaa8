"""`sendcase sen2_import PATH [--dry-run]`: check a SEN2 file in full, then import it, or nothing."""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase.sen2.checking import CheckingFailed
from sendcase.sen2.importer import sen2_import
from sendcase.sen2.problems import Problem


class Command(BaseCommand):
    help = (
        "Import a SEN2 person-level return into the council its header names. The whole file is checked "
        "first and every problem listed (person, element, line); if there is any error nothing is written. "
        "Importing the same file again changes nothing."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("path", help="the SEN2 XML file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and write nothing")

    def handle(self, *args: Any, path: str, dry_run: bool, **options: Any) -> None:
        started = time.perf_counter()

        def show(problem: Problem) -> None:
            self.stderr.write(problem.describe())

        try:
            result = sen2_import(actor=None, path=path, dry_run=dry_run, on_problem=show)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except CheckingFailed as error:
            raise CommandError(f"{error}. Nothing was written.") from error
        report = result.report
        seconds = time.perf_counter() - started
        tally = f"{report.errors:,} error{'s' if report.errors != 1 else ''}, {report.warnings:,} warnings"
        if not report.ok:
            raise CommandError(f"{path}: {tally}. Nothing was written.", returncode=1)
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{path}: {result.persons:,} persons, {tally}. Dry run: nothing was written.")
            )
            return
        rate = result.persons / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {result.persons:,} persons ({tally}) imported into council {result.header.la_code} "  # type: ignore[union-attr]
                f"for {result.header.year}: {result.created:,} created, {result.changed:,} changed, "  # type: ignore[union-attr]
                f"{result.unchanged:,} unchanged, in {seconds:,.1f} s ({rate:,.0f} persons/s)"
            )
        )
