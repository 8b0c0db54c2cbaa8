"""Seed an `la` and a `national` database on one PostgreSQL server, then benchmark both pages.

    scripts/with-postgres .venv/bin/python benchmarks/run.py [--scales la national]

DATABASE_URL names the server (scripts/with-postgres sets it); each scale gets a fresh database
on it, bench_la and bench_national, created here. Prints the machine, how long each seed took,
and one markdown table of the page measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SENDCASE = str(ROOT / ".venv" / "bin" / "sendcase")
PYTHON = sys.executable


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} CPUs ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["la", "national"], choices=["la", "national"])
    parser.add_argument("--seed", default="2025")
    parser.add_argument("--requests", default="200")
    args = parser.parse_args()

    import psycopg

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (scripts/with-postgres does).")
    with psycopg.connect(server, autocommit=True) as conn:
        version = conn.execute("show server_version").fetchone()[0]  # type: ignore[index]
    print(f"Machine: {machine()}; PostgreSQL {version}")

    rows = []
    for scale in args.scales:
        name = f"bench_{scale}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env = os.environ | {"DATABASE_URL": with_database(server, name)}
        subprocess.run([SENDCASE, "migrate", "--no-input", "-v0"], env=env, check=True)
        started = time.perf_counter()
        subprocess.run([SENDCASE, "seed_demo", "--scale", scale, "--seed", args.seed], env=env, check=True)
        print(f"Seeded {scale} in {time.perf_counter() - started:,.0f} s", flush=True)
        out = subprocess.run(
            [
                PYTHON,
                str(ROOT / "benchmarks" / "bench_pages.py"),
                "--label",
                scale,
                "--json",
                "--requests",
                args.requests,
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.extend(json.loads(line) for line in out.splitlines() if line.startswith("{"))

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_pages import table

    print()
    print(table(rows))


if __name__ == "__main__":
    main()
