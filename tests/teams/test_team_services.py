"""The team around the child and consent: who may change them, and bad input refused with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from sendcase.audit.models import AuditEvent
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.teams import services
from sendcase.teams.models import CaseNote, Consent, TeamMembership
from tests.factories import ChildFactory
from tests.teams.builders import HEALTH, SOCIAL_CARE, on_team, organisation, parent_of, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def health(la):
    return organisation(la, HEALTH, "Dorset Community Paediatrics")


@pytest.fixture
def paediatrician(health):
    return partner(health, first_name="Pat", last_name="Paed")


def refused(call, **kwargs) -> dict[str, str]:
    """Run a service that must refuse; return its field errors, checking nothing reached the audit trail."""
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refusal:
        call(**kwargs)
    assert AuditEvent.objects.count() == events
    return refusal.value.field_errors


def test_adding_a_team_member_is_audited(officer, child, health, paediatrician, today):
    membership = services.team_member_add(
        actor=officer,
        child=child,
        organisation=health,
        person=paediatrician,
        role_on_team="paediatrician",
        started_on=today,
        note="Sees Amelia every term",
    )
    event = AuditEvent.objects.get(object_id=str(membership.pk))
    assert event.child == child
    assert event.summary == "Pat Paed joined the team around the child as Paediatrician"
    assert event.changes["role_on_team"] == [None, "paediatrician"]


def test_bad_team_members_are_refused_with_nothing_written(officer, la, other_la, child, health, paediatrician, today):
    social_care = organisation(la, SOCIAL_CARE, "Children's Social Care")
    args = {"actor": officer, "child": child, "role_on_team": "paediatrician"}

    errors = refused(
        services.team_member_add,
        **args,
        organisation=social_care,
        person=paediatrician,
        started_on=today + dt.timedelta(days=1),
    )
    assert errors["person"] == "Pat Paed does not work for Children's Social Care: select someone who does"
    assert errors["started_on"] == "The date they joined the team must be today or in the past"

    errors = refused(
        services.team_member_add, **args | {"role_on_team": "wizard"}, organisation=None, person=None, started_on=None
    )
    assert set(errors) == {"organisation", "role_on_team", "started_on"}

    elsewhere = organisation(other_la, HEALTH, "Another council's trust")
    errors = refused(services.team_member_add, **args, organisation=elsewhere, person=None, started_on=today)
    assert "directory" in errors["organisation"]
    assert not TeamMembership.objects.exists()


def test_the_same_person_cannot_join_twice_in_the_same_role(officer, child, paediatrician, today):
    on_team(child, officer, paediatrician, started_on=today)
    errors = refused(
        services.team_member_add,
        actor=officer,
        child=child,
        organisation=paediatrician.organisation,
        person=paediatrician,
        role_on_team="paediatrician",
        started_on=today,
    )
    assert errors["person"] == "Pat Paed is already on the team in that role"


def test_a_membership_cannot_end_before_it_started_or_end_twice(officer, child, paediatrician, today):
    membership, _ = on_team(child, officer, paediatrician, started_on=today - dt.timedelta(days=5))
    errors = refused(
        services.team_member_end,
        actor=officer,
        membership=membership,
        ended_on=today - dt.timedelta(days=6),
        expected_version=membership.version,
    )
    assert errors["ended_on"].startswith("The date they left must be on or after the date they joined")

    ended = services.team_member_end(
        actor=officer, membership=membership, ended_on=today, expected_version=membership.version
    )
    assert ended.ended_on == today
    errors = refused(services.team_member_end, actor=officer, membership=ended, ended_on=today, expected_version=None)
    assert "already left the team" in errors["ended_on"]


def test_ending_a_membership_someone_else_changed_is_refused(officer, child, paediatrician, today):
    membership, _ = on_team(child, officer, paediatrician, started_on=today)
    stale = membership.version
    services.team_member_end(actor=officer, membership=membership, ended_on=today, expected_version=stale)
    fresh = TeamMembership.objects.get(pk=membership.pk)
    fresh.ended_on = None
    with pytest.raises(EditConflict):
        services.team_member_end(actor=officer, membership=fresh, ended_on=today, expected_version=stale)


def test_consent_must_come_from_the_family_and_name_what_is_shared(officer, la, child, health, today):
    stranger_child = ChildFactory(local_authority=la)
    stranger = parent_of(stranger_child, officer)
    args = {"actor": officer, "child": child, "organisation": health, "given_on": today}

    errors = refused(services.consent_record, **args, given_by=None, given_by_young_person=False, scope="")
    assert errors == {"given_by": "Select who gave consent", "scope": "Enter what may be shared, and for what purpose"}
    errors = refused(services.consent_record, **args, given_by=stranger, given_by_young_person=False, scope="Plan")
    assert errors["given_by"] == "Priya Hart is not recorded as Amelia's parent or carer"
    errors = refused(
        services.consent_record,
        **args | {"given_on": today + dt.timedelta(days=1)},
        given_by=None,
        given_by_young_person=True,
        scope="Plan",
    )
    assert errors["given_on"] == "The date consent was given must be today or in the past"
    assert not Consent.objects.exists()


def test_consent_from_the_young_person_is_recorded(officer, child, health, today):
    consent = services.consent_record(
        actor=officer,
        child=child,
        organisation=health,
        given_by=None,
        given_by_young_person=True,
        given_on=today,
        scope="Therapy reports",
    )
    assert consent.in_force_on(today)
    assert "given by the young person" in AuditEvent.objects.get(object_id=str(consent.pk)).summary


def test_consent_already_in_force_is_not_recorded_twice(officer, child, paediatrician, today):
    on_team(child, officer, paediatrician, started_on=today, consent_on=today)
    errors = refused(
        services.consent_record,
        actor=officer,
        child=child,
        organisation=paediatrician.organisation,
        given_by=None,
        given_by_young_person=True,
        given_on=today,
        scope="Everything",
    )
    assert (
        errors["organisation"]
        == "Consent to share with Dorset Community Paediatrics is already in force (given 2 June 2025)"
    )


def test_withdrawing_consent_twice_is_refused(officer, child, paediatrician, today):
    _, consent = on_team(child, officer, paediatrician, started_on=today, consent_on=today - dt.timedelta(days=3))
    withdrawn = services.consent_withdraw(
        actor=officer, consent=consent, withdrawn_on=today, note="Mother phoned", expected_version=consent.version
    )
    assert not withdrawn.in_force_on(today)
    errors = refused(
        services.consent_withdraw, actor=officer, consent=withdrawn, withdrawn_on=today, expected_version=None
    )
    assert errors["withdrawn_on"] == "Consent was already withdrawn on 2 June 2025"


def test_withdrawal_before_consent_was_given_is_refused(officer, child, paediatrician, today):
    _, consent = on_team(child, officer, paediatrician, started_on=today, consent_on=today)
    errors = refused(
        services.consent_withdraw,
        actor=officer,
        consent=consent,
        withdrawn_on=today - dt.timedelta(days=1),
        expected_version=None,
    )
    assert errors["withdrawn_on"].startswith("The date it was withdrawn must be on or after the date it was given")


def test_only_send_casework_roles_keep_the_team_and_consent(read_only, outsider, child, paediatrician, health, today):
    for actor in (read_only, outsider, paediatrician):
        with pytest.raises(PermissionDenied):
            services.team_member_add(
                actor=actor,
                child=child,
                organisation=health,
                person=None,
                role_on_team="paediatrician",
                started_on=today,
            )
        with pytest.raises(PermissionDenied):
            services.consent_record(
                actor=actor,
                child=child,
                organisation=health,
                given_by=None,
                given_by_young_person=True,
                given_on=today,
                scope="x",
            )
    assert not TeamMembership.objects.exists()


def test_case_notes_need_a_body_and_read_only_staff_cannot_add(officer, read_only, child):
    errors = refused(services.case_note_add, actor=officer, child=child, kind="memo", body="  ")
    assert errors == {"kind": "Select whether this is a note or a decision", "body": "Enter the note"}
    with pytest.raises(PermissionDenied):
        services.case_note_add(actor=read_only, child=child, kind="note", body="Hello")
    assert not CaseNote.objects.exists()


def test_partners_write_for_the_whole_team_and_only_about_their_children(officer, la, child, setting, today):
    senco = partner(setting)
    note = services.case_note_add(actor=senco, child=child, kind="decision", body="Agreed a reduced timetable")
    assert note.audience == "team"
    with pytest.raises(PermissionDenied):
        services.case_note_add(actor=senco, child=child, kind="note", body="Private", audience="send_team")
    with pytest.raises(PermissionDenied):
        services.case_note_add(actor=senco, child=ChildFactory(local_authority=la), kind="note", body="Not mine")
    assert CaseNote.objects.count() == 1
