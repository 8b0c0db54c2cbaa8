"""A team manager sees on the scorecard that this week's scorecard failed, and opens the scheduled jobs."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.core import scheduler
from sendcase.core.schedule import LONDON
from tests.browser.conftest import authenticator, sign_in
from tests.factories import LocalAuthorityFactory, UserFactory

PASSWORD = "correct-horse-battery"
NOW = dt.datetime(2025, 6, 4, 10, 0, tzinfo=LONDON)  # this week's scorecard was due on Monday at 06:00


@pytest.fixture
def manager_after_a_failed_week(transactional_db, monkeypatch):
    monkeypatch.setattr("sendcase.core.clock.now", lambda: NOW)
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    manager = UserFactory(local_authority=la, role=Role.TEAM_MANAGER, email="mina.manager@sendcase.example")
    from sendcase.scorecard import tasks

    def refuse(**kwargs):
        raise ValueError("the figures could not be counted")

    monkeypatch.setattr(tasks, "snapshot_take", refuse)
    scheduler.run_due(now=NOW - dt.timedelta(minutes=30))
    return manager


def test_a_manager_notices_the_missing_scorecard_and_reads_the_schedule_on_a_phone(page, manager_after_a_failed_week):
    page.set_viewport_size({"width": 320, "height": 800})
    manager = manager_after_a_failed_week
    sign_in(page, manager.email, PASSWORD, authenticator(manager))
    page.goto("/scorecard/")
    expect(page.get_by_text("This week's scorecard was due to be published on Monday 2 June 2025")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # the error wraps on a phone
    page.click_and_check(page.get_by_role("link", name="See the scheduled jobs"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scheduled jobs")
    row = page.get_by_role("row").filter(has_text="Publish this week's performance scorecard")
    expect(row).to_contain_text("Failed")
    expect(row).to_contain_text("the figures could not be counted")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
