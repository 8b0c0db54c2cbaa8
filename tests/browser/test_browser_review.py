"""A case officer runs an annual review end to end and sees what changed in the amended plan."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.cases.models import Plan
from sendcase.cases.services import caseload_refresh, key_worker_assign
from sendcase.plans.services import plan_content_update, plan_version_issue
from tests.browser.conftest import authenticator, sign_in
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory
from tests.plans.builders import complete_content, write_content

PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer_with_plan(transactional_db, today):
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
    key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
    # Issued 10 June 2024, so the first review is due by 10 June 2025; today is 2 June 2025.
    plan = Plan.objects.create(child=child, issued_on=dt.date(2024, 6, 10), named_setting=setting)
    caseload_refresh(child=child)
    write_content(officer, plan, complete_content(setting, today))
    plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=plan.issued_on)
    # The amendments the review will propose, drafted in the plan's working content.
    aspirations = dict(complete_content(setting, today)["a"], aspirations="To be a vet or a zookeeper.")
    plan_content_update(actor=officer, plan=plan, section="a", data=aspirations, version=None)
    return officer, child, plan


def _fill_date(page, field: str, day: dt.date) -> None:
    page.locator(f"#id_{field}_0").fill(str(day.day))
    page.locator(f"#id_{field}_1").fill(str(day.month))
    page.locator(f"#id_{field}_2").fill(str(day.year))


def _record(page, step: str) -> None:
    panel = page.get_by_test_id("review-panel")
    page.click_and_check(panel.locator(f"[data-review-step='{step}']").get_by_role("link", name="Record this step"))


def test_an_officer_reviews_a_plan_amends_it_and_sees_what_changed(page, officer_with_plan):
    officer, child, plan = officer_with_plan
    sign_in(page, officer.email, PASSWORD, authenticator(officer))
    row = page.get_by_role("row").filter(has_text="Amelia Hart")
    expect(row).to_contain_text("Annual review due")
    page.click_and_check(row.get_by_role("link", name="Amelia Hart"))
    panel = page.get_by_test_id("review-panel")

    # Schedule: the meeting, and the family's choice of an online meeting.
    page.click_and_check(panel.get_by_role("link", name="Schedule the annual review"))
    _fill_date(page, "meeting_on", dt.date(2025, 4, 1))
    page.get_by_label("Online video call").check()
    page.get_by_label("Access needs for the meeting (optional)").fill("Polish interpreter")
    page.submit("Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Review scheduled")
    invitations = panel.locator("[data-review-step='invitations']")
    expect(invitations).to_contain_text("Regulations 20(2) and 21(2)")
    expect(invitations).to_contain_text("was due 18 March 2025")

    # Invitations: 11 days' notice is refused, naming the regulation; 22 days is accepted.
    _record(page, "invitations")
    _fill_date(page, "sent_on", dt.date(2025, 3, 21))
    page.submit("Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Invitations must go at least 2 weeks before the meeting (regs 20(2) and 21(2))"
    )
    _fill_date(page, "sent_on", dt.date(2025, 3, 10))
    page.submit("Save")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Invitations recorded")
    expect(banner).to_contain_text("the council's policy asks for 8 weeks")
    expect(invitations).to_contain_text("Done on 10 March 2025, on time")

    # The meeting, then the decision to amend.
    _record(page, "meeting")
    _fill_date(page, "held_on", dt.date(2025, 4, 1))
    page.submit("Save")
    decision = panel.locator("[data-review-step='decision']")
    expect(decision).to_contain_text("Regulation 20(10)")
    expect(decision).to_contain_text("29 April 2025")
    _record(page, "decision")
    page.get_by_label("Amend the plan").check()
    _fill_date(page, "sent_on", dt.date(2025, 4, 20))
    page.submit("Save")
    expect(decision).to_contain_text("Done on 20 April 2025, on time: amend the plan")

    # The proposed amendments, and the family's 15 days.
    _record(page, "amendments")
    _fill_date(page, "sent_on", dt.date(2025, 4, 20))
    page.submit("Save")
    proposals = panel.locator("[data-review-step='amendments']")
    expect(proposals).to_contain_text("they have until 4 May 2025")
    amended = panel.locator("[data-review-step='amended-plan']")
    expect(amended).to_contain_text("Regulation 22(3)")
    expect(amended).to_contain_text("by 15 June 2025")

    # The amended plan, issued as version 3 of the plan (version 2 is the proposals, frozen as a draft).
    _record(page, "amended-plan")
    _fill_date(page, "issued_on", dt.date(2025, 5, 20))
    page.submit("Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Amended plan issued")
    expect(panel).to_contain_text("amended plan issued 20 May 2025 (version 3")
    expect(panel).to_contain_text("Schedule the annual review")  # the next one, due 1 April 2026

    # What changed between the plan as issued and as amended.
    page.click_and_check(panel.get_by_role("link", name="see what changed"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare versions of the EHC plan")
    section_a = page.locator("[data-section='a']")
    expect(section_a).to_contain_text("Changed")
    expect(section_a.locator("ins")).to_contain_text("zookeeper")


def test_a_schools_senco_reads_its_reviews_due_next_term(page, officer_with_plan):
    """The SENCo's page lists the school's children due by the end of autumn 2025; axe checks both pages."""
    officer, child, plan = officer_with_plan
    senco = UserFactory(
        local_authority=child.local_authority,
        role=Role.PROFESSIONAL,
        organisation=child.setting,
        email="sian.senco@castle.example",
        first_name="Sian",
        last_name="Senco",
    )
    # The plan was issued on 10 June 2024: its review is due by 10 June 2025, before the term.
    sign_in(page, senco.email, PASSWORD, authenticator(senco))
    page.click_and_check(page.get_by_role("link", name="Annual reviews due next term at Castle Primary School"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual reviews due: Autumn term 2025")
    row = page.get_by_test_id("school-reviews").get_by_role("row").filter(has_text="Amelia Hart")
    expect(row).to_contain_text("10 June 2025")
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("Olive Officer")
    expect(page.get_by_role("link", name="Download this list as CSV")).to_be_visible()
