"""`sendcase load_dfe_statistics PATH`: load the published DfE 'Education, health and care plans' release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendcase.core.errors import ValidationFailed
from sendcase.statistics.services import dfe_release_load


class Command(BaseCommand):
    help = (
        "Load the headline figures (England, regions, councils) of a DfE 'Education, health and care "
        "plans' release zip from Explore Education Statistics. Loading again replaces the same files' "
        "periods; a bad file is refused and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the release's 'all files' zip")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            release = dfe_release_load(actor=None, path=path)
        except ValidationFailed as error:
            details = "".join(f"\n  - {message}" for message in error.field_errors.values())
            raise CommandError(f"{error.message}{details}") from error
        self.stdout.write(
            f"Loaded {release.figures:,} published figures from {release.file_name}: {', '.join(release.datasets)}"
        )
