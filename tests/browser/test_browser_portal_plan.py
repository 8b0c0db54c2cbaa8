"""A parent reads the draft plan and answers it against two sections; a year later, the proposed amendments.

Every page is checked by axe-core at the harness's desktop width and again 320 pixels wide, where
it must not scroll sideways (the `portal_page` fixture of test_browser_portal.py).
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
from sendcase.people.models import FamilyLink, FamilyMember, Relationship
from sendcase.plans.models import PlanDraftContent
from sendcase.plans.services import plan_content_update, plan_version_issue
from sendcase.portal.models import DraftResponse, FamilyAccount, Status
from sendcase.reviews import services as reviews
from tests.browser.test_browser_portal import PASSWORD, sign_in
from tests.browser.test_browser_portal import portal_page as _both_widths  # noqa: F401 (registers the fixture)
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory
from tests.plans.builders import OUTCOME_1, complete_content, write_content

D = dt.date


@pytest.fixture
def portal_page(request: pytest.FixtureRequest) -> Any:
    """The portal tests' page: axe-core at 1280 and again at 320 pixels wide, with no sideways scrolling."""
    return request.getfixturevalue("_both_widths")


@pytest.fixture
def drafted(transactional_db: None) -> dict[str, Any]:
    """A draft plan written in SENDcase and served on 30 May 2025: the family has until 13 June 2025."""
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la, role=Role.CASE_OFFICER, email="olive.officer@sendcase.example", first_name="Olive"
    )
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart")
    case_services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
    request = case_services.request_create(actor=officer, child=child, received_on=D(2025, 5, 5), source="parent")
    request = case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=D(2025, 5, 20), expected_version=None
    )
    request = case_services.issue_decision_record(
        actor=officer, request=request, decision="issue", decided_on=D(2025, 5, 28), expected_version=None
    )
    write_content(officer, None, complete_content(setting, D(2025, 6, 2)), request=request)
    plan_version_issue(actor=officer, request=request, kind="draft", issued_on=D(2025, 5, 30))
    request = case_services.draft_plan_serve(
        actor=officer, request=request, served_on=D(2025, 5, 30), expected_version=None
    )
    member = FamilyMember.objects.create(
        local_authority=la, first_name="Jane", last_name="Hart", email="jane.hart@family.example"
    )
    FamilyLink.objects.create(child=child, member=member, relationship=Relationship.MOTHER)
    account = FamilyAccount(local_authority=la, family_member=member, email=member.email)
    account.set_password(PASSWORD)
    account.save()
    return {"officer": officer, "setting": setting, "child": child, "request": request, "account": account}


def _answer_every_section(page: Any, disagree: dict[str, str]) -> None:
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label("I agree with this section").check()
    for code, comment in disagree.items():
        group = page.get_by_role("group", name=re.compile(f"^Section {code}:"))
        group.get_by_label("I disagree with this section").check()
        page.get_by_label(f"Your comments on section {code}").fill(comment)


def _a_year_later_the_review_proposes_amendments(drafted: dict[str, Any], settings: Any) -> Any:
    """The final plan issued on 2 June 2025; reviewed on 11 May 2026; amendments proposed on 20 May 2026."""
    officer, setting = drafted["officer"], drafted["setting"]
    request = AssessmentRequest.objects.get(pk=drafted["request"].pk)
    plan = case_services.final_plan_issue(
        actor=officer, request=request, issued_on=D(2025, 6, 2), named_setting=setting, expected_version=None
    )
    plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=D(2025, 6, 2))
    settings.SENDCASE_TODAY = "2026-05-25"
    draft = PlanDraftContent.objects.get(plan=plan)
    aspirations = dict(draft.content["a"], aspirations="To be a vet or a zookeeper.")
    plan_content_update(actor=officer, plan=plan, section="a", data=aspirations, version=draft.version)
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2026, 5, 11), meeting_format="online")
    review = reviews.review_invitations_send(
        actor=officer, review=review, sent_on=D(2026, 4, 20), expected_version=None
    )
    review = reviews.review_meeting_record(actor=officer, review=review, held_on=D(2026, 5, 11), expected_version=None)
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=D(2026, 5, 13), expected_version=None
    )
    return reviews.review_amendments_send(actor=officer, review=review, sent_on=D(2026, 5, 20), expected_version=None)


def test_a_parent_reads_and_answers_the_draft_plan_then_the_proposed_amendments(
    portal_page: Any, drafted: dict[str, Any], settings: Any
) -> None:
    page = portal_page
    child = drafted["child"]
    sign_in(page, drafted["account"].email)
    page.click_and_check(page.get_by_role("link", name=re.compile("See where things are up to")))

    # The draft plan, as the family reads it.
    page.click_and_check(page.get_by_role("link", name="Read the draft plan", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("The draft plan")
    expect(page.get_by_text("You have until 13 June 2025 to tell the council what you think of it.")).to_be_visible()
    expect(page.get_by_role("heading", name="Section E: outcomes")).to_be_visible()
    expect(page.locator("[data-section='E']")).to_contain_text(OUTCOME_1)
    expect(page.get_by_role("link", name="Download the draft plan as a PDF")).to_be_visible()

    # The response sits against each section: two disagreements, the rest agreed.
    page.click_and_check(page.get_by_role("link", name="Respond to the draft plan, section by section"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Respond to the draft plan")
    beside_e = page.locator("[data-beside='E']")
    beside_e.locator("summary").click()
    expect(beside_e).to_contain_text(OUTCOME_1)
    page.check_accessibility()
    _answer_every_section(
        page,
        {
            "B": "Her reading is three years behind, not two.",
            "F": "Speech therapy every week, not every term.",
        },
    )
    page.submit("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your response before you send it")
    expect(page.get_by_text("Her reading is three years behind, not two.")).to_be_visible()
    page.submit("Send response")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response sent")
    sent = DraftResponse.objects.get(request=drafted["request"])
    assert sent.status == Status.SENT and sent.plan_version.number == 1
    assert {s.section for s in sent.sections.filter(answer="disagree")} == {"B", "F"}

    # A year later: the annual review proposes amendments, which the family reads and answers.
    review = _a_year_later_the_review_proposes_amendments(drafted, settings)
    page.goto(f"/family/children/{child.pk}/")
    page.click_and_check(page.get_by_role("link", name="Proposed changes to the plan", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposed changes to the plan")
    expect(
        page.get_by_text("You have until 3 June 2026 to tell the council what you think of the changes.")
    ).to_be_visible()
    section_a = page.locator("[data-section='A']")
    expect(section_a).to_contain_text("Changes proposed")
    expect(section_a.locator("ins")).to_contain_text("zookeeper")
    expect(page.locator("[data-section='B']")).to_contain_text("No changes")

    page.click_and_check(page.get_by_role("link", name="Comment on the proposed changes, section by section"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Comment on the proposed changes to the plan")
    _answer_every_section(page, {"A": "She also wants to work with horses."})
    page.submit("Save and come back later")
    expect(page.get_by_text("Your response is saved. It has not been sent yet.")).to_be_visible()
    page.submit("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your response before you send it")
    page.submit("Send response")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response sent")
    expect(page.get_by_text("before the amended plan is written")).to_be_visible()
    comments = DraftResponse.objects.get(review=review)
    assert comments.status == Status.SENT and comments.plan_version.kind == "draft"
    assert comments.sections.get(section="A").comment == "She also wants to work with horses."
