"""How fast the EHC plan pages, the comparison, the PDF and issuing a version are.

Run against a copy of a database seeded at the `la` scale (only it has plan content), with the
date it was seeded for. Issuing a version WRITES (a version and audit events); pass --no-writes
to skip it:

    SENDCASE_TODAY=2025-06-02 DATABASE_URL=sqlite:////tmp/copy.sqlite3 .venv/bin/python benchmarks/bench_plans.py

Each page is timed as the demo officer: SQL queries of one request, median and 95th percentile
of `--requests` requests (the PDF of `--requests` // 5). It prints a markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from common import PLAIN_STATIC, counting, percentile
from common import configure as _configure

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--no-writes", action="store_true", help="skip issuing a version (which writes)")
    args = parser.parse_args()

    _configure()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client, override_settings

    from sendcase.accounts.testing import sign_in_test_client
    from sendcase.core.clock import today
    from sendcase.plans.models import PlanVersion
    from sendcase.plans.services import plan_version_issue

    version = PlanVersion.objects.filter(number=2).select_related("plan__child__key_worker").first()
    if version is None:
        sys.exit("No plan with two versions: seed the la scale (sendcase seed_demo --scale la) first.")
    plan, child = version.plan, version.plan.child
    officer = child.key_worker
    base = f"/children/{child.pk}/plans/{plan.pk}/"

    rows: list[tuple[str, str, str, str]] = []

    @override_settings(STORAGES=PLAIN_STATIC)
    def time_page(label: str, url: str, repeat: int) -> None:
        client = Client()
        sign_in_test_client(client, officer)
        client.get(url)  # warm caches
        with counting() as queries:
            assert client.get(url).status_code == 200, url
        samples = []
        for _ in range(max(1, repeat)):
            start = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
        rows.append((label, str(len(queries)), f"{statistics.median(samples):.0f}", f"{percentile(samples, 0.95):.0f}"))

    time_page("Plan content page (working content, A to K)", base, args.requests)
    time_page("Edit section F (provision rows)", base + "sections/f/", args.requests)
    time_page("Versions list", base + "versions/", args.requests)
    time_page("Version 2 page", base + "versions/2/", args.requests)
    time_page("Compare versions 1 and 2", base + "compare/?from=1&to=2", args.requests)
    time_page("Version 2 as a PDF", base + "versions/2/pdf/", args.requests // 5)
    time_page("Case page with the plan panel", f"/children/{child.pk}/", args.requests)

    if not args.no_writes:
        with counting() as queries:
            start = time.perf_counter()
            # Dated as version 2: the demo outcomes are time-bound from then, not necessarily from today.
            issued = plan_version_issue(actor=officer, plan=plan, kind="amended", issued_on=version.issued_on)
            elapsed = (time.perf_counter() - start) * 1000
        rows.append((f"Issue version {issued.number} (plan_version_issue)", str(len(queries)), f"{elapsed:.0f}", ""))

    print(f"| measure ({connection.vendor}, today {today()}) | queries | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
