"""`sendcase load_dfe_statistics PATH`: load the published DfE 'Education, health and care plans' release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendcase.core.errors import ValidationFailed
from sendcase.statistics.models import DfeRelease
from sendcase.statistics.services import dfe_release_load


class Command(BaseCommand):
    help = (
        "Load the headline figures (England, regions, councils) of a DfE 'Education, health and care "
        "plans' release zip from Explore Education Statistics. Loading again replaces the same files' "
        "periods; a bad file is refused and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the release's 'all files' zip")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only if no release is loaded yet (make run uses it, so later runs start at once)",
        )

    def handle(self, *args: Any, path: Path, if_empty: bool = False, **options: Any) -> None:
        if if_empty and DfeRelease.objects.exists():
            self.stdout.write("Published DfE figures are already loaded; nothing to do.")
            return
        try:
            release = dfe_release_load(actor=None, path=path)
        except ValidationFailed as error:
            details = "".join(f"\n  - {message}" for message in error.field_errors.values())
            raise CommandError(f"{error.message}{details}") from error
        self.stdout.write(
            f"Loaded {release.figures:,} published figures from {release.file_name}: {', '.join(release.datasets)}"
        )
