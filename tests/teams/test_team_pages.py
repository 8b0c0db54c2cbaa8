"""The team, consent and discussion sections of the case page, and a professional's home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.teams.models import CaseNote, Consent, TeamMembership
from tests.factories import ChildFactory
from tests.teams.builders import HEALTH, on_team, organisation, parent_of, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def health(la):
    return organisation(la, HEALTH, "Dorset Community Paediatrics")


@pytest.fixture
def paediatrician(health):
    return partner(health, first_name="Pat", last_name="Paed", job_title="Community paediatrician")


def date_boxes(name: str, day: dt.date) -> dict[str, int]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_an_officer_adds_a_team_member_from_the_case_page(client_for, officer, child, health, paediatrician, today):
    client = client_for(officer)
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Nobody is recorded on the team around Amelia" in page
    add_url = reverse("teams:team-member-new", args=[child.pk])
    assert add_url in page

    response = client.post(
        add_url,
        {"organisation": health.pk, "person": paediatrician.pk, "role_on_team": "paediatrician"}
        | date_boxes("started_on", today),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Pat Paed" in page
    assert "No consent to share recorded" in page


def test_a_bad_team_member_form_shows_the_error_summary_and_writes_nothing(client_for, officer, child, health):
    events = AuditEvent.objects.count()
    response = client_for(officer).post(
        reverse("teams:team-member-new", args=[child.pk]),
        {"organisation": health.pk, "started_on_0": "31", "started_on_1": "2", "started_on_2": "2025"},
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The date they joined the team must be a real date" in html
    assert not TeamMembership.objects.exists()
    assert AuditEvent.objects.count() == events


def test_consent_is_recorded_and_withdrawn_through_the_pages(client_for, officer, child, health, paediatrician, today):
    on_team(child, officer, paediatrician, started_on=today)
    mother = parent_of(child, officer)
    client = client_for(officer)
    form = client.get(reverse("teams:consent-new", args=[child.pk])).content.decode()
    assert "Priya Hart (mother)" in form
    assert "Amelia, the young person" in form

    client.post(
        reverse("teams:consent-new", args=[child.pk]),
        {"organisation": health.pk, "given_by": str(mother.pk), "scope": "Plan and reports"}
        | date_boxes("given_on", today),
    )
    consent = Consent.objects.get(child=child)
    assert consent.given_by == mother
    assert "Consent to share since 2 June 2025" in client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert client_for(paediatrician).get(reverse("staff:child", args=[child.pk])).status_code == 200

    client.post(
        reverse("teams:consent-withdraw", args=[child.pk, consent.pk]),
        {"withdrawn_note": "Mother phoned", "version": consent.version} | date_boxes("withdrawn_on", today),
    )
    assert "Consent withdrawn 2 June 2025" in client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert client_for(paediatrician).get(reverse("staff:child", args=[child.pk])).status_code == 404


def test_an_officer_ends_a_membership_from_the_case_page(client_for, officer, child, paediatrician, today):
    membership, _ = on_team(child, officer, paediatrician, started_on=today - dt.timedelta(days=9))
    client = client_for(officer)
    url = reverse("teams:team-member-end", args=[child.pk, membership.pk])
    assert url in client.get(reverse("staff:child", args=[child.pk])).content.decode()
    client.post(url, {"version": membership.version} | date_boxes("ended_on", today))
    assert TeamMembership.objects.get(pk=membership.pk).ended_on == today


def test_a_team_member_sees_the_team_but_not_the_management_links(client_for, officer, child, paediatrician, today):
    on_team(child, officer, paediatrician, started_on=today, consent_on=today)
    html = client_for(paediatrician).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Team around the child" in html
    assert "Community paediatrician" in html
    assert reverse("teams:team-member-new", args=[child.pk]) not in html
    assert reverse("teams:consent-new", args=[child.pk]) not in html


def test_the_discussion_takes_notes_and_decisions_newest_first(client_for, officer, child, setting):
    senco = partner(setting, first_name="Sally", last_name="Senco")
    url = reverse("teams:discussion", args=[child.pk])
    client_for(officer).post(url, {"kind": "note", "audience": "team", "body": "Annual review booked"})
    response = client_for(senco).post(url, {"kind": "decision", "body": "Start the new timetable on Monday"})
    assert response.status_code == 302

    html = client_for(senco).get(url).content.decode()
    assert html.index("Start the new timetable on Monday") < html.index("Annual review booked")
    assert "Castle Primary School" in html  # who wrote it, and where they work
    # A partner is not offered the SEND-team-only choice.
    assert 'name="audience"' not in html
    assert CaseNote.objects.get(created_by=senco).audience == "team"
    assert AuditEvent.objects.filter(actor=senco, action="view", summary="Case discussion viewed").exists()


def test_read_only_staff_read_the_discussion_but_cannot_add(client_for, read_only, child):
    url = reverse("teams:discussion", args=[child.pk])
    assert client_for(read_only).get(url).status_code == 200
    assert client_for(read_only).post(url, {"kind": "note", "body": "Hello"}).status_code == 403
    assert not CaseNote.objects.exists()


def test_a_blank_note_is_refused(client_for, officer, child):
    html = client_for(officer).post(reverse("teams:discussion", args=[child.pk]), {"kind": "note", "body": ""})
    assert "Enter the note" in html.content.decode()
    assert not CaseNote.objects.exists()


def test_professionals_land_on_their_children_with_the_reason(client_for, officer, la, child, setting):
    senco = partner(setting)
    ChildFactory(local_authority=la, first_name="Zed", last_name="Zulu")  # not at this school
    client = client_for(senco)
    response = client.get(reverse("staff:home"))
    assert response["Location"] == reverse("teams:children")
    html = client.get(reverse("teams:children")).content.decode()
    assert "Amelia Hart" in html
    assert "Attends Castle Primary School" in html
    assert "Zed Zulu" not in html
    assert ">Your children<" in html  # in the navigation


def test_the_send_team_keeps_its_caseload_home(client_for, officer):
    assert client_for(officer).get(reverse("teams:children"))["Location"] == reverse("staff:caseload")


def test_an_educational_psychologist_without_children_is_told_why_the_list_is_empty(client_for, la):
    from tests.factories import UserFactory

    ep = UserFactory(local_authority=la, role=Role.EDUCATIONAL_PSYCHOLOGIST)
    html = client_for(ep).get(reverse("teams:children")).content.decode()
    assert "You do not work with any child on SENDcase yet" in html
