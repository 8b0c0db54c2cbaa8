"""Keeping another system in step: modified_since, keyset pages that never repeat or skip, the change feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sendcase.audit.models import AuditEvent
from sendcase.people import services as people_services
from sendcase.people.models import Child
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def walk(client, path: str, **params) -> list[dict]:
    """Every row of a list, following `next` links as a sync client would."""
    rows, url = [], path
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        rows.extend(response.json()["results"])
        url = response.json()["next"]
        if url is None:
            return rows
        response = client.get(url)


def test_fetch_all_change_one_fetch_since_gives_exactly_that_one(api, officer, casebook):
    client = api(officer)
    started = timezone.now()
    everything = walk(client, "/api/v1/children/", page_size=1)
    assert {row["id"] for row in everything} == {str(c.pk) for c in casebook.children}
    child = casebook.open_case
    people_services.child_update(actor=officer, child=child, data={"known_as": "Sam"}, expected_version=child.version)
    since = walk(client, "/api/v1/children/", modified_since=started.isoformat())
    assert [(row["id"], row["known_as"]) for row in since] == [(str(child.pk), "Sam")]
    feed = walk(client, "/api/v1/events/", modified_since=started.isoformat())
    assert [(e["child"], e["model"], e["action"], e["field_names"]) for e in feed] == [
        (str(child.pk), "people.child", "update", ["known_as"])
    ]
    assert "Sam" not in str(feed)


def test_pages_never_repeat_or_skip_a_row_even_when_rows_share_a_time(api, la, officer):
    children = ChildFactory.create_batch(7, local_authority=la)
    same_moment = timezone.now() - dt.timedelta(hours=1)
    Child.objects.filter(pk__in=[c.pk for c in children[:5]]).update(modified_at=same_moment)
    rows = walk(api(officer), "/api/v1/children/", page_size=2)
    assert sorted(row["id"] for row in rows) == sorted(str(c.pk) for c in children)


def test_a_row_changed_during_the_walk_is_met_again_at_the_end_with_its_new_version(api, la, officer):
    children = ChildFactory.create_batch(5, local_authority=la)
    client = api(officer)
    first = client.get("/api/v1/children/", {"page_size": 2}).json()
    seen = first["results"]
    changed = Child.objects.get(pk=seen[0]["id"])
    people_services.child_update(actor=officer, child=changed, data={"known_as": "Jo"}, expected_version=1)
    added = ChildFactory(local_authority=la)
    rest = walk(client, first["next"])
    ids = [row["id"] for row in seen + rest]
    assert sorted(set(ids)) == sorted(str(c.pk) for c in [*children, added])
    assert ids.count(str(changed.pk)) == 2
    # Changed, then added: both after every row untouched since the walk began.
    assert [row["id"] for row in rest[-2:]] == [str(changed.pk), str(added.pk)]
    assert [row["version"] for row in seen + rest if row["id"] == str(changed.pk)] == [1, 2]


def test_page_size_defaults_to_100_and_stops_at_500(api, la, officer):
    ChildFactory.create_batch(101, local_authority=la)
    client = api(officer)
    page = client.get("/api/v1/children/").json()
    assert len(page["results"]) == 100 and page["next"]
    assert len(client.get(page["next"]).json()["results"]) == 1
    assert client.get("/api/v1/children/", {"page_size": 500}).status_code == 200
    assert client.get("/api/v1/children/", {"page_size": 501}).status_code == 400


def test_requests_advice_plans_and_events_filter_by_child(api, officer, casebook):
    client = api(officer)
    child = casebook.open_case
    for path in ("/api/v1/requests/", "/api/v1/advice/", "/api/v1/events/"):
        rows = walk(client, path, child=str(child.pk))
        assert rows and {row["child"] for row in rows} == {str(child.pk)}
    assert walk(client, "/api/v1/plans/", child=str(child.pk)) == []


def test_the_change_feed_lists_a_childs_history_in_order_without_values(api, officer, casebook):
    feed = walk(api(officer), "/api/v1/events/", child=str(casebook.planned.pk))
    assert [e["sequence"] for e in feed] == sorted(e["sequence"] for e in feed)
    models = {e["model"] for e in feed}
    assert {"cases.assessmentrequest", "cases.plan"} <= models
    assert {e["action"] for e in feed} <= {"create", "update", "delete"}
    assert all(
        set(e) == {"id", "sequence", "occurred_at", "child", "model", "record_id", "action", "field_names"}
        for e in feed
    )
    assert not AuditEvent.objects.filter(pk__in=[e["id"] for e in feed], action="view").exists()


def test_cases_since_catches_a_stage_change_made_on_the_request(api, officer, casebook):
    from sendcase.cases import services

    client = api(officer)
    started = timezone.now()
    request = casebook.open_request
    services.advice_received_record(
        actor=officer, advice=casebook.advice, received_on=dt.date(2025, 5, 30), expected_version=1
    )
    rows = walk(client, "/api/v1/cases/", modified_since=started.isoformat())
    assert [row["child"] for row in rows] == [str(request.child_id)]
    assert rows[0]["next_due_step"] == "issue"


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"modified_since": "yesterday"}, {"modified_since"}),
        ({"modified_since": "2025-13-01T00:00:00Z"}, {"modified_since"}),
        ({"modified_since": "2025-06-01"}, {"modified_since"}),
        ({"child": "not-an-id"}, {"child"}),
        ({"modified_since": "soon", "child": "12"}, {"modified_since", "child"}),
        ({"page_size": "0"}, {"page_size"}),
        ({"page_size": "many"}, {"page_size"}),
        ({"cursor": "bm90IGEgY3Vyc29y"}, {"cursor"}),
        ({"cursor": "!!"}, {"cursor"}),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(params, named, api, officer, casebook):
    response = api(officer).get("/api/v1/requests/", params)
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == named
    assert body["detail"]


@pytest.mark.parametrize("path", ["/api/v1/children/", "/api/v1/cases/", "/api/v1/events/", "/api/v1/plans/"])
def test_every_list_rejects_a_bad_modified_since(path, api, officer):
    response = api(officer).get(path, {"modified_since": "last tuesday"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["modified_since"]


def test_modified_since_without_an_offset_is_uk_time(api, officer, casebook):
    client = api(officer)
    later = timezone.localtime(timezone.now() + dt.timedelta(minutes=5)).replace(tzinfo=None)
    assert walk(client, "/api/v1/children/", modified_since=later.isoformat()) == []
    earlier = timezone.localtime(timezone.now() - dt.timedelta(minutes=5)).replace(tzinfo=None)
    assert len(walk(client, "/api/v1/children/", modified_since=earlier.isoformat())) == 2


def test_the_change_feed_resumes_exactly_after_the_last_event_a_client_has(api, officer, casebook):
    client = api(officer)
    feed = walk(client, "/api/v1/events/")
    last = feed[-1]["sequence"]
    assert walk(client, "/api/v1/events/", after=last) == []
    child = casebook.planned
    people_services.child_update(actor=officer, child=child, data={"known_as": "Lou"}, expected_version=child.version)
    new = walk(client, "/api/v1/events/", after=last)
    assert [(e["child"], e["field_names"]) for e in new] == [(str(child.pk), ["known_as"])]
    bad = client.get("/api/v1/events/", {"after": "-1", "modified_since": "never"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"after", "modified_since"}


def test_modified_since_takes_any_offset_iso_8601_allows(api, officer, casebook):
    # +23:03 is valid ISO 8601 but past what PostgreSQL accepts in a timestamp literal.
    response = api(officer).get("/api/v1/children/", {"modified_since": "2000-01-03T18:20:49+23:03"})
    assert response.status_code == 200 and len(response.json()["results"]) == 2
