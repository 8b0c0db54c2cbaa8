"""`sendcase demo_code EMAIL`: the current sign-in code of a synthetic demo account."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sendcase.accounts.models import User
from sendcase.accounts.security import code_now, confirmed_device, key_in_groups
from sendcase.demo.reference import DEMO_LA_CODE


class Command(BaseCommand):
    help = (
        "Print the current 6-digit code from a demo account's authenticator app, and the key to add to an "
        "authenticator app of your own. Refuses unless DEBUG is on (SENDCASE_DEBUG=true) and the account "
        f"belongs to the synthetic demo council (LA {DEMO_LA_CODE}): it is for the demo, never for real accounts."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("email", help="a demo account, e.g. officer@sendcase.example")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_code only works with DEBUG on (SENDCASE_DEBUG=true): it is for the synthetic demo."
            )
        user = User.objects.select_related("local_authority").filter(email__iexact=email.strip()).first()
        if user is None or user.local_authority is None or user.local_authority.code != DEMO_LA_CODE:
            raise CommandError(
                f"{email} is not an account of the demo council (LA {DEMO_LA_CODE}). "
                "demo_code only gives codes for the synthetic demo accounts."
            )
        device = confirmed_device(user)
        if device is None:
            raise CommandError(
                f"{user.email} has no authenticator app. Sign in with its password to set one up, "
                "or load the demo again (sendcase seed_demo)."
            )
        self.stdout.write(f"Code for {user.email}: {code_now(device)} (a new one every {device.step} seconds)")
        self.stdout.write(f"Key to add to an authenticator app (time-based): {key_in_groups(device)}")
