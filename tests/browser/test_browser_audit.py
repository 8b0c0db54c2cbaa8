"""A manager checks who has looked at a child's record."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sendcase.accounts.models import Role
from tests.browser.conftest import authenticator, sign_in
from tests.factories import ChildFactory, LocalAuthorityFactory, UserFactory


@pytest.fixture
def manager_and_child(transactional_db):
    la = LocalAuthorityFactory(code="838", name="Dorset Council (test)")
    manager = UserFactory(
        local_authority=la,
        role=Role.TEAM_MANAGER,
        email="mina.manager@sendcase.example",
        first_name="Mina",
        last_name="Manager",
    )
    return manager, ChildFactory(local_authority=la, first_name="Amelia", last_name="Hart")


def test_a_manager_searches_the_audit_trail_for_a_child(page, manager_and_child):
    manager, child = manager_and_child
    sign_in(page, manager.email, "correct-horse-battery", authenticator(manager))
    page.click_and_check(page.get_by_role("link", name="Find a child"))
    page.get_by_label("Name, UPN or date of birth").fill("Hart")
    page.submit("Search")
    page.click_and_check(page.get_by_role("link", name="Amelia Hart"))
    page.click_and_check(page.get_by_role("link", name="Audit"))
    page.get_by_text("Search the audit trail").click()
    page.get_by_label("Child's UPN or SENDcase reference").fill(child.reference)
    page.submit("Search")
    events = page.get_by_role("table")
    expect(events).to_contain_text("Mina Manager")
    expect(events).to_contain_text("Case page viewed")
