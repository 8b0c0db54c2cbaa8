"""The demo council's partners: people in its schools and agencies, and the teams around some children.

Only the `la` scale has them (the national scale is for benchmarks and skips them). They come
from their own random stream, so adding them leaves every other row of the demo as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sendcase.accounts.models import Role, User
from sendcase.demo.ids import new_uuid
from sendcase.demo.organisations import Directory
from sendcase.demo.staff import DEMO_DOMAIN, SignIn, Staff
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.people.models import Child, FamilyMember
from sendcase.teams.models import Audience, CaseNote, Consent, NoteKind, TeamMembership, TeamRole

# Partner sign-ins, printed with the SEND team's by `python -m sendcase.demo.signins`. The
# demo EP (ep@) is already in the EP service; ep-admin@ administers it.
PARTNER_SIGNINS: Final = (
    SignIn(f"senco@{DEMO_DOMAIN}", Role.PROFESSIONAL, "Grace", "Okafor", "SENCo"),
    SignIn(f"paediatrician@{DEMO_DOMAIN}", Role.PROFESSIONAL, "Daniel", "Hughes", "Community paediatrician"),
    SignIn(f"socialworker@{DEMO_DOMAIN}", Role.PROFESSIONAL, "Chloe", "Bennett", "Social worker"),
    SignIn(
        f"ep-admin@{DEMO_DOMAIN}", Role.EDUCATIONAL_PSYCHOLOGIST, "Martin", "Shaw", "Principal educational psychologist"
    ),
    SignIn(f"locality@{DEMO_DOMAIN}", Role.PROFESSIONAL, "Fatima", "Ali", "Family partnership zone worker"),
)
# The partners whose own accounts are organisation administrators.
_ADMINS: Final = {f"senco@{DEMO_DOMAIN}", f"ep-admin@{DEMO_DOMAIN}", f"locality@{DEMO_DOMAIN}"}

_SCOPE: Final = "EHC needs assessment, plan and annual review reports, to plan support together"
_MEETING: Final = "Team around the child meeting held. Everyone agreed to share reports before the annual review."
_PANEL: Final = "Panel: keep the current banding until the review; revisit if attendance falls."


@dataclass(frozen=True)
class PartnerTotals:
    people: int
    memberships: int
    consents: int


def _busiest_primary(directory: Directory, children: Sequence[Child]) -> Organisation:
    """The primary school educating most demo children, so its SENCo has a full list."""
    counts = Counter(c.setting_id for c in children if c.setting_id)
    primaries = directory.settings.get("primary") or [s for kind in directory.settings.values() for s in kind]
    return max(primaries, key=lambda s: (counts[s.pk], s.name))


def seed_partners(
    *,
    directory: Directory,
    staff: Staff,
    children: Sequence[Child],
    cases: set[object],
    main_contacts: dict[object, FamilyMember],
    rng: random.Random,
    today: dt.date,
    password_hash: str,
) -> PartnerTotals:
    """Write the partners' organisations, people, team memberships, consents and a few notes."""
    officer = staff.demo_officer
    locality_teams = [
        Organisation(
            id=new_uuid(rng),
            local_authority=directory.la,
            kind=OrganisationKind.LOCALITY_TEAM,
            name=f"{locality.name} Family Partnership Zone",
            locality=locality,
            email=f"fpz.{locality.name.lower().replace(' ', '')}@{DEMO_DOMAIN}",
        )
        for locality in directory.localities
    ]
    Organisation.objects.bulk_create(locality_teams)
    school = _busiest_primary(directory, children)
    homes = {
        f"senco@{DEMO_DOMAIN}": school,
        f"paediatrician@{DEMO_DOMAIN}": directory.health[0],
        f"socialworker@{DEMO_DOMAIN}": directory.social_care,
        f"ep-admin@{DEMO_DOMAIN}": directory.ep_service,
        f"locality@{DEMO_DOMAIN}": locality_teams[0],
    }
    people = {
        s.email: User(
            username=s.email,
            email=s.email,
            password=password_hash,
            role=s.role,
            local_authority=directory.la,
            organisation=homes[s.email],
            is_organisation_admin=s.email in _ADMINS,
            first_name=s.first_name,
            last_name=s.last_name,
            job_title=s.job_title,
        )
        for s in PARTNER_SIGNINS
    }
    User.objects.bulk_create(people.values())

    memberships: list[TeamMembership] = []
    consents: list[Consent] = []
    notes: list[CaseNote] = []

    def join(child: Child, org: Organisation, person: User | None, role: str, *, consent: str = "given") -> None:
        started = today - dt.timedelta(days=rng.randint(14, 400))
        started = max(started, child.date_of_birth)
        memberships.append(
            TeamMembership(
                id=new_uuid(rng),
                child=child,
                organisation=org,
                person=person,
                role_on_team=role,
                started_on=started,
                created_by=officer,
                modified_by=officer,
            )
        )
        parent = main_contacts.get(child.pk)
        if consent == "none" or parent is None:
            return
        withdrawn = today - dt.timedelta(days=rng.randint(1, 10)) if consent == "withdrawn" else None
        consents.append(
            Consent(
                id=new_uuid(rng),
                child=child,
                organisation=org,
                given_by=parent,
                given_on=started,
                scope=_SCOPE,
                withdrawn_on=max(withdrawn, started) if withdrawn else None,
                withdrawn_note="The family asked the council to stop sharing" if withdrawn else "",
                created_by=officer,
                modified_by=officer,
            )
        )

    # Children with an open case or a plan, in their generated (deterministic) order.
    active = [c for c in children if c.pk in cases]
    paediatric = rng.sample(active, k=min(12, len(active)))
    for i, child in enumerate(paediatric):
        # The last one shows withdrawn consent: on the team, but the record closed to them.
        consent = "withdrawn" if i == len(paediatric) - 1 else "given"
        join(
            child, directory.health[0], people[f"paediatrician@{DEMO_DOMAIN}"], TeamRole.PAEDIATRICIAN, consent=consent
        )
    therapies = directory.health[1] if len(directory.health) > 1 else directory.health[0]
    for child in paediatric[:4]:
        # The therapies service as a whole, no worker named yet and no consent recorded.
        join(child, therapies, None, TeamRole.SPEECH_AND_LANGUAGE, consent="none")
    looked_after = [c for c in active if c.looked_after]
    for child in rng.sample(looked_after, k=min(6, len(looked_after))):
        join(child, directory.social_care, people[f"socialworker@{DEMO_DOMAIN}"], TeamRole.SOCIAL_WORKER)
    pupils = [c for c in active if c.setting_id == school.pk]
    for child in pupils[:6]:
        join(child, school, people[f"senco@{DEMO_DOMAIN}"], TeamRole.SENCO)

    for child in paediatric[:3]:
        notes.append(_note(rng, child, officer, NoteKind.NOTE, Audience.TEAM, _MEETING))
        notes.append(_note(rng, child, officer, NoteKind.DECISION, Audience.SEND_TEAM, _PANEL))
    TeamMembership.objects.bulk_create(memberships)
    Consent.objects.bulk_create(consents)
    CaseNote.objects.bulk_create(notes)
    return PartnerTotals(people=len(people), memberships=len(memberships), consents=len(consents))


def _note(rng: random.Random, child: Child, author: User | None, kind: str, audience: str, body: str) -> CaseNote:
    return CaseNote(
        id=new_uuid(rng), child=child, kind=kind, audience=audience, body=body, created_by=author, modified_by=author
    )
