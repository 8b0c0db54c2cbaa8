"""The EHC plan's content in a browser: write outcomes with "add another", issue, amend, compare, print."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role, User
from sendcase.plans import services
from sendcase.plans.models import PlanDraftContent
from tests.browser.conftest import authenticator
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory
from tests.plans.builders import complete_content, plan_for, proposals_sent, write_content

PASSWORD = "correct-horse-battery"
TODAY = dt.date(2025, 6, 2)


@pytest.fixture
def written(transactional_db):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la, role=Role.CASE_OFFICER, email="olive.officer@sendcase.example", first_name="Olive"
    )
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart", setting=setting)
    plan = plan_for(child, setting)
    content = complete_content(setting, TODAY)
    # Everything but the outcomes, which the officer writes in the browser; provision unlinked until then.
    content["f"]["items"][0]["outcomes"] = []
    write_content(officer, plan, {code: data for code, data in content.items() if code != "e"})
    return officer, child, plan


def test_an_officer_writes_outcomes_issues_the_plan_amends_it_and_compares(page, written):
    officer, child, plan = written
    sign_in_with_code(page, officer.email, PASSWORD, authenticator(User.objects.get(email=officer.email)))
    page.goto(f"/children/{child.pk}/")
    page.click_and_check(page.get_by_role("link", name="Read or change the plan's content"))
    expect(page.get_by_role("heading", name="Section E: Outcomes")).to_be_visible()
    page.click_and_check(page.get_by_role("link", name="Change Section E: Outcomes"))

    page.get_by_label("Area", exact=True).select_option("cognition")
    page.get_by_label("Outcome", exact=True).fill("Amelia will read a short story aloud")
    page.get_by_label("How we will know it has been achieved").fill("Teacher observation")
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("2026")
    page.submit("Add another outcome")
    expect(page.get_by_text("Outcome 2 (new)")).to_be_visible()
    expect(page.locator("#id_rows-0-outcome")).to_have_value("Amelia will read a short story aloud")
    page.locator("#id_rows-1-outcome").fill("Amelia will swim 10 metres")
    page.submit("Save")  # outcome 2 has no measure or date
    expect(page.get_by_role("link", name="Section E, outcome 2: add how progress will be measured")).to_be_visible()
    page.locator("#id_rows-1-area").select_option("sensory_physical")
    page.locator("#id_rows-1-measure").fill("Swimming teacher's record")
    page.locator("#id_rows-1-by_when_0").fill("1")
    page.locator("#id_rows-1-by_when_1").fill("9")
    page.locator("#id_rows-1-by_when_2").fill("2026")
    page.submit("Save")
    expect(page.get_by_text("Section E: Outcomes saved")).to_be_visible()

    page.click_and_check(page.get_by_role("link", name="Issue a new version"))
    page.submit("Issue this version")
    expect(page.get_by_role("heading", name="EHC plan, version 1")).to_be_visible()

    draft = PlanDraftContent.objects.get(plan=plan)
    items = draft.content["e"]["items"]
    services.plan_content_update(
        actor=officer,
        plan=plan,
        section="e",
        data={"items": [dict(items[0], outcome="Amelia will read a long story aloud")]},
        version=draft.version,
    )
    # An amended plan follows proposed amendments and the family's 15 days (reg 22): here, a review's.
    proposals_sent(plan)
    services.plan_version_issue(actor=officer, plan=plan, kind="amended", issued_on=TODAY)
    page.goto(f"/children/{child.pk}/plans/{plan.pk}/compare/?from=1&to=2")
    expect(page.locator("del", has_text="short").first).to_be_visible()
    expect(page.locator("ins", has_text="long").first).to_be_visible()
    expect(page.locator('[data-item-status="removed"]')).to_have_count(1)
