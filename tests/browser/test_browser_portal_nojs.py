"""The family portal with JavaScript switched off: a parent signs in, reads the timeline, sends views and a message.

Every action in the portal is a form post or a link, so nothing here needs a script. The pages
are read in a Chromium context with JavaScript disabled (Playwright's java_script_enabled=False).
axe-core cannot run in such a page (it needs scripts), so each page is checked as it is without
JavaScript: its HTML, with the scripts taken out, is loaded into the harness's page, where axe-core
checks it at desktop width and 320 pixels wide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from sendcase.portal.models import FamilyAccount, FamilyViews, Message
from tests.browser.conftest import NAVIGATION_TIMEOUT_MS
from tests.browser.test_browser_portal import NARROW, PASSWORD, WIDE, family, latest_code  # noqa: F401

_SCRIPTS = re.compile(r"<script\b.*?</script>", re.S | re.I)


@pytest.fixture
def no_js(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London", java_script_enabled=False
    )
    context.set_default_timeout(NAVIGATION_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def check_as_it_is(no_js: Page, checker: Any, live_server: Any) -> None:
    """Run axe-core, at both widths, on the page as the JavaScript-less browser shows it."""
    assert no_js.evaluate("document.body.classList.contains('js-enabled')") is False
    html = _SCRIPTS.sub("", no_js.content()).replace("<head>", f'<head><base href="{live_server.url}/">', 1)
    for viewport in (WIDE, NARROW):
        checker.set_viewport_size(viewport)
        checker.set_content(html, wait_until="load")
        checker.check_accessibility()
    checker.set_viewport_size(WIDE)


def test_a_parent_signs_in_reads_the_timeline_and_sends_views_and_a_message_without_javascript(
    no_js,
    page,
    live_server,
    family,  # noqa: F811
) -> None:
    account = FamilyAccount(local_authority=family.child.local_authority, family_member=family.parent)
    account.email = family.parent.email
    account.set_password(PASSWORD)
    account.save()

    def check() -> None:
        check_as_it_is(no_js, page, live_server)

    no_js.goto("/family/sign-in/")
    check()
    no_js.get_by_label("Email address").fill(account.email)
    no_js.get_by_label("Password").fill(PASSWORD)
    no_js.get_by_role("button", name="Continue", exact=True).click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Check your email")
    check()
    no_js.get_by_label("Enter the code we emailed you").fill(latest_code(account.email))
    no_js.get_by_role("button", name="Sign in", exact=True).click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Your children")

    no_js.get_by_role("link", name=re.compile("See where things are up to")).click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Where we are")
    expect(no_js.get_by_text("The council must send you the final EHC plan by 22 September 2025.")).to_be_visible()
    expect(no_js.get_by_role("heading", name="Words we use")).to_be_visible()
    check()

    no_js.get_by_role("link", name="Your views", exact=True).click()
    no_js.get_by_role("button", name="Send to the council").click()
    expect(no_js.locator(".govuk-error-summary")).to_contain_text("Write something in at least one of the boxes")
    check()
    no_js.get_by_label("The child or young person's views").fill("Amelia loves trains and drawing.")
    no_js.get_by_role("button", name="Send to the council").click()
    expect(no_js.get_by_text("Your views have been sent to the council")).to_be_visible()
    check()
    assert FamilyViews.objects.get().child_views == "Amelia loves trains and drawing."

    no_js.get_by_role("link", name="Messages", exact=True).click()
    no_js.get_by_label("Your message").fill("Could we meet before the final plan?")
    no_js.get_by_role("button", name="Send message").click()
    expect(no_js.get_by_text("Your message has been sent to the SEND team")).to_be_visible()
    expect(no_js.get_by_text("Could we meet before the final plan?")).to_be_visible()
    check()
    assert Message.objects.get().body == "Could we meet before the final plan?"

    no_js.get_by_role("button", name="Sign out").click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text("You have signed out")
