"""A team manager reads the scorecard on a phone and on a desktop, and opens a published week."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.scorecard.services import snapshot_take
from sendcase.timescales import ExceptionKind
from tests.browser.conftest import authenticator, sign_in
from tests.factories import LocalAuthorityFactory, LocalityFactory, UserFactory
from tests.scorecard import builders

PASSWORD = "correct-horse-battery"


@pytest.fixture
def manager_with_figures(transactional_db, today):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    north = LocalityFactory(local_authority=la, name="North Dorset")
    manager = UserFactory(
        local_authority=la, role=Role.TEAM_MANAGER, email="mina.manager@sendcase.example", first_name="Mina"
    )
    for month in range(1, 6):
        for day in range(1, 4):
            builders.request(la, received=dt.date(2025, month, day), locality=north if day == 1 else None)
        builders.request(la, received=dt.date(2025, month, 1) - dt.timedelta(days=30), decided=dt.date(2025, month, 5))
    late = builders.request(la, received=dt.date(2024, 9, 2), decided=dt.date(2024, 10, 1), issued=dt.date(2025, 3, 25))
    builders.exception(late, ExceptionKind.PERSONAL_CIRCUMSTANCES, dt.date(2024, 11, 1), dt.date(2024, 12, 15))
    builders.request(la, received=dt.date(2024, 10, 21), decided=dt.date(2024, 11, 20), issued=dt.date(2025, 3, 10))
    snapshot_take(actor=None, local_authority=la, today=today)
    return manager


def _sign_in(page, manager):
    sign_in(page, manager.email, PASSWORD, authenticator(manager))


def test_a_manager_reads_the_scorecard_on_a_320px_phone(page, manager_with_figures):
    page.set_viewport_size({"width": 320, "height": 800})
    _sign_in(page, manager_with_figures)
    page.goto("/scorecard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance scorecard")
    chart = page.get_by_role("img", name="Requests for an EHC needs assessment by month")
    expect(chart).to_be_visible()
    # The chart fits the screen: no sideways scrolling of the page for it.
    assert chart.bounding_box()["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    expect(page.get_by_role("region", name="Monthly requests and timeliness")).to_be_visible()


def test_a_manager_filters_by_locality_and_opens_a_published_scorecard(page, manager_with_figures):
    _sign_in(page, manager_with_figures)
    page.click_and_check(page.get_by_role("link", name="Scorecard"))
    page.get_by_text("Change the period or locality").click()
    page.get_by_role("group", name="From").get_by_label("Month").fill("13")
    page.submit("Show figures")
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a number from 1 to 12")

    page.get_by_role("group", name="From").get_by_label("Month").fill("1")
    page.get_by_label("Locality").select_option(label="North Dorset")
    page.submit("Show figures")
    expect(page.get_by_text("January 2025 to June 2025, North Dorset locality.")).to_be_visible()
    summary = page.locator("[data-table='summary']")
    expect(summary.get_by_role("row").filter(has_text="Number of requests")).to_contain_text("1")

    page.click_and_check(page.get_by_role("link", name=re.compile(r"^2 June 2025\s*: view the scorecard as published")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard as published on 2 June 2025")
    expect(page.get_by_text("Figures match their fingerprint")).to_be_visible()
