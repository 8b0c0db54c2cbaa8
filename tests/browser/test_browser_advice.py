"""An educational psychologist answers a request for advice; the case officer sees it arrive."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from sendcase.cases import services
from sendcase.organisations.models import OrganisationKind
from tests.browser.conftest import authenticator, sign_in
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

PASSWORD = "correct-horse-battery"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def advice_asked(transactional_db, settings, tmp_path):
    settings.SENDCASE_UPLOAD_DIR = tmp_path / "uploads"
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(
        local_authority=la,
        role=Role.CASE_OFFICER,
        email="olive.officer@sendcase.example",
        first_name="Olive",
        last_name="Officer",
    )
    service = SettingFactory(
        local_authority=la,
        kind=OrganisationKind.EP_SERVICE,
        name="Dorset Educational Psychology",
        urn="",
        email="ep-service@sendcase.example",
    )
    ep, colleague = (
        UserFactory(
            local_authority=la,
            organisation=service,
            role=Role.EDUCATIONAL_PSYCHOLOGIST,
            email=email,
            first_name=first,
            last_name=last,
        )
        for email, first, last in (
            ("esme.psychologist@sendcase.example", "Esme", "Psychologist"),
            ("evan.colleague@sendcase.example", "Evan", "Colleague"),
        )
    )

    def assessed_child(first, last):
        child = ChildFactory(local_authority=la, first_name=first, last_name=last)
        services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
        r = services.request_create(actor=officer, child=child, received_on=dt.date(2025, 5, 5), source="parent")
        r = services.assess_decision_record(
            actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 5, 12), expected_version=r.version
        )
        return child, r

    amelia, amelia_request = assessed_child("Amelia", "Hart")
    _oliver, oliver_request = assessed_child("Oliver", "Other")
    # Both asked on 13 May 2025: due 24 June 2025 (reg 8(1)).
    for request, person in ((amelia_request, ep), (oliver_request, colleague)):
        services.advice_request_add(
            actor=officer,
            request=request,
            contributor="ep",
            requested_on=dt.date(2025, 5, 13),
            organisation=service,
            assigned_to=person,
            instructions="Please assess cognition and learning.",
        )
    return officer, ep, amelia


def test_an_ep_sends_advice_and_the_case_officer_sees_the_step_done(page, advice_asked, tmp_path):
    officer, ep, amelia = advice_asked

    sign_in(page, ep.email, PASSWORD, authenticator(ep), next_path="/advice/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Advice requests")
    waiting = page.get_by_role("table").filter(has_text="Waiting for your advice")
    row = waiting.get_by_role("row").filter(has_text="Amelia Hart")
    expect(row).to_contain_text(amelia.reference)
    expect(row).to_contain_text("Educational psychology")
    expect(row).to_contain_text("13 May 2025")
    expect(row).to_contain_text("24 June 2025")
    expect(row).to_contain_text("Due in 22 days")
    # A colleague's request about another child is not listed.
    expect(page.get_by_text("Oliver Other")).to_have_count(0)

    page.click_and_check(row.get_by_role("link", name=re.compile("Open request")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Request for educational psychology advice")
    expect(page.get_by_text("Please assess cognition and learning.")).to_be_visible()

    page.submit("Send advice to the SEND team")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your advice, or attach a document with it")

    page.get_by_label("The child's special educational needs, as you see them").fill(
        "Amelia finds it hard to hold instructions in mind."
    )
    page.get_by_label("Provision you recommend").fill("Visual timetable, daily, by her class teacher.")
    report = tmp_path / "EP report.pdf"
    report.write_bytes(PDF)
    page.get_by_label("Attach reports or other documents (optional)").set_input_files(str(report))
    page.submit("Send advice to the SEND team")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Your advice for {amelia.reference} has been sent to the SEND team"
    )
    sent = page.get_by_role("table").filter(has_text="Advice you have sent")
    expect(sent.get_by_role("row").filter(has_text="Amelia Hart")).to_contain_text("Received 2 June 2025")

    page.click_and_check(page.get_by_role("button", name=re.compile("^Sign out")))

    sign_in(page, officer.email, PASSWORD, authenticator(officer))
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    page.click_and_check(page.get_by_role("link", name="Amelia Hart"))
    step = page.locator("[data-step^='advice:']")
    expect(step).to_contain_text("Done on 2 June 2025, on time")
    expect(step).to_contain_text("advice received")
    step.get_by_text("Read the advice from Esme Psychologist").click()
    page.check_accessibility()
    expect(step).to_contain_text("Visual timetable, daily, by her class teacher.")
    expect(step.get_by_role("link", name="EP report.pdf")).to_be_visible()
