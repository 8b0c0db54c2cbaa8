"""Signing in: the first page every member of staff sees."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import User
from sendcase.organisations.models import LocalAuthority
from tests.browser.conftest import authenticator, current_code

SIGN_IN = "/accounts/sign-in/"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def case_officer(transactional_db: None) -> User:
    council = LocalAuthority.objects.create(code="999", name="Exampleshire County Council")
    return User.objects.create_user(
        username="ada.lovelace",
        email="ada.lovelace@exampleshire.gov.uk",
        password=PASSWORD,
        first_name="Ada",
        last_name="Lovelace",
        role="case_officer",
        local_authority=council,
    )


def test_sign_in_page_asks_for_email_and_password(page) -> None:
    page.goto(SIGN_IN)

    expect(page).to_have_title(re.compile(r"^Sign in"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    expect(page.get_by_label("Email address")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_wrong_password_shows_an_error_summary(page, case_officer: User) -> None:
    page.goto(SIGN_IN)
    page.get_by_label("Email address").fill(case_officer.email)
    page.get_by_label("Password").fill("not-the-password")
    page.submit("Sign in")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    # Still on the sign-in page, with the email kept so only the password needs typing again.
    expect(page).to_have_url(re.compile(re.escape(SIGN_IN) + "$"))
    expect(page.get_by_label("Email address")).to_have_value(case_officer.email)
    expect(page.get_by_label("Password")).to_have_value("")


def test_right_password_then_the_code_signs_in(page, case_officer: User) -> None:
    device = authenticator(case_officer)
    page.goto(SIGN_IN)
    page.get_by_label("Email address").fill(case_officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.submit("Sign in")

    expect(page).to_have_title(re.compile(r"^Enter the code from your authenticator app"))
    page.get_by_label("Enter the code from your authenticator app").fill(current_code(device))
    page.submit("Continue")

    expect(page).not_to_have_url(re.compile(re.escape(SIGN_IN)))
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Sign out"))).to_be_visible()
