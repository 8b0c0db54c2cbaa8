"""Partners see the children they have a relationship with, and nobody else's.

For each relationship: the person who holds it opens the record, a colleague in the same
organisation without it gets 404, and an officer of another council gets 404.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase import access
from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.cases.models import AdviceRequest, AssessmentRequest, SettingConsultation
from sendcase.people import services as people_services
from sendcase.teams import services
from sendcase.teams.models import Audience
from tests.factories import ChildFactory, LocalityFactory, SettingFactory, UserFactory
from tests.teams.builders import EP_SERVICE, HEALTH, LOCALITY_TEAM, on_team, organisation, partner

pytestmark = pytest.mark.django_db


def status(client, child) -> int:
    return client.get(reverse("staff:child", args=[child.pk])).status_code


@pytest.fixture
def health(la):
    return organisation(la, HEALTH, "Dorset Community Paediatrics")


@pytest.fixture
def paediatrician(health):
    return partner(health, first_name="Pat", last_name="Paed")


@pytest.fixture
def ep_service(la):
    return organisation(la, EP_SERVICE, "Dorset Educational Psychology Service")


# a) Statutory advice


def test_advice_asked_of_a_person_lets_them_see_the_child_and_no_colleague(
    client_for, ep_service, child, request_received, outsider, today
):
    ep = partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST)
    colleague = partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST)
    AdviceRequest.objects.create(request=request_received, contributor="ep", requested_on=today, assigned_to=ep)

    assert status(client_for(ep), child) == 200
    assert status(client_for(colleague), child) == 404
    assert status(client_for(outsider), child) == 404
    assert "Advice asked of you (Educational psychology" in access.relationship_of(ep, child)


def test_advice_addressed_to_an_organisation_shows_to_its_administrators_only(
    client_for, ep_service, child, request_received, today
):
    admin = partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST, admin=True)
    colleague = partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST)
    AdviceRequest.objects.create(
        request=request_received, contributor="ep", requested_on=today, organisation=ep_service
    )

    assert status(client_for(admin), child) == 200
    assert status(client_for(colleague), child) == 404
    assert access.relationship_of(admin, child).startswith(f"Advice asked of {ep_service}")


# b) The team around the child, with consent


def test_a_team_member_with_consent_sees_the_child_and_a_colleague_does_not(
    client_for, officer, child, health, paediatrician, outsider, today
):
    colleague = partner(health)
    on_team(child, officer, paediatrician, started_on=today - dt.timedelta(days=30), consent_on=today)

    response = client_for(paediatrician).get(reverse("staff:child", args=[child.pk]))
    assert response.status_code == 200
    assert "Why you can see this record: Team around the child: Paediatrician" in response.content.decode()
    assert status(client_for(colleague), child) == 404
    assert status(client_for(outsider), child) == 404


def test_a_team_member_without_consent_for_their_organisation_sees_nothing(
    client_for, officer, la, child, paediatrician, today
):
    on_team(child, officer, paediatrician, started_on=today)
    assert status(client_for(paediatrician), child) == 404
    # Consent to share with another agency does not open the record to this one.
    social_care = organisation(la, "social_care", "Children's Social Care")
    on_team(child, officer, partner(social_care), role="social_worker", started_on=today, consent_on=today)
    assert status(client_for(paediatrician), child) == 404


def test_withdrawing_consent_ends_access_that_day(client_for, officer, child, paediatrician, today):
    _, consent = on_team(child, officer, paediatrician, started_on=today, consent_on=today - dt.timedelta(days=10))
    client = client_for(paediatrician)
    assert status(client, child) == 200

    services.consent_withdraw(actor=officer, consent=consent, withdrawn_on=today, expected_version=consent.version)

    assert status(client, child) == 404
    assert access.relationship_of(paediatrician, child) is None


def test_leaving_the_team_ends_access_after_the_last_day(client_for, officer, child, paediatrician, today):
    membership, _ = on_team(child, officer, paediatrician, started_on=today - dt.timedelta(days=60), consent_on=today)
    client = client_for(paediatrician)

    # The day they leave is still theirs.
    services.team_member_end(actor=officer, membership=membership, ended_on=today, expected_version=membership.version)
    assert status(client, child) == 200

    membership.refresh_from_db()
    membership.ended_on = today - dt.timedelta(days=1)
    membership.save()
    assert status(client, child) == 404


# c) The school or setting


def test_the_school_that_educates_a_child_sees_them_until_they_move(client_for, officer, la, child, setting, outsider):
    senco = partner(setting, first_name="Sally", last_name="Senco")
    other_school = SettingFactory(local_authority=la, name="Hill Academy")
    other_senco = partner(other_school)
    client = client_for(senco)

    assert status(client, child) == 200
    assert access.relationship_of(senco, child) == "Attends Castle Primary School"
    assert status(client_for(other_senco), child) == 404
    assert status(client_for(outsider), child) == 404
    # Another pupil of the same council at a different school stays hidden from this SENCo.
    assert status(client, ChildFactory(local_authority=la, setting=other_school)) == 404

    people_services.child_update(actor=officer, child=child, data={"setting": other_school}, expected_version=None)

    assert status(client, child) == 404
    assert status(client_for(other_senco), child) == 200


def test_a_school_consulted_on_an_open_request_sees_the_child_until_the_request_closes(
    client_for, officer, la, child, request_received, today
):
    special = SettingFactory(local_authority=la, name="Heathland Special School")
    head = partner(special)
    colleague_elsewhere = partner(SettingFactory(local_authority=la, name="Elm Primary School"))
    SettingConsultation.objects.create(request=request_received, setting=special, sent_on=today)
    client = client_for(head)

    assert status(client, child) == 200
    assert "Heathland Special School consulted about a place" in access.relationship_of(head, child)
    assert status(client_for(colleague_elsewhere), child) == 404

    AssessmentRequest.objects.filter(pk=request_received.pk).update(outcome="withdrawn", closed_on=today)
    assert status(client, child) == 404


# d) The locality team


def test_a_locality_team_sees_only_the_children_of_its_locality(client_for, la, other_la, child, outsider):
    north, south = LocalityFactory(local_authority=la, name="North"), LocalityFactory(local_authority=la, name="South")
    child.locality = north
    child.save()
    southerner = ChildFactory(local_authority=la, locality=south)
    north_worker = partner(organisation(la, LOCALITY_TEAM, "North Family Partnership Zone", locality=north))
    south_worker = partner(organisation(la, LOCALITY_TEAM, "South Family Partnership Zone", locality=south))
    # A locality team of another council never reaches this council's children.
    elsewhere = LocalityFactory(local_authority=other_la, name="North")
    far_worker = partner(organisation(other_la, LOCALITY_TEAM, "North (Wiltshire)", locality=elsewhere))

    assert status(client_for(north_worker), child) == 200
    assert access.relationship_of(north_worker, child) == "Lives in the North locality"
    assert status(client_for(north_worker), southerner) == 404
    assert status(client_for(south_worker), child) == 404
    assert status(client_for(south_worker), southerner) == 200
    assert status(client_for(far_worker), child) == 404
    assert status(client_for(outsider), child) == 404


# Nobody else


def test_accounts_without_a_relationship_see_no_child(la, child, setting):
    closed = partner(setting)
    closed.is_active = False
    closed.save()
    for user in (
        UserFactory(local_authority=la, role=Role.PROFESSIONAL),  # no organisation
        UserFactory(local_authority=la, role=Role.SYSTEM),
        closed,
    ):
        assert not access.children_visible_to(user).exists()
        assert access.relationship_of(user, child) is None


def test_the_list_a_partner_sees_is_one_query_without_distinct(la, child, setting, paediatrician):
    senco = partner(setting, admin=True)
    sql = str(access.children_visible_to(senco).query).upper()
    assert "DISTINCT" not in sql
    assert "UNION" in sql
    assert list(access.children_visible_to(senco)) == [child]


# What partners may do


def test_a_partner_cannot_record_statutory_steps_or_manage_the_team(
    client_for, child, setting, request_received, today
):
    senco = partner(setting)
    client = client_for(senco)
    decision = {
        "decision": "assess",
        "decided_on_0": today.day,
        "decided_on_1": today.month,
        "decided_on_2": today.year,
        "version": request_received.version,
    }
    assert (
        client.post(
            reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"]), decision
        ).status_code
        == 403
    )
    assert AssessmentRequest.objects.get(pk=request_received.pk).assess_decision == ""
    for name in ("teams:team-member-new", "teams:consent-new", "staff:child-edit", "staff:contact-new"):
        assert client.get(reverse(name, args=[child.pk])).status_code == 403, name


def test_notes_for_the_send_team_stay_with_the_send_team(client_for, officer, child, setting):
    senco = partner(setting)
    shared = services.case_note_add(actor=officer, child=child, kind="note", body="Meeting booked for 9 June")
    private = services.case_note_add(
        actor=officer,
        child=child,
        kind="note",
        body="Panel thinks the placement is at risk",
        audience=Audience.SEND_TEAM,
    )

    for url in (reverse("staff:child", args=[child.pk]), reverse("teams:discussion", args=[child.pk])):
        html = client_for(senco).get(url).content.decode()
        assert "Meeting booked for 9 June" in html
        assert "Panel thinks the placement is at risk" not in html
        assert "Panel thinks the placement is at risk" in client_for(officer).get(url).content.decode()
    assert access.can_see_case_note(senco, shared)
    assert not access.can_see_case_note(senco, private)
    assert access.can_see_case_note(officer, private)


def test_a_partners_access_event_names_the_relationship(client_for, child, setting):
    senco = partner(setting)
    client_for(senco).get(reverse("staff:child", args=[child.pk]))
    event = AuditEvent.objects.get(actor=senco, action="view")
    assert event.summary == "Case page viewed (Attends Castle Primary School)"
