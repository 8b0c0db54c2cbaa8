"""`sendcase sen2_validate --year YYYY [--la NNN]`: check the return SENDcase would export now."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import LocalAuthority
from sendcase.sen2.live import sen2_live_issues
from sendcase.sen2.problems import Problem


class Command(BaseCommand):
    help = "Check each council's SEN2 return, as it would be exported now, against every SEN2 rule."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="collection year, e.g. 2025")
        parser.add_argument("--la", help="DfE number of one council (default: every council)")

    def handle(self, *args: Any, year: int, la: str | None, **options: Any) -> None:
        councils = LocalAuthority.objects.order_by("code")
        if la:
            councils = councils.filter(code=la)
            if not councils:
                raise CommandError(f"No council with DfE number {la} is in SENDcase")
        errors = 0
        for council in councils:

            def show(problem: Problem, council: LocalAuthority = council) -> None:
                child = f" [child {problem.child_id}]" if problem.child_id else ""
                self.stdout.write(f"{council.code} {problem.describe()}{child}")

            try:
                report, persons = sen2_live_issues(la=council, year=year, on_problem=show)
            except ValidationFailed as error:
                raise CommandError(error.message) from error
            errors += report.errors
            self.stdout.write(
                f"{council.code} {council.name}: {persons:,} persons, {report.errors:,} errors, "
                f"{report.warnings:,} warnings"
            )
        if errors:
            raise CommandError(f"{errors:,} errors to fix before the {year} return is submitted", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"No errors in the {year} return."))
