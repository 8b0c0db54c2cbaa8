"""Reading the casework of a return as streams, so memory stays flat for any number of children.

Children, their requests, plans, exceptions, kept SEN2 blocks and the year's annual reviews each
come from one query (six in all), all in the same order (the order of persons in the file), read
through server-side cursors (QuerySet.iterator). Walking them side by side gives each child's
records without a query per batch and without long lists of ids in the SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.db.models import QuerySet

from sendcase.cases.models import AssessmentRequest, Plan, TimescaleException
from sendcase.organisations.models import Organisation
from sendcase.people.models import Child
from sendcase.reviews.models import AnnualReview
from sendcase.reviews.sen2 import REVIEW_FIELDS, ReviewRow, latest_per_plan, reviews_reported
from sendcase.sen2.derive import ChildData
from sendcase.sen2.models import ImportedRequest
from sendcase.sen2.rows import (
    CHILD_FIELDS,
    EXCEPTION_FIELDS,
    PLAN_FIELDS,
    REQUEST_FIELDS,
    ChildRow,
    ExceptionRow,
    ImportedRow,
    PlanRow,
    RequestRow,
)

BATCH = 2000
CURSOR_CHUNK = 5000
# The order of persons in the file: by what the file itself holds, never by SENDcase ids (the
# last key only separates exact duplicates), so an import and re-export give the same order.
PERSON_ORDER = (
    "upn",
    "uln",
    "last_name",
    "first_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "postcode",
    "upn_unknown",
    "id",
)


class SettingCache:
    """URN and UKPRN of every setting that has one (tens of thousands at most), read once."""

    def __init__(self) -> None:
        self.known: dict[uuid.UUID, tuple[str, str]] | None = None

    def __call__(self, pk: uuid.UUID) -> tuple[str, str]:
        if self.known is None:
            rows = Organisation.objects.exclude(urn="", ukprn="").values_list("id", "urn", "ukprn")
            self.known = {pk: (urn, ukprn) for pk, urn, ukprn in rows.iterator(chunk_size=CURSOR_CHUNK)}
        return self.known.get(pk, ("", ""))


def _stream(
    queryset: QuerySet[Any], through: str, fields: tuple[str, ...], by_council: bool
) -> Iterator[tuple[Any, ...]]:
    """Rows of `fields` for the children's records, in the children's order."""
    order = [f"{through}{name}" for name in (("local_authority_id",) if by_council else ()) + PERSON_ORDER]
    return queryset.order_by(*order).values_list(*fields).iterator(chunk_size=CURSOR_CHUNK)


class _Follower:
    """One stream of records, walked alongside the children: takes the rows of each child in turn."""

    def __init__(self, rows: Iterator[tuple[Any, ...]], child_index: int) -> None:
        self.rows = rows
        self.child_index = child_index
        self.next: tuple[Any, ...] | None = next(rows, None)

    def take(self, child_id: uuid.UUID) -> list[tuple[Any, ...]]:
        taken = []
        while self.next is not None and self.next[self.child_index] == child_id:
            taken.append(self.next)
            self.next = next(self.rows, None)
        return taken


def child_stream(children: QuerySet[Child], year: int, *, by_council: bool = False) -> Iterator[ChildData]:
    """Every child of `children` with their records for the return of `year`, in the order of the file.

    `by_council` puts each council's children together (in file order within it), for writing
    every council's return in one pass: six queries for all of England instead of six a council.
    """
    if by_council:
        # Every child: records need no filter, and a full scan is what the database does anyway.
        requests_of, plans_of = AssessmentRequest.objects.all(), Plan.objects.all()
        exceptions_of, kept_of = TimescaleException.objects.all(), ImportedRequest.objects.all()
        reviews_of = AnnualReview.objects.all()
    else:
        requests_of = AssessmentRequest.objects.filter(child__in=children)
        plans_of = Plan.objects.filter(child__in=children)
        exceptions_of = TimescaleException.objects.filter(request__child__in=children)
        kept_of = ImportedRequest.objects.filter(child__in=children)
        reviews_of = AnnualReview.objects.filter(child__in=children)
    rows = _stream(children, "", CHILD_FIELDS, by_council)
    requests = _Follower(_stream(requests_of, "child__", REQUEST_FIELDS, by_council), 1)
    plans = _Follower(_stream(plans_of, "child__", PLAN_FIELDS, by_council), 1)
    exceptions = _Follower(
        _stream(exceptions_of, "request__child__", ("request__child_id", *EXCEPTION_FIELDS), by_council), 0
    )
    kept = _Follower(
        _stream(kept_of, "child__", ("child_id", "request_id", "plan_id", "year", "xml", "basis"), by_council), 0
    )
    # Only the year's reviews (meeting held in the activity year): a few per plan at most.
    reviews = _Follower(_stream(reviews_reported(reviews_of, year), "child__", REVIEW_FIELDS, by_council), 0)
    for row in rows:
        data = ChildData(ChildRow._make(row))
        child_id = data.child.id
        data.requests = [RequestRow._make(r) for r in requests.take(child_id)]
        data.plans = [PlanRow._make(p) for p in plans.take(child_id)]
        for exception in exceptions.take(child_id):
            data.exceptions.setdefault(exception[1], []).append(ExceptionRow._make(exception[1:]))
        data.imported = [ImportedRow._make(k[1:]) for k in kept.take(child_id)]
        if held := reviews.take(child_id):
            data.reviews = latest_per_plan([ReviewRow._make(r) for r in held])
        if len(data.requests) > 1:
            data.requests.sort(key=lambda r: (r.received_on, str(r.id)))
        if len(data.plans) > 1:
            data.plans.sort(key=lambda p: (p.issued_on, str(p.id)))
        yield data


def batches(stream: Iterator[ChildData], *, batch: int = BATCH) -> Iterator[list[ChildData]]:
    while chunk := list(islice(stream, batch)):
        yield chunk


def child_batches(children: QuerySet[Child], year: int, *, batch: int = BATCH) -> Iterator[list[ChildData]]:
    return batches(child_stream(children, year), batch=batch)


def fill(chunk: list[ChildData], year: int) -> None:
    """Read the records of a few children already in hand (bringing imported persons up to date)."""
    by_id = {data.child.id: data for data in chunk}
    ids = list(by_id)
    for row in AssessmentRequest.objects.filter(child_id__in=ids).order_by().values_list(*REQUEST_FIELDS):
        by_id[row[1]].requests.append(RequestRow._make(row))
    for row in Plan.objects.filter(child_id__in=ids).order_by().values_list(*PLAN_FIELDS):
        by_id[row[1]].plans.append(PlanRow._make(row))
    request_child = {r.id: data for data in chunk for r in data.requests}
    exceptions = TimescaleException.objects.filter(request_id__in=list(request_child)).order_by()
    for row in exceptions.values_list(*EXCEPTION_FIELDS):
        exception = ExceptionRow._make(row)
        request_child[exception.request_id].exceptions.setdefault(exception.request_id, []).append(exception)
    kept = ImportedRequest.objects.filter(child_id__in=ids).order_by()
    for child_id, *values in kept.values_list("child_id", "request_id", "plan_id", "year", "xml", "basis"):
        by_id[child_id].imported.append(ImportedRow._make(values))
    reviews = reviews_reported(AnnualReview.objects.filter(child_id__in=ids), year).order_by()
    held = [ReviewRow._make(row) for row in reviews.values_list(*REVIEW_FIELDS)]
    for plan_id, review in latest_per_plan(held).items():
        by_id[review.child_id].reviews[plan_id] = review
