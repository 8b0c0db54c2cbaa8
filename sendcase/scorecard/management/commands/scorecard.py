"""`sendcase scorecard`: the scorecard's monthly figures for one council, as a table or as JSON.

    sendcase scorecard --from 2025-01 --to 2025-06 --la 838 [--locality "North Dorset"] --json

Prints exactly what the scorecard page shows for the same period and locality: both call
sendcase.scorecard.monthly.monthly_figures, and for the annual reviews (the "reviews" key)
sendcase.scorecard.reviews.review_figures. docs/scorecard.md lists the keys.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase.core.clock import today
from sendcase.organisations.models import LocalAuthority
from sendcase.scorecard.monthly import monthly_figures
from sendcase.scorecard.periods import Period, check_period, month_start, parse_month
from sendcase.scorecard.reviews import review_figures
from sendcase.scorecard.tables import summary_table
from sendcase.statistics.dfe import percentage_text


class Command(BaseCommand):
    help = (
        "Print a council's monthly scorecard figures (requests, decisions within 6 weeks, plans within 20 weeks, "
        "annual reviews on time)."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--from", dest="start", help="first month, YYYY-MM (default: January this year)")
        parser.add_argument("--to", dest="end", help="last month, YYYY-MM (default: this month)")
        parser.add_argument("--la", help="DfE LA number of the council, e.g. 838 (needed if there is more than one)")
        parser.add_argument("--locality", help="name of one of the council's localities")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: Any, start: str | None, end: str | None, la: str | None, **options: Any) -> None:
        now = today()
        try:
            first = parse_month(start) if start else month_start(now).replace(month=1)
            last = parse_month(end) if end else month_start(now)
            period = Period(first, last)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        problems = check_period(period, today=now)
        if problems:
            raise CommandError("; ".join(problems.values()))
        council = self._council(la)
        locality = None
        if options["locality"]:
            locality = council.localities.filter(name__iexact=options["locality"].strip()).first()
            if locality is None:
                known = ", ".join(council.localities.order_by("name").values_list("name", flat=True)) or "none"
                raise CommandError(f"{council.name} has no locality called {options['locality']!r}. Known: {known}")
        figures = monthly_figures(local_authority=council, period=period, today=now, locality=locality)
        figures["reviews"] = review_figures(local_authority=council, period=period, today=now, locality=locality)
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False))
            return
        self._print_table(figures)

    def _council(self, code: str | None) -> LocalAuthority:
        if code:
            council = LocalAuthority.objects.filter(code=code.strip()).first()
            if council is None:
                raise CommandError(f"No council with LA number {code!r} in this database")
            return council
        councils = list(LocalAuthority.objects.order_by("code")[:2])
        if len(councils) != 1:
            raise CommandError("Name the council with --la NNN (its DfE LA number)")
        return councils[0]

    def _print_table(self, figures: dict[str, Any]) -> None:
        table = summary_table(figures)
        where = figures["locality"]["name"] if figures["locality"] else "all localities"
        self.stdout.write(f"{figures['local_authority']['name']}, {where}; counted on {figures['as_of']}")
        widths = [max(len(table.columns[0]), *(len(str(r[0].display())) for r in table.rows))]
        for i, column in enumerate(table.columns[1:], start=1):
            widths.append(max(len(column), *(len(r[i].display() or "-") for r in table.rows)))
        self.stdout.write("  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)))
        for row in table.rows:
            cells = [row[0].display().ljust(widths[0])]
            cells += [(cell.display() or "-").rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
            self.stdout.write("  ".join(cells))
        for note in table.notes:
            self.stdout.write(note)
        self._print_reviews(figures["reviews"])

    def _print_reviews(self, reviews: dict[str, Any]) -> None:
        """Each review measure per month as "on time/counted (percent)"; "-" where nothing was counted."""
        self.stdout.write("")
        self.stdout.write("Annual reviews on time (on time/counted)")
        months = [m["month"] for m in reviews["months"]]
        rows = []
        for measure in reviews["measures"]:
            cells = []
            for month in reviews["months"]:
                m = month[measure["key"]]
                cells.append(
                    f"{m['on_time']}/{m['counted']} ({percentage_text(m['percent'])})" if m["counted"] else "-"
                )
            rows.append([f"{measure['title']} ({measure['regulation']})", *cells])
        widths = [max(len(str(c)) for c in column) for column in zip(["Measure", *months], *rows, strict=True)]
        for line in (["Measure", *months], *rows):
            first, *rest = line
            self.stdout.write(
                "  ".join([first.ljust(widths[0]), *(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True))])
            )
