"""Who may see and change a child's record: the assigned officer, a colleague, an outsider."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.models import AssessmentRequest
from sendcase.staff.views.cases import STEPS

pytestmark = pytest.mark.django_db


def _child_routes():
    """Every staff route that names a child, with the keyword arguments it takes."""
    routes = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "portal":
                    # The family portal: families' own sign-in and access rules, not staff's. Every
                    # one of its child routes is enumerated for families in tests/portal/test_access.py.
                    continue
                walk(p.url_patterns, prefix + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and "child_id" in p.pattern.converters:
                params = list(p.pattern.converters)
                if "step" not in params:
                    routes.append((prefix + p.name, params, None))
                    continue
                steps = STEPS if "advice_id" not in params else ("received", "exception")
                routes.extend((prefix + p.name, params, step) for step in steps)

    walk(get_resolver().url_patterns)
    return routes


CHILD_ROUTES = _child_routes()


def _kwargs(params, step, child, request):
    values = {
        "child_id": child.pk,
        "request_id": request.pk,
        "advice_id": uuid.uuid4(),
        "consultation_id": uuid.uuid4(),
        "membership_id": uuid.uuid4(),
        "consent_id": uuid.uuid4(),
        "plan_id": uuid.uuid4(),
        "section": "e",
        "number": 1,
        "outcome_id": uuid.uuid4(),
        "notice_id": uuid.uuid4(),
        "appeal_id": uuid.uuid4(),
        "order_step_id": uuid.uuid4(),
        "proposal_id": uuid.uuid4(),
        "member_id": uuid.uuid4(),
        "thread_id": uuid.uuid4(),
        "document_id": uuid.uuid4(),
        "account_id": uuid.uuid4(),
        "step": step,
    }
    return {p: values[p] for p in params}


def test_the_urlconf_has_child_routes_to_protect():
    names = {name for name, _, _ in CHILD_ROUTES}
    assert {"staff:child", "staff:request-step", "staff:advice-step", "staff:reassign"} <= names


IDS = [f"{name}[{step}]" if step else name for name, _, step in CHILD_ROUTES]


@pytest.mark.parametrize(("name", "params", "step"), CHILD_ROUTES, ids=IDS)
def test_an_officer_of_another_council_gets_404_and_no_data(
    name, params, step, client_for, outsider, child, request_received
):
    url = reverse(name, kwargs=_kwargs(params, step, child, request_received))
    for method in ("get", "post"):
        response = getattr(client_for(outsider), method)(url)
        assert response.status_code == 404, f"{method.upper()} {url}"
        assert child.last_name not in response.content.decode()
    assert not AuditEvent.objects.filter(actor=outsider).exists()


@pytest.mark.parametrize(("name", "params", "step"), CHILD_ROUTES, ids=IDS)
def test_signed_out_visitors_are_sent_to_sign_in(name, params, step, client, child, request_received):
    url = reverse(name, kwargs=_kwargs(params, step, child, request_received))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_assigned_officer_and_a_colleague_both_see_the_case(
    client_for, officer, colleague, child, request_received
):
    for person in (officer, colleague):
        response = client_for(person).get(reverse("staff:child", args=[child.pk]))
        assert response.status_code == 200
        assert "Amelia Hart" in response.content.decode()


def test_read_only_staff_see_the_case_but_cannot_record_a_step(client_for, read_only, child, request_received, today):
    client = client_for(read_only)
    assert client.get(reverse("staff:child", args=[child.pk])).status_code == 200
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"])
    response = client.post(
        url,
        {
            "decision": "assess",
            "decided_on_0": today.day,
            "decided_on_1": today.month,
            "decided_on_2": today.year,
            "version": request_received.version,
        },
    )
    assert response.status_code == 403
    assert AssessmentRequest.objects.get(pk=request_received.pk).assess_decision == ""


def test_a_forged_post_for_another_councils_child_writes_nothing(client_for, outsider, child, request_received, today):
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"])
    client_for(outsider).post(
        url,
        {
            "decision": "not_assess",
            "decided_on_0": today.day,
            "decided_on_1": today.month,
            "decided_on_2": today.year,
            "version": request_received.version,
        },
    )
    assert AssessmentRequest.objects.get(pk=request_received.pk).outcome == "open"


def test_an_educational_psychologist_sees_only_children_whose_advice_they_were_asked_for(
    client_for, la, officer, child, request_received
):
    from sendcase.accounts.models import Role
    from tests.factories import ChildFactory, UserFactory

    ep = UserFactory(local_authority=la, role=Role.EDUCATIONAL_PSYCHOLOGIST)
    other = ChildFactory(local_authority=la)
    r = services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=request_received.version,
    )
    services.advice_request_add(
        actor=officer, request=r, contributor="ep", requested_on=dt.date(2025, 5, 21), assigned_to=ep
    )
    client = client_for(ep)
    assert client.get(reverse("staff:child", args=[child.pk])).status_code == 200
    assert client.get(reverse("staff:child", args=[other.pk])).status_code == 404


def test_viewing_a_case_page_leaves_an_access_event(client_for, colleague, child):
    client_for(colleague).get(reverse("staff:child", args=[child.pk]))
    event = AuditEvent.objects.get(actor=colleague, action="view")
    assert event.child == child
    assert event.ip_address == "127.0.0.1"
