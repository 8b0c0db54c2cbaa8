"""SENDcase's own jobs, run by the schedule: each does what its command does, and says what it did."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.core import scheduler
from sendcase.core.models import JobRun, RunOutcome, ScheduledJob
from sendcase.core.schedule import JOBS, LONDON
from sendcase.reviews.models import TermListSent
from sendcase.scorecard.models import ScorecardSnapshot
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db

# Monday 2 June 2025 (the tests' pinned today), after every job's time of day.
NOW = dt.datetime(2025, 6, 2, 12, 0, tzinfo=LONDON)


def test_the_schedule_runs_every_job_on_a_council_and_each_succeeds(la, other_la):
    runs = {run.job_id: run for run in scheduler.run_due(now=NOW)}
    assert set(runs) == {job.name for job in JOBS}
    for run in runs.values():
        assert run.outcome == RunOutcome.SUCCEEDED, (run.job_id, run.error)
    assert runs["scorecard_snapshot"].summary == "Week 23 of 2025: 2 published, 0 already published this week."
    assert ScorecardSnapshot.objects.filter(iso_year=2025, iso_week=23).count() == 2
    assert "chain intact" in runs["audit_verify"].summary
    assert runs["notifications_retry"].summary == "Messages tried again: 0."
    assert runs["send_reminders"].summary.startswith("Reminders sent: 0.")
    # The autumn term's lists are due to schools on 18 August: they go from 4 August.
    assert (
        runs["review_lists"].summary
        == "Nothing to send yet: the autumn term 2025 lists go to schools from 4 August 2025."
    )
    assert scheduler.run_due(now=NOW + dt.timedelta(minutes=5)) == []


def test_the_term_lists_go_out_from_four_weeks_before_the_term(settings, la):
    from tests.factories import SettingFactory

    SettingFactory(local_authority=la, name="Castle Primary School", email="senco@castle.example")
    settings.SENDCASE_TODAY = "2025-08-04"
    (run,) = scheduler.run_due(now=dt.datetime(2025, 8, 4, 6, 30, tzinfo=LONDON), only=["review_lists"])
    assert run.outcome == RunOutcome.SUCCEEDED, run.error
    assert run.summary.startswith("Autumn term 2025: 1 September 2025 to 31 December 2025")
    assert "Dorset Council (test): 0 reviews due" in run.summary
    assert not TermListSent.objects.exists()  # no child has a review due this autumn


def test_one_councils_failed_scorecard_does_not_stop_the_others(la, monkeypatch):
    broken = LocalAuthorityFactory(code="999", name="Broken Council")
    from sendcase.scorecard import tasks

    real = tasks.snapshot_take

    def snapshot_take(*, actor, local_authority, today):
        if local_authority == broken:
            raise ValueError("figures could not be counted")
        return real(actor=actor, local_authority=local_authority, today=today)

    monkeypatch.setattr(tasks, "snapshot_take", snapshot_take)
    (run,) = scheduler.run_due(now=NOW, only=["scorecard_snapshot"])
    assert run.outcome == RunOutcome.FAILED
    assert run.error_summary.startswith("sendcase.scorecard.tasks.SnapshotsFailed: Week 23 of 2025: 1 published")
    assert "999 Broken Council: ValueError: figures could not be counted" in run.error_summary
    assert ScorecardSnapshot.objects.filter(local_authority=la).count() == 1


def test_old_runs_are_forgotten_but_each_jobs_last_run_is_kept(monkeypatch):
    long_ago = NOW - dt.timedelta(days=200)
    quiet = ScheduledJob.objects.create(name="audit_verify", next_due_at=NOW + dt.timedelta(days=1))
    last = JobRun.objects.create(job=quiet, due_at=long_ago, started_at=long_ago, outcome=RunOutcome.SUCCEEDED)
    older = JobRun.objects.create(
        job=quiet, due_at=long_ago, started_at=long_ago - dt.timedelta(days=1), outcome=RunOutcome.SUCCEEDED
    )
    recent = JobRun.objects.create(job=quiet, due_at=NOW, started_at=NOW - dt.timedelta(days=3))
    ScheduledJob.objects.filter(pk=quiet.pk).update(last_run=last)
    monkeypatch.setattr("sendcase.core.clock.now", lambda: NOW)
    (run,) = scheduler.run_due(now=NOW, only=["forget_old_runs"])
    assert run.summary == "Runs forgotten: 1 (older than 90 days)."
    assert set(JobRun.objects.values_list("pk", flat=True)) == {last.pk, recent.pk, run.pk}
    assert not JobRun.objects.filter(pk=older.pk).exists()
