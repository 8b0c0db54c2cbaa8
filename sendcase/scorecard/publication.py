"""Whether this week's scorecard has been published, for the warning on the scorecard page.

The weekly snapshot is a job of the schedule (sendcase.core.schedule, "scorecard_snapshot"). A
head of service must notice a week without a published scorecard, so the page says when the
next is due, or, once this week's due time (and its grace) has passed without a snapshot of the
council, that it is missing and why: the job failed, or the schedule did not run it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sendcase.core.schedule import LONDON
from sendcase.core.scheduler import JobStatus, job_status
from sendcase.organisations.models import LocalAuthority
from sendcase.scorecard.models import ScorecardSnapshot

JOB = "scorecard_snapshot"


@dataclass(frozen=True)
class Publication:
    job: JobStatus
    due_at: dt.datetime  # when this week's scorecard was (or is) due
    published: bool  # this council has a snapshot of that ISO week
    missing: bool  # due, past its grace, and not published

    @property
    def failed(self) -> bool:
        return self.job.health == "failed"

    @property
    def not_run(self) -> bool:
        return self.job.health in ("missed", "never")


def publication_status(*, local_authority: LocalAuthority, now: dt.datetime) -> Publication:
    status = job_status(JOB, now=now)
    due = status.job.cadence.previous(now)
    iso_year, iso_week, _ = due.astimezone(LONDON).date().isocalendar()
    published = ScorecardSnapshot.objects.filter(
        local_authority=local_authority, iso_year=iso_year, iso_week=iso_week
    ).exists()
    missing = not published and not status.paused and now > due + status.job.grace
    return Publication(job=status, due_at=due, published=published, missing=missing)
