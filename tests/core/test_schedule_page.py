"""Managers and administrators see when each job last ran and whether it failed; the scorecard page warns
when this week's scorecard was not published."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.core import scheduler
from sendcase.core.models import RunOutcome
from sendcase.core.schedule import LONDON
from sendcase.scorecard.services import snapshot_take
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Wednesday 4 June 2025, 10:00 UK time: this week's scorecard was due on Monday 2 June at 06:00.
NOW = dt.datetime(2025, 6, 4, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr("sendcase.core.clock.now", lambda: NOW)


@pytest.fixture
def administrator(la):
    return UserFactory(local_authority=la, role=Role.ADMINISTRATOR)


@pytest.fixture
def snapshot_fails(monkeypatch):
    from sendcase.scorecard import tasks

    def refuse(**kwargs):
        raise ValueError("the figures could not be counted")

    monkeypatch.setattr(tasks, "snapshot_take", refuse)


def _row(html: str, job: str) -> str:
    match = re.search(rf'<tr class="govuk-table__row" data-job="{job}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {job}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_managers_see_each_job_its_last_run_and_a_failure(client_for, manager, la, snapshot_fails):
    scheduler.run_due(now=NOW - dt.timedelta(hours=1))
    scheduler.run_due(now=NOW - dt.timedelta(minutes=5), only=["notifications_retry"])
    html = client_for(manager).get(reverse("core:schedule")).content.decode()
    assert "Scheduled jobs" in html
    reminders = _row(html, "send_reminders")
    assert "Daily at 07:15" in reminders and "Wednesday 4 June 2025 at 09:00" in reminders
    assert "Succeeded" in reminders and "Thursday 5 June 2025 at 07:15" in reminders
    snapshot = _row(html, "scorecard_snapshot")
    assert "Failed" in snapshot and "the figures could not be counted" in snapshot
    # Tried again an hour after the failure, not only next Monday.
    assert "Weekly on Monday at 06:00" in snapshot and snapshot.endswith("Wednesday 4 June 2025 at 10:00")
    assert "1 job needs attention" in html and "Publish this week&#x27;s performance scorecard" in html
    assert "Failures in the last 30 days" in html and "Traceback" not in html  # the full error is for administrators


def test_administrators_also_see_a_failures_full_error(client_for, administrator, la, snapshot_fails):
    scheduler.run_due(now=NOW - dt.timedelta(hours=1))
    html = client_for(administrator).get(reverse("core:schedule")).content.decode()
    assert "Error details" in html and "Traceback (most recent call last)" in html


def test_a_job_that_did_not_run_when_due_is_reported_as_missed(client_for, manager, la):
    scheduler.run_due(now=NOW - dt.timedelta(days=2))  # then the schedule stopped
    html = client_for(manager).get(reverse("core:schedule")).content.decode()
    assert "Missed" in _row(html, "send_reminders")
    assert "did not run when it was due, on Tuesday 3 June 2025 at 07:15" in html
    assert "sendcase run_schedule</code> is not running" in html


def test_the_schedule_page_is_for_managers_and_administrators_only(client, client_for, officer, analyst, outsider):
    for user in (officer, analyst):
        assert client_for(user).get(reverse("core:schedule")).status_code == 403
    assert client_for(outsider).get(reverse("core:schedule")).status_code == 403
    assert client.get(reverse("core:schedule")).status_code == 302


@pytest.fixture
def analyst(la):
    return UserFactory(local_authority=la, role=Role.ANALYST)


def _publication(html: str) -> str:
    match = re.search(r'data-publication="(\w+)"[^>]*>(.*?)</(?:p|div>\s*</div)>', html, re.S)
    assert match, "no word on the weekly publication"
    return match.group(1) + ": " + " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


def test_the_scorecard_page_says_when_the_next_is_due(client_for, manager, la, today):
    scheduler.run_due(now=NOW - dt.timedelta(days=2))  # Monday 2 June 10:00: this week's is published
    assert today == dt.date(2025, 6, 2)
    said = _publication(client_for(manager).get(reverse("scorecard:scorecard")).content.decode())
    assert said.startswith("scheduled: This week's scorecard is published.")
    assert "The next is due on Monday 9 June 2025 at 06:00" in said and "See the scheduled jobs" in said


def test_the_scorecard_page_warns_when_this_weeks_scorecard_failed(client_for, manager, analyst, la, snapshot_fails):
    scheduler.run_due(now=NOW - dt.timedelta(hours=1))
    said = _publication(client_for(manager).get(reverse("scorecard:scorecard")).content.decode())
    assert said.startswith("missing: ")
    assert "This week's scorecard was due to be published on Monday 2 June 2025 at 06:00 and has not been" in said
    assert "it failed: sendcase.scorecard.tasks.SnapshotsFailed" in said and "Tell your SENDcase administrator" in said
    # An analyst sees the warning too, without the link to a page they may not open.
    said = _publication(client_for(analyst).get(reverse("scorecard:scorecard")).content.decode())
    assert said.startswith("missing: ") and "See the scheduled jobs" not in said


def test_the_scorecard_page_warns_when_the_schedule_never_ran_it(client_for, manager, la):
    said = _publication(client_for(manager).get(reverse("scorecard:scorecard")).content.decode())
    assert said.startswith("missing: ") and "sendcase run_schedule may not be running on the server" in said


def test_a_scorecard_published_by_hand_this_week_is_no_cause_for_warning(client_for, manager, la, today):
    snapshot_take(actor=manager, local_authority=la, today=today)  # `sendcase scorecard_snapshot` on Monday
    said = _publication(client_for(manager).get(reverse("scorecard:scorecard")).content.decode())
    assert said.startswith("scheduled: This week's scorecard is published.")
    assert RunOutcome.FAILED not in said
