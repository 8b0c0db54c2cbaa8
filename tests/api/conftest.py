"""API fixtures: tokens, clients that send them, and a council's casebook with a plan, a request and advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from sendcase.accounts.models import Role
from sendcase.api.tokens import api_token_create
from sendcase.cases import services
from sendcase.cases.models import AdviceRequest, AssessmentRequest, Plan
from sendcase.people.models import Child
from tests.factories import ChildFactory, SettingFactory, UserFactory


@pytest.fixture
def token_for(db):
    """The secret of a new token acting as `user`."""

    def make(user, name: str = "Castle Primary MIS", days: int | None = None) -> str:
        return api_token_create(actor=None, user=user, name=name, days=days)[1]

    return make


@pytest.fixture
def api(token_for):
    """An API client presenting a new token of `user` (or the given token)."""

    def make(user=None, *, token: str | None = None) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token or token_for(user)}")
        return client

    return make


@dataclass
class Casebook:
    """One child through to a maintained plan, another with an open request and advice asked."""

    planned: Child
    open_case: Child
    finished_request: AssessmentRequest
    open_request: AssessmentRequest
    advice: AdviceRequest
    plan: Plan

    @property
    def children(self) -> list[Child]:
        return [self.planned, self.open_case]


def build_casebook(la, officer) -> Casebook:
    setting = SettingFactory(local_authority=la)
    planned = ChildFactory(local_authority=la, setting=setting)
    services.key_worker_assign(actor=officer, child=planned, officer=officer, expected_version=None)
    r = services.request_create(actor=officer, child=planned, received_on=dt.date(2025, 1, 6), source="parent")
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 2, 10), expected_version=r.version
    )
    r = services.issue_decision_record(
        actor=officer, request=r, decision="issue", decided_on=dt.date(2025, 4, 14), expected_version=r.version
    )
    r = services.draft_plan_serve(actor=officer, request=r, served_on=dt.date(2025, 4, 15), expected_version=r.version)
    plan = services.final_plan_issue(
        actor=officer, request=r, issued_on=dt.date(2025, 5, 19), named_setting=setting, expected_version=r.version
    )
    open_case = ChildFactory(local_authority=la, setting=setting)
    services.key_worker_assign(actor=officer, child=open_case, officer=officer, expected_version=None)
    o = services.request_create(actor=officer, child=open_case, received_on=dt.date(2025, 4, 7), source="setting")
    o = services.assess_decision_record(
        actor=officer, request=o, decision="assess", decided_on=dt.date(2025, 5, 12), expected_version=o.version
    )
    advice = services.advice_request_add(
        actor=officer, request=o, contributor="health", requested_on=dt.date(2025, 5, 14)
    )
    for item in (planned, open_case):
        item.refresh_from_db()
    r.refresh_from_db()
    o.refresh_from_db()
    return Casebook(planned, open_case, r, o, advice, plan)


@pytest.fixture
def casebook(la, officer) -> Casebook:
    return build_casebook(la, officer)


@pytest.fixture
def their_casebook(other_la, outsider) -> Casebook:
    """Another council's children, which no one at `la` may see."""
    return build_casebook(other_la, outsider)


@pytest.fixture
def system_user(la):
    """A connected system's account with no relationship to any child."""
    return UserFactory(local_authority=la, role=Role.SYSTEM, email="mis@castle.sendcase.example")
