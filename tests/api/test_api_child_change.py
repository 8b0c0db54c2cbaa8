"""PATCH /api/v1/children/{id}/: SEND casework only, never overwriting someone else's change."""

from __future__ import annotations

import pytest

from sendcase.audit.models import AuditEvent
from sendcase.people import services as people_services
from tests.factories import LocalityFactory, SettingFactory

pytestmark = pytest.mark.django_db


def patch(client, child, **data):
    return client.patch(f"/api/v1/children/{child.pk}/", data, format="json")


def test_an_officer_changes_a_childs_details_and_the_change_is_audited(api, token_for, officer, child):
    client = api(token=token_for(officer, name="Council MIS"))
    response = patch(client, child, version=child.version, known_as="Mia", primary_need="ASD")
    assert response.status_code == 200
    data = response.json()
    assert (data["known_as"], data["primary_need"], data["version"]) == ("Mia", "ASD", child.version + 1)
    child.refresh_from_db()
    assert child.known_as == "Mia"
    event = AuditEvent.objects.filter(child=child, action="update").order_by("-sequence").first()
    assert event.actor == officer
    assert event.changes["known_as"] == [child._meta.get_field("known_as").get_default(), "Mia"]


def test_a_stale_version_is_a_409_and_the_other_persons_change_is_kept(api, officer, colleague, child):
    seen = child.version
    people_services.child_update(actor=colleague, child=child, data={"known_as": "Millie"}, expected_version=seen)
    changes_before = AuditEvent.objects.filter(child=child, action="update").count()
    response = patch(api(officer), child, version=seen, known_as="Mia")
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == seen + 1
    assert "Someone else changed this record" in body["detail"]
    child.refresh_from_db()
    assert (child.known_as, child.version) == ("Millie", seen + 1)
    assert AuditEvent.objects.filter(child=child, action="update").count() == changes_before


def test_read_only_staff_may_see_but_not_change(api, read_only, child):
    client = api(read_only)
    assert client.get(f"/api/v1/children/{child.pk}/").status_code == 200
    response = patch(client, child, version=child.version, known_as="Mia")
    assert response.status_code == 403
    child.refresh_from_db()
    assert child.known_as != "Mia"


def test_another_council_gets_404_not_403(api, outsider, child):
    response = patch(api(outsider), child, version=child.version, known_as="Mia")
    assert response.status_code == 404
    assert child.first_name not in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"known_as": "Mia"}, "version"),
        ({"version": "one"}, "version"),
        ({"version": 1, "upn": "NOT-A-UPN"}, "upn"),
        ({"version": 1, "first_name": ""}, "first_name"),
        ({"version": 1, "date_of_birth": "2099-01-01"}, "date_of_birth"),
        ({"version": 1, "primary_need": "XYZ"}, "primary_need"),
        ({"version": 1, "address": "1 High Street"}, "address"),
        ({"version": 1, "setting": "00000000-0000-4000-8000-000000000000"}, "setting"),
    ],
)
def test_a_bad_change_is_a_400_naming_the_field_and_nothing_is_written(data, field, api, officer, child):
    before = (child.version, child.known_as, child.upn)
    response = patch(api(officer), child, **data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    child.refresh_from_db()
    assert (child.version, child.known_as, child.upn) == before


def test_a_school_or_locality_of_another_council_cannot_be_named(api, officer, other_la, la, child):
    theirs = SettingFactory(local_authority=other_la)
    response = patch(api(officer), child, version=child.version, setting=str(theirs.pk))
    assert response.status_code == 400 and "setting" in response.json()["errors"]
    ours, locality = SettingFactory(local_authority=la), LocalityFactory(local_authority=la)
    response = patch(api(officer), child, version=child.version, setting=str(ours.pk), locality=str(locality.pk))
    assert response.status_code == 200
    assert response.json()["setting"]["id"] == str(ours.pk)
    assert response.json()["locality"]["name"] == locality.name
