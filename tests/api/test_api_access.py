"""Each endpoint returns exactly what sendcase.access lets the caller see, and audits what it returns."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver

from sendcase import access
from sendcase.accounts.models import Role
from sendcase.api import urls as api_urls
from sendcase.audit.models import AuditEvent
from tests.api.conftest import build_casebook
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "children": ("/api/v1/children/", lambda book: {str(c.pk) for c in book.children}),
    "cases": ("/api/v1/cases/", lambda book: {str(c.pk) for c in book.children}),
    "requests": ("/api/v1/requests/", lambda book: {str(book.finished_request.pk), str(book.open_request.pk)}),
    "advice": ("/api/v1/advice/", lambda book: {str(book.advice.pk)}),
    "plans": ("/api/v1/plans/", lambda book: {str(book.plan.pk)}),
}
# The record each detail route shows, from a casebook. A new route with an id must be added here,
# or test_every_detail_route_has_an_access_test fails.
DETAIL_RECORDS = {
    "child": lambda book: book.planned,
    "request": lambda book: book.finished_request,
    "advice": lambda book: book.advice,
    "plan": lambda book: book.plan,
}


def _detail_routes() -> list[tuple[str, str]]:
    """(name, path with {id}) for every API route that takes a record's id, read from the URLconf."""
    routes = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.pattern.converters:
                assert list(pattern.pattern.converters) == ["pk"], pattern
                path = "/api/v1/" + prefix + str(pattern.pattern).replace("<str:pk>", "{id}")
                routes.append((pattern.name, path))

    walk(api_urls.urlpatterns)
    return routes


DETAIL_ROUTES = _detail_routes()


def _ids(response) -> set[str]:
    key = "child" if response.wsgi_request.path.endswith("/cases/") else "id"
    return {row[key] for row in response.json()["results"]}


def test_every_detail_route_has_an_access_test():
    assert {name for name, _ in DETAIL_ROUTES} == set(DETAIL_RECORDS)
    assert len(DETAIL_ROUTES) >= 4


@pytest.mark.parametrize(("name", "path"), DETAIL_ROUTES, ids=[n for n, _ in DETAIL_ROUTES])
def test_another_councils_record_is_404_with_no_data(name, path, api, officer, casebook, their_casebook):
    client = api(officer)
    theirs = DETAIL_RECORDS[name](their_casebook)
    before = AuditEvent.objects.count()
    response = client.get(path.format(id=theirs.pk))
    assert response.status_code == 404
    body = response.content.decode()
    assert str(theirs.pk) not in body and their_casebook.planned.last_name not in body
    # The same words as for an id that exists nowhere, so a 404 reveals nothing.
    missing = client.get(path.format(id="00000000-0000-4000-8000-000000000000"))
    assert missing.status_code == 404 and missing.json() == response.json()
    assert AuditEvent.objects.count() == before
    # ... while the caller's own record of the same kind is there.
    ours = DETAIL_RECORDS[name](casebook)
    assert client.get(path.format(id=ours.pk)).json()["id"] == str(ours.pk)


@pytest.mark.parametrize("name", LISTS)
def test_lists_hold_the_callers_council_only(name, api, officer, outsider, casebook, their_casebook):
    path, expected = LISTS[name]
    assert _ids(api(officer).get(path)) == expected(casebook)
    assert _ids(api(outsider).get(path)) == expected(their_casebook)


@pytest.mark.parametrize("name", LISTS)
def test_a_system_account_with_no_relationship_sees_nothing(name, api, system_user, casebook):
    assert _ids(api(system_user).get(LISTS[name][0])) == set()
    assert api(system_user).get(f"/api/v1/children/{casebook.planned.pk}/").status_code == 404


def test_a_professional_sees_exactly_the_children_the_access_module_allows(api, la, officer, casebook):
    ep = UserFactory(local_authority=la, role=Role.EDUCATIONAL_PSYCHOLOGIST)
    casebook.advice.assigned_to = ep
    casebook.advice.save()
    visible = {str(pk) for pk in access.children_visible_to(ep).values_list("pk", flat=True)}
    client = api(ep)
    assert _ids(client.get("/api/v1/children/")) == visible
    assert str(casebook.planned.pk) not in visible
    assert client.get(f"/api/v1/plans/{casebook.plan.pk}/").status_code == 404
    requests_seen = {row["child"] for row in client.get("/api/v1/requests/").json()["results"]}
    assert requests_seen <= visible


def test_child_details_carry_identifiers_setting_key_worker_and_next_step(api, officer, casebook):
    child = casebook.open_case
    data = api(officer).get(f"/api/v1/children/{child.pk}/").json()
    assert data["upn"] == child.upn and data["reference"] == child.reference
    assert data["setting"]["urn"] == child.setting.urn
    assert data["key_worker"]["email"] == officer.email
    assert data["stage"] == "assessment"
    assert data["next_due_step"] == f"advice:{casebook.advice.pk}"
    # Health advice asked on 14 May 2025 is due 6 weeks later, 25 June 2025 (reg 8(1)).
    assert data["next_due_on"] == "2025-06-25"
    assert data["next_due_regulation"].startswith("Regulation 8(1)")
    assert "address" not in data and "ethnicity" not in data


def test_a_request_shows_every_step_with_its_statutory_due_date(api, officer, casebook):
    data = api(officer).get(f"/api/v1/requests/{casebook.open_request.pk}/").json()
    steps = {step["code"]: step for step in data["steps"]}
    # Received 7 April 2025: decision due in 6 weeks (reg 5(1)), final plan in 20 weeks (reg 13(2)).
    assert steps["decision"]["due_on"] == "2025-05-19" and steps["decision"]["done_on"] == "2025-05-12"
    assert steps["decision"]["state"] == "done_on_time"
    assert steps["final"]["due_on"] == "2025-08-25"
    assert steps["final"]["regulation"].startswith("Regulation 13(2)")
    assert steps[f"advice:{casebook.advice.pk}"]["due_on"] == "2025-06-25"
    assert data["assess_decision_on"] == "2025-05-12"


def test_advice_and_plans_show_their_due_dates(api, officer, casebook):
    client = api(officer)
    advice = client.get(f"/api/v1/advice/{casebook.advice.pk}/").json()
    assert (advice["requested_on"], advice["due_on"], advice["received_on"]) == ("2025-05-14", "2025-06-25", None)
    assert advice["child"] == str(casebook.open_case.pk)
    plan = client.get(f"/api/v1/plans/{casebook.plan.pk}/").json()
    assert plan["status"] == "active" and plan["next_review_due_on"] == "2026-05-19"


def test_reading_a_list_leaves_an_access_event_per_child_with_the_token_and_address(api, token_for, officer, casebook):
    client = api(token=token_for(officer, name="Castle Primary MIS"))
    last = AuditEvent.objects.order_by("-sequence").first().sequence
    client.get("/api/v1/children/", REMOTE_ADDR="203.0.113.9")
    new = list(AuditEvent.objects.filter(sequence__gt=last))
    assert {e.child_id for e in new} == {c.pk for c in casebook.children}
    assert len(new) == 2
    for event in new:
        assert event.actor == officer
        assert event.ip_address == "203.0.113.9"
        assert "Castle Primary MIS" in event.summary and "API token" in event.summary


@pytest.mark.parametrize(
    ("path", "child"),
    [
        ("/api/v1/children/{c.planned.pk}/", "planned"),
        ("/api/v1/requests/{c.open_request.pk}/", "open_case"),
        ("/api/v1/advice/{c.advice.pk}/", "open_case"),
        ("/api/v1/plans/{c.plan.pk}/", "planned"),
        ("/api/v1/requests/?child={c.open_case.pk}", "open_case"),
        ("/api/v1/advice/", "open_case"),
        ("/api/v1/plans/", "planned"),
        ("/api/v1/cases/?modified_since=2000-01-01T00:00:00Z", None),
    ],
)
def test_every_read_of_a_childs_record_is_audited(path, child, api, officer, casebook):
    client = api(officer)
    last = AuditEvent.objects.order_by("-sequence").first().sequence
    assert client.get(path.format(c=casebook)).status_code == 200
    viewed = set(AuditEvent.objects.filter(sequence__gt=last, action="view").values_list("child_id", flat=True))
    expected = {getattr(casebook, child).pk} if child else {c.pk for c in casebook.children}
    assert viewed == expected


def test_the_change_feed_is_not_itself_logged_as_reading_records(api, officer, casebook):
    client = api(officer)
    last = AuditEvent.objects.order_by("-sequence").first().sequence
    assert client.get("/api/v1/events/").status_code == 200
    assert not AuditEvent.objects.filter(sequence__gt=last).exists()


def test_the_audit_chain_still_verifies_after_bulk_access_events(api, officer, casebook):
    from sendcase.audit import chain

    api(officer).get("/api/v1/requests/")
    fields = ("id", "event_hash", *chain.CHAINED_FIELDS)
    verdict = chain.verify(AuditEvent.objects.order_by("sequence").values(*fields))
    assert verdict.broken is None


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/children/",
        "/api/v1/cases/",
        "/api/v1/requests/",
        "/api/v1/advice/",
        "/api/v1/plans/",
        "/api/v1/events/",
    ],
)
def test_a_page_costs_the_same_queries_however_many_rows_it_holds(path, api, la, officer):
    client = api(officer)
    build_casebook(la, officer)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    for _ in range(4):
        build_casebook(la, officer)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(path).json()["results"]) > 1

    # Audit events are inserted one row each (the hash chain); the reads are a fixed number of queries.
    def reads(ctx):
        return [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]

    assert len(reads(many)) == len(reads(few))
