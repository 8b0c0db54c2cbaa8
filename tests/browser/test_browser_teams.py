"""The team around the child in a browser: an officer builds the team, a paediatrician then opens the record."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role, User
from sendcase.organisations.models import Organisation
from sendcase.people import services as people_services
from tests.browser.conftest import authenticator
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def council(transactional_db):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la, role=Role.CASE_OFFICER, email="olive.officer@sendcase.example", first_name="Olive"
    )
    health = Organisation.objects.create(local_authority=la, kind="health", name="Dorset Community Paediatrics")
    paediatrician = UserFactory(
        local_authority=la,
        role=Role.PROFESSIONAL,
        organisation=health,
        is_organisation_admin=True,
        email="pat.paed@nhs.example",
        first_name="Pat",
        last_name="Paed",
    )
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart", setting=setting)
    people_services.family_member_add(
        actor=officer,
        child=child,
        first_name="Priya",
        last_name="Hart",
        relationship="mother",
        parental_responsibility=True,
        email="priya@example.org",
    )
    return officer, paediatrician, child


def sign_in(page, email: str) -> None:
    sign_in_with_code(page, email, PASSWORD, authenticator(User.objects.get(email=email)))


def fill_date(page, day: str, month: str, year: str) -> None:
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def test_an_officer_builds_the_team_and_the_paediatrician_then_sees_the_child(page, council):
    officer, paediatrician, child = council
    sign_in(page, officer.email)
    page.goto(f"/children/{child.pk}/")
    page.click_and_check(page.get_by_role("link", name="Add someone to the team"))

    page.get_by_label("Organisation").select_option(label="Dorset Community Paediatrics")
    page.get_by_label("Role on the team").select_option(label="Paediatrician")
    fill_date(page, "31", "2", "2025")
    page.submit("Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date they joined the team must be a real date")
    page.check_accessibility()

    page.get_by_label("Person (optional)").select_option(label="Pat Paed (Dorset Community Paediatrics)")
    fill_date(page, "2", "6", "2025")
    page.submit("Save")
    team = page.locator("[data-testid='team']")
    expect(team).to_contain_text("Pat Paed")
    expect(team).to_contain_text("No consent to share recorded")

    page.click_and_check(page.get_by_role("link", name="Record consent to share"))
    page.get_by_label("Organisation the record may be shared with").select_option(label="Dorset Community Paediatrics")
    page.get_by_label("Priya Hart (mother)").check()
    fill_date(page, "1", "6", "2025")
    page.get_by_label("What may be shared, and for what purpose").fill("Assessment and plan")
    page.submit("Save")
    expect(page.locator("[data-testid='team']")).to_contain_text("Consent to share since 1 June 2025")

    page.click_and_check(page.get_by_role("link", name="Add a note or decision"))
    page.get_by_label("The council's SEND team only").check()
    page.get_by_label("What was said or decided").fill("Panel on Thursday")
    page.submit("Add to the discussion")
    expect(page.locator("[data-testid='notes']")).to_contain_text("Panel on Thursday")

    page.context.clear_cookies()
    sign_in(page, paediatrician.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    row = page.get_by_role("row").filter(has_text="Amelia Hart")
    expect(row).to_contain_text("Team around the child: Paediatrician")
    page.click_and_check(row.get_by_role("link", name="Amelia Hart"))
    expect(page.locator("[data-testid='relationship']")).to_contain_text("Team around the child")
    expect(page.get_by_text("Panel on Thursday")).to_have_count(0)

    page.click_and_check(page.get_by_role("link", name="Your organisation"))
    expect(page.locator("[data-testid='people']")).to_contain_text("Pat Paed")
    page.click_and_check(page.get_by_role("link", name="Add a person"))
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newton")
    page.get_by_label("Email address").fill("nia.newton@nhs.example")
    page.get_by_label("Works with children (for example SENCo, therapist, social worker)").check()
    page.submit("Add person")
    expect(page.locator("[data-testid='set-password-link']")).to_contain_text("/set-password/")
