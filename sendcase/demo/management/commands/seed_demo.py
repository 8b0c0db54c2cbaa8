"""`sendcase seed_demo`: load a synthetic council (or all of England) for demos and benchmarks.

Everything is made up: Faker en_GB names and postcodes, identifiers built to pass the
validators, NHS numbers from the test range. Never run this against a database that holds
real children's data.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from faker import Faker

from sendcase.accounts.models import User
from sendcase.cases.models import AssessmentRequest, Plan, PlanStatus
from sendcase.core.clock import today
from sendcase.demo import reference
from sendcase.demo.council import demo_council
from sendcase.demo.generator import seed_council
from sendcase.demo.ids import NhsNumbers
from sendcase.demo.national import seed_national
from sendcase.demo.staff import demo_password
from sendcase.demo.writer import RowWriter
from sendcase.organisations.models import LocalAuthority
from sendcase.people.models import Child

DEFAULT_SEED = 2025


class Command(BaseCommand):
    help = (
        "Load synthetic demo data: --scale la is one council the size of Dorset (for make run); "
        "--scale national is every English council, about 700,000 plans (for benchmarks)."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--scale", choices=("la", "national"), default="la")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"the same seed gives the same data (default {DEFAULT_SEED})"
        )
        parser.add_argument("--if-empty", action="store_true", help="do nothing if the demo council is already loaded")
        # Tests only: a proportionally smaller council, so the suite stays fast.
        parser.add_argument("--fraction", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args: Any, scale: str, seed: int, if_empty: bool, fraction: float, **options: Any) -> None:
        existing = LocalAuthority.objects.filter(code=reference.DEMO_LA_CODE).first()
        if existing is not None:
            if if_empty:
                self.stdout.write(f"The demo council ({existing.name}) is already loaded: nothing to do.")
                return
            raise CommandError(
                f"LA {reference.DEMO_LA_CODE} ({existing.name}) is already in this database. "
                "Seed an empty database, or pass --if-empty to leave it as it is."
            )
        if not 0 < fraction <= 1:
            raise CommandError("--fraction must be more than 0 and at most 1")
        on = today()
        started = time.perf_counter()
        # One PBKDF2 hash shared by every synthetic account instead of one per account.
        password_hash = make_password(demo_password())
        if scale == "la":
            with transaction.atomic():
                seed_council(
                    demo_council(fraction=fraction),
                    seed=seed,
                    today=on,
                    fake=Faker("en_GB"),
                    nhs=NhsNumbers(),
                    password_hash=password_hash,
                    writer=RowWriter(),
                )
        else:
            seed_national(
                seed=seed,
                today=on,
                password_hash=password_hash,
                atomic=transaction.atomic,
                progress=lambda line: self.stdout.write(line),
            )
        if connection.vendor == "postgresql":
            # Fresh planner statistics, so the first pages after a bulk load get good query
            # plans rather than waiting for autovacuum to notice the new rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._summary(scale=scale, seed=seed, on=on, seconds=time.perf_counter() - started)

    def _summary(self, *, scale: str, seed: int, on: object, seconds: float) -> None:
        councils = LocalAuthority.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded the {scale} scale (seed {seed}, today {on}) in {seconds:,.1f} s: "
                f"{councils:,} council{'s' if councils != 1 else ''}, {Child.objects.count():,} children, "
                f"{Plan.objects.filter(status=PlanStatus.ACTIVE).count():,} open plans, "
                f"{AssessmentRequest.objects.count():,} requests "
                f"({AssessmentRequest.objects.filter(outcome='open').count():,} open), "
                f"{User.objects.filter(role='case_officer').count():,} case officers."
            )
        )
