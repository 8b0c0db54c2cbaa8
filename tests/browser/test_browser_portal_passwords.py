"""In Chromium: a parent who forgot their password gets a link, chooses a new one, signs in, changes it, and
reads the council's letters. axe-core checks every page at desktop width and 320 pixels wide."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from playwright.sync_api import expect

from sendcase.notifications.family import family_notify_review_invitation
from sendcase.notifications.models import OutboxMessage
from sendcase.portal.models import FamilyAccount
from tests.browser.test_browser_portal import PASSWORD, family, latest_code, portal_page  # noqa: F401

NEW_PASSWORD = "lantern-meadow-copper-77"
NEWER_PASSWORD = "harbour-thistle-walnut-58"


def _sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/family/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.submit("Continue")
    page.get_by_label("Enter the code we emailed you").fill(latest_code(email))
    page.submit("Sign in")


def test_a_parent_resets_changes_their_password_and_reads_the_letters(portal_page, family) -> None:  # noqa: F811
    page = portal_page
    account = FamilyAccount(local_authority=family.child.local_authority, family_member=family.parent)
    account.email = family.parent.email
    account.set_password(PASSWORD)
    account.save()
    family_notify_review_invitation(
        actor=family.officer,  # type: ignore[attr-defined]
        child=family.child,
        meeting_on=dt.date(2025, 7, 1),
    )

    page.goto("/family/sign-in/")
    page.click_and_check(page.get_by_role("link", name="Forgotten your password?"))
    page.get_by_label("Email address").fill(account.email)
    page.submit("Send the link")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    body = OutboxMessage.objects.get(template="family_password_reset").body
    page.goto(re.search(r"(/family/new-password/[^/\s]+/)", body).group(1))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type your new password again").fill(NEW_PASSWORD)
    page.submit("Save new password")
    expect(page.get_by_text("Your new password is saved. Sign in with it.")).to_be_visible()

    _sign_in(page, account.email, NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    page.click_and_check(page.get_by_role("link", name="Change your password"))
    page.get_by_label("Current password").fill(NEW_PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEWER_PASSWORD)
    page.get_by_label("Type your new password again").fill(NEWER_PASSWORD)
    page.submit("Change password")
    expect(page.get_by_text("Your password has changed")).to_be_visible()

    page.click_and_check(page.get_by_role("link", name=re.compile("See where things are up to")))
    page.click_and_check(page.get_by_role("link", name="Letters from the council"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters from the council")
    expect(page.get_by_text("You are invited to a review meeting on 1 July 2025")).to_be_visible()
    expect(page.get_by_role("heading", name="You are invited to Amelia's annual review")).to_be_visible()
