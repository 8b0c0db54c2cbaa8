"""How fast the caseload page and the case page are for the benchmark officer.

Run against a seeded database (see docs/benchmarks.md):

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_pages.py --label national

For each page it counts the SQL queries of one request (CaptureQueriesContext) and times
`--requests` requests through Django's test Client with DEBUG off, signed in with force_login
as the benchmark officer. The case page cycles through `--children` children of that officer's
caseload: every child with an open request, then children with plans. It prints a markdown
table, or one JSON object per page with --json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from common import PLAIN_STATIC, percentile
from common import configure as _configure

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officer", default="officer@sendcase.example")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--children", type=int, default=50, help="children the case page cycles through")
    parser.add_argument("--label", default="", help="name of this database in the table, e.g. national")
    parser.add_argument("--json", action="store_true", help="print one JSON object per page")
    args = parser.parse_args()

    _configure()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from sendcase.accounts.models import User
    from sendcase.accounts.testing import sign_in_test_client
    from sendcase.cases.models import Plan
    from sendcase.people.models import Child, Stage

    officer = User.objects.get(email=args.officer)
    caseload = Child.objects.filter(key_worker=officer).exclude(stage=Stage.CLOSED)
    open_cases = list(caseload.exclude(stage=Stage.PLAN).order_by("next_due_on").values_list("pk", flat=True))
    with_plans = list(caseload.filter(stage=Stage.PLAN).order_by("next_due_on").values_list("pk", flat=True))
    sample = (open_cases + with_plans)[: args.children]
    context = {
        "database": args.label or connection.vendor,
        "children_in_db": Child.objects.count(),
        "active_plans_in_db": Plan.objects.filter(status="active").count(),
        "caseload": caseload.count(),
    }

    with override_settings(STORAGES=PLAIN_STATIC):
        client = Client()
        sign_in_test_client(client, officer)
        pages = {
            "/caseload/": ["/caseload/"],
            "/children/<id>/": [f"/children/{pk}/" for pk in sample],
        }
        results = []
        for page, urls in pages.items():
            for url in urls[:5]:  # warm up: connection, templates, caches
                assert client.get(url).status_code == 200, url
            counts = []
            for url in urls[: min(len(urls), 10)]:
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                counts.append(len(queries))
            times = []
            for n in range(args.requests):
                url = urls[n % len(urls)]
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, url
            results.append(
                context
                | {
                    "page": page,
                    "queries_min": min(counts),
                    "queries_max": max(counts),
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(percentile(times, 0.95), 1),
                    "max_ms": round(max(times), 1),
                    "requests": len(times),
                    "distinct_urls": len(urls),
                }
            )

    if args.json:
        for row in results:
            print(json.dumps(row))
        return
    print(table(results))


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| database | children | active plans | page | queries | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        low, high = r["queries_min"], r["queries_max"]
        queries = f"{low}" if low == high else f"{low}-{high}"
        lines.append(
            f"| {r['database']} | {r['children_in_db']:,} | {r['active_plans_in_db']:,} | `{r['page']}` | {queries} "
            f"| {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
