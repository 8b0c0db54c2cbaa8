"""Every periodic job SENDcase runs, each named once with when it runs and what it runs.

An operator runs `sendcase run_schedule` every few minutes (one cron line or systemd timer,
docs/schedule.md); it runs each job that is due, once, however many servers run it
(`sendcase.core.scheduler`). Times are in Europe/London, as every date in SENDcase is.

    notifications_retry  every 10 minutes            sendcase notifications_retry
    send_reminders       daily at 07:15              sendcase send_reminders
    review_lists         daily at 06:30              sendcase review_lists (the next term, once its lists are due)
    scorecard_snapshot   weekly on Monday at 06:00   sendcase scorecard_snapshot (each council on its own)
    audit_verify         daily at 02:30              sendcase audit_verify
    clear_sessions       daily at 03:00              sendcase clearsessions
    forget_old_runs      daily at 03:30              forgets the schedule's own runs older than 90 days

The cadences are pure date arithmetic: `previous(now)` is the latest time the job was due at or
before `now`, `next(now)` the first after it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from sendcase.core import jobs
from sendcase.timescales import format_date

LONDON = ZoneInfo("Europe/London")


class Cadence(Protocol):
    def previous(self, now: dt.datetime) -> dt.datetime: ...

    def next(self, now: dt.datetime) -> dt.datetime: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class Every:
    """Every `minutes` minutes, on the minute: every 10 minutes is :00, :10, :20 ... of each hour."""

    minutes: int

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= 60 or 60 % self.minutes:
            raise ValueError("Every(minutes) takes a number of minutes that divides an hour")

    def previous(self, now: dt.datetime) -> dt.datetime:
        start = now.astimezone(dt.UTC).replace(second=0, microsecond=0)
        return start - dt.timedelta(minutes=start.minute % self.minutes)

    def next(self, now: dt.datetime) -> dt.datetime:
        return self.previous(now) + dt.timedelta(minutes=self.minutes)

    def describe(self) -> str:
        return f"every {self.minutes} minutes"


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    """`time` UK time on `day`, in UTC: arithmetic on UK wall-clock times would be an hour out
    across a clock change. A time between 01:00 and 02:00 would fall in the hour the clocks skip
    or repeat: no job uses one."""
    return dt.datetime.combine(day, time, tzinfo=LONDON).astimezone(dt.UTC)


@dataclass(frozen=True)
class Daily:
    """Once a day at `at`, UK time (so 06:00 GMT in winter and 06:00 BST in summer)."""

    at: dt.time

    def previous(self, now: dt.datetime) -> dt.datetime:
        day = now.astimezone(LONDON).date()
        slot = _at(day, self.at)
        return slot if slot <= now else _at(day - dt.timedelta(days=1), self.at)

    def next(self, now: dt.datetime) -> dt.datetime:
        day = now.astimezone(LONDON).date()
        slot = _at(day, self.at)
        return slot if slot > now else _at(day + dt.timedelta(days=1), self.at)

    def describe(self) -> str:
        return f"daily at {self.at:%H:%M}"


@dataclass(frozen=True)
class Weekly:
    """Once a week on `weekday` (0 is Monday) at `at`, UK time."""

    weekday: int
    at: dt.time

    def previous(self, now: dt.datetime) -> dt.datetime:
        day = now.astimezone(LONDON).date()
        day -= dt.timedelta(days=(day.weekday() - self.weekday) % 7)
        slot = _at(day, self.at)
        return slot if slot <= now else _at(day - dt.timedelta(days=7), self.at)

    def next(self, now: dt.datetime) -> dt.datetime:
        return _at(self.previous(now).astimezone(LONDON).date() + dt.timedelta(days=7), self.at)

    def describe(self) -> str:
        return f"weekly on {calendar.day_name[self.weekday]} at {self.at:%H:%M}"


def moment_text(moment: dt.datetime | None) -> str:
    """A time as people read it, in UK time: "Monday 2 June 2025 at 06:00"."""
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    return f"{calendar.day_name[local.weekday()]} {format_date(local.date())} at {local:%H:%M}"


@dataclass(frozen=True)
class Job:
    name: str
    title: str  # what it does, in words a manager reads
    cadence: Cadence
    runs: str  # what it runs, as an operator would type it
    run: Callable[[], str]  # does the work; returns what to record (counts, never a child's details)
    # A run that has not recorded a result this long after it started is taken to have died
    # with its server, and the job can be claimed again.
    timeout: dt.timedelta = dt.timedelta(hours=1)
    # After a failure, try again this long after (never later than the next due time); None: wait for it.
    retry_after: dt.timedelta | None = dt.timedelta(hours=1)
    # How long after its due time a job that has not run is reported as missed.
    grace: dt.timedelta = dt.timedelta(hours=1)

    @property
    def when(self) -> str:
        return self.cadence.describe()


JOBS: tuple[Job, ...] = (
    Job(
        name="notifications_retry",
        title="Send again the emails and text messages GOV.UK Notify could not take earlier",
        cadence=Every(10),
        runs="sendcase notifications_retry",
        run=jobs.notifications_retry,
        timeout=dt.timedelta(minutes=30),
        retry_after=None,  # it runs again in 10 minutes anyway
        grace=dt.timedelta(minutes=30),
    ),
    Job(
        name="send_reminders",
        title="Remind advice-givers 2 weeks and 1 week before advice is due, and when it is overdue",
        cadence=Daily(dt.time(7, 15)),
        runs="sendcase send_reminders",
        run=jobs.send_reminders,
    ),
    Job(
        name="review_lists",
        title="Tell each school its list of annual reviews for the next term is ready",
        cadence=Daily(dt.time(6, 30)),
        runs="sendcase review_lists --term TERM --year YEAR, for the next term, from 4 weeks before it starts",
        run=jobs.review_lists,
    ),
    Job(
        name="scorecard_snapshot",
        title="Publish this week's performance scorecard for every council",
        cadence=Weekly(calendar.MONDAY, dt.time(6, 0)),
        runs="sendcase scorecard_snapshot",
        run=jobs.scorecard_snapshot,
        timeout=dt.timedelta(hours=3),
    ),
    Job(
        name="audit_verify",
        title="Check that no audit event has been changed, removed or reordered",
        cadence=Daily(dt.time(2, 30)),
        runs="sendcase audit_verify",
        run=jobs.audit_verify,
        timeout=dt.timedelta(hours=3),
        retry_after=None,  # a broken chain stays broken: tomorrow's check is soon enough
    ),
    Job(
        name="clear_sessions",
        title="Remove expired sign-in sessions",
        cadence=Daily(dt.time(3, 0)),
        runs="sendcase clearsessions",
        run=jobs.clear_sessions,
    ),
    Job(
        name="forget_old_runs",
        title=f"Forget this schedule's records of runs more than {jobs.KEEP_RUNS_DAYS} days old",
        cadence=Daily(dt.time(3, 30)),
        runs="sendcase run_schedule (its own housekeeping)",
        run=jobs.forget_old_runs,
    ),
)
JOBS_BY_NAME: dict[str, Job] = {job.name: job for job in JOBS}
