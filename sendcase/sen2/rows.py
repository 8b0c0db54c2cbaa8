"""The casework values a SEN2 return is made from, as plain rows, and their fingerprint.

The export reads these columns in batches (sendcase.sen2.select); the import builds the same
values for what it writes (sendcase.sen2.load). Both fingerprint a <Requests> block's casework
with `basis`, so an export can tell whether the case changed since it was imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from typing import Any, NamedTuple

CHILD_FIELDS = (
    "id",
    "local_authority_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "postcode",
    "upn",
    "uln",
    "upn_unknown",
    "primary_need",
    "secondary_need",
)
REQUEST_FIELDS = (
    "id",
    "child_id",
    "kind",
    "received_on",
    "source",
    "in_relevant_youth_accommodation",
    "assess_decision",
    "assess_decision_on",
    "issue_decision",
    "issue_decision_on",
    "final_issued_on",
    "outcome",
    "closed_on",
    "transferred_out_to",
    "transferred_in_from",
)
PLAN_FIELDS = (
    "id",
    "child_id",
    "request_id",
    "issued_on",
    "named_setting_id",
    "sen_setting",
    "status",
    "transferred_in_from",
    "last_review_on",
    "ceased_on",
    "cease_reason",
)
EXCEPTION_FIELDS = ("request_id", "kind", "start_on", "end_on")


class ChildRow(NamedTuple):
    id: uuid.UUID
    local_authority_id: uuid.UUID
    first_name: str
    last_name: str
    date_of_birth: dt.date
    sex: str
    ethnicity: str
    postcode: str
    upn: str
    uln: str
    upn_unknown: str
    primary_need: str
    secondary_need: str


class RequestRow(NamedTuple):
    id: uuid.UUID
    child_id: uuid.UUID
    kind: str
    received_on: dt.date
    source: str
    in_relevant_youth_accommodation: bool
    assess_decision: str
    assess_decision_on: dt.date | None
    issue_decision: str
    issue_decision_on: dt.date | None
    final_issued_on: dt.date | None
    outcome: str
    closed_on: dt.date | None
    transferred_out_to: str
    transferred_in_from: str


class PlanRow(NamedTuple):
    id: uuid.UUID
    child_id: uuid.UUID
    request_id: uuid.UUID | None
    issued_on: dt.date
    named_setting_id: uuid.UUID | None
    sen_setting: str
    status: str
    transferred_in_from: str
    last_review_on: dt.date | None
    ceased_on: dt.date | None
    cease_reason: str


class ExceptionRow(NamedTuple):
    request_id: uuid.UUID
    kind: str
    start_on: dt.date
    end_on: dt.date | None


class ImportedRow(NamedTuple):
    request_id: uuid.UUID | None
    plan_id: uuid.UUID | None
    year: int
    xml: str
    basis: str


def row_of(row_type: type[Any], instance: object) -> Any:
    """The row a model instance would be read back as."""
    return row_type._make(getattr(instance, name) for name in row_type._fields)


def basis(
    child: ChildRow,
    request: RequestRow | None,
    plan: PlanRow | None,
    exceptions: Iterable[ExceptionRow],
    review: tuple[Any, ...] | None = None,
) -> str:
    """SHA-256 over the casework values a <Requests> block is made from (ids left out).

    A review recorded in SENDcase is part of it only when there is one, so the basis of every
    block imported before (which had none) is unchanged.
    """
    parts: tuple[Any, ...] = (
        (child.primary_need, child.secondary_need),
        request[2:] if request is not None else None,
        plan[3:] if plan is not None else None,
        sorted(repr((e.kind, e.start_on, e.end_on)) for e in exceptions),
    )
    if review is not None:
        parts = (*parts, tuple(review[2:]))
    return hashlib.sha256(repr(parts).encode()).hexdigest()
