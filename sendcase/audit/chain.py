"""The audit trail's hash chain: the canonical form of an event, its hash, and the check of a whole trail.

Pure: no Django models here, so the data migration that chains existing events and the
`audit_verify` command use exactly the same rule as the service that appends events.

Each event's hash covers its content and the previous event's hash, so changing, removing or
reordering any stored event breaks the chain from that point on. Changing `canonical_json` would
invalidate every hash already stored: treat its output as a file format, never as an
implementation detail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The previous_hash of the first event.
GENESIS_HASH = "0" * 64

# The stored values each event's hash covers, named as on the model (foreign keys by their column).
CHAINED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "child_id",
    "summary",
    "changes",
    "ip_address",
    "previous_hash",
)


def _timestamp(value: dt.datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("An audit event's time must be timezone-aware.")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _ip(value: str | None) -> str | None:
    # The database may store an address in another spelling than it was given (PostgreSQL's inet
    # compresses IPv6 its own way), so hash the address itself, not its spelling.
    if not value:
        return None
    try:
        return ipaddress.ip_address(value).exploded
    except ValueError:
        return value


def _json_value(value: Any) -> Any:
    # PostgreSQL's jsonb keeps numbers as decimals and prints 1e16 as 10000000000000000, which reads
    # back as an int: hash whole floats as ints so both spellings of a number give one hash.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    return value


def _changes(value: Any) -> Any:
    # As the JSON column stores it: keys become strings, tuples lists.
    return _json_value(json.loads(json.dumps(value if value is not None else {}, allow_nan=False)))


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


def canonical_json(event: Mapping[str, Any]) -> bytes:
    """The bytes an event's hash is taken over: its chained fields as compact JSON, keys sorted."""
    content = {
        "sequence": int(event["sequence"]),
        "occurred_at": _timestamp(event["occurred_at"]),
        "actor_id": _id(event["actor_id"]),
        "actor_label": event["actor_label"],
        "action": event["action"],
        "object_type": event["object_type"],
        "object_id": event["object_id"],
        "child_id": _id(event["child_id"]),
        "summary": event["summary"],
        "changes": _changes(event["changes"]),
        "ip_address": _ip(event["ip_address"]),
        "previous_hash": event["previous_hash"],
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def event_hash(event: Mapping[str, Any]) -> str:
    """The hex SHA-256 of an event's canonical form (see CHAINED_FIELDS for what it covers)."""
    return hashlib.sha256(canonical_json(event)).hexdigest()


CONTENT_CHANGED = "content changed"
LINK_BROKEN = "link broken"
SEQUENCE_GAP = "sequence gap"
EVENT_MISSING = "event missing"


@dataclass(frozen=True)
class Break:
    """The first place a trail does not verify."""

    sequence: int
    event_id: Any
    problem: str  # one of CONTENT_CHANGED, LINK_BROKEN, SEQUENCE_GAP, EVENT_MISSING
    detail: str


@dataclass(frozen=True)
class Verdict:
    checked: int  # events that verified before the break (all of them if there is none)
    last_sequence: int | None
    last_hash: str
    broken: Break | None


def _missing(first: int, last: int) -> str:
    return f"event {first} is missing" if first == last else f"events {first} to {last} are missing"


def verify(events: Iterable[Mapping[str, Any]]) -> Verdict:
    """Check a trail given in sequence order; stop at the first break.

    Each event needs `id`, `event_hash` and the CHAINED_FIELDS. Reads the events one at a time,
    so a streamed trail of any length is checked in constant memory.
    """
    checked, expected, last_sequence, last_hash = 0, 1, None, GENESIS_HASH

    def broken(event: Mapping[str, Any], problem: str, detail: str) -> Verdict:
        return Verdict(checked, last_sequence, last_hash, Break(event["sequence"], event["id"], problem, detail))

    for event in events:
        sequence = event["sequence"]
        if sequence != expected:
            if sequence < expected:
                return broken(event, SEQUENCE_GAP, f"expected sequence {expected}, found {sequence} again")
            if checked == 0:
                return broken(
                    event, EVENT_MISSING, f"the trail starts at sequence {sequence}: {_missing(1, sequence - 1)}"
                )
            return broken(event, SEQUENCE_GAP, f"after sequence {last_sequence}, {_missing(expected, sequence - 1)}")
        if event_hash(event) != event["event_hash"]:
            return broken(event, CONTENT_CHANGED, "its content does not match its stored hash")
        if event["previous_hash"] != last_hash:
            what = "the genesis hash" if last_sequence is None else f"the hash of event {last_sequence}"
            return broken(event, LINK_BROKEN, f"its previous_hash does not match {what}")
        checked, expected, last_sequence, last_hash = checked + 1, expected + 1, sequence, event["event_hash"]
    return Verdict(checked, last_sequence, last_hash, None)
