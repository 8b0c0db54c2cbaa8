"""A young person with their own account is told about each step themselves, and decides what their parents hear."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.cases import services
from sendcase.notifications.models import Channel, OutboxMessage
from sendcase.portal.models import ParentsSee
from tests.factories import ChildFactory
from tests.notifications.family_builders import add_letter_parent, add_parent
from tests.portal.conftest import make_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(la, officer):
    """Born 1 March 2008: past the school leaving date of 28 June 2024, so a young person on 2 June 2025."""
    person = ChildFactory(local_authority=la, first_name="Ella", last_name="Brook", date_of_birth=dt.date(2008, 3, 1))
    services.key_worker_assign(actor=officer, child=person, officer=officer, expected_version=None)
    return person


@pytest.fixture
def parents(officer, young_person):
    return (
        add_parent(officer, young_person, "Ruth", "Brook", email="ruth.brook@family.example"),
        add_letter_parent(officer, young_person, "Owen", "Brook"),
    )


def _request_received(officer, child):
    services.request_create(actor=officer, child=child, received_on=dt.date(2025, 6, 2), source="young_person")
    return list(OutboxMessage.objects.filter(child=child, notice="request_received"))


def test_without_their_own_account_the_parents_are_told(officer, young_person, parents):
    sent = _request_received(officer, young_person)
    assert sorted(m.channel for m in sent) == [Channel.EMAIL, Channel.LETTER]
    assert {m.family_member_id for m in sent} == {p.pk for p in parents}


def test_a_young_person_with_an_account_is_told_by_email_as_well_as_their_parents(la, officer, young_person, parents):
    make_account(la=la, email="ella.brook@family.example", young_person=young_person)
    sent = _request_received(officer, young_person)
    own = [m for m in sent if m.family_member_id is None]
    assert [(m.channel, m.recipient) for m in own] == [(Channel.EMAIL, "ella.brook@family.example")]
    assert "Ella" not in own[0].body and "Brook" not in own[0].body
    assert len(sent) == 3


def test_parents_hear_nothing_when_the_young_person_chose_they_see_nothing(la, officer, young_person, parents):
    account = make_account(la=la, email="ella.brook@family.example", young_person=young_person)
    account.parents_see = ParentsSee.NOTHING
    account.save()
    sent = _request_received(officer, young_person)
    assert [(m.channel, m.recipient, m.family_member_id) for m in sent] == [
        (Channel.EMAIL, "ella.brook@family.example", None)
    ]


def test_parents_who_may_see_the_timeline_are_still_told(la, officer, young_person, parents):
    account = make_account(la=la, email="ella.brook@family.example", young_person=young_person)
    account.parents_see = ParentsSee.TIMELINE
    account.save()
    assert len(_request_received(officer, young_person)) == 3


def test_an_account_not_yet_set_up_changes_nothing(la, officer, young_person, parents):
    account = make_account(la=la, email="ella.brook@family.example", young_person=young_person)
    account.password = ""  # the invitation has not been accepted
    account.parents_see = ParentsSee.NOTHING
    account.save()
    sent = _request_received(officer, young_person)
    assert {m.family_member_id for m in sent} == {p.pk for p in parents}


def test_a_child_under_school_leaving_age_does_not_decide_for_their_parents(la, officer, child):
    parent = add_parent(officer, child, "Jane", "Hart")
    account = make_account(la=la, email="amelia@family.example", young_person=child)
    account.parents_see = ParentsSee.NOTHING
    account.save()
    sent = _request_received(officer, child)
    assert [m.family_member_id for m in sent] == [parent.pk]
