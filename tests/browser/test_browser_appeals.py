"""Decisions, ceasing and appeals in a browser: the case panel, the letter, ending a plan, the managers' list."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role, User
from sendcase.appeals import services
from sendcase.cases.models import Plan
from sendcase.people import services as people_services
from tests.browser.conftest import authenticator
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

PASSWORD = "correct-horse-battery"
ADVISER = "Dorset Mediation Service, 01305 000000"


@pytest.fixture
def council(transactional_db):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la, role=Role.CASE_OFFICER, email="olive.officer@sendcase.example", first_name="Olive"
    )
    manager = UserFactory(local_authority=la, role=Role.TEAM_MANAGER, email="mina.manager@sendcase.example")
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart", setting=setting, key_worker=officer)
    people_services.family_member_add(
        actor=officer,
        child=child,
        first_name="Priya",
        last_name="Hart",
        relationship="mother",
        parental_responsibility=True,
        email="priya@example.org",
    )
    plan = Plan.objects.create(child=child, issued_on=dt.date(2023, 9, 1), named_setting=setting)
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    proposal = services.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=dt.date(2025, 1, 27),
        setting_consulted_on=dt.date(2025, 1, 27),
        expected_version=proposal.version,
    )
    services.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=dt.date(2025, 3, 7),
        sent_on=dt.date(2025, 3, 10),
        reasons="Amelia's needs are now met by the school's own provision.",
        mediation_adviser=ADVISER,
        expected_version=proposal.version,
    )
    contents = services.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=dt.date(2025, 2, 3),
        sent_on=dt.date(2025, 2, 3),
        reasons="Section F sets out 20 hours of support a week.",
        mediation_adviser=ADVISER,
        plan=plan,
    )
    appeal = services.tribunal_appeal_lodge(
        actor=officer, notice=contents, lodged_on=dt.date(2025, 3, 20), grounds="needs_provision"
    )
    services.tribunal_order_record(actor=officer, appeal=appeal, kind="amend_content", made_on=dt.date(2025, 5, 12))
    return officer, manager, child


def sign_in(page, email: str) -> None:
    sign_in_with_code(page, email, PASSWORD, authenticator(User.objects.get(email=email)))


def fill_date(page, day: str, month: str, year: str) -> None:
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def test_an_officer_reads_the_letter_and_ends_the_plan_only_when_the_window_has_closed(page, council):
    officer, _, child = council
    sign_in(page, officer.email)
    page.goto(f"/children/{child.pk}/")
    expect(page.locator("#appeals")).to_be_visible()
    expect(page.get_by_text("Regulation 44(2)(e), SEND Regulations 2014 [SECONDARY]").first).to_be_visible()

    page.click_and_check(page.get_by_role("link", name="Read the letter").first)
    expect(page.get_by_test_id("letter")).to_contain_text("by 10 May 2025")
    page.goto(f"/children/{child.pk}/")

    page.click_and_check(page.get_by_role("link", name="End the plan"))
    fill_date(page, "9", "5", "2025")
    page.submit("Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The plan must be maintained until 10 May 2025, when the appeal window closes (s.45, reg 33)"
    )
    fill_date(page, "12", "5", "2025")
    page.submit("Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The plan ended on 12 May 2025")

    page.click_and_check(page.get_by_role("link", name="Send a decision notice"))
    page.submit("Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the decision")


def test_a_manager_sees_orders_due_per_officer(page, council):
    _, manager, _ = council
    sign_in(page, manager.email)
    page.goto("/")
    page.click_and_check(page.get_by_role("link", name="Appeals", exact=True))
    expect(page.get_by_test_id("order-step-row")).to_contain_text("Due in 14 days, by 16 June 2025")
