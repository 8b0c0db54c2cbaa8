"""`sendcase sen2_export --year YYYY --output PATH [--la NNN] [--validate]`: write the SEN2 return as XML.

With --validate each file, once written, is read back and checked as an import checks a file
(the schema and every rule, a person at a time); problems are listed as the import lists them,
and the command exits with code 1 if there is an error. The files are kept either way.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import LocalAuthority
from sendcase.sen2.export import (
    check_written,
    return_settings,
    return_settings_save,
    sen2_export,
    sen2_export_every_council,
)
from sendcase.sen2.problems import Problem
from sendcase.sen2.writer import Counts


class Command(BaseCommand):
    help = (
        "Write a council's SEN2 person-level return for a collection year. With --la, PATH is the file. "
        "Without it, a database holding one council writes that council to PATH; one holding several "
        "writes every council into the directory PATH, one file each (sen2-YEAR-LA.xml)."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="collection year, e.g. 2025 (census January 2025)")
        parser.add_argument("--output", required=True, help="file (or directory, for several councils) to write")
        parser.add_argument("--la", help="DfE number of the council, e.g. 838")
        for item, title in (("dmo", "medical"), ("dco", "clinical"), ("dsco", "social care")):
            parser.add_argument(
                f"--{item}",
                choices=("Y", "N", "R"),
                help=f"record whether a designated {title} officer was in post (header {item.upper()})",
            )
        parser.add_argument(
            "--validate",
            action="store_true",
            help="then read each written file back and check it against the schema and every rule, as an import "
            "would; exit with code 1 if there is an error",
        )

    def handle(self, *args: Any, year: int, output: str, la: str | None, validate: bool, **options: Any) -> None:
        councils = self._councils(la)
        target = Path(output)
        started = time.perf_counter()
        self.written: list[Path] = []
        for council in councils:
            self._header_answers(council, year, options)
        if la is None and len(councils) > 1:
            total, files = self._export_every_council(year, target)
        else:
            total, files = self._export(councils[0], year, target), 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {total:,} persons in {files} file{'s' if files != 1 else ''} "
                f"in {time.perf_counter() - started:,.1f} s. Check the live return with: "
                f"sendcase sen2_validate --year {year}"
            )
        )
        if validate:
            self._validate(self.written)

    def _validate(self, paths: list[Path]) -> None:
        """Check each written file as an import would; every problem is listed, as the import lists them."""
        started = time.perf_counter()
        codes = set(LocalAuthority.objects.values_list("code", flat=True))
        persons = errors = warnings = 0

        for path in paths:

            def show(problem: Problem, name: str = path.name) -> None:
                self.stderr.write(f"{name}: {problem.describe()}")

            report, count = check_written(path, la_codes=codes, on_problem=show)
            persons, errors, warnings = persons + count, errors + report.errors, warnings + report.warnings
            self.stdout.write(
                f"{path}: {count:,} persons checked, {report.errors:,} errors, {report.warnings:,} warnings"
            )
        seconds = time.perf_counter() - started
        tally = f"{errors:,} error{'s' if errors != 1 else ''}, {warnings:,} warning{'s' if warnings != 1 else ''}"
        summary = (
            f"Checked {persons:,} persons in {len(paths)} file{'s' if len(paths) != 1 else ''} against the schema "
            f"and every rule in {seconds:,.1f} s: {tally}"
        )
        if errors:
            raise CommandError(f"{summary}. Fix them before the return is submitted.", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"{summary}."))

    def _councils(self, code: str | None) -> list[LocalAuthority]:
        if code:
            council = LocalAuthority.objects.filter(code=code).first()
            if council is None:
                raise CommandError(f"No council with DfE number {code} is in SENDcase")
            return [council]
        councils = list(LocalAuthority.objects.order_by("code"))
        if not councils:
            raise CommandError("There is no council in this database")
        return councils

    def _header_answers(self, council: LocalAuthority, year: int, options: dict[str, Any]) -> None:
        dmo, dco, dsco = options.get("dmo"), options.get("dco"), options.get("dsco")
        current = return_settings(council, year)
        if dmo or dco or dsco:
            try:
                return_settings_save(
                    actor=None,
                    la=council,
                    year=year,
                    dmo=dmo or (current.dmo if current else ""),
                    dco=dco or (current.dco if current else ""),
                    dsco=dsco or (current.dsco if current else ""),
                )
            except ValidationFailed as error:
                raise CommandError(f"{error.message}: give --dmo and --dco (Y, N or R)") from error

    def _export(self, council: LocalAuthority, year: int, path: Path) -> int:
        counts = Counts()
        try:
            chunks = sen2_export(actor=None, la=council, year=year, counts=counts)
        except ValidationFailed as error:
            raise CommandError(f"{error.message} (use --dmo and --dco)") from error
        self._write(council, chunks, counts, path)
        return counts.persons

    def _export_every_council(self, year: int, directory: Path) -> tuple[int, int]:
        """Every council, one file each, from one pass over the database."""
        directory.mkdir(parents=True, exist_ok=True)
        total = files = 0
        try:
            returns = sen2_export_every_council(actor=None, year=year)
            for council, chunks, counts in returns:
                self._write(council, chunks, counts, directory / f"sen2-{year}-{council.code}.xml")
                total, files = total + counts.persons, files + 1
        except ValidationFailed as error:
            raise CommandError(f"{error.message} (use --dmo and --dco)") from error
        return total, files

    def _write(self, council: LocalAuthority, chunks: Iterator[bytes], counts: Counts, path: Path) -> None:
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        # Only a complete file takes the name, so a failed run never leaves half a return behind.
        os.replace(partial, path)
        self.written.append(path)
        self.stdout.write(
            f"{council.code} {council.name}: {counts.persons:,} persons, {counts.requests:,} requests, "
            f"{counts.named_plans:,} named plans, {counts.active_plans:,} active plans -> {path}"
        )
