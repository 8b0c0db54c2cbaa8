"""The draft-response journey by keyboard alone (Tab, Enter, Space), with the focus visible at every stop.

Only page.keyboard moves through the pages: no clicks. Each element the Tab key lands on must
show GOV.UK Frontend's focus style (an outline, the yellow highlight, or the box-shadow drawn
around a radio or checkbox), or the test fails naming it (WCAG 2.2 2.1.1 Keyboard and 2.4.7
Focus Visible).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.cases import services as case_services
from sendcase.cases.models import AssessmentRequest
from sendcase.people.models import Child, FamilyLink, FamilyMember, Relationship
from sendcase.portal.models import PLAN_SECTIONS, FamilyAccount
from tests.browser.test_browser_portal import latest_code
from tests.factories import ChildFactory, LocalAuthorityFactory, UserFactory

PASSWORD = "walnut-harbour-kettle-42"
MAX_TABS = 80

# True if the focused element, or the label drawing its radio/checkbox, shows a focus indicator.
FOCUS_VISIBLE = """
el => {
  const shows = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'transparent'
                      && !s.outlineColor.endsWith(', 0)'))
                     || (s.boxShadow && s.boxShadow !== 'none')
                     || s.backgroundColor === 'rgb(255, 221, 0)';
  if (shows(getComputedStyle(el))) return true;
  for (const label of (el.labels || [])) {
    if (shows(getComputedStyle(label, '::before')) || shows(getComputedStyle(label, '::after'))) return true;
  }
  return false;
}
"""

DESCRIBE = """
el => [el.tagName.toLowerCase(), el.getAttribute('name') || '', (el.innerText || el.value || '').trim().slice(0, 60)]
  .join(' ')
"""


@pytest.fixture
def signed_up_parent(transactional_db: None) -> tuple[Child, FamilyAccount]:
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(local_authority=la, role=Role.CASE_OFFICER, first_name="Olive", last_name="Officer")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart")
    case_services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 5, 5), source="parent")
    request = case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=dt.date(2025, 5, 20), expected_version=None
    )
    request = case_services.issue_decision_record(
        actor=officer, request=request, decision="issue", decided_on=dt.date(2025, 5, 28), expected_version=None
    )
    case_services.draft_plan_serve(
        actor=officer, request=request, served_on=dt.date(2025, 5, 30), expected_version=None
    )
    member = FamilyMember.objects.create(
        local_authority=la, first_name="Jane", last_name="Hart", email="jane.hart@family.example"
    )
    FamilyLink.objects.create(child=child, member=member, relationship=Relationship.MOTHER)
    account = FamilyAccount(local_authority=la, family_member=member, email=member.email)
    account.set_password(PASSWORD)
    account.save()
    return child, account


def tab_to(page: Any, matches: str, *, shift: bool = False) -> None:
    """Press Tab until the focused element matches the CSS selector `matches`, checking each stop's focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        focused = page.locator(":focus")
        if focused.count() == 0:
            continue
        handle = focused.element_handle()
        description = handle.evaluate(DESCRIBE)
        assert handle.evaluate(FOCUS_VISIBLE), f"No visible focus on {description!r} at {page.url}"
        if handle.evaluate("(el, sel) => el.matches(sel)", matches):
            return
    pytest.fail(f"Tab never reached {matches} on {page.url}")


def press_and_check(page: Any, key: str) -> None:
    """Press a key that loads a new page (Enter on a link or button), then let the harness check it."""
    page._last_document = None
    with page.expect_event("load"):
        page.keyboard.press(key)
    page.check_accessibility(status=200)


def test_a_parent_responds_to_the_draft_plan_with_the_keyboard_alone(page, signed_up_parent) -> None:
    child, account = signed_up_parent
    page.goto("/family/sign-in/")
    # The focus check can fail: a link the focus is not on shows no focus style.
    assert not page.get_by_role("link", name="ask for an account").evaluate(FOCUS_VISIBLE)

    tab_to(page, "input[name=email]")
    page.keyboard.type(account.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    press_and_check(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    tab_to(page, "input[name=code]")
    page.keyboard.type(latest_code(account.email))
    press_and_check(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")

    tab_to(page, f"a[href='/family/children/{child.pk}/']")
    press_and_check(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Where we are")

    tab_to(page, "a[href$='/response/']")
    press_and_check(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Respond to the draft plan")

    for code, _label in PLAN_SECTIONS:
        # Tab enters each radio group on its first choice, "I agree"; Space selects it.
        tab_to(page, f"input[name=answer_{code}]")
        page.keyboard.press("Space")
        expect(page.locator(f"input[name=answer_{code}][value=agree]")).to_be_checked()
    tab_to(page, "input[name=meeting_requested]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=meeting_requested]")).to_be_checked()
    tab_to(page, "button[value=continue]")
    press_and_check(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your response before you send it")

    tab_to(page, "button[type=submit]:not(.sc-link-button)")
    expect(page.locator(":focus")).to_have_text(re.compile("Send response"))
    press_and_check(page, "Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response sent")

    request = AssessmentRequest.objects.get(child=child)
    assert request.family_response_on == dt.date(2025, 6, 2)
    assert "Asks for a meeting" in request.family_response_notes
