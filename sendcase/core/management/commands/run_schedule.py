"""`sendcase run_schedule`: run every periodic job that is due, once, however many servers run it.

Run it every few minutes from one cron line or systemd timer (docs/schedule.md):

    */5 * * * *  cd /srv/sendcase && .venv/bin/sendcase run_schedule

`--list` prints each job, when it last ran and how that ended, and when it is next due.
`--job NAME` runs only the named jobs (if they are due). It exits non-zero when a job failed,
after running the others, so cron mails it and systemd marks the unit failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sendcase.core import clock, schedule
from sendcase.core.models import JobRun, RunOutcome
from sendcase.core.schedule import LONDON
from sendcase.core.scheduler import paused_jobs, run_due, schedule_status, unknown_job_names


def when(moment: dt.datetime | None) -> str:
    return moment.astimezone(LONDON).strftime("%a %d %b %Y %H:%M") if moment else "never"


def ran(run: JobRun) -> str:
    took = f" in {run.duration.total_seconds():.1f} s" if run.duration else ""
    return f"{run.get_outcome_display().lower()}{took}"


class Command(BaseCommand):
    help = (
        "Run each scheduled job that is due (reminders, notification retries, term lists, the weekly scorecard, "
        "audit check, expired sessions), exactly once across all servers. Run it every few minutes."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--list", action="store_true", help="print each job, when it last ran and is next due")
        parser.add_argument("--job", action="append", default=[], help="only this job (repeat for more)")

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = unknown_job_names([*options["job"], *paused_jobs()])
        if unknown:
            known = ", ".join(job.name for job in schedule.JOBS)
            raise CommandError(f"No scheduled job called {', '.join(unknown)}. The jobs are: {known}")
        if options["list"]:
            self._list()
            return
        now = clock.now()
        runs = run_due(now=now, only=options["job"])
        for run in runs:
            self.stdout.write(f"{run.job_id}: {ran(run)}")
            said = run.error_summary if run.outcome == RunOutcome.FAILED else run.summary
            for line in said.splitlines():
                self.stdout.write(f"  {line}")
        if not runs:
            upcoming = min(schedule_status(now=now), key=lambda s: s.next_due_at)
            self.stdout.write(f"Nothing due. Next: {upcoming.job.name} on {when(upcoming.next_due_at)}.")
        failed = [run.job_id for run in runs if run.outcome == RunOutcome.FAILED]
        if failed:
            raise CommandError(
                f"{len(failed)} scheduled job{'s' if len(failed) > 1 else ''} failed: {', '.join(failed)}. "
                "The others ran. `sendcase run_schedule --list` shows each job's last result."
            )

    def _list(self) -> None:
        now = clock.now()
        rows = [("Job", "When (UK time)", "Last ran", "Result", "Next due")]
        for status in schedule_status(now=now):
            last = status.last_run
            if status.health == "running" and status.state is not None:
                result = f"running since {when(status.state.running_since)}"
            elif last is None:
                result = "not run yet"
            elif status.health == "failed":
                result = f"{ran(last)}: {last.error_summary}"
            else:
                result = ran(last)
            due = "paused" if status.paused else "now" if status.next_due_at <= now else when(status.next_due_at)
            if status.state is None and not status.paused:
                due = "at the next run of the schedule"
            elif status.overdue and not status.paused:
                due = f"overdue since {when(status.next_due_at)}"
            rows.append((status.job.name, status.job.when, when(last.started_at) if last else "never", result, due))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            self.stdout.write("  ".join([*(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4]]))
