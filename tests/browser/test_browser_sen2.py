"""An analyst prepares the SEN2 return, fixes a flagged record, and a manager reads the statistics page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from tests.browser.conftest import authenticator, sign_in
from tests.factories import LocalAuthorityFactory, SettingFactory, UserFactory
from tests.sen2.helpers import child_with_plan

PASSWORD = "correct-horse-battery"


@pytest.fixture
def council(transactional_db):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child_with_plan(la, setting)
    child_with_plan(la, setting, postcode="", first_name="Pat", last_name="Postless")
    analyst = UserFactory(local_authority=la, role=Role.ANALYST, email="tom.analyst@sendcase.example")
    manager = UserFactory(local_authority=la, role=Role.TEAM_MANAGER, email="mina.manager@sendcase.example")
    return analyst, manager


def test_an_analyst_answers_the_header_and_follows_an_issue_to_the_case(page, council):
    analyst, _ = council
    sign_in(page, analyst.email, PASSWORD, authenticator(analyst))
    page.goto("/sen2/?year=2025")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SEN2 return 2025")

    # Saving without the header answers names what is missing, then the answers are kept.
    page.submit("Save answers")
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    page.goto("/sen2/issues/?year=2025")
    row = page.get_by_role("row").filter(has_text="Postless")
    expect(row).to_contain_text("SEN2-R026")
    page.click_and_check(row.get_by_role("link").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Postless")


def test_a_manager_reads_the_councils_statistics(page, council):
    _, manager = council
    sign_in(page, manager.email, PASSWORD, authenticator(manager))
    page.goto("/statistics/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    page.check_accessibility()
