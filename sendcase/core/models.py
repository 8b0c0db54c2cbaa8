"""The base every SENDcase record shares: an opaque id, who made and changed it, and when."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    # Ids are UUIDs so that a URL never reveals how many children a council holds, and so that
    # swapping one id for another is not a guessing game.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: every service that changes a record checks the version the user saw.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class ScheduledJob(models.Model):
    """Where one periodic job of the schedule (sendcase.core.schedule.JOBS) stands.

    `sendcase run_schedule` claims a due run by a conditional UPDATE of this row (the next due
    time and running_since it read must still be there), so of two servers running the schedule
    at the same moment exactly one runs the job. docs/schedule.md.
    """

    name = models.CharField(max_length=60, primary_key=True)
    next_due_at = models.DateTimeField()
    # Set by the run that claimed the job, cleared when it records its result.
    running_since = models.DateTimeField(null=True, blank=True)
    last_run = models.ForeignKey("JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_succeeded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class RunOutcome(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    ABANDONED = "abandoned", "Did not finish"


class JobRun(models.Model):
    """One run of a scheduled job: when it started and finished, how it ended, what it said."""

    job = models.ForeignKey(ScheduledJob, on_delete=models.CASCADE, related_name="runs", db_column="job")
    due_at = models.DateTimeField()  # the scheduled time this run was for (the earliest one missed, on a catch-up)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=RunOutcome.choices, default=RunOutcome.RUNNING)
    summary = models.TextField(blank=True)  # what the job reported: counts, never a child's details
    error = models.TextField(blank=True)  # the traceback of a failure
    host = models.CharField(max_length=200, blank=True)  # the server and process that ran it

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["job", "-started_at"], name="core_jobrun_job_started")]

    def __str__(self) -> str:
        return f"{self.job_id} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> dt.timedelta | None:
        return self.finished_at - self.started_at if self.finished_at else None

    @property
    def error_summary(self) -> str:
        """The last line of the traceback: the exception and its message."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1].strip()[:500] if lines else ""
