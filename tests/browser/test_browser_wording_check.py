"""The plain-English check before a decision's reasons go to a family, in a browser: check, correct, save."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role, User
from sendcase.appeals.models import DecisionNotice
from sendcase.cases.models import Plan
from sendcase.people import services as people_services
from tests.browser.conftest import authenticator
from tests.browser.conftest import sign_in as sign_in_with_code
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def council(transactional_db):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    officer = UserFactory(local_authority=la, role=Role.CASE_OFFICER, email="olive.officer@sendcase.example")
    setting = SettingFactory(local_authority=la, name="Castle Primary School")
    child = ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart", setting=setting, key_worker=officer)
    people_services.family_member_add(
        actor=officer,
        child=child,
        first_name="Priya",
        last_name="Hart",
        relationship="mother",
        parental_responsibility=True,
        email="priya@example.org",
    )
    Plan.objects.create(child=child, issued_on=dt.date(2023, 9, 1), named_setting=setting)
    return officer, child


def test_an_officer_checks_the_reasons_corrects_them_and_sends_the_notice(page, council):
    officer, child = council
    sign_in_with_code(page, officer.email, PASSWORD, authenticator(User.objects.get(email=officer.email)))
    page.goto(f"/children/{child.pk}/decisions/new/")
    page.get_by_label("The contents of the EHC plan").check()
    page.get_by_label("Plan the decision is about").select_option(index=1)
    for prefix, day in (("id_decided_on", "21"), ("id_sent_on", "22")):
        page.locator(f"#{prefix}_0").fill(day)
        page.locator(f"#{prefix}_1").fill("5")
        page.locator(f"#{prefix}_2").fill("2025")
    page.get_by_label("The decision and the reasons for it").fill(
        "Pursuant to the statutory assessment, we will facilitate provision."
    )
    page.get_by_label("How to contact the mediation adviser").fill("Dorset Mediation, 01305 000000")

    page.submit("Check the wording")
    check = page.get_by_test_id("plain-english-check")
    expect(check).to_contain_text("things to check")
    expect(check).to_contain_text("Instead of “statutory”")
    assert not DecisionNotice.objects.exists()  # nothing saved yet

    page.get_by_label("The decision and the reasons for it").fill("We think the school can meet the needs.")
    page.submit("Check again")
    expect(page.get_by_test_id("plain-english-check")).to_contain_text("No problems found")
    page.submit("Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision notice recorded")
    assert DecisionNotice.objects.get().reasons == "We think the school can meet the needs."
