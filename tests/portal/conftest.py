"""Families for the portal tests: a parent with parental responsibility, another family, a young person."""

from __future__ import annotations

import datetime as dt
import html
import re
import time

import pytest
from django.test import Client

from sendcase.cases import services as case_services
from sendcase.people.models import FamilyLink, FamilyMember, Relationship
from sendcase.portal import session
from sendcase.portal.models import FamilyAccount
from tests.factories import ChildFactory

PASSWORD = "walnut-harbour-kettle-42"


def page_text(page: str) -> str:
    """A page's words as a person reads them: tags taken out, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))


def make_member(la, *, first="Jane", last="Hart", email="jane.hart@family.example") -> FamilyMember:
    return FamilyMember.objects.create(local_authority=la, first_name=first, last_name=last, email=email)


def link(child, member, *, pr=True, relationship=Relationship.MOTHER) -> FamilyLink:
    return FamilyLink.objects.create(child=child, member=member, relationship=relationship, parental_responsibility=pr)


def make_account(*, la, email, member=None, young_person=None, password=PASSWORD) -> FamilyAccount:
    account = FamilyAccount(
        local_authority=la, email=email, family_member=member, young_person=young_person, email_confirmed_at=None
    )
    account.set_password(password)
    account.save()
    return account


@pytest.fixture
def parent(la, child):
    member = make_member(la)
    link(child, member)
    return member


@pytest.fixture
def parent_account(la, parent):
    return make_account(la=la, email=parent.email, member=parent)


@pytest.fixture
def other_child(la, officer):
    other = ChildFactory(local_authority=la, first_name="Noah", last_name="Stone")
    case_services.key_worker_assign(actor=officer, child=other, officer=officer, expected_version=None)
    return other


@pytest.fixture
def other_parent_account(la, other_child):
    member = make_member(la, first="Priya", last="Stone", email="priya.stone@family.example")
    link(other_child, member)
    return make_account(la=la, email=member.email, member=member)


@pytest.fixture
def family_client():
    """A client with a family session for `account`, as after the password and the emailed code."""

    def make(account: FamilyAccount) -> Client:
        client = Client()
        store = client.session
        now = int(time.time())
        store[session.FAMILY_ACCOUNT] = str(account.pk)
        store[session.SIGNED_IN_AT] = now
        store[session.LAST_SEEN] = now
        store[session.PASSWORD_STAMP] = session.password_stamp(account)
        store.save()
        return client

    return make


def serve_draft(*, officer, request, decided_on, issued_on, served_on):
    request = case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=decided_on, expected_version=None
    )
    request = case_services.issue_decision_record(
        actor=officer, request=request, decision="issue", decided_on=issued_on, expected_version=None
    )
    return case_services.draft_plan_serve(actor=officer, request=request, served_on=served_on, expected_version=None)


@pytest.fixture
def draft_served(officer, request_received):
    """The draft plan served on 30 May 2025: the family has until 13 June 2025 (reg 13(1))."""
    return serve_draft(
        officer=officer,
        request=request_received,
        decided_on=dt.date(2025, 5, 20),
        issued_on=dt.date(2025, 5, 28),
        served_on=dt.date(2025, 5, 30),
    )


@pytest.fixture
def window_closed(officer, child, today):
    """A draft served on 10 May 2025, whose 15 days ended on 24 May 2025, before today (2 June)."""
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 2, 3), source="parent")
    return serve_draft(
        officer=officer,
        request=request,
        decided_on=dt.date(2025, 2, 20),
        issued_on=dt.date(2025, 5, 1),
        served_on=dt.date(2025, 5, 10),
    )
