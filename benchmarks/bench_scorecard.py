"""How many queries and how long the scorecard takes, for one council of a seeded database.

Run against a seeded database (see docs/benchmarks.md), e.g. a copy of the national scale:

    DATABASE_URL=postgres://.../bench_scorecard .venv/bin/python benchmarks/bench_scorecard.py --la 838

For each part of the scorecard (the monthly figures, caseload per officer, overdue steps, advice
per agency, annual reviews), the whole figures document, the page as the council's team manager sees it, and one
XLSX download, it counts the SQL queries of one run (CaptureQueriesContext) and times `--runs`
runs. It also takes (and rolls back) a weekly snapshot. Prints a markdown table, or one JSON object
per row with --json. Nothing is written: the snapshot is taken inside a transaction rolled back.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import PLAIN_STATIC
from common import configure as _configure

ROOT = Path(__file__).resolve().parent.parent


def measure(name: str, run: Callable[[], Any], runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()  # warm up: connection, caches, templates
    # A request through the test client empties the query log when it starts (request_started),
    # so start from an empty log or the count comes out short.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        run()
    query_count = len(queries)  # now: the timed requests below empty the log again
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "what": name,
        "queries": query_count,
        "p50_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--la", default="838", help="DfE LA number of the council to measure")
    parser.add_argument("--manager", default="", help="email of a team manager of that council (default: any)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    _configure()
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client, override_settings

    from sendcase.accounts.models import Role, User
    from sendcase.accounts.testing import sign_in_test_client
    from sendcase.cases.models import AssessmentRequest, Plan
    from sendcase.core.clock import today
    from sendcase.organisations.models import LocalAuthority
    from sendcase.people.models import Child
    from sendcase.scorecard.agencies import advice_timeliness
    from sendcase.scorecard.figures import scorecard_figures
    from sendcase.scorecard.monthly import monthly_figures
    from sendcase.scorecard.periods import Period
    from sendcase.scorecard.reviews import review_figures
    from sendcase.scorecard.services import snapshot_take
    from sendcase.scorecard.workload import caseload_by_officer, overdue_by_step

    la = LocalAuthority.objects.get(code=args.la)
    managers = User.objects.filter(local_authority=la, role=Role.TEAM_MANAGER)
    manager = managers.get(email=args.manager) if args.manager else managers.order_by("email").first()
    now = today()
    period = Period.year_to_date(now)
    context = {
        "database": connection.vendor,
        "children_in_db": Child.objects.count(),
        "active_plans_in_db": Plan.objects.filter(status="active").count(),
        "council": f"{la.code} {la.name}",
        "council_children": Child.objects.filter(local_authority=la).count(),
        "council_requests": AssessmentRequest.objects.filter(child__local_authority=la).count(),
        "today": now.isoformat(),
    }
    kwargs = {"local_authority": la, "today": now}
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("monthly figures (this year + last)", lambda: monthly_figures(period=period, **kwargs)),
        ("caseload per officer", lambda: caseload_by_officer(**kwargs)),
        ("overdue steps by type", lambda: overdue_by_step(**kwargs)),
        (
            "advice per agency",
            lambda: advice_timeliness(from_date=period.first, to_date=period.end, **kwargs),
        ),
        ("annual reviews (month, locality, officer)", lambda: review_figures(period=period, **kwargs)),
        ("whole figures document", lambda: scorecard_figures(period=period, **kwargs)),
    ]

    def snapshot() -> None:
        with transaction.atomic():
            snapshot_take(actor=None, local_authority=la, today=now)
            transaction.set_rollback(True)

    steps.append(("weekly snapshot (rolled back)", snapshot))
    results = []
    with override_settings(STORAGES=PLAIN_STATIC):
        client = Client()
        if manager is not None:
            sign_in_test_client(client, manager)

            def page() -> None:
                assert client.get("/scorecard/").status_code == 200

            def download() -> None:
                assert client.get("/scorecard/download/plans.xlsx").status_code == 200

            steps += [("GET /scorecard/ (manager)", page), ("GET /scorecard/download/plans.xlsx", download)]
        for name, run in steps:
            results.append(context | measure(name, run, args.runs))

    if args.json:
        for row in results:
            print(json.dumps(row))
        return
    print(
        f"{context['database']}: {context['children_in_db']:,} children, {context['active_plans_in_db']:,} active "
        f"plans; council {context['council']} ({context['council_children']:,} children, "
        f"{context['council_requests']:,} requests); today {context['today']}\n"
    )
    print("| what | queries | p50 ms | max ms | runs |")
    print("|---|---:|---:|---:|---:|")
    for row in results:
        print(f"| {row['what']} | {row['queries']} | {row['p50_ms']} | {row['max_ms']} | {row['runs']} |")


if __name__ == "__main__":
    main()
