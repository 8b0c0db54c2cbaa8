"""Exporting a council's SEN2 return for a collection year, as a stream of bytes.

`sen2_export` checks everything it needs before the first byte, then returns the generator that
writes the file (sendcase.sen2.writer). The export is audited once, when the stream ends, with
what it held: one event for the whole return, as for any export of children's records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from lxml import etree

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, diff, snapshot
from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import LocalAuthority
from sendcase.people.models import Child
from sendcase.sen2.collection import Collection, UnknownCollectionYear, collection_for
from sendcase.sen2.derive import ChildData, PersonBuilder
from sendcase.sen2.models import OfficerInPost, ReturnSettings
from sendcase.sen2.problems import Problem, Report
from sendcase.sen2.reader import check_file
from sendcase.sen2.select import SettingCache, batches, child_batches, child_stream
from sendcase.sen2.writer import Counts, HeaderValues, stream

if TYPE_CHECKING:
    from sendcase.accounts.models import User

_OFFICER_CODES = set(OfficerInPost.values)


def collection_or_error(year: int) -> Collection:
    try:
        return collection_for(year)
    except UnknownCollectionYear as error:
        raise ValidationFailed(str(error), field_errors={"year": str(error)}) from error


def return_settings(la: LocalAuthority, year: int) -> ReturnSettings | None:
    return ReturnSettings.objects.filter(local_authority=la, year=year).first()


def return_settings_save(
    *, actor: User | None, la: LocalAuthority, year: int, dmo: str, dco: str, dsco: str = ""
) -> ReturnSettings:
    """Record the council's header answers for a year's return (DMO, DCO and DSCO in post)."""
    collection_or_error(year)
    errors = {}
    for name, value, required in (("dmo", dmo, True), ("dco", dco, True), ("dsco", dsco, False)):
        if (value or required) and value not in _OFFICER_CODES:
            errors[name] = f"Select whether a {_TITLES[name]} is in post"
    if errors:
        raise ValidationFailed("Check the header answers", field_errors=errors)
    fields = ["dmo", "dco", "dsco"]
    with audited_transaction():
        current = return_settings(la, year)
        if current is None:
            current = ReturnSettings.objects.create(
                local_authority=la, year=year, dmo=dmo, dco=dco, dsco=dsco, created_by=actor, modified_by=actor
            )
            changes = {name: [None, getattr(current, name)] for name in fields}
            action = Action.CREATE
        else:
            before = snapshot(current, fields)
            current.dmo, current.dco, current.dsco, current.modified_by = dmo, dco, dsco, actor
            current.version += 1
            current.save()
            changes, action = diff(before, snapshot(current, fields)), Action.UPDATE
        if changes:
            audit_change(
                actor=actor, action=action, instance=current, summary=f"SEN2 {year} header answers recorded",
                changes=changes,
            )  # fmt: skip
    return current


_TITLES = {
    "dmo": "designated medical officer",
    "dco": "designated clinical officer",
    "dsco": "designated social care officer",
}


def persons(
    children: QuerySet[Child], coll: Collection, *, replay: bool = True, counts: Counts | None = None
) -> Iterator[list[etree._Element]]:
    """The return's <Person> elements, a batch at a time, in file order."""
    builder = PersonBuilder(coll, SettingCache(), replay=replay, counts=counts)
    for chunk in child_batches(children, coll.year):
        yield [person for person in map(builder.person, chunk) if person is not None]


def _missing_answers(year: int, councils: list[LocalAuthority]) -> ValidationFailed:
    names = ", ".join(f"{la.code} {la.name}" for la in councils[:5]) + (" and others" if len(councils) > 5 else "")
    message = (
        f"Record whether a designated medical officer and a designated clinical officer were in post for the "
        f"{year} return first (the header needs them): {names}"
    )
    return ValidationFailed(message, field_errors={"dmo": message})


def _header(la: LocalAuthority, coll: Collection, settings: ReturnSettings, when: dt.datetime | None) -> HeaderValues:
    return HeaderValues(
        coll=coll,
        la_code=la.code,
        dmo=settings.dmo,
        dco=settings.dco,
        dsco=settings.dsco,
        serial_no=settings.serial_no,
        generated_at=when or timezone.localtime(),
    )


def sen2_export(
    *,
    actor: User | None,
    la: LocalAuthority,
    year: int,
    children: QuerySet[Child] | None = None,
    generated_at: dt.datetime | None = None,
    counts: Counts | None = None,
) -> Iterator[bytes]:
    """The council's SEN2 person-level return for `year`, as bytes to stream (audited as an export).

    `children` narrows the children read (views pass the access module's queryset); by default,
    every child of the council.
    """
    coll = collection_or_error(year)
    settings = return_settings(la, year)
    if settings is None:
        raise _missing_answers(year, [la])
    children = (children if children is not None else Child.objects.all()).filter(local_authority=la)
    counts = counts or Counts()
    chunks = stream(_header(la, coll, settings, generated_at), persons(children, coll, counts=counts))
    return _audited(chunks, actor, la, coll, counts)


def sen2_export_every_council(
    *, actor: User | None, year: int, generated_at: dt.datetime | None = None
) -> Iterator[tuple[LocalAuthority, Iterator[bytes], Counts]]:
    """Each council's return in turn, from one pass over the database (a national instance).

    Yields (council, its file's bytes, its counts); read each file's bytes to the end before
    asking for the next council. Councils without children have no return and are left out.
    """
    coll = collection_or_error(year)
    councils = {la.pk: la for la in LocalAuthority.objects.order_by("code")}
    answers = {s.local_authority_id: s for s in ReturnSettings.objects.filter(year=year)}
    missing = [la for pk, la in councils.items() if pk not in answers]
    if missing:
        raise _missing_answers(year, missing)
    builder = PersonBuilder(coll, SettingCache())
    children = child_stream(Child.objects.all(), coll.year, by_council=True)
    for la_id, group in groupby(children, key=_council_of):
        la = councils[la_id]
        counts = builder.counts = Counts()
        people = ([p for p in map(builder.person, chunk) if p is not None] for chunk in batches(group))
        chunks = stream(_header(la, coll, answers[la_id], generated_at), people)
        yield la, _audited(chunks, actor, la, coll, counts), counts


def _council_of(data: ChildData) -> uuid.UUID:
    return data.child.local_authority_id


def _audited(
    chunks: Iterator[bytes], actor: User | None, la: LocalAuthority, coll: Collection, counts: Counts
) -> Iterator[bytes]:
    complete = False
    try:
        yield from chunks
        complete = True
    finally:
        # Written when the stream ends, so the event says what left SENDcase, even if the
        # download was cut short.
        audit_change(
            actor=actor,
            action=Action.EXPORT,
            instance=la,
            summary=(
                f"SEN2 return {coll.year} exported: {counts.persons} persons"
                + ("" if complete else " (the export stopped before the end)")
            ),
            changes={"year": [None, coll.year], "complete": [None, complete]}
            | {name: [None, n] for name, n in counts.as_dict().items()},
        )


def check_written(
    path: str | Path, *, la_codes: set[str], on_problem: Callable[[Problem], None] | None = None
) -> tuple[Report, int]:
    """(the problems in a written return, its number of persons): checked as an import checks a file.

    The schema (sendcase/sen2/schema/sen2-2025.xsd, each Header and Person on its own), the code
    lists, every rule and the UPN and ULN checks, by the import's own reader
    (sendcase.sen2.reader.check_file), which streams the file one person at a time. Problems go
    to `on_problem` as they are found and are not kept, so memory stays flat for a file of any
    size; the report keeps their counts. Nothing is written. `la_codes` are the councils the
    header's LEA may name.
    """
    report = Report(keep=0)
    if on_problem is not None:
        report.listeners.append(on_problem)
    with open(path, "rb") as file:
        checked = check_file(file, report, la_exists=la_codes.__contains__)
    return report, checked.persons
