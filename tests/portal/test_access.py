"""Who sees what in the family portal: the parent, another parent, staff, and a young person's choice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases.models import AssessmentRequest
from sendcase.people.models import FamilyLink
from sendcase.portal import session
from sendcase.portal.models import (
    DraftResponse,
    FamilyAuditEvent,
    FamilyDocument,
    FamilyViews,
    Message,
    ParentsSee,
    ReviewPreference,
)
from tests.factories import ChildFactory
from tests.portal.conftest import link, make_account, make_member

pytestmark = pytest.mark.django_db


def _family_child_routes() -> list[tuple[str, list[str]]]:
    """Every family portal route that names a child, with its parameters."""
    resolver = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "portal")
    return [
        (f"portal:{p.name}", list(p.pattern.converters))
        for p in resolver.url_patterns
        if isinstance(p, URLPattern) and "child_id" in p.pattern.converters
    ]


CHILD_ROUTES = _family_child_routes()
KNOWN_PARAMETERS = {"child_id", "request_id", "review_id"}


def _kwargs(params: list[str], child, request, review=None) -> dict[str, object]:
    unknown = set(params) - KNOWN_PARAMETERS
    # A new kind of route parameter must be given a real value here, so its route is tested too.
    assert not unknown, f"Teach this test the route parameters {sorted(unknown)}"
    values = {"child_id": child.pk, "request_id": request.pk, "review_id": review.pk if review else None}
    return {p: values[p] for p in params}


@pytest.fixture
def amending_review(child, setting):
    """The child's plan under review, its proposed amendments sent on 1 May 2025."""
    from sendcase.cases.models import Plan
    from tests.plans.builders import proposals_sent

    return proposals_sent(Plan.objects.create(child=child, issued_on=dt.date(2024, 3, 1), named_setting=setting))


def _written() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (FamilyViews, FamilyDocument, DraftResponse, ReviewPreference, Message)
    }


def test_the_urlconf_has_family_child_routes_to_protect():
    names = {name for name, _ in CHILD_ROUTES}
    assert {"portal:timeline", "portal:views", "portal:documents", "portal:response", "portal:messages"} <= names


def test_a_parent_with_parental_responsibility_sees_their_child(family_client, parent_account, child, draft_served):
    page = family_client(parent_account).get(reverse("portal:timeline", args=[child.pk])).content.decode()
    assert "Amelia Hart" in page
    assert "You have until 13 June 2025 to respond to the draft plan" in page
    event = FamilyAuditEvent.objects.get(account=parent_account).event
    assert event.child == child and event.action == "view" and event.actor is None
    assert "Jane Hart (parent or carer)" in event.summary


@pytest.mark.parametrize(("name", "params"), CHILD_ROUTES, ids=[name for name, _ in CHILD_ROUTES])
def test_another_parent_gets_404_on_every_route_of_a_child_not_theirs(
    name, params, family_client, other_parent_account, child, draft_served, amending_review
):
    url = reverse(name, kwargs=_kwargs(params, child, draft_served, amending_review))
    client = family_client(other_parent_account)
    before = _written()
    for method in ("get", "post"):
        response = getattr(client, method)(url, {"body": "Hello", "action": "send", "child_views": "Mine"})
        assert response.status_code == 404, f"{method.upper()} {url}"
        assert child.last_name not in response.content.decode()
    assert _written() == before
    assert not AuditEvent.objects.filter(child=child, summary__contains="Priya Stone").exists()


def test_a_parent_without_parental_responsibility_sees_nothing(family_client, la, child):
    member = make_member(la, first="Sam", last="Hart", email="sam.hart@family.example")
    link(child, member, pr=False)
    account = make_account(la=la, email=member.email, member=member)
    client = family_client(account)
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 404
    assert "Amelia" not in client.get(reverse("portal:home")).content.decode()


def test_a_staff_session_cannot_use_the_portal(client_for, officer, child, parent_account):
    client = client_for(officer)
    assert client.get(reverse("portal:home")).status_code == 403
    # Even a staff session that somehow carries a family account's key is not a family session.
    store = client.session
    store[session.FAMILY_ACCOUNT] = str(parent_account.pk)
    store.save()
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 403
    assert "You are signed in as a member of staff" in response.content.decode()
    assert "Amelia" not in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["staff:home", "staff:caseload", "staff:search", "portal_staff:account-requests", "notifications:outbox"],
)
def test_a_family_session_cannot_use_staff_pages(url_name, family_client, parent_account, child):
    response = family_client(parent_account).get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_family_session_cannot_open_the_staff_case_page_or_the_api(family_client, parent_account, child):
    client = family_client(parent_account)
    response = client.get(reverse("staff:child", args=[child.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    api = client.get(f"/api/v1/children/{child.pk}/")
    assert api.status_code in (401, 403)
    assert "Amelia" not in api.content.decode()


def test_signed_out_visitors_go_to_the_family_sign_in(client, child):
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:sign-in"))


def test_a_family_session_ends_after_the_idle_limit(family_client, parent_account, child, settings):
    client = family_client(parent_account)
    store = client.session
    store[session.LAST_SEEN] -= settings.SENDCASE_SESSION_IDLE_MINUTES * 60 + 5
    store.save()
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 302
    assert "signed_out=idle" in response["Location"]
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 302


@pytest.fixture
def young_person(la, officer):
    """Born 1 March 2008: past the school leaving date of 28 June 2024, so a young person on 2 June 2025."""
    return ChildFactory(local_authority=la, first_name="Ella", last_name="Brook", date_of_birth=dt.date(2008, 3, 1))


@pytest.fixture
def young_persons_parent(la, young_person):
    member = make_member(la, first="Ruth", last="Brook", email="ruth.brook@family.example")
    link(young_person, member)
    return make_account(la=la, email=member.email, member=member)


@pytest.fixture
def young_persons_account(la, young_person):
    return make_account(la=la, email="ella.brook@family.example", young_person=young_person)


def test_a_young_person_sees_their_own_record(family_client, young_persons_account, young_person):
    response = family_client(young_persons_account).get(reverse("portal:timeline", args=[young_person.pk]))
    assert response.status_code == 200
    assert "Your own record" in response.content.decode()


def test_a_young_persons_choice_limits_their_parent_to_the_timeline(
    family_client, young_persons_account, young_persons_parent, young_person
):
    parent = family_client(young_persons_parent)
    assert parent.get(reverse("portal:views", args=[young_person.pk])).status_code == 200

    family_client(young_persons_account).post(
        reverse("portal:sharing", args=[young_person.pk]), {"parents_see": ParentsSee.TIMELINE}
    )
    assert parent.get(reverse("portal:timeline", args=[young_person.pk])).status_code == 200
    for name in ("portal:views", "portal:documents", "portal:messages", "portal:review"):
        assert parent.get(reverse(name, args=[young_person.pk])).status_code == 404, name


def test_a_young_persons_choice_can_hide_everything_from_a_parent(
    family_client, young_persons_account, young_persons_parent, young_person
):
    family_client(young_persons_account).post(
        reverse("portal:sharing", args=[young_person.pk]), {"parents_see": ParentsSee.NOTHING}
    )
    parent = family_client(young_persons_parent)
    assert parent.get(reverse("portal:timeline", args=[young_person.pk])).status_code == 404
    assert "Ella" not in parent.get(reverse("portal:home")).content.decode()
    young_persons_account.refresh_from_db()
    assert young_persons_account.parents_see == ParentsSee.NOTHING


def test_only_the_young_person_chooses_what_parents_see(family_client, young_persons_parent, young_person):
    response = family_client(young_persons_parent).post(
        reverse("portal:sharing", args=[young_person.pk]), {"parents_see": ParentsSee.NOTHING}
    )
    assert response.status_code == 404


def test_a_child_under_school_leaving_age_cannot_use_a_young_persons_account(family_client, la, child):
    account = make_account(la=la, email="amelia@family.example", young_person=child)
    assert family_client(account).get(reverse("portal:timeline", args=[child.pk])).status_code == 404


def test_a_switched_off_account_is_signed_out(family_client, parent_account, child):
    client = family_client(parent_account)
    parent_account.is_active = False
    parent_account.save()
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 302


def test_a_link_removed_by_the_council_removes_access(family_client, parent_account, parent, child):
    client = family_client(parent_account)
    FamilyLink.objects.filter(member=parent, child=child).update(parental_responsibility=False)
    assert client.get(reverse("portal:timeline", args=[child.pk])).status_code == 404


def test_a_forged_request_id_of_another_child_is_404(
    family_client, parent_account, child, other_child, officer, other_parent_account
):
    other_request = AssessmentRequest.objects.create(
        child=other_child, received_on=dt.date(2025, 5, 1), source="parent"
    )
    url = reverse("portal:response", args=[child.pk, other_request.pk])
    assert family_client(parent_account).post(url, {"answer_A": "agree"}).status_code == 404
    assert not DraftResponse.objects.exists()


def test_a_client_without_a_session_is_not_a_family(child):
    assert Client().get(reverse("portal:home")).status_code == 302
