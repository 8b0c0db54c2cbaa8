"""Who is on the team around the child, and the family's consent to share with each agency.

The council's SEND case officers keep both (access.require_team_management): the council holds
the record and answers for every disclosure from it (UK GDPR art. 5(2), accountability).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sendcase import timescales
from sendcase.access import require_team_management
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited, diff, snapshot
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.locking import bump_version, lock_current
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.people.models import FamilyLink, FamilyMember
from sendcase.teams.models import Consent, TeamMembership, TeamRole, consent_in_force_on, membership_active_on

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def _check_partner(checks: Checks, child: Child, organisation: Organisation | None, what: str) -> None:
    if organisation is None:
        checks.add("organisation", f"Select the organisation {what}")
    elif organisation.local_authority_id != child.local_authority_id:
        checks.add("organisation", f"Select an organisation in {child.local_authority}'s directory")
    elif organisation.kind == OrganisationKind.SEND_TEAM:
        checks.add("organisation", "The council's SEND team already holds the record: select another agency")


def team_member_add(
    *,
    actor: User,
    child: Child,
    organisation: Organisation | None,
    person: User | None,
    role_on_team: str,
    started_on: dt.date | None,
    note: str = "",
) -> TeamMembership:
    """Put a worker (or an agency as a whole, with `person` None) on the team around the child."""
    require_team_management(actor, child)
    checks = Checks()
    _check_partner(checks, child, organisation, "they work for")
    if person is not None and organisation is not None:
        if person.organisation_id != organisation.pk:
            checks.add("person", f"{person} does not work for {organisation}: select someone who does")
        elif not person.is_active:
            checks.add("person", f"{person} no longer has an active account")
    if role_on_team not in TeamRole.values:
        checks.add("role_on_team", "Select their role on the team")
    checks.date_required("started_on", started_on, "date they joined the team")
    checks.not_in_future("started_on", started_on, "date they joined the team")
    if not checks.errors and started_on is not None:
        current = TeamMembership.objects.filter(membership_active_on(today()), child=child, organisation=organisation)
        current = current.filter(person=person) if person is not None else current.filter(person__isnull=True)
        if current.filter(role_on_team=role_on_team).exists():
            who = person or organisation
            checks.add("person" if person else "organisation", f"{who} is already on the team in that role")
    checks.raise_if_any()
    with audited_transaction():
        return create_audited(
            TeamMembership,
            actor=actor,
            about=child,
            what=lambda m: (
                f"{m.person or m.organisation} joined the team around the child as {m.get_role_on_team_display()}"
            ),
            audited=["organisation", "person", "role_on_team", "started_on", "note"],
            child=child,
            organisation=organisation,
            person=person,
            role_on_team=role_on_team,
            started_on=started_on,
            note=note.strip(),
        )


def team_member_end(
    *, actor: User, membership: TeamMembership, ended_on: dt.date | None, expected_version: int | None
) -> TeamMembership:
    """Record that a worker left the team; their access through it ends after `ended_on`."""
    child = membership.child
    require_team_management(actor, child)
    checks = Checks()
    if membership.ended_on is not None:
        checks.add("ended_on", f"{membership} already left the team on {timescales.format_date(membership.ended_on)}")
    checks.date_required("ended_on", ended_on, "date they left the team")
    checks.not_before("ended_on", ended_on, membership.started_on, "date they left", "date they joined")
    checks.not_in_future("ended_on", ended_on, "date they left the team")
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(membership, expected_version=expected_version, what="this team member")
        before = snapshot(current, ["ended_on"])
        current.ended_on = ended_on
        bump_version(current)
        current.modified_by = actor
        current.save(update_fields=["ended_on", "version", "modified_by", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            child=child,
            summary=f"{current} left the team around the child",
            changes=diff(before, snapshot(current, ["ended_on"])),
        )
    return current


def consent_record(
    *,
    actor: User,
    child: Child,
    organisation: Organisation | None,
    given_by: FamilyMember | None,
    given_by_young_person: bool,
    given_on: dt.date | None,
    scope: str,
) -> Consent:
    """Record consent, from a parent or carer or from the young person, to share with one agency."""
    require_team_management(actor, child)
    checks = Checks()
    _check_partner(checks, child, organisation, "the record may be shared with")
    if given_by is None and not given_by_young_person:
        checks.add("given_by", "Select who gave consent")
    elif given_by is not None and given_by_young_person:
        checks.add("given_by", "Select one person who gave consent")
    elif given_by is not None and not FamilyLink.objects.filter(child=child, member=given_by).exists():
        checks.add("given_by", f"{given_by} is not recorded as {child.first_name}'s parent or carer")
    checks.date_required("given_on", given_on, "date consent was given")
    checks.not_in_future("given_on", given_on, "date consent was given")
    if not scope.strip():
        checks.add("scope", "Enter what may be shared, and for what purpose")
    if not checks.errors:
        live = Consent.objects.filter(consent_in_force_on(today()), child=child, organisation=organisation).first()
        if live is not None:
            given = timescales.format_date(live.given_on)
            checks.add("organisation", f"Consent to share with {organisation} is already in force (given {given})")
    checks.raise_if_any()
    with audited_transaction():
        return create_audited(
            Consent,
            actor=actor,
            about=child,
            what=lambda c: f"Consent to share with {c.organisation} recorded, given by {c.given_by_label}",
            audited=["organisation", "given_by", "given_by_young_person", "given_on", "scope"],
            child=child,
            organisation=organisation,
            given_by=given_by,
            given_by_young_person=given_by_young_person,
            given_on=given_on,
            scope=scope.strip(),
        )


def consent_withdraw(
    *, actor: User, consent: Consent, withdrawn_on: dt.date | None, note: str = "", expected_version: int | None
) -> Consent:
    """Record that consent was withdrawn: the agency's access through it ends that day."""
    child = consent.child
    require_team_management(actor, child)
    checks = Checks()
    if consent.withdrawn_on is not None:
        checks.add("withdrawn_on", f"Consent was already withdrawn on {timescales.format_date(consent.withdrawn_on)}")
    checks.date_required("withdrawn_on", withdrawn_on, "date consent was withdrawn")
    checks.not_before("withdrawn_on", withdrawn_on, consent.given_on, "date it was withdrawn", "date it was given")
    checks.not_in_future("withdrawn_on", withdrawn_on, "date consent was withdrawn")
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(consent, expected_version=expected_version, what="this consent")
        if current.withdrawn_on is not None:
            # Withdrawn by someone else since the page was shown, without a version to compare.
            checks.add("withdrawn_on", "Consent was already withdrawn")
            checks.raise_if_any()
        fields = ["withdrawn_on", "withdrawn_note"]
        before = snapshot(current, fields)
        current.withdrawn_on = withdrawn_on
        current.withdrawn_note = note.strip()
        bump_version(current)
        current.modified_by = actor
        current.save(update_fields=[*fields, "version", "modified_by", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            child=child,
            summary=f"Consent to share with {current.organisation} withdrawn",
            changes=diff(before, snapshot(current, fields)),
        )
    return current
