"""How long SENDcase takes to compute one year of the DfE EHC plan statistics for all of England,
and whether DuckDB, reading the same records, gives the same figures (and how fast).

Run against a seeded national database on PostgreSQL (see docs/benchmarks.md):

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_statistics.py --year 2025

1. `ehcp_statistics(year=...)` for every council together: one warm-up run, then the median of
   `--runs` timed runs (target: under 5 s).
2. The columns those figures need are exported from PostgreSQL with COPY ... TO STDOUT (CSV) and
   loaded into an in-memory DuckDB with read_csv; the same definitions, written once more in
   DuckDB SQL below, are timed the same way.
3. Every figure is compared; the script exits non-zero if any differs.

Prints a markdown table (or one JSON object with --json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from common import configure as _configure

ROOT = Path(__file__).resolve().parent.parent

EXPORTS = {
    "requests": (
        "cases_assessmentrequest",
        "id, child_id, kind, received_on, assess_decision, assess_decision_on, issue_decision, "
        "issue_decision_on, final_issued_on, outcome, closed_on, in_relevant_youth_accommodation::int AS rya",
    ),
    "exceptions": ("cases_timescaleexception", "request_id, kind, start_on, end_on"),
    "plans": (
        "cases_plan",
        "id, child_id, request_id, issued_on, status, transferred_in_from, ceased_on, cease_reason",
    ),
    "children": ("people_child", "id, local_authority_id, primary_need"),
}


# Codes that look numeric to DuckDB's CSV sniffer (cease_reason "5", an LA number) but are text.
TEXT = {
    "requests": ("kind", "assess_decision", "issue_decision", "outcome"),
    "exceptions": ("kind",),
    "plans": ("status", "transferred_in_from", "cease_reason"),
    "children": ("primary_need",),
}


def timed(run, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    result = run()  # warm-up: caches, connections
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def pc(numerator: str, denominator: str) -> str:
    """The release's percentage in integer arithmetic: tenths of a per cent, halves rounded up."""
    return (
        f"CASE WHEN {denominator} = 0 THEN NULL "
        f"ELSE ((2000 * {numerator} + {denominator}) // (2 * {denominator})) / 10.0 END"
    )


def duckdb_sql(year: int, census: dt.date, week20_kinds: list[tuple[str, int | None]]) -> str:
    """The same definitions as sendcase/statistics/ehcp.py, written independently in DuckDB SQL."""
    start, end, c = f"DATE '{year}-01-01'", f"DATE '{year}-12-31'", f"DATE '{census.isoformat()}'"
    long_enough = " OR ".join(
        f"(e.kind = '{kind}'"
        + ("" if minimum is None else f" AND (e.end_on IS NULL OR e.end_on - e.start_on + 1 >= {minimum})")
        + ")"
        for kind, minimum in week20_kinds
    )
    issued = f"final_issued_on BETWEEN {start} AND {end}"
    request_counts = {
        "requests_received_in_year": "received",
        "requests_rya": "received AND rya = 1",
        "requests_decided_to_assess": "received AND decided AND assess_decision = 'assess'",
        "requests_decided_not_to_assess": "received AND decided AND assess_decision = 'not_assess'",
        "requests_decision_not_made": "received AND NOT coalesce(decided, false) AND NOT coalesce(ended, false)",
        "requests_withdrawn": "received AND NOT coalesce(decided, false) AND ended",
        "request_outcome_six_weeks": "told AND decision_days <= 42",
        "request_outcome_over_6_weeks": "told AND decision_days > 42",
        "assess_not_issued": "refused",
        "outcome_decision_within_time": "refused AND refusal_days <= 112",
        "outcome_decision_over_time": "refused AND refusal_days > 112",
        "plans_issued_den": issued,
        "plans_issued_den_ex": f"{issued} AND NOT week20",
        "plans_issued_within_20_weeks": f"{issued} AND days <= 140",
        "plans_issued_20_weeks_ex": f"{issued} AND days <= 140 AND NOT week20",
        "plans_issued_gt20weeks_ltYear": f"{issued} AND days > 140 AND days <= 364",
        "plans_issued_gt20weeks_ltYear_ex": f"{issued} AND days > 140 AND days <= 364 AND NOT week20",
        "plans_issued_gt_1_year": f"{issued} AND days > 364",
        "plans_issued_gt_1_year_ex": f"{issued} AND days > 364 AND NOT week20",
    }
    needs = ["ASD", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI"]
    plan_counts = {"ehcplans": "active", "new_ehc_plans": "new"}
    for prefix, where in (("all_", "active"), ("new_", "new")):
        for need in needs:
            codes = ", ".join(repr(code) for code in (["OTH", "DS"] if need == "OTH" else [need]))
            plan_counts[f"{prefix}number_{need.lower()}"] = f"{where} AND primary_need IN ({codes})"
        known = ", ".join(repr(code) for code in [*needs, "DS"])
        plan_counts[f"{prefix}number_need_unknown"] = f"{where} AND coalesce(primary_need, '') NOT IN ({known})"
    reason = "coalesce(cease_reason, '')"
    ceased_counts = {
        "transfer": f"{reason} = '5' OR ({reason} = '' AND status = 'transferred_out')",
        "not_rec": f"{reason} = '' AND status <> 'transferred_out'",
        "total_ceased": "true",
    }
    cease = {"1": "max_age", "2": "needs_met", "3": "he", "4": "employ", "6": "no_engage"}
    cease |= {"7": "moved_outside_eng", "8": "deceased", "9": "other"}
    ceased_counts |= {name: f"{reason} = '{code}'" for code, name in cease.items()}
    percentages = {
        "request_assess_pc": ("requests_decided_to_assess", "requests_received_in_year"),
        "request_not_assess_pc": ("requests_decided_not_to_assess", "requests_received_in_year"),
        "request_outstanding_pc": ("requests_decision_not_made", "requests_received_in_year"),
        "request_withdrawn_pc": ("requests_withdrawn", "requests_received_in_year"),
        "request_outcome_six_weeks_pc": ("request_outcome_six_weeks", "timed"),
        "request_outcome_over_6_weeks_pc": ("request_outcome_over_6_weeks", "timed"),
        "outcome_decision_within_time_pc": ("outcome_decision_within_time", "assess_not_issued"),
        "outcome_decision_over_time_pc": ("outcome_decision_over_time", "assess_not_issued"),
        "pc_plans_issued_within_20_weeks": ("plans_issued_within_20_weeks", "plans_issued_den"),
        "PC_plans_issued_20_weeks_ex": ("plans_issued_20_weeks_ex", "plans_issued_den_ex"),
        "pc_plans_issued_gt20weeks_ltYear": ("plans_issued_gt20weeks_ltYear", "plans_issued_den"),
        "PC_plans_issued_gt20weeks_ltYear_ex": ("plans_issued_gt20weeks_ltYear_ex", "plans_issued_den_ex"),
        "pc_plans_issued_gt_1_year": ("plans_issued_gt_1_year", "plans_issued_den"),
        "PC_plans_issued_gt_1_year_ex": ("plans_issued_gt_1_year_ex", "plans_issued_den_ex"),
    }

    def counts(named: dict[str, str]) -> str:
        return ",\n               ".join(f"count(*) FILTER (WHERE {where}) AS {name}" for name, where in named.items())

    decision = "coalesce(assess_decision, '') IN ('assess', 'not_assess')"
    # Everything interpolated here is written in this file; nothing comes from outside.
    return f"""
    WITH r AS (
        SELECT *, assess_decision_on - received_on AS decision_days,
               issue_decision_on - received_on AS refusal_days,
               final_issued_on - received_on AS days,
               {decision} AND assess_decision_on <= {c} AS decided,
               outcome IN ('withdrawn', 'transferred_out') AND closed_on <= {c} AS ended,
               received_on BETWEEN {start} AND {end} AS received,
               {decision} AND assess_decision_on BETWEEN {start} AND {end} AS told,
               coalesce(issue_decision, '') = 'not_issue' AND issue_decision_on BETWEEN {start} AND {end} AS refused,
               EXISTS (SELECT 1 FROM exceptions e WHERE e.request_id = requests.id AND ({long_enough})
                       AND e.start_on - requests.received_on <= 140
                       AND (e.end_on IS NULL OR e.end_on >= requests.received_on)) AS week20
        FROM requests WHERE kind = 'initial'
    ), req AS (
        SELECT {counts(request_counts)} FROM r
    ), p AS (
        SELECT plans.*, children.primary_need,
               issued_on <= {c} AND (ceased_on > {c} OR (ceased_on IS NULL AND status = 'active')) AS active,
               issued_on BETWEEN {start} AND {end} AND coalesce(transferred_in_from, '') = ''
                 AND (plans.request_id IS NULL OR requests.kind = 'initial') AS new
        FROM plans JOIN children ON children.id = plans.child_id
        LEFT JOIN requests ON requests.id = plans.request_id
    ), caseload AS (
        SELECT {counts(plan_counts)} FROM p
    ), ceased AS (
        SELECT {counts(ceased_counts)}
        FROM plans q
        WHERE ceased_on BETWEEN {start} AND {end}
          AND NOT EXISTS (SELECT 1 FROM plans n JOIN requests a ON a.id = n.request_id
                          WHERE n.child_id = q.child_id AND n.issued_on = q.ceased_on AND a.kind = 'reassessment')
    ), figures AS (
        SELECT *, request_outcome_six_weeks + request_outcome_over_6_weeks AS timed FROM req, caseload, ceased
    )
    SELECT *, {", ".join(f"{pc(n, d)} AS {name}" for name, (n, d) in percentages.items())}
    FROM figures
    """  # noqa: S608


def duckdb_figures(row: dict[str, object]) -> tuple[dict[str, object], dict[str, object]]:
    """The DuckDB row as the flat figures and the new-plans-by-need figures, named as SENDcase names them."""
    stems = ["asd", "hi", "mld", "msi", "oth", "pd", "pmld", "semh", "slcn", "sld", "spld", "vi"]

    def shares(prefix: str, total: int) -> dict[str, object]:
        out: dict[str, object] = {"ehc_plans": total}
        for stem in [*stems, "need_unknown"]:
            out[f"number_{stem}"] = row[f"{prefix}number_{stem}"]
        for stem in stems:
            out[f"{stem}_pc"] = (
                None if not total else ((2000 * row[f"{prefix}number_{stem}"] + total) // (2 * total)) / 10
            )  # type: ignore[operator]
        out["unknown_pc"] = (
            None if not total else ((2000 * row[f"{prefix}number_need_unknown"] + total) // (2 * total)) / 10
        )  # type: ignore[operator]
        return out

    flat = {k: v for k, v in row.items() if not k.startswith(("all_", "new_number"))}
    flat |= shares("all_", row["ehcplans"])  # type: ignore[arg-type]
    return flat, shares("new_", row["new_ehc_plans"])  # type: ignore[arg-type]


def same(ours: object, theirs: object) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return Decimal(str(ours)) == Decimal(str(theirs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="national")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    _configure()
    import django

    django.setup()
    import duckdb
    from django.db import connection

    from sendcase import timescales
    from sendcase.statistics import dfe
    from sendcase.statistics.ehcp import ehcp_statistics

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the seeded national database on PostgreSQL.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM people_child), (SELECT count(*) FROM cases_plan), "
            "(SELECT count(*) FROM cases_assessmentrequest), (SELECT count(*) FROM cases_timescaleexception)"
        )
        children, plans, requests, exceptions = cursor.fetchone()

    pg_seconds, result = timed(lambda: ehcp_statistics(year=args.year), args.runs)
    ours = result.as_json()  # type: ignore[attr-defined]

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        raw = connection.connection  # psycopg 3
        for name, (table, columns) in EXPORTS.items():
            statement = f"COPY (SELECT {columns} FROM {table}) TO STDOUT WITH (FORMAT csv, HEADER)"  # noqa: S608
            with (
                open(Path(folder) / f"{name}.csv", "wb") as out,
                raw.cursor() as cursor,
                cursor.copy(statement) as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
        export_seconds = time.perf_counter() - started
        duck = duckdb.connect()
        started = time.perf_counter()
        for name in EXPORTS:
            path = Path(folder) / f"{name}.csv"
            types = "{" + ", ".join(f"'{column}': 'VARCHAR'" for column in TEXT[name]) + "}"
            duck.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true, types = {types})")  # noqa: S608
        load_seconds = time.perf_counter() - started

    kinds = [(kind.value, kind.minimum_days) for kind in timescales.kinds_for_limit(timescales.FINAL_PLAN.code)]
    sql = duckdb_sql(args.year, dfe.census_date(args.year + 1), kinds)

    def run_duckdb() -> dict[str, object]:
        cursor = duck.execute(sql)
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))

    duck_seconds, duck_row = timed(run_duckdb, args.runs)
    flat, by_need = duckdb_figures(duck_row)  # type: ignore[arg-type]
    differences = [
        f"{name}: SENDcase {ours[name]}, DuckDB {flat.get(name)}"
        for name in result.figures
        if not same(ours[name], flat.get(name))  # type: ignore[attr-defined]
    ] + [
        f"sen_need_newplans.{name}: SENDcase {value}, DuckDB {by_need.get(name)}"
        for name, value in ours["sen_need_newplans"].items()
        if not same(value, by_need.get(name))
    ]
    compared = len(result.figures) + len(ours["sen_need_newplans"])  # type: ignore[attr-defined]
    report = {
        "label": args.label,
        "year": args.year,
        "children": children,
        "plans": plans,
        "requests": requests,
        "exceptions": exceptions,
        "runs": args.runs,
        "postgresql_median_s": round(pg_seconds, 3),
        "duckdb_median_s": round(duck_seconds, 3),
        "ratio": round(pg_seconds / duck_seconds, 1) if duck_seconds else None,
        "export_csv_s": round(export_seconds, 1),
        "duckdb_load_s": round(load_seconds, 1),
        "figures_compared": compared,
        "differences": differences,
        "headline": {
            k: ours[k]
            for k in (
                "requests_received_in_year",
                "plans_issued_den",
                "pc_plans_issued_within_20_weeks",
                "PC_plans_issued_20_weeks_ex",
                "total_ceased",
                "ehcplans",
            )
        },
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"| database | year | children | plans | SENDcase on PostgreSQL (median of {args.runs}) "
            f"| DuckDB, same definitions (median of {args.runs}) | ratio | figures equal |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        print(
            f"| {args.label} | {args.year} | {children:,} | {plans:,} | {pg_seconds:.2f} s | {duck_seconds:.2f} s | "
            f"{report['ratio']}x | {'yes' if not differences else 'NO'}: {compared} figures |"
        )
        print(f"\nCSV export from PostgreSQL {export_seconds:.1f} s; DuckDB read_csv {load_seconds:.1f} s.")
        print("Headline:", json.dumps(report["headline"]))
        for line in differences:
            print("DIFFERENT", line)
    if differences:
        sys.exit(1)


if __name__ == "__main__":
    main()
