"""SEN2 return at national scale: export time and memory, the check of the exported files, import rate.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/bench_sen2 .venv/bin/python benchmarks/bench_sen2.py

DATABASE_URL names a copy of the national demo database (never `national` itself). The script

1. exports every council's 2025 return (`sendcase sen2_export`, one file a council, one pass over
   the database) as a subprocess under /usr/bin/time -v, `--runs` times: wall time and peak
   resident memory of the process, targets under 60 s and under 500 MB;
2. exports them again with `--validate`, which then reads every written file back and checks it
   against the XSD and every rule as an import would (streamed, a person at a time), and times
   the two apart: the check's time and cost per person are reported on their own line, beside
   the export's (skip it with `--skip-check`);
3. imports the exported files of the `--import-councils` largest councils into an empty
   database (a fresh copy, each run, of a migrated database holding only those councils) with
   `sendcase sen2_import`, one process a file: persons per second, target at least 5,000.
   The rate is persons over the time the imports report themselves (both passes: checking the
   whole file, then writing it); the time with interpreter start-up is shown too.

Prints the machine, the load average around each run, and a markdown table of medians.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SENDCASE = str(ROOT / ".venv" / "bin" / "sendcase")
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import machine  # noqa: E402

_ELAPSED = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)")
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_EXPORTED = re.compile(r"Exported ([\d,]+) persons in (\d+) files? in ([\d.,]+) s")
_CHECKED = re.compile(
    r"Checked ([\d,]+) persons in (\d+) files? against the schema and every rule in ([\d.,]+) s: ([\d,]+) error"
)
_IMPORTED = re.compile(r"([\d,]+) persons .* in ([\d.,]+) s \(")


def database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def timed(args: list[str], env: dict[str, str], *, check: bool = True) -> tuple[float, int, str, str]:
    """(wall seconds, peak RSS in MB, stdout, stderr) of a command run under /usr/bin/time -v."""
    done = subprocess.run(["/usr/bin/time", "-v", *args], env=env, capture_output=True, text=True, check=check)
    hours, minutes, seconds = _ELAPSED.search(done.stderr).groups()  # type: ignore[union-attr]
    wall = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss = int(_RSS.search(done.stderr).group(1)) // 1024  # type: ignore[union-attr]
    return wall, rss, done.stdout, done.stderr


def output(url: str, year: int, out: Path) -> list[str]:
    """The export's --output (and --la) arguments, so the files land in `out` as sen2-YEAR-LA.xml.

    A database of several councils is written into the directory; one with a single council (a
    smaller seed, to try the script out) writes one file, so it is named here.
    """
    import psycopg

    with psycopg.connect(url) as conn:
        codes = [code for (code,) in conn.execute("select code from organisations_localauthority order by code")]
    if len(codes) > 1:
        return ["--output", str(out)]
    out.mkdir(parents=True, exist_ok=True)
    return ["--output", str(out / f"sen2-{year}-{codes[0]}.xml"), "--la", codes[0]]


def export_runs(url: str, year: int, runs: int, out: Path) -> list[tuple[float, int, int]]:
    env = os.environ | {"DATABASE_URL": url}
    results = []
    for run in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        before = load()
        args = [SENDCASE, "sen2_export", "--year", str(year), *output(url, year, out), "--dmo", "Y", "--dco", "Y"]
        # --skip-checks is Django's flag for skipping its system checks at start-up (every
        # management command has it), not anything about the SEN2 checks of the return.
        wall, rss, stdout, _ = timed([*args, "--skip-checks"], env)
        persons = int(_EXPORTED.search(stdout).group(1).replace(",", ""))  # type: ignore[union-attr]
        print(f"export run {run + 1}: {wall:.1f} s, {rss} MB, {persons:,} persons (load {before} -> {load()})")
        results.append((wall, rss, persons))
    return results


def check_runs(url: str, year: int, runs: int, out: Path) -> list[tuple[float, float, int, int]]:
    """(export seconds, check seconds, persons, peak MB) of `sen2_export --validate`, each run.

    The command reports the time it took to write the files and, after, the time it took to read
    every file back and check it (schema and rules), so the two are measured in one process.
    """
    env = os.environ | {"DATABASE_URL": url}
    results = []
    for run in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        before = load()
        args = [SENDCASE, "sen2_export", "--year", str(year), *output(url, year, out), "--dmo", "Y", "--dco", "Y"]
        # --skip-checks: Django's system checks, as above; --validate is the check of the files.
        # A file with an error makes the command exit 1 with the summary on stderr: still a run.
        wall, rss, stdout, stderr = timed([*args, "--validate", "--skip-checks"], env, check=False)
        exported = float(_EXPORTED.search(stdout).group(3).replace(",", ""))  # type: ignore[union-attr]
        checked = _CHECKED.search(stdout) or _CHECKED.search(stderr)
        persons, files, seconds, errors = checked.groups()  # type: ignore[union-attr]
        persons_n, seconds_f = int(persons.replace(",", "")), float(seconds.replace(",", ""))
        print(
            f"check run {run + 1}: export {exported:.1f} s, then check of {persons_n:,} persons in {files} files "
            f"{seconds_f:.1f} s ({seconds_f / persons_n * 1e6:.0f} us a person), {errors} errors; "
            f"{wall:.1f} s, {rss} MB in all (load {before} -> {load()})"
        )
        results.append((exported, seconds_f, persons_n, rss))
    return results


def _psql(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def import_runs(url: str, files: list[Path], runs: int) -> list[tuple[int, float, float]]:
    import psycopg

    server = database(url, "postgres")
    template = f"{urlsplit(url).path.strip('/')}_sen2_empty"
    codes = [re.search(r"-(\d{3})\.xml$", f.name).group(1) for f in files]  # type: ignore[union-attr]
    with psycopg.connect(url) as conn:
        councils = conn.execute(
            "select code, name from organisations_localauthority where code = any(%s)", [codes]
        ).fetchall()
    _psql(server, f'DROP DATABASE IF EXISTS "{template}"')
    _psql(server, f'CREATE DATABASE "{template}"')
    env = os.environ | {"DATABASE_URL": database(url, template)}
    subprocess.run([SENDCASE, "migrate", "--no-input", "-v0", "--skip-checks"], env=env, check=True)
    with psycopg.connect(database(url, template), autocommit=True) as conn:
        for code, name in councils:
            conn.execute(
                "insert into organisations_localauthority (id, created_at, modified_at, code, name, ons_code, region) "
                "values (gen_random_uuid(), now(), now(), %s, %s, '', '')",
                [code, name],
            )
    results = []
    for run in range(runs):
        target = f"{template}_run"
        _psql(server, f'DROP DATABASE IF EXISTS "{target}"')
        _psql(server, f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
        env = os.environ | {"DATABASE_URL": database(url, target)}
        persons, reported, started, before = 0, 0.0, time.perf_counter(), load()
        for path in files:
            done = subprocess.run(
                # --skip-checks: Django's system checks at start-up, not the import's checks.
                [SENDCASE, "sen2_import", str(path), "--skip-checks"],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.exit(f"import of {path} failed:\n{done.stdout}\n{done.stderr[-2000:]}")
            count, seconds = _IMPORTED.search(done.stdout).groups()  # type: ignore[union-attr]
            persons += int(count.replace(",", ""))
            reported += float(seconds.replace(",", ""))
        wall = time.perf_counter() - started
        print(
            f"import run {run + 1}: {persons:,} persons in {reported:.1f} s as reported "
            f"({persons / reported:,.0f} persons/s), {wall:.1f} s with start-up (load {before} -> {load()})"
        )
        results.append((persons, reported, wall))
        _psql(server, f'DROP DATABASE IF EXISTS "{target}"')
    _psql(server, f'DROP DATABASE IF EXISTS "{template}"')
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--import-councils", type=int, default=10, help="import the files of the N largest councils")
    parser.add_argument("--skip-export", action="store_true", help="reuse the files of an earlier run in --output")
    parser.add_argument("--skip-check", action="store_true", help="leave out the export with --validate")
    parser.add_argument("--output", default=str(Path(tempfile.gettempdir()) / "sen2-bench"))
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or urlsplit(url).path.strip("/") == "national":
        sys.exit("Set DATABASE_URL to a PostgreSQL copy of the national demo database (not `national` itself).")
    out = Path(args.output)
    print(f"Machine: {machine()}")

    rows = []
    if not args.skip_export:
        exports = export_runs(url, args.year, args.runs, out)
        wall = statistics.median(w for w, _, _ in exports)
        rss = statistics.median(r for _, r, _ in exports)
        persons = exports[0][2]
        rows.append(f"| export, every council | {persons:,} persons | {wall:.1f} s | {rss} MB | < 60 s, < 500 MB |")
    if not args.skip_export and not args.skip_check:
        checks = check_runs(url, args.year, args.runs, out)
        exported = statistics.median(e for e, _, _, _ in checks)
        seconds = statistics.median(c for _, c, _, _ in checks)
        persons = checks[0][2]
        rss = statistics.median(r for _, _, _, r in checks)
        rows.append(
            f"| export with `--validate`: the check of every written file (XSD and rules) | {persons:,} persons "
            f"| {seconds:.1f} s ({seconds / persons * 1e6:.0f} us a person), after {exported:.1f} s of export "
            f"| {rss} MB | |"
        )
    files = sorted(out.glob(f"sen2-{args.year}-*.xml"), key=lambda p: p.stat().st_size, reverse=True)
    imports = import_runs(url, files[: args.import_councils], args.runs)
    persons = imports[0][0]
    rate = statistics.median(p / r for p, r, _ in imports)
    wall = statistics.median(w for _, _, w in imports)
    rows.append(
        f"| import into an empty database, {args.import_councils} largest councils | {persons:,} persons "
        f"| {rate:,.0f} persons/s ({wall:.1f} s with start-up) | | >= 5,000 persons/s |"
    )
    print()
    print("| what | size | median time or rate | peak memory | target |")
    print("|---|---:|---:|---:|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
