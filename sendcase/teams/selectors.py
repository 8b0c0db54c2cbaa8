"""Reads for the team, consent, discussion and organisation pages, already filtered by the access module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q, QuerySet

from sendcase import access, timescales
from sendcase.accounts.models import User
from sendcase.organisations.models import Organisation
from sendcase.teams.models import CaseNote, Consent, TeamMembership
from sendcase.teams.services.organisation import current_memberships_of, open_advice_of

if TYPE_CHECKING:
    from sendcase.people.models import Child

# The case page shows the latest notes; the discussion page shows them all.
NOTES_ON_CASE_PAGE = 5


@dataclass(frozen=True)
class MemberRow:
    membership: TeamMembership
    active: bool
    consent: str


@dataclass(frozen=True)
class TeamSection:
    members: list[MemberRow]
    consents: list[Consent]
    notes: list[CaseNote]
    more_notes: int
    can_manage: bool
    can_discuss: bool


def consent_status(consents: list[Consent], organisation_id: object, *, on: dt.date) -> str:
    """What the family agreed about sharing with one agency, in words."""
    theirs = [c for c in consents if c.organisation_id == organisation_id]
    live = next((c for c in theirs if c.in_force_on(on)), None)
    if live is not None:
        return f"Consent to share since {timescales.format_date(live.given_on)}"
    withdrawn = [c for c in theirs if c.withdrawn_on is not None]
    if withdrawn:
        latest = max(withdrawn, key=lambda c: c.withdrawn_on)  # type: ignore[arg-type, return-value]
        return f"Consent withdrawn {timescales.format_date(latest.withdrawn_on)}"  # type: ignore[arg-type]
    if any(c.given_on > on for c in theirs):
        return "Consent recorded from a later date"
    return "No consent to share recorded"


def team_section(*, viewer: User, child: Child, on: dt.date) -> TeamSection:
    """The team around the child, consent per agency and the latest discussion, as `viewer` may see them."""
    consents = list(access.consents_visible(viewer, child))
    members = [
        MemberRow(m, m.is_active_on(on), consent_status(consents, m.organisation_id, on=on))
        for m in access.team_memberships_visible(viewer, child)
    ]
    notes_qs = access.case_notes_visible_to(viewer, child)
    notes = list(notes_qs[: NOTES_ON_CASE_PAGE + 1])
    more = notes_qs.count() - NOTES_ON_CASE_PAGE if len(notes) > NOTES_ON_CASE_PAGE else 0
    return TeamSection(
        members=sorted(members, key=lambda r: (not r.active, r.membership.organisation.name)),
        consents=consents,
        notes=notes[:NOTES_ON_CASE_PAGE],
        more_notes=more,
        can_manage=access.can_manage_team(viewer, child),
        can_discuss=_can_discuss(viewer, child),
    )


def _can_discuss(viewer: User, child: Child) -> bool:
    # The same rule the service applies, as a yes/no for showing the link.
    return not viewer.is_send_team or access.can_manage_team(viewer, child)


@dataclass(frozen=True)
class ChildRow:
    child: Child
    why: str


def my_children(*, viewer: User) -> QuerySet[Child]:
    """The children a professional works with, by name."""
    return access.children_visible_to(viewer).select_related("setting").order_by("last_name", "first_name")


def with_reasons(viewer: User, children: list[Child]) -> list[ChildRow]:
    reasons = access.relationships_for(viewer, children)
    return [ChildRow(child, reasons.get(child.pk, "")) for child in children]


def organisation_people(organisation: Organisation) -> QuerySet[User]:
    """Everyone with an account in `organisation`, active first."""
    return User.objects.filter(organisation=organisation).order_by("-is_active", "first_name", "last_name")


def organisations_overview(viewer: User, *, kind: str = "") -> QuerySet[Organisation]:
    """The organisations `viewer` administers, with how many active accounts each has."""
    qs = access.organisations_administered_by(viewer).annotate(
        active_people=Count("people", filter=Q(people__is_active=True)),
        last_sign_in=Max("people__last_login"),
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "name")


@dataclass(frozen=True)
class RemovalPreview:
    open_advice: int
    memberships: int


def removal_preview(person: User) -> RemovalPreview:
    """What removing `person` would change, in counts (the administrator may not see the children)."""
    return RemovalPreview(
        open_advice=open_advice_of(person).count(), memberships=current_memberships_of(person).count()
    )
