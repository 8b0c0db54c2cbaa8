"""How fast the REST API v1 answers for the largest council of a national database.

Run against a COPY of a seeded database: it creates an API token for a case officer and every
page it reads writes access events, as any API read does.

    DATABASE_URL=postgres://.../bench_copy .venv/bin/python benchmarks/bench_api.py

For the council with the most children it times each list (first page), one child, the change
feeds with a `modified_since` in the future (nothing to return: the cost of asking), and walks
every child of the council 500 a page. Medians of `--runs` requests; prints a markdown table
with the number of SQL queries of one request.
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import configure as _configure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed requests per call")
    args = parser.parse_args()

    _configure()
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sendcase.accounts.models import Role, User
    from sendcase.api.tokens import api_token_create
    from sendcase.people.models import Child

    la_id = Child.objects.values("local_authority_id").annotate(n=Count("pk")).order_by("-n")[0]["local_authority_id"]
    officer = User.objects.filter(local_authority_id=la_id, role=Role.CASE_OFFICER, is_active=True).first()
    _, token = api_token_create(actor=None, user=officer, name="benchmark", days=1)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    child = Child.objects.filter(local_authority_id=la_id).exclude(stage="closed").first()

    def timed(url: str) -> tuple[float, float, int]:
        samples, queries = [], 0
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code} {response.content[:200]!r}")
            queries = len(ctx.captured_queries)
        return statistics.median(samples), max(samples), queries

    future = "2100-01-01T00:00:00Z"
    print(f"council with the most children: {Child.objects.filter(local_authority_id=la_id).count():,}")
    print(f"\n| call | median | slowest of {args.runs} | SQL queries |\n|---|---:|---:|---:|")
    for url in (
        "/api/v1/children/",
        "/api/v1/children/?page_size=500",
        "/api/v1/cases/",
        "/api/v1/requests/",
        "/api/v1/advice/",
        "/api/v1/plans/",
        f"/api/v1/children/{child.pk}/",
        f"/api/v1/children/?modified_since={future}",
        f"/api/v1/cases/?modified_since={future}",
        "/api/v1/events/",
    ):
        median, slowest, queries = timed(url)
        shown = url.replace(str(child.pk), "{id}")
        print(f"| `GET {shown}` | {median:.0f} ms | {slowest:.0f} ms | {queries} |")
    started, url, pages = time.perf_counter(), "/api/v1/children/?page_size=500", 0
    while url:
        response = client.get(url)
        pages += 1
        url = response.json()["next"]
    print(f"| every child of the council, 500 a page ({pages} pages) | {time.perf_counter() - started:.1f} s | | |")


if __name__ == "__main__":
    main()
