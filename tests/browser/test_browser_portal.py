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

    # Switching the account off asks why first; a staff session is never let into the family portal.
    page.goto(f"/children/{family.child.pk}/")
    page.click_and_check(
        page.locator(f'a[href="/children/{family.child.pk}/family-portal/accounts/{account.pk}/switch/"]')
    )
    page.submit("Switch off the account")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the account is being switched off")
    page.get_by_label("Why are you switching this account off?").fill("Jane asked us to close it")
    page.submit("Switch off the account")
    expect(page.get_by_text("Jane Hart's family portal account is switched off")).to_be_visible()
    page.goto("/family/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are signed in as a member of staff")


# --- Every portal page, and each page's error state, checked at 1280 and 320 pixels wide --------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _error_summary_says(page: Any, text: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(text)


def _account(family: Family) -> FamilyAccount:
    account = FamilyAccount(local_authority=family.child.local_authority, family_member=family.parent)
    account.email = family.parent.email
    account.set_password(PASSWORD)
    account.save()
    return account


def test_every_page_before_signing_in_and_its_error_state(portal_page, family) -> None:
    page = portal_page
    page.goto("/family/sign-in/")
    page.submit("Continue")
    _error_summary_says(page, "Enter your email address")

    page.click_and_check(page.get_by_role("link", name="ask for an account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a family portal account")
    page.submit("Send request")
    _error_summary_says(page, "Enter your full name")
    page.get_by_label("Your full name").fill("Jane Hart")
    page.get_by_label("Your email address").fill("jane.h@family.example")
    page.get_by_label("I am their parent").check()
    page.get_by_label("The child or young person's first name").fill("Amelia")
    page.get_by_label("The child or young person's last name").fill("Hart")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2015")
    page.submit("Send request")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")

    page.goto("/family/forgotten-password/")
    page.submit("Send the link")
    _error_summary_says(page, "Enter your email address")

    token = portal_services.family_invite(actor=family.officer, family_member=family.parent)  # type: ignore[attr-defined]
    page.goto(f"/family/invitation/{token}/")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type your password again").fill("not-the-same-password-99")
    page.submit("Create account")
    _error_summary_says(page, "The passwords do not match")
    page.goto("/family/invitation/not-a-real-link/", status=410)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has expired or has already been used")

    page.goto(f"/family/invitation/{token}/")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type your password again").fill(PASSWORD)
    page.submit("Create account")
    portal_services.password_reset_request(email=family.parent.email)
    body = OutboxMessage.objects.filter(template="family_password_reset").latest("created_at").body
    page.goto(re.search(r"(/family/new-password/[^/\s]+/)", body).group(1))
    page.get_by_label("New password", exact=True).fill("lantern-meadow-copper-77")
    page.get_by_label("Type your new password again").fill("something-else-entirely-12")
    page.submit("Save new password")
    _error_summary_says(page, "The passwords do not match")
    page.goto("/family/new-password/not-a-real-link/", status=410)

    page.goto("/family/sign-in/")
    page.get_by_label("Email address").fill(family.parent.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.submit("Continue")
    wrong = "000000" if latest_code(family.parent.email) != "000000" else "111111"
    page.get_by_label("Enter the code we emailed you").fill(wrong)
    page.submit("Sign in")
    _error_summary_says(page, "The code is not right")
    page.get_by_label("Enter the code we emailed you").fill(latest_code(family.parent.email))
    page.submit("Sign in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    page.submit("Sign out")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


@pytest.fixture
def after_plan(family) -> Family:
    """The child's plan, a review being arranged, and a decision with its mediation and appeal dates."""
    from sendcase.appeals import services as appeals
    from sendcase.cases.models import Plan
    from sendcase.reviews import services as reviews

    officer = family.officer  # type: ignore[attr-defined]
    plan = Plan.objects.create(child=family.child, issued_on=dt.date(2024, 6, 10))
    reviews.review_schedule(actor=officer, plan=plan, meeting_on=dt.date(2025, 7, 1), meeting_format="online")
    appeals.decision_notice_send(
        actor=officer,
        child=family.child,
        about="plan_contents",
        decided_on=dt.date(2025, 5, 21),
        sent_on=dt.date(2025, 5, 22),
        reasons="Section F gives 20 hours a week of help.",
        mediation_adviser="Dorset Mediation Service, 01305 000000",
        plan=plan,
    )
    return family


def test_every_page_about_a_child_and_its_error_state(portal_page, after_plan) -> None:
    page = portal_page
    family = after_plan
    _account(family)
    sign_in(page, family.parent.email)
    page.click_and_check(page.get_by_role("link", name=re.compile("See where things are up to")))
    expect(page.get_by_text("It must receive your appeal by 22 July 2025.")).to_be_visible()
    expect(page.get_by_text("The council must invite you to the review meeting by 17 June 2025")).to_be_visible()
    expect(page.get_by_role("heading", name="Words we use")).to_be_visible()
    page.get_by_role("link", name="tribunal", exact=True).first.click()  # to its explanation, on the same page
    expect(page).to_have_url(re.compile("#words-we-use-tribunal$"))
    expect(page.locator("#words-we-use-tribunal")).to_be_in_viewport()

    page.click_and_check(page.get_by_role("link", name="Letters from the council"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters from the council")

    page.click_and_check(page.get_by_role("link", name="Your views", exact=True))
    page.submit("Send to the council")
    _error_summary_says(page, "Write something in at least one of the boxes")

    page.click_and_check(page.get_by_role("link", name="Send documents"))
    page.submit("Send document")
    _error_summary_says(page, "Select a file to upload")
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": EXE}]
    )
    page.submit("Send document")
    _error_summary_says(page, "report.pdf is not really a PDF")

    page.click_and_check(page.get_by_role("link", name="Annual review", exact=True))
    expect(page.get_by_text("What does “annual review” mean?")).to_be_visible()
    page.submit("Send to the council")
    _error_summary_says(page, "Select how you would like the meeting to be held")

    page.click_and_check(page.get_by_role("link", name="Messages", exact=True))
    page.submit("Send message")
    _error_summary_says(page, "Enter your message")

    page.click_and_check(page.get_by_role("link", name="Change your password"))
    page.get_by_label("Current password").fill("not-my-password-at-all")
    page.submit("Change password")
    _error_summary_says(page, "Your current password is not right")

    page.goto(f"/family/children/{family.other_child.pk}/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_the_young_persons_sharing_page_and_its_error_state(portal_page, family) -> None:
    page = portal_page
    la = family.child.local_authority
    young = ChildFactory(local_authority=la, first_name="Leo", last_name="Grant", date_of_birth=dt.date(2007, 3, 1))
    account = FamilyAccount(local_authority=la, young_person=young, email="leo.grant@family.example")
    account.set_password(PASSWORD)
    account.save()
    sign_in(page, account.email)
    page.click_and_check(page.get_by_role("link", name=re.compile("See where things are up to")))
    page.click_and_check(page.get_by_role("link", name="What your parents can see"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What your parents can see")
    page.evaluate("document.querySelectorAll('input[type=radio]').forEach(r => { r.checked = false; })")
    page.submit("Save")
    _error_summary_says(page, "Select what your parents can see")
    page.get_by_label("Only where things are up to (the timeline)").check()
    page.submit("Save")
    expect(page.get_by_text("Your choice is saved")).to_be_visible()


def test_a_one_login_sign_in_at_too_low_a_level_gets_its_own_page(portal_page, family, settings) -> None:
    """No network: the browser never leaves SENDcase, and One Login's token exchange is stood in for."""
    from sendcase.portal.oidc import FamilyOIDCBackend

    page = portal_page
    settings.SENDCASE_FAMILY_OIDC_ENABLED = True
    settings.SENDCASE_FAMILY_OIDC_CLIENT_ID = "sendcase-family-test"
    settings.SENDCASE_FAMILY_OIDC_AUTHORIZATION_ENDPOINT = "https://one-login.invalid/authorize"
    _account(family)

    seen: dict[str, str] = {}

    def start_without_leaving(route: Any) -> None:
        # SENDcase's start page would send the browser to One Login, which would ask for the password
        # and the code and send it back with the state: keep the session SENDcase started, note the state.
        response = route.fetch(max_redirects=0)
        seen["state"] = re.search(r"[?&]state=([^&]+)", response.headers["location"]).group(1)
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("location", "content-length")}
        route.fulfill(status=200, headers={**headers, "content-type": "text/html"}, body="<title>One Login</title>")

    page.route("**/family/one-login/start/", start_without_leaving)
    original = FamilyOIDCBackend.get_token, FamilyOIDCBackend.verify_token, FamilyOIDCBackend.get_userinfo
    FamilyOIDCBackend.get_token = lambda self, payload: {"id_token": "id", "access_token": "at"}  # type: ignore[method-assign]
    FamilyOIDCBackend.verify_token = lambda self, token, **kw: {"vot": "Cl", **kw}  # type: ignore[method-assign]
    FamilyOIDCBackend.get_userinfo = lambda self, *a: {"email": family.parent.email, "email_verified": True}  # type: ignore[method-assign]
    try:
        page.goto("/family/sign-in/")
        with page.expect_event("load"):
            page.get_by_role("button", name="Sign in with GOV.UK One Login").click()
        page.goto(f"/family/one-login/callback/?code=abc&state={seen['state']}", status=403)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "GOV.UK One Login did not check your sign-in enough for this service"
        )
    finally:
        FamilyOIDCBackend.get_token, FamilyOIDCBackend.verify_token, FamilyOIDCBackend.get_userinfo = original  # type: ignore[method-assign]
