"""Running the schedule: each due job exactly once, however many servers run `sendcase run_schedule`.

For each job of sendcase.core.schedule.JOBS the runner reads the job's row (ScheduledJob: when
it is next due, whether a run holds it) and, if it is due, claims it with one conditional UPDATE:

    UPDATE core_scheduledjob SET next_due_at = <next>, running_since = <now>
     WHERE name = <job> AND next_due_at = <what we read> AND running_since IS <what we read>

Only one of two servers that read the same row can match it, so only one runs the job (the
pattern healthchecks uses to send each alert once). PostgreSQL makes the second UPDATE wait for
the first and then finds the row changed; SQLite runs one writer at a time. The new due time is
the first one after now, so a schedule that missed three weeks runs a weekly job once, not
three times. Every run is recorded (JobRun: started, finished, outcome, summary, error), a job
that raises is recorded as failed and the other jobs still run, and a failed job is tried again
after `Job.retry_after`. A run whose server died is taken over after `Job.timeout`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from sendcase.core import clock, schedule
from sendcase.core.models import JobRun, RunOutcome, ScheduledJob
from sendcase.core.schedule import Job

logger = logging.getLogger(__name__)

SUMMARY_CHARS = 4000
ERROR_CHARS = 20000


def paused_jobs() -> frozenset[str]:
    """The jobs SENDCASE_SCHEDULE_PAUSED names: shown, never run."""
    return frozenset(getattr(settings, "SENDCASE_SCHEDULE_PAUSED", ()))


def unknown_job_names(names: Iterable[str]) -> list[str]:
    return sorted(set(names) - set(schedule.JOBS_BY_NAME))


def job_state(job: Job, *, now: dt.datetime) -> ScheduledJob:
    """The job's row; the first time, due at its latest scheduled time, so it runs now, once."""
    state, _ = ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_due_at": job.cadence.previous(now)})
    return state


def claim(job: Job, *, now: dt.datetime) -> JobRun | None:
    """This server's run of `job` if it is due and no other server has claimed it; else None."""
    state = job_state(job, now=now)
    if state.next_due_at > now:
        return None
    died = state.running_since is not None and state.running_since <= now - job.timeout
    if state.running_since is not None and not died:
        return None  # the previous run is still going: this one waits for it
    with transaction.atomic():
        won = ScheduledJob.objects.filter(
            name=job.name, next_due_at=state.next_due_at, running_since=state.running_since
        ).update(next_due_at=job.cadence.next(now), running_since=now)
        if not won:
            return None  # another server read the same row and claimed it first
        if died:
            JobRun.objects.filter(job_id=job.name, outcome=RunOutcome.RUNNING).update(
                outcome=RunOutcome.ABANDONED,
                finished_at=now,
                error=f"No result was recorded within {_duration(job.timeout)} of the start: "
                "the process running it stopped. The schedule ran the job again.",
            )
        return JobRun.objects.create(
            job_id=job.name, due_at=state.next_due_at, started_at=now, host=f"{socket.gethostname()} pid {os.getpid()}"
        )


def execute(job: Job, run: JobRun) -> JobRun:
    """Run the claimed job and record how it ended. A failure is recorded, never raised."""
    started = time.monotonic()
    summary, error, outcome = "", "", RunOutcome.SUCCEEDED
    try:
        summary = job.run() or ""
    except Exception:  # noqa: BLE001 - a failing job is recorded and must not stop the others
        logger.exception("Scheduled job %s failed", job.name)
        error, outcome = traceback.format_exc(), RunOutcome.FAILED
        # A job that broke the database connection must not stop its failure being recorded.
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
    # Measured, not read from the clock again: `started_at` may be a time given to run_due.
    finished = run.started_at + dt.timedelta(seconds=time.monotonic() - started)
    run.finished_at, run.outcome = finished, outcome
    # The start of a long summary says most (the totals come first); the end of a traceback does.
    run.summary = summary if len(summary) <= SUMMARY_CHARS else summary[: SUMMARY_CHARS - 1] + "…"
    run.error = error[-ERROR_CHARS:]
    with transaction.atomic():
        run.save(update_fields=["finished_at", "outcome", "summary", "error"])
        # Only while this run still holds the job: a run taken over after its timeout changes nothing.
        held = ScheduledJob.objects.filter(name=job.name, running_since=run.started_at)
        if outcome == RunOutcome.FAILED and job.retry_after is not None:
            retry_at = finished + job.retry_after
            held.filter(next_due_at__gt=retry_at).update(next_due_at=retry_at)
        changes: dict[str, object] = {"running_since": None, "last_run": run}
        if outcome == RunOutcome.SUCCEEDED:
            changes["last_succeeded_at"] = finished
        held.update(**changes)
    logger.info("Scheduled job %s %s: %s", job.name, outcome, run.error_summary or summary[-200:])
    return run


def run_due(
    *, now: dt.datetime | None = None, jobs: Iterable[Job] | None = None, only: Iterable[str] = ()
) -> list[JobRun]:
    """Run every due job (of those named in `only`, if given) that this server can claim."""
    now = now or clock.now()
    jobs = schedule.JOBS if jobs is None else jobs
    wanted, paused = set(only), paused_jobs()
    runs = []
    for job in jobs:
        if (wanted and job.name not in wanted) or job.name in paused:
            continue
        run = claim(job, now=now)
        if run is not None:
            runs.append(execute(job, run))
    return runs


HEALTH_TEXT = {
    "ok": "Succeeded",
    "running": "Running",
    "failed": "Failed",
    "missed": "Missed",
    "never": "Not run yet",
    "paused": "Paused",
}


@dataclass(frozen=True)
class JobStatus:
    job: Job
    state: ScheduledJob | None
    now: dt.datetime
    paused: bool

    @property
    def last_run(self) -> JobRun | None:
        return self.state.last_run if self.state else None

    @property
    def next_due_at(self) -> dt.datetime:
        """When it is due next: for a job never run, now (the first run catches up at once)."""
        return self.state.next_due_at if self.state else self.job.cadence.previous(self.now)

    @property
    def due(self) -> bool:
        return self.next_due_at <= self.now

    @property
    def overdue(self) -> bool:
        """Due longer ago than its grace: `sendcase run_schedule` is not running, or not often enough."""
        return self.next_due_at + self.job.grace < self.now

    @property
    def health(self) -> str:
        """ "paused", "running", "failed", "missed", "never" or "ok": what a manager needs to know first."""
        if self.paused:
            return "paused"
        if self.state is not None and self.state.running_since is not None:
            return "running"
        last = self.last_run
        if last is None:
            return "never"
        if last.outcome in (RunOutcome.FAILED, RunOutcome.ABANDONED):
            return "failed"
        return "missed" if self.overdue else "ok"

    @property
    def health_text(self) -> str:
        return HEALTH_TEXT[self.health]


def schedule_status(*, now: dt.datetime | None = None) -> list[JobStatus]:
    """Each job with its row and last run, in the schedule's order: one query."""
    now = now or clock.now()
    states = {s.name: s for s in ScheduledJob.objects.select_related("last_run")}
    paused = paused_jobs()
    return [JobStatus(job, states.get(job.name), now, job.name in paused) for job in schedule.JOBS]


def job_status(name: str, *, now: dt.datetime | None = None) -> JobStatus:
    now = now or clock.now()
    state = ScheduledJob.objects.select_related("last_run").filter(name=name).first()
    return JobStatus(schedule.JOBS_BY_NAME[name], state, now, name in paused_jobs())


def recent_failures(*, now: dt.datetime | None = None, days: int = 30, limit: int = 20) -> list[JobRun]:
    since = (now or clock.now()) - dt.timedelta(days=days)
    return list(
        JobRun.objects.filter(outcome__in=(RunOutcome.FAILED, RunOutcome.ABANDONED), started_at__gte=since).order_by(
            "-started_at"
        )[:limit]
    )


def _duration(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60} hours" if minutes % 60 == 0 and minutes >= 120 else f"{minutes} minutes"
