"""Fixtures for decisions, ceasing, mediation and appeals: a maintained plan and a family to write to."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.appeals import services
from sendcase.audit.models import AuditEvent
from sendcase.cases.models import Plan
from sendcase.people.models import FamilyLink, FamilyMember

ADVISER = "Dorset Mediation Service, 01305 000000, mediation@dorset-mediation.example"
REASONS = "The assessment showed that Amelia's needs can be met from the school's own resources."


@pytest.fixture
def plan(child, setting):
    """A plan the council has maintained since September 2023, naming Amelia's school."""
    return Plan.objects.create(child=child, issued_on=dt.date(2023, 9, 1), named_setting=setting)


@pytest.fixture
def mother(child, la):
    member = FamilyMember.objects.create(local_authority=la, first_name="Joanna", last_name="Hart")
    FamilyLink.objects.create(child=child, member=member, relationship="mother", main_contact=True)
    return member


@pytest.fixture
def audit_count():
    return lambda: AuditEvent.objects.count()


@pytest.fixture
def contents_notice(officer, child, plan, mother):
    """A notice about the plan's contents, sent on 10 March 2025 (appeal deadline 10 May 2025)."""
    return services.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=dt.date(2025, 3, 7),
        sent_on=dt.date(2025, 3, 10),
        reasons="Section F sets out 20 hours of support from a teaching assistant each week.",
        mediation_adviser=ADVISER,
        plan=plan,
    )


@pytest.fixture
def cease_decided(officer, plan, mother):
    """A plan the council decided to cease, notice sent 10 March 2025: appeal window to 10 May 2025."""
    proposal = services.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    proposal = services.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=dt.date(2025, 1, 27),
        setting_consulted_on=dt.date(2025, 1, 28),
        expected_version=proposal.version,
    )
    return services.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=dt.date(2025, 3, 7),
        sent_on=dt.date(2025, 3, 10),
        reasons=REASONS,
        mediation_adviser=ADVISER,
        expected_version=proposal.version,
    )
