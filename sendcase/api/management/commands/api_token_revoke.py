"""`sendcase api_token_revoke PREFIX`: stop an API token working, from the next request on."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendcase.api.tokens import api_token_revoke
from sendcase.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Revoke an API token by its prefix (the 8 characters after 'sc_')."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", help="The token's prefix, or the whole token")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            row = api_token_revoke(actor=None, prefix=options["prefix"])
        except ValidationFailed as error:
            raise CommandError("; ".join(error.field_errors.values())) from None
        when = timezone.localtime(row.revoked_at)
        self.stdout.write(f"Token {row.prefix} '{row.name}' of {row.user.email} revoked at {when:%Y-%m-%d %H:%M %Z}.")
