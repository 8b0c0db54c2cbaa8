"""A case officer's day: open the caseload, open a new request, record the decision to assess."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.cases import services
from tests.browser.conftest import authenticator, sign_in
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer_with_new_request(transactional_db, today):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la,
        role=Role.CASE_OFFICER,
        email="olive.officer@sendcase.example",
        first_name="Olive",
        last_name="Officer",
    )
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart", setting=setting)
    services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
    # Received 5 May 2025, four weeks before the pinned today (2 June 2025).
    services.request_create(actor=officer, child=child, received_on=today - dt.timedelta(weeks=4), source="parent")
    return officer, child


def test_an_officer_records_a_decision_to_assess_and_sees_the_next_dates(page, officer_with_new_request):
    officer, child = officer_with_new_request
    sign_in(page, officer.email, PASSWORD, authenticator(officer))

    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    row = page.get_by_role("row").filter(has_text="Amelia Hart")
    expect(row).to_contain_text("Decide whether to assess")
    expect(row).to_contain_text("Regulation 5(1)")
    expect(row).to_contain_text("16 June 2025")
    expect(row).to_contain_text("Due in 14 days")

    page.click_and_check(page.get_by_role("link", name="Amelia Hart"))
    decision = page.locator("[data-step='decision']")
    expect(decision).to_contain_text("Due in 14 days, by 16 June 2025")
    expect(decision).to_contain_text("Regulation 5(1)")

    page.click_and_check(decision.get_by_role("link", name="Record this step"))
    page.get_by_label("Assess", exact=True).check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2025")
    page.submit("Save")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("on or after the date the request was received (5 May 2025)")

    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("6")
    page.submit("Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision whether to assess recorded")
    expect(page.locator("[data-step='decision']")).to_contain_text("Done on 2 June 2025, on time")
    issue = page.locator("[data-step='issue']")
    expect(issue).to_contain_text("Due in 84 days, by 25 August 2025")
    expect(issue).to_contain_text("Regulation 10(1)")
    expect(page.locator("[data-step='final']")).to_contain_text("by 22 September 2025")

    page.click_and_check(page.get_by_role("link", name="My caseload"))
    row = page.get_by_role("row").filter(has_text="Amelia Hart")
    expect(row).to_contain_text("Decide whether to issue a plan")
    expect(row).to_contain_text("25 August 2025")
