"""Partner organisations, their people and the team around a child, for the teams and access tests."""

from __future__ import annotations

import datetime as dt

from sendcase.accounts.models import Role
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.people import services as people_services
from sendcase.teams import services
from tests.factories import UserFactory


def organisation(la, kind: str, name: str, **extra) -> Organisation:
    return Organisation.objects.create(local_authority=la, kind=kind, name=name, **extra)


def partner(org: Organisation, *, role: str = Role.PROFESSIONAL, admin: bool = False, **names):
    """A person with an account in `org`."""
    return UserFactory(
        local_authority=org.local_authority, organisation=org, role=role, is_organisation_admin=admin, **names
    )


def parent_of(child, officer):
    return people_services.family_member_add(
        actor=officer,
        child=child,
        first_name="Priya",
        last_name="Hart",
        relationship="mother",
        parental_responsibility=True,
        email="priya.hart@example.org",
    )


def on_team(child, officer, person, *, role: str = "paediatrician", started_on: dt.date, consent_on=None):
    """Put `person` on the child's team; with `consent_on`, the parent's consent to share with their organisation."""
    membership = services.team_member_add(
        actor=officer,
        child=child,
        organisation=person.organisation,
        person=person,
        role_on_team=role,
        started_on=started_on,
    )
    consent = None
    if consent_on is not None:
        consent = services.consent_record(
            actor=officer,
            child=child,
            organisation=person.organisation,
            given_by=parent_of(child, officer),
            given_by_young_person=False,
            given_on=consent_on,
            scope="EHC needs assessment and plan",
        )
    return membership, consent


HEALTH = OrganisationKind.HEALTH
SETTING = OrganisationKind.SETTING
EP_SERVICE = OrganisationKind.EP_SERVICE
LOCALITY_TEAM = OrganisationKind.LOCALITY_TEAM
SOCIAL_CARE = OrganisationKind.SOCIAL_CARE
