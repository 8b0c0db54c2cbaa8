"""How fast the advice inbox, the agency timeliness figures and the daily reminder run are.

Run against a copy of a seeded database (the reminder run WRITES: reminders, outbox messages and
audit events), with the date the data was seeded for:

    SENDCASE_TODAY=2025-06-02 DATABASE_URL=postgres://.../bench_copy .venv/bin/python benchmarks/bench_advice.py

It times:
- the advice inbox page for the educational psychologist with the most requests (SQL queries of
  one request, and the median and 95th percentile of `--requests` requests);
- advice_timeliness_by_organisation for the council with the most advice, over 12 months;
- the team page (which includes it) for a manager of that council;
- `reminders_send` twice for today: the first run sends what is due, the second must send nothing.
It prints a markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from common import PLAIN_STATIC, counting, percentile
from common import configure as _configure

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--no-reminders", action="store_true", help="skip the reminder run (which writes)")
    args = parser.parse_args()

    _configure()
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client, override_settings

    from sendcase import timescales
    from sendcase.accounts.models import Role, User
    from sendcase.accounts.testing import sign_in_test_client
    from sendcase.cases.advice_selectors import advice_timeliness_by_organisation
    from sendcase.cases.models import AdviceRequest
    from sendcase.cases.services.advice_reminders import reminders_send
    from sendcase.core.clock import today
    from sendcase.organisations.models import LocalAuthority

    now = today()

    rows: list[tuple[str, str, str, str]] = []

    @override_settings(STORAGES=PLAIN_STATIC)
    def time_page(label: str, user: User, url: str) -> None:
        client = Client()
        sign_in_test_client(client, user)
        client.get(url)  # warm caches
        with counting() as queries:
            assert client.get(url).status_code == 200
        samples = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
        rows.append((label, str(len(queries)), f"{statistics.median(samples):.0f}", f"{percentile(samples, 0.95):.0f}"))

    busiest_ep = (
        User.objects.filter(role=Role.EDUCATIONAL_PSYCHOLOGIST)
        .annotate(n=Count("advice_requests"))
        .order_by("-n")
        .first()
    )
    time_page(f"Advice inbox ({busiest_ep.n} requests)", busiest_ep, "/advice/")  # type: ignore[union-attr]

    la_id = (
        AdviceRequest.objects.values("request__child__local_authority")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("request__child__local_authority", flat=True)
        .first()
    )
    la = LocalAuthority.objects.get(pk=la_id)
    samples = []
    for _ in range(10):
        start = time.perf_counter()
        result = advice_timeliness_by_organisation(la, timescales.add_months(now, -12), now, today=now)
        samples.append((time.perf_counter() - start) * 1000)
    requested = sum(r.requested for r in result)
    rows.append(
        (
            f"Timeliness by agency, LA {la.code}, 12 months ({requested} requests, {len(result)} agencies)",
            "2",
            f"{statistics.median(samples):.0f}",
            f"{percentile(samples, 0.95):.0f}",
        )
    )
    manager = User.objects.filter(role=Role.TEAM_MANAGER, local_authority=la).first()
    if manager is not None:
        time_page(f"Team page with timeliness, LA {la.code}", manager, "/team/")

    if not args.no_reminders:
        for label in ("Reminder run, first", "Reminder run, again (idempotent)"):
            with counting() as queries:
                start = time.perf_counter()
                run = reminders_send(today=now)
                elapsed = (time.perf_counter() - start) * 1000
            rows.append(
                (
                    f"{label}: {run.sent} sent, {run.already_sent} already sent, {run.no_recipient} nobody to tell",
                    str(len(queries)),
                    f"{elapsed:.0f}",
                    "",
                )
            )

    print(f"| measure ({connection.vendor}, today {now}) | queries | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
