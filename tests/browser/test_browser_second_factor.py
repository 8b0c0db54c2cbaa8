"""The second factor in the browser: setting up an authenticator app, a wrong code, a locked account."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from tests.browser.conftest import authenticator, current_code, sign_in
from tests.factories import LocalAuthorityFactory, UserFactory

PASSWORD = "correct-horse-battery"
CODE_LABEL = "Enter the code from your authenticator app"


@pytest.fixture
def council(transactional_db):
    return LocalAuthorityFactory(code="838", name="Dorset Council (test)")


@pytest.fixture
def officer(council):
    return UserFactory(
        local_authority=council,
        role=Role.CASE_OFFICER,
        email="olive.officer@sendcase.example",
        first_name="Olive",
        last_name="Officer",
    )


def password_step(page, email: str, password: str = PASSWORD, *, status: int = 200) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.submit("Sign in", status=status)


def test_a_new_member_of_staff_sets_up_an_authenticator_app(page, officer):
    password_step(page, officer.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    # Nothing to navigate to yet but signing out.
    expect(page.get_by_role("link", name="My caseload")).to_have_count(0)
    page.get_by_text("I cannot scan the QR code").click()
    page.check_accessibility()
    key = page.get_by_test_id("setup-key").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", key), key

    page.get_by_label("Code from your authenticator app").fill(current_code(key))
    page.submit("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")


def test_a_wrong_code_shows_an_error_and_the_right_one_signs_in(page, officer):
    device = authenticator(officer)
    password_step(page, officer.email)
    right = current_code(device)
    page.get_by_label(CODE_LABEL).fill("000000" if right != "000000" else "111111")
    page.submit("Continue")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("The code is not right")
    expect(page).to_have_title(re.compile(r"\(error\)"))

    page.get_by_label(CODE_LABEL).fill(right)
    page.submit("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")


def test_five_wrong_passwords_show_the_locked_page(page, officer):
    authenticator(officer)
    for _ in range(4):
        password_step(page, officer.email, "not-the-password")
    password_step(page, officer.email, "not-the-password", status=429)

    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in for now")
    expect(page.get_by_text(re.compile(r"You can try again after \d{1,2}:\d{2}[ap]m"))).to_be_visible()
    expect(page.get_by_text(officer.email)).to_have_count(0)


def test_the_sign_in_page_says_why_someone_was_signed_out(page, transactional_db):
    page.goto("/accounts/sign-in/?signed_out=idle")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You were signed out after 30 minutes without activity"
    )


def test_an_administrator_resets_a_colleagues_second_factor(page, council, officer):
    admin = UserFactory(
        local_authority=council, role=Role.ADMINISTRATOR, email="ada.admin@sendcase.example", first_name="Ada"
    )
    authenticator(officer)
    sign_in(page, admin.email, PASSWORD, authenticator(admin), next_path="/accounts/people/")

    expect(page.get_by_role("heading", level=1)).to_have_text("People who sign in")
    row = page.get_by_role("row").filter(has_text=officer.email)
    expect(row).to_contain_text("Set up")
    page.click_and_check(row.get_by_role("link", name=re.compile("Reset second factor")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset second factor for Olive Officer")
    page.submit("Reset second factor")

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Second factor reset for Olive Officer")
    expect(page.get_by_role("row").filter(has_text=officer.email)).to_contain_text("Not set up")
