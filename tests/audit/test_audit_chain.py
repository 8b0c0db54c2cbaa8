"""The audit trail's hash chain: what `sendcase audit_verify` accepts, and the tampering it catches."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor

from sendcase.audit import chain
from sendcase.audit.models import Action, AuditEvent
from sendcase.audit.services import audit_change, audit_view
from sendcase.cases import services
from sendcase.core.middleware import current_ip


def verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def events_in_order() -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("sequence"))


@pytest.fixture
def trail(request_received, child, officer, colleague, setting):
    """A morning's casework: a request, its decision and advice, a logged call, a new key worker, a page view."""
    r = services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=request_received.version,
    )
    advice = services.advice_request_add(
        actor=officer, request=r, contributor="health", requested_on=dt.date(2025, 5, 21)
    )
    services.advice_received_record(
        actor=officer, advice=advice, received_on=dt.date(2025, 5, 30), expected_version=advice.version
    )
    r.refresh_from_db()
    services.contact_log_add(
        actor=officer,
        child=child,
        occurred_at=dt.datetime(2025, 5, 30, 11, 0, tzinfo=dt.UTC),
        kind="phone",
        direction="in",
        with_whom="Mother",
        summary="Asked when the draft plan will arrive",
        request=r,
    )
    child.refresh_from_db()
    services.key_worker_assign(
        actor=officer, child=child, officer=colleague, reason="Caseload balancing", expected_version=child.version
    )
    audit_view(actor=colleague, child=child, what="Case page viewed")
    events = events_in_order()
    assert len(events) >= 8
    return events


def raw_sql(sql: str, params: list[object]) -> None:
    # The model refuses updates and deletes, so tampering has to go round it, as an attacker would.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_the_trail_of_a_morning_of_casework_verifies(trail):
    assert [e.sequence for e in trail] == list(range(1, len(trail) + 1))
    assert trail[0].previous_hash == chain.GENESIS_HASH
    for before, after in zip(trail, trail[1:], strict=False):
        assert after.previous_hash == before.event_hash
    assert verify() == (
        f"Audit trail verified: {len(trail)} events, chain intact\n"
        f"Latest event: sequence {len(trail)}, hash {trail[-1].event_hash}\n"
    )


@pytest.mark.django_db
def test_an_empty_trail_verifies():
    assert verify() == "Audit trail verified: 0 events, chain intact\n"


@pytest.mark.django_db
def test_an_edited_summary_is_caught_at_that_event(trail):
    planted = trail[3]
    raw_sql("UPDATE audit_auditevent SET summary=%s WHERE id=%s", ["Nothing happened", planted.pk])
    with pytest.raises(CommandError) as broken:
        verify()
    assert str(broken.value) == (
        f"Audit trail broken at sequence 4 (event id {planted.pk}): content changed: "
        "its content does not match its stored hash. 3 events before it verified."
    )


@pytest.mark.django_db
def test_an_edit_with_its_hash_recomputed_is_caught_at_the_next_event(trail):
    planted, following = trail[3], trail[4]
    content = {name: getattr(planted, name) for name in chain.CHAINED_FIELDS} | {"summary": "Nothing happened"}
    raw_sql(
        "UPDATE audit_auditevent SET summary=%s, event_hash=%s WHERE id=%s",
        ["Nothing happened", chain.event_hash(content), planted.pk],
    )
    with pytest.raises(CommandError) as broken:
        verify()
    assert str(broken.value) == (
        f"Audit trail broken at sequence 5 (event id {following.pk}): link broken: "
        "its previous_hash does not match the hash of event 4. 4 events before it verified."
    )


@pytest.mark.django_db
def test_a_deleted_event_is_reported_as_a_gap(trail):
    raw_sql("DELETE FROM audit_auditevent WHERE id=%s", [trail[2].pk])
    with pytest.raises(CommandError) as broken:
        verify()
    assert str(broken.value) == (
        f"Audit trail broken at sequence 4 (event id {trail[3].pk}): sequence gap: "
        "after sequence 2, event 3 is missing. 2 events before it verified."
    )


@pytest.mark.django_db
def test_deleting_the_first_events_is_caught(trail):
    raw_sql("DELETE FROM audit_auditevent WHERE sequence <= %s", [2])
    with pytest.raises(CommandError) as broken:
        verify()
    assert str(broken.value) == (
        f"Audit trail broken at sequence 3 (event id {trail[2].pk}): event missing: "
        "the trail starts at sequence 3: events 1 to 2 are missing. 0 events before it verified."
    )


@pytest.mark.django_db
def test_the_stored_event_hashes_to_what_was_appended(child, officer, monkeypatch):
    """The time, address and values read back from the database give the hash computed before the insert."""
    london = ZoneInfo("Europe/London")
    monkeypatch.setattr(
        "sendcase.audit.services.timezone.now", lambda: dt.datetime(2025, 6, 2, 10, 15, 30, 123456, tzinfo=london)
    )
    token = current_ip.set("2001:0DB8:0000:0000:0000:0000:0000:0001")
    try:
        appended = audit_change(
            actor=officer,
            action=Action.UPDATE,
            instance=child,
            child=child,
            summary="Prénom corrigé: Zoë",
            changes={"first_name": ["Zoe", "Zoë"], "hours": [12.0, 12.5], "weights": {2: 1e16, "b": (1, 2)}},
        )
    finally:
        current_ip.reset(token)
    stored = AuditEvent.objects.get(pk=appended.pk)
    assert stored.occurred_at == dt.datetime(2025, 6, 2, 9, 15, 30, 123456, tzinfo=dt.UTC)
    assert stored.occurred_at.microsecond == 123456
    assert chain.event_hash({name: getattr(stored, name) for name in chain.CHAINED_FIELDS}) == appended.event_hash
    assert stored.event_hash == appended.event_hash
    assert "chain intact" in verify()


def test_the_hash_depends_on_the_moment_not_how_it_is_written():
    event = {
        "sequence": 1,
        "occurred_at": dt.datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Europe/London")),
        "actor_id": 7,
        "actor_label": "Olive Officer <olive@sendcase.example>",
        "action": "view",
        "object_type": "people.child",
        "object_id": "3f1c",
        "child_id": None,
        "summary": "Case page viewed",
        "changes": {},
        "ip_address": "::ffff:10.0.0.1",
        "previous_hash": chain.GENESIS_HASH,
    }
    same = event | {"occurred_at": dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC), "ip_address": "::ffff:a00:1"}
    assert chain.event_hash(same) == chain.event_hash(event)
    assert b'"occurred_at":"2025-06-02T09:00:00.000000+00:00"' in chain.canonical_json(event)
    assert chain.event_hash(event | {"summary": "Case page printed"}) != chain.event_hash(event)
    with pytest.raises(ValueError, match="timezone-aware"):
        chain.event_hash(event | {"occurred_at": dt.datetime(2025, 6, 2, 9, 0)})  # noqa: DTZ001


@pytest.mark.django_db
def test_events_cannot_be_written_around_the_chain(officer):
    with pytest.raises(PermissionError):
        AuditEvent.objects.create(actor=officer, actor_label="x", action="view", object_type="x", object_id="1")
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([AuditEvent(actor_label="x", action="view", object_type="x", object_id="1")])


APPENDS_PER_THREAD = 20


def connection_maker(tmp_path: Path) -> Callable[[], contextlib.AbstractContextManager[None]]:
    """Gives the calling thread a new connection of its own to the test database while in the block.

    SQLite's in-memory test database is shared-cache: there a writer that meets another fails at
    once ("database table is locked") instead of waiting its turn as on the database file SENDcase
    uses. So on SQLite the connections are to a file copy of the test database, taken now.
    """
    wrapper, settings_dict = type(connections[DEFAULT_DB_ALIAS]), connection.settings_dict
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        path = tmp_path / "test-copy.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
        settings_dict = {**settings_dict, "NAME": str(path)}

    @contextlib.contextmanager
    def own_connection() -> Iterator[None]:
        original, fresh = connections[DEFAULT_DB_ALIAS], wrapper(settings_dict, DEFAULT_DB_ALIAS)
        connections[DEFAULT_DB_ALIAS] = fresh  # for this thread only: connections are thread-local
        try:
            yield
        finally:
            fresh.close()
            connections[DEFAULT_DB_ALIAS] = original

    return own_connection


@pytest.mark.django_db(transaction=True)
def test_two_writers_appending_at_once_keep_one_chain(child, officer, colleague, tmp_path):
    """Each event is its own transaction, so the two writers interleave; neither may reuse the tail."""
    before = AuditEvent.objects.count()
    own_connection = connection_maker(tmp_path)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def append_views(actor):
        try:
            with own_connection():
                start.wait(timeout=30)
                for n in range(APPENDS_PER_THREAD):
                    audit_view(actor=actor, child=child, what=f"Case page viewed ({n})")
        except BaseException as error:  # noqa: BLE001 - the main thread reports it
            errors.append(error)

    writers = [threading.Thread(target=append_views, args=(actor,)) for actor in (officer, colleague)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert not errors, errors
    with own_connection():
        events = events_in_order()
        assert len(events) == before + 2 * APPENDS_PER_THREAD
        assert [e.sequence for e in events] == list(range(1, len(events) + 1))
        assert {e.actor_id for e in events[before:]} == {officer.pk, colleague.pk}
        assert f"{len(events)} events, chain intact" in verify()


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_events_written_before_it(child, officer):
    """The demo databases hold events from before the chain: the migration chains them in id order."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("audit", "0001_initial")])
        executor.loader.build_graph()
        Unchained = executor.loader.project_state([("audit", "0001_initial")]).apps.get_model("audit", "AuditEvent")
        for n in range(5):
            Unchained.objects.create(
                actor_id=officer.pk if n % 2 else None,
                child_id=child.pk if n % 2 else None,
                actor_label="SENDcase (automatic)",
                action="view",
                object_type="people.child",
                object_id=str(n),
                summary=f"Old event {n}",
                changes={"n": [n, n + 1.5]},
                ip_address="127.0.0.1" if n % 2 else None,
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    # The child fixture's key worker event came first.
    events = events_in_order()
    assert [e.summary for e in events[1:]] == [f"Old event {n}" for n in range(5)]
    assert [e.sequence for e in events] == [1, 2, 3, 4, 5, 6]
    assert "6 events, chain intact" in verify()
