"""`sendcase demo_family_code EMAIL`: a sign-in code for a synthetic demo family portal account."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sendcase.audit.services import audited_transaction
from sendcase.core.errors import ValidationFailed
from sendcase.demo.reference import DEMO_LA_CODE
from sendcase.portal.models import FamilyAccount
from sendcase.portal.services.invitations import normalise_email
from sendcase.portal.services.sign_in import code_issue


class Command(BaseCommand):
    help = (
        "Make and print a new 6-digit sign-in code for a demo family portal account, instead of reading the "
        "emailed one from the outbox. Enter it after the password; earlier codes stop working. Refuses unless "
        "DEBUG is on (SENDCASE_DEBUG=true) and the account belongs to the synthetic demo council "
        f"(LA {DEMO_LA_CODE}): it is for the demo, never for real accounts."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("email", help="a demo family account, e.g. parent@family.sendcase.example")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_family_code only works with DEBUG on (SENDCASE_DEBUG=true): it is for the synthetic demo."
            )
        account = FamilyAccount.objects.select_related("local_authority").filter(email=normalise_email(email)).first()
        if account is None or account.local_authority.code != DEMO_LA_CODE:
            raise CommandError(
                f"{email} is not a family portal account of the demo council (LA {DEMO_LA_CODE}). "
                "demo_family_code only gives codes for the synthetic demo accounts."
            )
        try:
            with audited_transaction():
                code = code_issue(account=account)
        except ValidationFailed as error:
            raise CommandError(" ".join(error.field_errors.values()) or error.message) from error
        minutes = settings.SENDCASE_FAMILY_CODE_MINUTES
        self.stdout.write(f"Code for {account.email}: {code} (works once, for {minutes} minutes; earlier codes stop)")
