"""When each job of the schedule is due: pure date arithmetic in UK time, across the clock changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import get_commands
from hypothesis import given, settings
from hypothesis import strategies as st

from sendcase.core.schedule import JOBS, LONDON, Daily, Every, Weekly, moment_text

UTC = dt.UTC


def london(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def test_every_ten_minutes_falls_on_the_ten_minutes_of_the_hour():
    every = Every(10)
    assert every.previous(london(2025, 6, 2, 11, 23, 45)) == london(2025, 6, 2, 11, 20)
    assert every.next(london(2025, 6, 2, 11, 23, 45)) == london(2025, 6, 2, 11, 30)
    assert every.previous(london(2025, 6, 2, 11, 20)) == london(2025, 6, 2, 11, 20)  # on the time: due now
    assert every.next(london(2025, 6, 2, 11, 20)) == london(2025, 6, 2, 11, 30)
    with pytest.raises(ValueError, match="divides an hour"):
        Every(7)


def test_daily_is_the_same_uk_time_in_winter_and_in_summer():
    daily = Daily(dt.time(7, 15))
    assert daily.previous(london(2025, 1, 15, 12, 0)) == dt.datetime(2025, 1, 15, 7, 15, tzinfo=UTC)
    assert daily.previous(london(2025, 6, 15, 12, 0)) == dt.datetime(2025, 6, 15, 6, 15, tzinfo=UTC)
    assert daily.previous(london(2025, 6, 15, 7, 14)) == london(2025, 6, 14, 7, 15)
    # The clocks go forward at 01:00 GMT on 30 March 2025: that day is 23 hours long.
    assert daily.next(london(2025, 3, 29, 8, 0)) == london(2025, 3, 30, 7, 15)
    assert daily.next(london(2025, 3, 29, 8, 0)) - daily.previous(london(2025, 3, 29, 8, 0)) == dt.timedelta(hours=23)
    # ...and back at 01:00 GMT on 26 October 2025: 25 hours.
    assert daily.next(london(2025, 10, 25, 8, 0)) - london(2025, 10, 25, 7, 15) == dt.timedelta(hours=25)


def test_weekly_on_monday_morning():
    weekly = Weekly(0, dt.time(6, 0))
    assert weekly.previous(london(2025, 6, 4, 12, 0)) == london(2025, 6, 2, 6, 0)  # a Wednesday
    assert weekly.next(london(2025, 6, 4, 12, 0)) == london(2025, 6, 9, 6, 0)
    assert weekly.previous(london(2025, 6, 2, 5, 59)) == london(2025, 5, 26, 6, 0)
    assert weekly.previous(london(2025, 6, 2, 6, 0)) == london(2025, 6, 2, 6, 0)
    assert weekly.describe() == "weekly on Monday at 06:00"
    assert moment_text(london(2025, 6, 2, 6, 0)) == "Monday 2 June 2025 at 06:00"
    assert moment_text(dt.datetime(2025, 1, 6, 6, 0, tzinfo=UTC)) == "Monday 6 January 2025 at 06:00"


CADENCES = [
    Every(10),
    Every(60),
    Daily(dt.time(2, 30)),
    Daily(dt.time(23, 45)),
    Weekly(0, dt.time(6, 0)),
    Weekly(6, dt.time(0, 0)),
]
moments = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive; the values get UTC
    max_value=dt.datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


# No deadline: a loaded test machine must not fail a test of dates, not of speed.
@settings(deadline=None)
@given(now=moments, cadence=st.sampled_from(CADENCES))
def test_the_due_times_either_side_of_any_moment(now, cadence):
    before, after = cadence.previous(now), cadence.next(now)
    assert before <= now < after
    # Nothing is due strictly between them, and each is a due time of its own.
    assert cadence.next(before) == after and cadence.previous(after) == after
    if isinstance(cadence, Daily | Weekly):
        assert before.astimezone(LONDON).time() == cadence.at and after.astimezone(LONDON).time() == cadence.at
        assert after - before <= dt.timedelta(days=7 if isinstance(cadence, Weekly) else 1, hours=1)


def test_every_job_is_named_once_and_runs_a_sendcase_command():
    names = [job.name for job in JOBS]
    assert len(names) == len(set(names))
    commands = get_commands()
    for job in JOBS:
        command = job.runs.split()[1]
        assert job.runs.startswith("sendcase ") and command in commands, job.runs
        assert job.title and job.when
    assert {"notifications_retry", "send_reminders", "review_lists", "scorecard_snapshot"} <= set(names)
