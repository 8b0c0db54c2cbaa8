"""Importing a SEN2 file: check all of it and store it in one transaction, or store nothing.

The file is read once, by a child process that checks it (sendcase.sen2.checking: the same
`check_file` a dry run calls here) and sends the casework values of each person that passed.
Each batch is handed to the store (sendcase.sen2.store: COPY on PostgreSQL from a second thread,
bulk_create elsewhere) while the rest of the file is still being checked, inside one
transaction. If any problem turns up anywhere in the file, or the store meets a clash, checking
goes on to the end so every problem is reported, and then the transaction is rolled back:
nothing is written, as if the file had been checked first. A dry run checks and stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import DatabaseError

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import LocalAuthority
from sendcase.sen2.checking import Hashing, check_in_child
from sendcase.sen2.collection import collection_for
from sendcase.sen2.load import PersonValues
from sendcase.sen2.models import ReturnSettings
from sendcase.sen2.problems import Problem, Report
from sendcase.sen2.reader import Header, check_file
from sendcase.sen2.store import Store

if TYPE_CHECKING:
    from sendcase.accounts.models import User


class _NothingWritten(Exception):
    """Raised inside the import's transaction to roll it back."""


class _Writer:
    """Stores each person as it passes, inside the import's transaction, until anything goes wrong."""

    def __init__(self, actor: User | None) -> None:
        self.actor = actor
        self.store: Store | None = None
        self.keys = PersonKeys()
        self.failure: str | None = None

    def header(self, header: Header) -> None:
        la = LocalAuthority.objects.get(code=header.la_code)
        self.store = Store(la=la, coll=collection_for(header.year), actor=self.actor, today=today())  # type: ignore[arg-type]

    def __call__(self, persons: list[PersonValues]) -> None:
        if self.store is None or self.failure is not None:
            return
        try:
            for person in persons:
                self.store.add(self.keys.unique(person))
        except ValidationFailed as error:
            self.failure = error.message
        except DatabaseError as error:
            # A clash with records already in SENDcase that no rule foresaw. The transaction
            # can take no more statements; the rest of the file is still checked.
            self.failure = f"SENDcase could not store the file: {error}"

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


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
    if dry_run:
        _check(path, report, result, known)
        return result
    writer = _Writer(actor)
    try:
        with audited_transaction():
            try:
                _check_in_child(path, report, result, known, writer)
                if not report.ok or writer.store is None:
                    raise _NothingWritten
                if writer.failure is None:
                    try:
                        writer.store.finish()
                    except ValidationFailed as error:
                        writer.failure = error.message
                    except DatabaseError as error:
                        writer.failure = f"SENDcase could not store the file: {error}"
                if writer.failure is not None:
                    report.add(Problem("SEN2-R014", f"{writer.failure} Nothing was written."))
                    raise _NothingWritten
            finally:
                writer.close()
            _recorded(writer.store, result, actor, Path(path).name)
    except _NothingWritten:
        return result
    result.written = True
    return result


def _check(path: str | Path, report: Report, result: ImportResult, known: set[str]) -> None:
    with open(path, "rb") as raw:
        hashing = Hashing(raw)
        check = check_file(hashing, report, la_exists=known.__contains__)
        result.sha256 = hashing.sha.hexdigest()
    result.header, result.persons = check.header, check.persons


def _check_in_child(path: str | Path, report: Report, result: ImportResult, known: set[str], writer: _Writer) -> None:
    """As `_check`, in a child process, handing each batch that passed to `writer`.

    A CheckingFailed (SENDcase's fault, not the file's) ends the transaction: nothing is written.
    """
    check, result.sha256 = check_in_child(path, report, la_codes=known, on_header=writer.header, on_persons=writer)
    result.header, result.persons = check.header, check.persons


def _recorded(store: Store, result: ImportResult, actor: User | None, name: str) -> None:
    """The header answers, the counts, and one audit event for the whole import."""
    la, coll = store.la, store.coll
    _save_settings(la=la, header=result.header, actor=actor)  # type: ignore[arg-type]
    result.created, result.changed, result.unchanged = store.created, store.changed, store.unchanged
    result.counts = dict(store.rows)
    # One event for the whole import (docs/sen2.md, "Audit"): created records are the file's
    # content, kept by its hash; each changed child also has its own event.
    audit_change(
        actor=actor,
        action=Action.CREATE,
        instance=la,
        summary=(
            f"SEN2 return {coll.year} imported from {name}: {result.persons} persons, "
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
