"""The family portal in Chromium: a parent accepts an invitation, signs in, reads the timeline, takes part.

Every page is checked by axe-core twice: at the harness's desktop width and again 320 pixels wide
(WCAG 2.2 reflow, 1.4.10), where the page must also not scroll sideways.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.cases import services as case_services
from sendcase.notifications.models import OutboxMessage
from sendcase.people.models import Child, FamilyLink, FamilyMember, Relationship
from sendcase.portal import services as portal_services
from sendcase.portal.models import FamilyAccount
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

PASSWORD = "walnut-harbour-kettle-42"
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def portal_page(page) -> Iterator[Any]:
    """The harness's page, also checked by axe-core 320 pixels wide after every page it visits."""
    desktop_check = page.check_accessibility

    def both_widths(*, status: int | None = None) -> None:
        desktop_check(status=status)
        page.set_viewport_size(NARROW)
        try:
            desktop_check()
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px wide"
        finally:
            page.set_viewport_size(WIDE)

    page.check_accessibility = both_widths
    yield page


@dataclass
class Family:
    child: Child
    parent: FamilyMember
    other_child: Child
    other_account: FamilyAccount


def _member(la, first: str, last: str, child: Child) -> FamilyMember:
    member = FamilyMember.objects.create(
        local_authority=la, first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}@family.example"
    )
    FamilyLink.objects.create(child=child, member=member, relationship=Relationship.MOTHER)
    return member


@pytest.fixture
def family(transactional_db: None) -> Family:
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la,
        role=Role.CASE_OFFICER,
        email="olive.officer@sendcase.example",
        first_name="Olive",
        last_name="Officer",
        phone="01305 221000",
    )
    SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart")
    case_services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 5, 5), source="parent")
    request = case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=dt.date(2025, 5, 20), expected_version=None
    )
    request = case_services.issue_decision_record(
        actor=officer, request=request, decision="issue", decided_on=dt.date(2025, 5, 28), expected_version=None
    )
    # Served on 30 May 2025: the family has until 13 June 2025 (reg 13(1)); today is 2 June 2025.
    case_services.draft_plan_serve(
        actor=officer, request=request, served_on=dt.date(2025, 5, 30), expected_version=None
    )
    parent = _member(la, "Jane", "Hart", child)

    other_child = ChildFactory(local_authority=la, first_name="Noah", last_name="Stone")
    other_parent = _member(la, "Priya", "Stone", other_child)
    other_account = FamilyAccount(local_authority=la, family_member=other_parent, email=other_parent.email)
    other_account.set_password(PASSWORD)
    other_account.save()
    family = Family(child=child, parent=parent, other_child=other_child, other_account=other_account)
    family.officer = officer  # type: ignore[attr-defined]
    return family


def latest_code(email: str) -> str:
    body = OutboxMessage.objects.filter(template="family_sign_in_code", recipient=email).latest("created_at").body
    return re.search(r"\b(\d{6})\b", body).group(1)


def sign_in(page: Any, email: str) -> None:
    page.goto("/family/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.submit("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.get_by_label("Enter the code we emailed you").fill(latest_code(email))
    page.submit("Sign in")


def test_a_parent_accepts_the_invitation_signs_in_and_takes_part(portal_page, family) -> None:
    page = portal_page
    token = portal_services.family_invite(actor=family.officer, family_member=family.parent)  # type: ignore[attr-defined]

    page.goto(f"/family/invitation/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your family portal account")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type your password again").fill(PASSWORD)
    page.submit("Create account")
    expect(page.get_by_text("Your account is ready")).to_be_visible()

    sign_in(page, family.parent.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    expect(page.get_by_text("What happens next:")).to_be_visible()

    page.click_and_check(page.get_by_role("link", name=re.compile("See where things are up to")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Where we are")
    expect(page.get_by_text("You have until 13 June 2025 to respond to the draft plan.")).to_be_visible()
    expect(page.get_by_text("The council must send you the final EHC plan by 22 September 2025.")).to_be_visible()
    expect(
        page.get_by_text("On 20 May 2025 the council told you it will carry out an EHC needs assessment.")
    ).to_be_visible()
    expect(page.get_by_text("Your key worker is Olive Officer.")).to_be_visible()

    page.click_and_check(page.get_by_role("link", name="Your views", exact=True))
    page.get_by_label("The child or young person's views").fill("Amelia loves trains and drawing.")
    page.get_by_label("Hopes and goals for the future").fill("To stay at her school with her friends.")
    page.submit("Save as a draft")
    expect(page.get_by_text("Your views are saved as a draft")).to_be_visible()
    page.submit("Send to the council")
    expect(page.get_by_text("Your views have been sent to the council")).to_be_visible()
    expect(page.get_by_role("heading", name="Views you have sent")).to_be_visible()

    page.click_and_check(page.get_by_role("link", name="Respond to the draft plan", exact=True).first)
    expect(page.get_by_text("You have until 13 June 2025 to respond.")).to_be_visible()
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label("I agree with this section").check()
    page.get_by_role("group", name=re.compile("^Section F")).get_by_label("I disagree with this section").check()
    page.get_by_label("Your comments on section F").fill("Speech therapy every week, not every term.")
    page.get_by_label("The school or college you would like named in the plan (optional)").select_option(
        label="Castle Primary School"
    )
    page.submit("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your response before you send it")
    expect(page.get_by_text("Speech therapy every week, not every term.")).to_be_visible()
    page.submit("Send response")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response sent")

    page.click_and_check(page.get_by_role("link", name="Where we are"))
    expect(page.get_by_text("The council received your response to the draft plan on 2 June 2025.")).to_be_visible()


def test_another_parent_cannot_reach_that_childs_pages(portal_page, family) -> None:
    page = portal_page
    sign_in(page, family.other_account.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    expect(page.get_by_text("Amelia")).to_have_count(0)
    for path in ("", "views/", "documents/", "messages/"):
        page.goto(f"/family/children/{family.child.pk}/{path}", status=404)
        expect(page.get_by_text("Amelia")).to_have_count(0)


def test_the_case_officer_sees_the_familys_portal_and_replies_from_the_case_page(page, family) -> None:
    from sendcase.portal.access import child_get_for_family
    from tests.browser.conftest import authenticator
    from tests.browser.conftest import sign_in as staff_sign_in

    account = FamilyAccount(local_authority=family.child.local_authority, family_member=family.parent)
    account.email = family.parent.email
    account.set_password(PASSWORD)
    account.save()
    family_child = child_get_for_family(account, family.child.pk)
    portal_services.message_send_from_family(
        account=account, family_child=family_child, body="Could we meet before the final plan?"
    )
    officer = family.officer  # type: ignore[attr-defined]
    officer.set_password(PASSWORD)
    officer.save()
    staff_sign_in(page, officer.email, PASSWORD, authenticator(officer))

    page.goto(f"/children/{family.child.pk}/")
    section = page.locator("#family-portal")
    expect(section).to_have_text("Family portal")
    expect(page.get_by_test_id("family-portal-accounts")).to_contain_text("Active, not signed in yet")
    expect(page.get_by_test_id("family-portal-accounts")).to_contain_text("Send a link to choose a new password")
    page.click_and_check(page.get_by_role("link", name="Messages with Jane Hart"))
    expect(page.get_by_text("Could we meet before the final plan?")).to_be_visible()
    page.get_by_label("Your reply").fill("Yes: Tuesday 10 June at 10am, at the council offices.")
    page.submit("Send reply")
    expect(page.get_by_text("Reply sent to Jane Hart")).to_be_visible()
    assert OutboxMessage.objects.filter(template="family_new_message", recipient=family.parent.email).exists()
