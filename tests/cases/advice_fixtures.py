"""People and requests shared by the advice tests: an EP service with its administrator, two EPs
and a line manager, and a request the council has decided to assess.

Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.accounts.models import Role
from sendcase.cases import services
from sendcase.organisations.models import OrganisationKind
from tests.factories import ChildFactory, SettingFactory, UserFactory

EP_MAILBOX = "ep-service@dorset.example"


@pytest.fixture
def ep_service(la):
    return SettingFactory(
        local_authority=la,
        kind=OrganisationKind.EP_SERVICE,
        name="Dorset Educational Psychology",
        urn="",
        email=EP_MAILBOX,
    )


@pytest.fixture
def ep_lead(la, ep_service):
    return UserFactory(
        local_authority=la,
        organisation=ep_service,
        role=Role.EDUCATIONAL_PSYCHOLOGIST,
        first_name="Priya",
        last_name="Principal",
        email="priya.principal@dorset.example",
    )


@pytest.fixture
def ep(la, ep_service, ep_lead):
    return UserFactory(
        local_authority=la,
        organisation=ep_service,
        role=Role.EDUCATIONAL_PSYCHOLOGIST,
        first_name="Esme",
        last_name="Psychologist",
        email="esme.psychologist@dorset.example",
        line_manager=ep_lead,
    )


@pytest.fixture
def ep_colleague(la, ep_service):
    return UserFactory(
        local_authority=la,
        organisation=ep_service,
        role=Role.EDUCATIONAL_PSYCHOLOGIST,
        first_name="Evan",
        last_name="Colleague",
        email="evan.colleague@dorset.example",
    )


@pytest.fixture
def ep_admin(la, ep_service):
    return UserFactory(
        local_authority=la,
        organisation=ep_service,
        role=Role.PROFESSIONAL,
        is_organisation_admin=True,
        first_name="Ada",
        last_name="Admin",
        email="ada.admin@dorset.example",
    )


@pytest.fixture
def assessing(request_received, officer):
    """The request of the `child` fixture (Amelia Hart), with the decision to assess recorded."""
    return services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 12),
        expected_version=request_received.version,
    )


@pytest.fixture
def ep_advice(assessing, officer, ep_service, ep):
    """EP advice asked of Esme on 13 May 2025: due 24 June 2025 (reg 8(1))."""
    return services.advice_request_add(
        actor=officer,
        request=assessing,
        contributor="ep",
        requested_on=dt.date(2025, 5, 13),
        organisation=ep_service,
        assigned_to=ep,
        instructions="Please assess Amelia's cognition and learning.",
    )


@pytest.fixture
def other_child_advice(la, officer, ep_service, ep_colleague):
    """EP advice about another child, assigned to Esme's colleague."""
    other = ChildFactory(local_authority=la, first_name="Oliver", last_name="Other")
    services.key_worker_assign(actor=officer, child=other, officer=officer, expected_version=None)
    r = services.request_create(actor=officer, child=other, received_on=dt.date(2025, 5, 1), source="setting")
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 5, 9), expected_version=r.version
    )
    return services.advice_request_add(
        actor=officer,
        request=r,
        contributor="ep",
        requested_on=dt.date(2025, 5, 12),
        organisation=ep_service,
        assigned_to=ep_colleague,
    )


@pytest.fixture
def unassigned_advice(la, officer, ep_service):
    """EP advice sent to the service's shared inbox, nobody assigned yet."""
    child = ChildFactory(local_authority=la, first_name="Una", last_name="Signed")
    r = services.request_create(actor=officer, child=child, received_on=dt.date(2025, 5, 1), source="parent")
    r = services.assess_decision_record(
        actor=officer, request=r, decision="assess", decided_on=dt.date(2025, 5, 9), expected_version=r.version
    )
    return services.advice_request_add(
        actor=officer, request=r, contributor="ep", requested_on=dt.date(2025, 5, 14), organisation=ep_service
    )
