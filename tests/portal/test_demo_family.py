"""The demo council's family sign-ins: a parent with a draft plan to answer, and a young person, who can sign in."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from sendcase.cases.models import AssessmentRequest
from sendcase.demo.family import FAMILY_SIGNINS
from sendcase.demo.staff import DEFAULT_DEMO_PASSWORD
from sendcase.portal import rules
from sendcase.portal.models import FamilyAccount
from tests.portal.conftest import make_account, make_member

pytestmark = pytest.mark.django_db

PARENT, YOUNG_PERSON = (s.email for s in FAMILY_SIGNINS)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--scale", "la", "--fraction", "0.1", stdout=io.StringIO())


def test_the_demo_parent_has_a_child_whose_draft_plan_waits_for_their_reply(demo, today):
    account = FamilyAccount.objects.select_related("family_member").get(email=PARENT)
    member = account.family_member
    assert member.email == PARENT and account.check_password(DEFAULT_DEMO_PASSWORD)
    link = member.child_links.get(parental_responsibility=True)
    waiting = AssessmentRequest.objects.filter(
        child=link.child, outcome="open", draft_served_on__isnull=False, family_response_on__isnull=True
    )
    assert waiting.exists()
    young = FamilyAccount.objects.select_related("young_person").get(email=YOUNG_PERSON)
    assert rules.is_young_person(young.young_person.date_of_birth, today)


def test_the_demo_parent_signs_in_with_the_demo_password_and_a_printed_code(demo):
    client = Client()
    response = client.post(reverse("portal:sign-in"), {"email": PARENT, "password": DEFAULT_DEMO_PASSWORD})
    assert response["Location"].startswith(reverse("portal:sign-in-code"))
    out = io.StringIO()
    call_command("demo_family_code", PARENT, stdout=out)
    code = out.getvalue().split(": ")[1][:6]
    response = client.post(reverse("portal:sign-in-code"), {"code": code})
    assert response["Location"] == reverse("portal:home")
    child = FamilyAccount.objects.get(email=PARENT).family_member.child_links.get().child
    page = client.get(reverse("portal:home")).content.decode()
    assert child.last_name in page
    # What the council told them about each step so far is on the letters page, newest first.
    letters = client.get(reverse("portal:letters", kwargs={"child_id": child.pk})).content.decode()
    told = [letters.find(subject) for subject in ("Your draft plan is ready", "We have received the request")]
    assert -1 not in told and told == sorted(told)


def test_demo_codes_are_for_the_demo_council_in_debug_mode_only(demo, settings, other_la):
    elsewhere = make_account(la=other_la, email="real.parent@family.example", member=make_member(other_la))
    with pytest.raises(CommandError, match="not a family portal account of the demo council"):
        call_command("demo_family_code", elsewhere.email, stdout=io.StringIO())
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only works with DEBUG on"):
        call_command("demo_family_code", PARENT, stdout=io.StringIO())
