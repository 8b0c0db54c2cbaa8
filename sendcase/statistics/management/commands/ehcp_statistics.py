"""`sendcase ehcp_statistics --year YYYY [--la NNN] [--json]`: SENDcase's figures for the DfE release."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendcase.organisations.models import LocalAuthority
from sendcase.statistics import dfe
from sendcase.statistics.ehcp import ehcp_statistics


class Command(BaseCommand):
    help = (
        "Count requests, plans issued within 20 weeks (with and without exceptions), ceased plans and "
        "the January caseload for one calendar year, the way the DfE 'Education, health and care plans' "
        "release counts them, under its variable names. All councils unless --la is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="calendar year of activity, e.g. 2024")
        parser.add_argument("--la", default="", help="3-digit DfE LA number of one council, e.g. 838")
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="print one JSON object (percentages null without a denominator)",
        )

    def handle(self, *args: Any, year: int, la: str, as_json: bool, **options: Any) -> None:
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is not a calendar year like 2024")
        council = None
        if la:
            council = LocalAuthority.objects.filter(code=la).first()
            if council is None:
                raise CommandError(f"No council with DfE LA number {la!r} is set up in SENDcase")
        result = ehcp_statistics(year=year, la=council)
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
            return
        where = f"{council.name} ({council.code})" if council else "All councils in SENDcase"
        self.stdout.write(f"{where}: calendar year {year}, census {result.census_date:%d %B %Y}")
        for dataset, variables in dfe.DATASET_VARIABLES.items():
            self.stdout.write(f"\n{dataset}")
            for variable in variables:
                value = result.value(dataset, variable)
                shown = "null (no denominator)" if value is None else f"{value}"
                self.stdout.write(f"  {variable:<40} {shown:>22}")
