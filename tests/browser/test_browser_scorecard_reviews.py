"""A team manager reads the scorecard's annual reviews section on a phone, then the review pages' copy of it."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from tests.browser.conftest import authenticator, sign_in
from tests.factories import LocalAuthorityFactory, LocalityFactory, UserFactory
from tests.scorecard import builders

PASSWORD = "correct-horse-battery"
D = dt.date


@pytest.fixture
def manager_with_reviews(transactional_db, today):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    north = LocalityFactory(local_authority=la, name="North Dorset")
    officer = UserFactory(local_authority=la, role=Role.CASE_OFFICER, first_name="Olive", last_name="Officer")
    manager = UserFactory(
        local_authority=la, role=Role.TEAM_MANAGER, email="mina.manager@sendcase.example", first_name="Mina"
    )
    for day, held in ((10, 3), (20, 25)):  # one held a week early, one five days late
        builders.reviewed(
            la,
            locality=north,
            key_worker=officer,
            due_on=D(2025, 3, day),
            meeting_held_on=D(2025, 3, held),
            decision="maintain",
            decision_sent_on=D(2025, 3, held) + dt.timedelta(days=20),
        )
    return manager


def test_a_manager_reads_the_annual_reviews_on_a_320px_phone(page, manager_with_reviews):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, manager_with_reviews.email, PASSWORD, authenticator(manager_with_reviews))
    page.goto("/scorecard/")
    expect(page.get_by_role("heading", level=2, name="Annual reviews", exact=True)).to_be_visible()
    held = page.locator("[data-table='reviews-held']")
    expect(held.get_by_role("row").filter(has_text="March 2025")).to_contain_text("50%")
    expect(page.get_by_role("img", name="Annual reviews held on time, by month")).to_be_visible()
    officers = page.locator("[data-table='reviews-officers']")
    expect(officers.get_by_role("row").filter(has_text="Olive Officer")).to_contain_text("2")
    # The wide tables scroll inside their own region; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto("/reviews/")
    page.click_and_check(page.get_by_role("link", name="Reviews on time"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual reviews on time")
    expect(page.locator("[data-table='reviews-localities']")).to_contain_text("North Dorset")
