"""`sendcase api_token_create --user EMAIL --name NAME [--days N]`: issue an API token, shown once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendcase.api.tokens import api_token_create
from sendcase.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Issue an API token acting as one account, with exactly its access. The secret is shown only once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Email address of the account the token acts as")
        parser.add_argument("--name", required=True, help="What will use it, e.g. 'Castle Primary MIS'")
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days (default: never)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(email__iexact=options["user"].strip()).first()
        try:
            row, secret = api_token_create(actor=None, user=user, name=options["name"], days=options["days"])
        except ValidationFailed as error:
            raise CommandError(
                "; ".join(f"{field}: {message}" for field, message in error.field_errors.items())
            ) from None
        expiry = "does not expire"
        if row.expires_at:
            expiry = f"expires {timezone.localtime(row.expires_at):%Y-%m-%d %H:%M %Z}"
        self.stderr.write(
            f"Token {row.prefix} '{row.name}' acts as {row.user.email} ({row.user.get_role_display()}) and {expiry}.\n"
            "Copy it now: SENDcase keeps only a hash and cannot show it again."
        )
        self.stdout.write(secret)
