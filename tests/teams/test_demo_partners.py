"""The demo council's partners can sign in and see the children of their relationships."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sendcase import access
from sendcase.accounts.models import User
from sendcase.demo import signins
from sendcase.demo.partners import PARTNER_SIGNINS
from sendcase.teams.models import Consent, TeamMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--scale", "la", "--fraction", "0.1", stdout=io.StringIO())


def user(name: str) -> User:
    return User.objects.select_related("organisation").get(email=f"{name}@sendcase.example")


def test_every_partner_sign_in_exists_in_its_organisation(demo, capsys):
    for sign_in in PARTNER_SIGNINS:
        person = user(sign_in.email.split("@")[0])
        assert person.organisation is not None
        assert person.check_password("demo-password-2025")
    assert user("ep").organisation == user("ep-admin").organisation
    assert user("ep-admin").is_organisation_admin and user("senco").is_organisation_admin
    signins.main()
    printed = capsys.readouterr().out
    assert "senco@sendcase.example" in printed
    assert "SENCo at" in printed


def test_each_partner_sees_the_children_of_their_relationships(demo):
    senco = user("senco")
    pupils = list(access.children_visible_to(senco))
    assert any(c.setting_id == senco.organisation_id for c in pupils)
    why = access.relationships_for(senco, pupils)
    # Every child attends the school, is on an open request the council consulted it about, or
    # had advice asked of the school (its administrator holds the school's inbox).
    assert all(("Attends" in why[c.pk]) == (c.setting_id == senco.organisation_id) for c in pupils)
    reasons = ("Attends", "consulted about a place", f"Advice asked of {senco.organisation}")
    assert all(any(reason in why[c.pk] for reason in reasons) for c in pupils)

    paediatrician = user("paediatrician")
    seen = set(access.children_visible_to(paediatrician).values_list("pk", flat=True))
    teams = TeamMembership.objects.filter(person=paediatrician)
    withdrawn = Consent.objects.filter(organisation=paediatrician.organisation, withdrawn_on__isnull=False)
    assert withdrawn.count() == 1
    assert seen == set(teams.values_list("child_id", flat=True)) - {withdrawn.get().child_id}

    locality = user("locality")
    area = access.children_visible_to(locality)
    assert area.exists()
    assert set(area.values_list("locality", flat=True)) == {locality.organisation.locality_id}
