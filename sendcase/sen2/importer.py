"""Importing a SEN2 file: check all of it, then write it in one transaction, or write nothing.

Pass 1 (sendcase.sen2.reader.check_file) reads and checks the whole file, and works out what each
person becomes. Only a file with no error is written, in batches (sendcase.sen2.store: COPY on
PostgreSQL, bulk_create elsewhere), in one transaction. A file too big to keep in memory is read
a second time to write it (pass 2), and must have the same SHA-256 both times.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from django.db import IntegrityError
from lxml import etree

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import LocalAuthority
from sendcase.sen2.collection import collection_for
from sendcase.sen2.findings import Node
from sendcase.sen2.load import PersonValues, person_values
from sendcase.sen2.models import ReturnSettings
from sendcase.sen2.problems import Problem, Report
from sendcase.sen2.reader import Header, check_file, elements
from sendcase.sen2.store import Store

if TYPE_CHECKING:
    from sendcase.accounts.models import User


class _Hashing:
    """A binary file that hashes what is read from it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        return data


class _EarlyValues:
    """What each person becomes, worked out while the file is checked, for files of ordinary size.

    A council's return has tens of thousands of persons at most, so keeping them saves reading
    the file twice. A bigger file is read again instead (pass 2), so memory stays bounded.
    """

    LIMIT = 50_000

    def __init__(self) -> None:
        self.people: list[PersonValues] | None = []
        self.keys = PersonKeys()

    def __call__(self, element: etree._Element, node: Node) -> None:
        if self.people is None:
            return
        if len(self.people) >= self.LIMIT:
            self.people = None
            return
        self.people.append(self.keys.unique(person_values(element, node)))


class PersonKeys:
    """Two persons of a file with the same key (SEN2-R028 warns) are kept apart as #2, #3, ...

    The numbering follows the file's order, so the same file gives the same keys every time.
    """

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def unique(self, person: PersonValues) -> PersonValues:
        count = self.seen.get(person.key, 0) + 1
        self.seen[person.key] = count
        if count > 1:
            person.key = f"{person.key}#{count}"
        return person


@dataclass
class ImportResult:
    report: Report
    header: Header | None = None
    persons: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    written: bool = False
    sha256: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def sen2_import(
    *,
    actor: User | None,
    path: str | Path,
    dry_run: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
) -> ImportResult:
    """Import a SEN2 return into the council its header names (SEN2 person-level return, A.3).

    Writes nothing unless the whole file passes every error rule; with `dry_run`, writes nothing
    at all. Importing the same file again changes nothing.
    """
    report = Report()
    if on_problem is not None:
        report.listeners.append(on_problem)
    result = ImportResult(report=report)
    known = set(LocalAuthority.objects.values_list("code", flat=True))
    early = _EarlyValues()
    with open(path, "rb") as raw:
        hashing = _Hashing(raw)
        check = check_file(hashing, report, la_exists=known.__contains__, on_person=None if dry_run else early)
        result.sha256 = hashing.sha.hexdigest()
    result.header, result.persons = check.header, check.persons
    if not report.ok or check.header is None or check.header.year is None or dry_run:
        return result
    header = check.header
    la = LocalAuthority.objects.get(code=header.la_code)
    coll = collection_for(header.year)  # type: ignore[arg-type]
    try:
        with audited_transaction():
            store = Store(la=la, coll=coll, actor=actor, today=today())
            try:
                _write(store, early, path, result.sha256)
            finally:
                store.close()
            _save_settings(la=la, header=header, actor=actor)
            result.created, result.changed, result.unchanged = store.created, store.changed, store.unchanged
            result.counts = dict(store.rows)
            # One event for the whole import (docs/sen2.md, "Audit"): created records are the
            # file's content, kept by its hash; each changed child also has its own event.
            audit_change(
                actor=actor,
                action=Action.CREATE,
                instance=la,
                summary=(
                    f"SEN2 return {coll.year} imported from {Path(path).name}: {result.persons} persons, "
                    f"{store.created} new, {store.changed} changed, {store.unchanged} unchanged"
                ),
                changes={
                    "sha256": [None, result.sha256],
                    "year": [None, coll.year],
                    "persons": [None, result.persons],
                    "created": [None, store.created],
                    "changed": [None, store.changed],
                    "unchanged": [None, store.unchanged],
                    **{f"rows.{name}": [None, n] for name, n in sorted(store.rows.items())},
                },
            )
    except IntegrityError as error:
        # A clash with records already in SENDcase that no rule foresaw: nothing was written.
        report.add(Problem("SEN2-R014", f"SENDcase could not store the file, so nothing was written: {error}"))
        return result
    except ValidationFailed as error:
        report.add(Problem("SEN2-R014", f"{error.message} Nothing was written."))
        return result
    result.written = True
    return result


def _write(store: Store, early: _EarlyValues, path: str | Path, sha256: str) -> None:
    """Pass 2: every person to the store, kept from pass 1 or read again; then wait until stored."""
    if early.people is not None:
        store.prepare(early.people)
        for person in early.people:
            store.add(person)
        early.people = None
    else:
        with open(path, "rb") as raw:
            hashing, keys = _Hashing(raw), PersonKeys()
            for kind, element, _number in elements(hashing, Report()):
                if kind == "person":
                    store.add(keys.unique(person_values(element)))
            if hashing.sha.hexdigest() != sha256:
                raise ValidationFailed("The file changed while it was being imported. Import it again.")
    store.finish()


def _save_settings(*, la: LocalAuthority, header: Header, actor: User | None) -> None:
    ReturnSettings.objects.update_or_create(
        local_authority=la,
        year=header.year,
        defaults={
            "dmo": header.dmo,
            "dco": header.dco,
            "dsco": header.dsco,
            "serial_no": header.serial_no or "001",
            "modified_by": actor,
        },
        create_defaults={
            "dmo": header.dmo,
            "dco": header.dco,
            "dsco": header.dsco,
            "serial_no": header.serial_no or "001",
            "created_by": actor,
            "modified_by": actor,
        },
    )
