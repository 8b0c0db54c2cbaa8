"""`sendcase run_schedule`: each due job once, every run recorded, failures kept apart, missed runs caught up once."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command

from sendcase.core import scheduler
from sendcase.core.models import JobRun, RunOutcome, ScheduledJob
from sendcase.core.schedule import LONDON, Daily, Every, Job, Weekly
from tests.audit.test_audit_chain import connection_maker

# Wednesday 4 June 2025, 10:23 UK time.
NOW = dt.datetime(2025, 6, 4, 10, 23, tzinfo=LONDON)
MINUTE = dt.timedelta(minutes=1)


class Recorder:
    """Jobs that note each time they run (from any thread), and one that always fails."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def job(self, name: str, cadence, **options) -> Job:
        def run() -> str:
            with self.lock:
                self.calls.append(name)
            return f"{name}: 3 things done."

        return Job(name=name, title=f"The {name} job", cadence=cadence, runs=f"sendcase {name}", run=run, **options)

    def failing(self, name: str, cadence, **options) -> Job:
        def run() -> str:
            with self.lock:
                self.calls.append(name)
            raise RuntimeError("GOV.UK Notify refused the API key")

        return Job(name=name, title=f"The {name} job", cadence=cadence, runs=f"sendcase {name}", run=run, **options)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def every_ten(recorder):
    return recorder.job("every_ten", Every(10))


@pytest.fixture
def daily(recorder):
    return recorder.job("daily", Daily(dt.time(7, 15)))


@pytest.mark.django_db
def test_a_job_runs_once_when_due_and_not_again_until_its_next_time(recorder, every_ten, daily):
    jobs = [every_ten, daily]
    # The first time the schedule sees a job, its latest due time (10:20, 07:15 today) has passed: it runs now.
    runs = scheduler.run_due(now=NOW, jobs=jobs)
    assert [r.job_id for r in runs] == ["every_ten", "daily"] and recorder.calls == ["every_ten", "daily"]
    run = JobRun.objects.get(job="daily")
    assert run.outcome == RunOutcome.SUCCEEDED and run.summary == "daily: 3 things done."
    assert run.started_at == NOW and run.finished_at >= run.started_at and run.error == ""
    assert run.due_at == dt.datetime(2025, 6, 4, 7, 15, tzinfo=LONDON) and "pid" in run.host
    state = ScheduledJob.objects.get(name="daily")
    assert state.next_due_at == dt.datetime(2025, 6, 5, 7, 15, tzinfo=LONDON)
    assert state.running_since is None and state.last_run == run and state.last_succeeded_at == run.finished_at

    assert scheduler.run_due(now=NOW, jobs=jobs) == []  # not due: nothing runs twice
    assert scheduler.run_due(now=NOW.replace(minute=29), jobs=jobs) == []
    assert [r.job_id for r in scheduler.run_due(now=NOW.replace(minute=30), jobs=jobs)] == ["every_ten"]
    tomorrow = dt.datetime(2025, 6, 5, 7, 15, tzinfo=LONDON)
    assert [r.job_id for r in scheduler.run_due(now=tomorrow, jobs=jobs)] == ["every_ten", "daily"]
    assert recorder.calls == ["every_ten", "daily", "every_ten", "every_ten", "daily"]
    assert JobRun.objects.count() == 5


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(recorder, daily):
    boom = recorder.failing("boom", Daily(dt.time(6, 0)))
    runs = scheduler.run_due(now=NOW, jobs=[boom, daily])
    assert [(r.job_id, r.outcome) for r in runs] == [("boom", RunOutcome.FAILED), ("daily", RunOutcome.SUCCEEDED)]
    failed = JobRun.objects.get(job="boom")
    assert "Traceback" in failed.error and failed.error_summary == "RuntimeError: GOV.UK Notify refused the API key"
    assert failed.finished_at is not None and failed.summary == ""
    state = ScheduledJob.objects.get(name="boom")
    assert state.running_since is None and state.last_run == failed and state.last_succeeded_at is None
    # Tried again an hour later (Job.retry_after), not at every run of the schedule, and not only tomorrow.
    assert state.next_due_at == failed.finished_at + dt.timedelta(hours=1)
    assert scheduler.run_due(now=NOW + 30 * MINUTE, jobs=[boom, daily]) == []
    again = scheduler.run_due(now=NOW + 61 * MINUTE, jobs=[boom, daily])
    assert [(r.job_id, r.outcome) for r in again] == [("boom", RunOutcome.FAILED)]
    assert recorder.calls == ["boom", "daily", "boom"]


@pytest.mark.django_db
def test_a_failure_is_not_retried_past_the_next_due_time(recorder):
    boom = recorder.failing("boom", Every(10))
    (run,) = scheduler.run_due(now=NOW, jobs=[boom])
    assert ScheduledJob.objects.get(name="boom").next_due_at == dt.datetime(2025, 6, 4, 10, 30, tzinfo=LONDON)
    quiet = recorder.failing("quiet", Daily(dt.time(2, 30)), retry_after=None)
    scheduler.run_due(now=NOW, jobs=[quiet])
    assert ScheduledJob.objects.get(name="quiet").next_due_at == dt.datetime(2025, 6, 5, 2, 30, tzinfo=LONDON)


@pytest.mark.django_db
def test_a_missed_week_is_caught_up_once_not_once_per_week_missed(recorder):
    weekly = recorder.job("weekly", Weekly(0, dt.time(6, 0)))
    # Last ran on Monday 5 May; the schedule then stopped until Wednesday 4 June (four Mondays missed).
    ScheduledJob.objects.create(name="weekly", next_due_at=dt.datetime(2025, 5, 12, 6, 0, tzinfo=LONDON))
    (run,) = scheduler.run_due(now=NOW, jobs=[weekly])
    assert run.due_at == dt.datetime(2025, 5, 12, 6, 0, tzinfo=LONDON)  # the first due time it missed
    assert ScheduledJob.objects.get(name="weekly").next_due_at == dt.datetime(2025, 6, 9, 6, 0, tzinfo=LONDON)
    assert scheduler.run_due(now=NOW + 5 * MINUTE, jobs=[weekly]) == []
    assert scheduler.run_due(now=dt.datetime(2025, 6, 8, 23, 59, tzinfo=LONDON), jobs=[weekly]) == []
    assert recorder.calls == ["weekly"]
    assert len(scheduler.run_due(now=dt.datetime(2025, 6, 9, 6, 1, tzinfo=LONDON), jobs=[weekly])) == 1


@pytest.mark.django_db
def test_a_run_still_going_holds_the_job_and_one_whose_server_died_is_taken_over(recorder, daily):
    state = ScheduledJob.objects.create(name="daily", next_due_at=dt.datetime(2025, 6, 3, 7, 15, tzinfo=LONDON))
    started = NOW - 10 * MINUTE
    running = JobRun.objects.create(job=state, due_at=state.next_due_at, started_at=started)
    ScheduledJob.objects.filter(name="daily").update(running_since=started)
    assert scheduler.run_due(now=NOW, jobs=[daily]) == []  # due, but its last run has not finished

    later = started + dt.timedelta(hours=1, minutes=1)  # past Job.timeout with no result: the server died
    (run,) = scheduler.run_due(now=later, jobs=[daily])
    assert run.outcome == RunOutcome.SUCCEEDED and recorder.calls == ["daily"]
    running.refresh_from_db()
    assert running.outcome == RunOutcome.ABANDONED and "the process running it stopped" in running.error


@pytest.mark.django_db
def test_a_paused_job_is_listed_but_not_run(settings, recorder, every_ten, daily):
    settings.SENDCASE_SCHEDULE_PAUSED = ["daily"]
    assert [r.job_id for r in scheduler.run_due(now=NOW, jobs=[every_ten, daily])] == ["every_ten"]
    assert [
        r.job_id for r in scheduler.run_due(now=NOW.replace(minute=40), jobs=[every_ten, daily], only=["daily"])
    ] == []


def _claim_at_once(jobs: list[Job], *, servers: int, own_connection, monkeypatch) -> list[BaseException]:
    """`servers` threads, each with its own database connection, run the schedule at the same moment.

    Each reads the job's row and then waits for the others to read it too, so every one of them
    tries its conditional UPDATE against the same row it read: only one may win.
    """
    all_read = threading.Barrier(servers)
    read_state = scheduler.job_state

    def read_then_wait(job, *, now):
        state = read_state(job, now=now)
        all_read.wait(timeout=30)
        return state

    monkeypatch.setattr(scheduler, "job_state", read_then_wait)
    errors: list[BaseException] = []

    def server():
        try:
            with own_connection():
                scheduler.run_due(now=NOW, jobs=jobs)
        except BaseException as error:  # noqa: BLE001 - the main thread reports it
            errors.append(error)

    threads = [threading.Thread(target=server) for _ in range(servers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_servers_running_the_schedule_at_the_same_moment_run_each_job_once(recorder, tmp_path, monkeypatch):
    weekly = recorder.job("weekly", Weekly(0, dt.time(6, 0)))
    ScheduledJob.objects.create(name="weekly", next_due_at=dt.datetime(2025, 6, 2, 6, 0, tzinfo=LONDON))
    own_connection = connection_maker(tmp_path)  # on SQLite, a file copy of the test database taken now
    errors = _claim_at_once([weekly], servers=2, own_connection=own_connection, monkeypatch=monkeypatch)
    assert not errors, errors
    assert recorder.calls == ["weekly"]
    with own_connection():
        assert JobRun.objects.filter(job="weekly").count() == 1
        assert ScheduledJob.objects.get(name="weekly").next_due_at == dt.datetime(2025, 6, 9, 6, 0, tzinfo=LONDON)


@pytest.mark.django_db(transaction=True)
def test_four_servers_meeting_a_job_for_the_first_time_run_it_once(recorder, tmp_path, monkeypatch):
    """No row yet: each server creates it (or finds another's) and then claims: still one run."""
    daily = recorder.job("daily", Daily(dt.time(7, 15)))
    own_connection = connection_maker(tmp_path)
    errors = _claim_at_once([daily], servers=4, own_connection=own_connection, monkeypatch=monkeypatch)
    assert not errors, errors
    assert recorder.calls == ["daily"]
    with own_connection():
        assert JobRun.objects.filter(job="daily").count() == 1


@pytest.fixture
def only_these_jobs(monkeypatch):
    """The command runs the given jobs instead of SENDcase's own."""

    def use(*jobs: Job) -> None:
        from sendcase.core import schedule

        monkeypatch.setattr(schedule, "JOBS", tuple(jobs))
        monkeypatch.setattr(schedule, "JOBS_BY_NAME", {job.name: job for job in jobs})
        monkeypatch.setattr("sendcase.core.clock.now", lambda: NOW)

    return use


@pytest.mark.django_db
def test_the_command_runs_what_is_due_and_says_so(only_these_jobs, recorder, every_ten, daily):
    only_these_jobs(every_ten, daily)
    out = io.StringIO()
    call_command("run_schedule", stdout=out)
    printed = out.getvalue()
    assert "every_ten: succeeded in" in printed and "  daily: 3 things done." in printed
    out = io.StringIO()
    call_command("run_schedule", stdout=out)
    assert out.getvalue().strip() == "Nothing due. Next: every_ten on Wed 04 Jun 2025 10:30."


@pytest.mark.django_db
def test_the_command_fails_after_running_the_other_jobs(only_these_jobs, recorder, daily):
    only_these_jobs(recorder.failing("boom", Daily(dt.time(6, 0))), daily)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 scheduled job failed: boom. The others ran"):
        call_command("run_schedule", stdout=out)
    assert "boom: failed" in out.getvalue() and "RuntimeError: GOV.UK Notify refused the API key" in out.getvalue()
    assert recorder.calls == ["boom", "daily"]


@pytest.mark.django_db
def test_the_list_says_when_each_job_last_ran_how_it_ended_and_when_it_is_next_due(
    only_these_jobs, recorder, every_ten, daily
):
    boom = recorder.failing("boom", Weekly(0, dt.time(6, 0)))
    only_these_jobs(every_ten, daily, boom)
    scheduler.run_due(now=NOW - dt.timedelta(days=1), jobs=[daily, boom])
    out = io.StringIO()
    call_command("run_schedule", "--list", stdout=out)
    lines = {line.split()[0]: line for line in out.getvalue().splitlines()[1:]}
    assert "every 10 minutes" in lines["every_ten"] and "never" in lines["every_ten"]
    assert "at the next run of the schedule" in lines["every_ten"]
    assert "daily at 07:15" in lines["daily"] and "Tue 03 Jun 2025 10:23" in lines["daily"]
    assert "succeeded" in lines["daily"] and lines["daily"].endswith("overdue since Wed 04 Jun 2025 07:15")
    assert "failed" in lines["boom"] and "RuntimeError: GOV.UK Notify refused the API key" in lines["boom"]
    assert recorder.calls == ["daily", "boom"]  # listing runs nothing


@pytest.mark.django_db
def test_an_unknown_job_is_named_with_the_jobs_there_are(settings):
    with pytest.raises(
        CommandError, match="No scheduled job called weekly_snapshot. The jobs are: notifications_retry"
    ):
        call_command("run_schedule", "--job", "weekly_snapshot")
    settings.SENDCASE_SCHEDULE_PAUSED = ["reminders"]
    with pytest.raises(CommandError, match="No scheduled job called reminders"):
        call_command("run_schedule", "--list")
