"""Writing imported persons as casework, a batch of persons at a time.

New children and their requests and plans are written in bulk (sendcase.sen2.bulk: COPY on
PostgreSQL, bulk_create elsewhere). A person already in SENDcase (found by the key it was
imported with, its UPN, its ULN, or its name and date of birth) is left alone if the file holds
exactly what it held last time, and otherwise brought up to date record by record, each changed
child audited.
"""

from __future__ import annotations

import datetime as dt
import operator
import secrets
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg
from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from sendcase.cases.models import AssessmentRequest, Plan
from sendcase.cases.services.caseload import summarise_case
from sendcase.core.errors import ValidationFailed
from sendcase.organisations.models import LocalAuthority, Organisation, OrganisationKind
from sendcase.people.models import REFERENCE_ALPHABET, Child
from sendcase.sen2.bulk import Background, Table, copy_sql, copy_text, now, write_values
from sendcase.sen2.collection import Collection
from sendcase.sen2.derive import PersonBuilder
from sendcase.sen2.load import BlockValues, PersonValues, SettingKey
from sendcase.sen2.models import ImportedPerson, ImportedRequest
from sendcase.sen2.rows import ChildRow, PlanRow, RequestRow, basis, row_of
from sendcase.sen2.select import SettingCache

if TYPE_CHECKING:
    from sendcase.accounts.models import User

BATCH = 2000
# A new record's values, in the order of the rows the export reads (sendcase.sen2.rows).
_CHILD_ROW = operator.itemgetter(*ChildRow._fields)
_REQUEST_ROW = operator.itemgetter(*RequestRow._fields)
_PLAN_ROW = operator.itemgetter(*PlanRow._fields)


def _reference() -> str:
    """A new SENDcase reference, as sendcase.people.models.new_reference makes them.

    The same alphabet and length, drawn from the same source of randomness in one call instead of
    seven: an import makes hundreds of thousands.
    """
    bits = int.from_bytes(secrets.token_bytes(5), "big")
    return "SC-" + "".join(REFERENCE_ALPHABET[(bits >> shift) & 31] for shift in (0, 5, 10, 15, 20, 25, 30))


# The variant digit of a version 4 UUID (10xx in binary), keeping the two random bits of a hex digit.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


class _Ids:
    """New random (version 4) UUIDs as text, as COPY writes them, drawn thousands at a time.

    An import makes a few hundred thousand: drawing and formatting each as uuid.uuid4() does
    costs more than writing it. The same 122 random bits from the operating system's source.
    """

    def __init__(self) -> None:
        self.ready: list[str] = []

    def __call__(self) -> str:
        if not self.ready:
            hexed = secrets.token_hex(16 * 4096)
            self.ready = [
                f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"
                for h in (hexed[i : i + 32] for i in range(0, len(hexed), 32))
            ]
        return self.ready.pop()


@dataclass(frozen=True)
class _PlanDates:
    issued_on: Any
    last_review_on: Any


@dataclass
class Kept:
    """An ImportedRequest row to write (ids as UUIDs, or as text for rows written in bulk)."""

    child_id: uuid.UUID | str
    request_id: uuid.UUID | str | None
    plan_id: uuid.UUID | str | None
    year: int
    xml: str
    basis: str


class Settings:
    """Finds the school or setting a URN or UKPRN names, creating a record for one SENDcase lacks.

    The directory is read once, at the first batch, before anything is written: afterwards the
    import's writing thread (sendcase.sen2.bulk.Background) has the connection to itself, so no
    query of this thread can land between a statement of its job and the job's own recovery
    (a reference drawn twice rolls back to a savepoint, and the transaction is unusable until
    then).
    """

    def __init__(self, la: LocalAuthority) -> None:
        self.la = la
        self.by_key: dict[SettingKey, uuid.UUID] = {}
        self.codes: dict[uuid.UUID, tuple[str, str]] = {}
        # Settings to create, as values by attname (sendcase.sen2.bulk), until they are written.
        self.new: list[dict[str, Any]] = []
        self.table = Table(Organisation)
        self.by_urn: dict[str, tuple[Any, ...]] | None = None
        self.by_ukprn: dict[str, tuple[Any, ...]] = {}

    def _read_directory(self) -> dict[str, tuple[Any, ...]]:
        """Every setting with a URN or UKPRN, by URN and (those without one) by UKPRN."""
        found = Organisation.objects.filter(~Q(urn="") | ~Q(ukprn="")).values_list(
            "id", "urn", "ukprn", "local_authority_id"
        )
        # Prefer the council's own directory entry when several councils list a setting.
        mine = self.la.pk
        by_urn: dict[str, tuple[Any, ...]] = {}
        for row in sorted(found, key=lambda r: (r[3] != mine, str(r[0]))):
            if row[1]:
                by_urn.setdefault(row[1], row)
            elif row[2]:
                self.by_ukprn.setdefault(row[2], row)
        return by_urn

    def resolve(self, keys: set[SettingKey]) -> None:
        if self.by_urn is None:
            self.by_urn = self._read_directory()
        wanted = keys - self.by_key.keys()
        if not wanted:
            return
        by_urn, by_ukprn, mine = self.by_urn, self.by_ukprn, self.la.pk
        for urn, ukprn in wanted:
            row = by_urn.get(urn) if urn else by_ukprn.get(ukprn)
            if row is None:
                # A setting SENDcase does not know yet: a record with what the file gives. Its
                # name and phase are for the council to fill in.
                organisation = {
                    "id": uuid.uuid4(),
                    "local_authority_id": mine,
                    "kind": OrganisationKind.SETTING.value,
                    "name": f"Setting with URN {urn}" if urn else f"Provider with UKPRN {ukprn}",
                    "urn": urn,
                    "ukprn": ukprn,
                }
                self.new.append(organisation)
                row = (organisation["id"], urn, ukprn, mine)
                (by_urn if urn else by_ukprn)[urn or ukprn] = row
            self.by_key[(urn, ukprn)] = row[0]
            self.codes[row[0]] = (row[1], row[2])

    def flush(self) -> int:
        """Write the settings still to create, here and now; how many there were."""
        new = self.take()
        return write_values(self.table, new, now())

    def take(self) -> list[dict[str, Any]]:
        """The settings still to create, for the caller to write."""
        new, self.new = self.new, []
        return new

    def id_of(self, key: SettingKey | None) -> uuid.UUID | None:
        return self.by_key[key] if key else None

    def __call__(self, pk: uuid.UUID) -> tuple[str, str]:
        return self.codes.get(pk, ("", ""))


class Store:
    def __init__(self, *, la: LocalAuthority, coll: Collection, actor: User | None, today: dt.date) -> None:
        self.la, self.coll, self.actor, self.today = la, coll, actor, today
        self.settings = Settings(la)
        self.builder = PersonBuilder(coll, self.settings, replay=False)
        # Named settings of casework already in SENDcase, for persons being brought up to date.
        self.existing = SettingCache()
        self.pending: list[PersonValues] = []
        self.created = self.changed = self.unchanged = 0
        self.rows: Counter[str] = Counter()
        self.had_children = Child.objects.filter(local_authority=la).exists()
        models = (Child, AssessmentRequest, Plan, ImportedRequest, ImportedPerson)
        self.tables = {model: Table(model) for model in models}
        self._ids = _Ids()
        # PostgreSQL stores one batch while the next is built (sendcase.sen2.bulk.Background).
        self.background = Background() if connection.vendor == "postgresql" else None

    def finish(self) -> None:
        """Write what is pending and wait until all of it is stored."""
        self.flush()
        self._quiet()

    def close(self) -> None:
        if self.background is not None:
            self.background.close()

    def _quiet(self) -> None:
        """Wait for the writing thread, before this thread writes: the two must not interleave."""
        if self.background is not None:
            self.background.wait()

    def add(self, person: PersonValues) -> None:
        self.pending.append(person)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        self.settings.resolve(
            {key for p in batch for key in (p.placement, *(b.setting for b in p.blocks)) if key is not None}
        )
        # A council that held nobody when the import began has nobody to match (the rules
        # make every person's key unique within the file), so a first import skips the lookups.
        # Otherwise the writing thread finishes first: the two never use the connection at once.
        matches = {}
        if self.had_children:
            self._quiet()
            matches = self._match(batch)
        hashes = (
            dict(
                ImportedPerson.objects.filter(
                    local_authority=self.la, year=self.coll.year, child_id__in=set(matches.values())
                ).values_list("child_id", "content_hash")
            )
            if matches
            else {}
        )
        new, known = [], []
        for person in batch:
            child_id = matches.get(person.key)
            if child_id is None:
                new.append(person)
            elif hashes.get(child_id) == person.content_hash:
                self.unchanged += 1
            else:
                known.append((child_id, person))
        if known:
            self._write_settings()
            # Imported late: sendcase.sen2.update builds on this module.
            from sendcase.sen2.update import update_batch

            changed, unchanged = update_batch(self, known)
            self.changed += changed
            self.unchanged += unchanged
        self._create(new)

    # Finding persons already in SENDcase ---------------------------------------------------------

    def _match(self, batch: list[PersonValues]) -> dict[str, uuid.UUID]:
        keys = [p.key for p in batch]
        found: dict[str, set[uuid.UUID]] = {}
        for key, child_id in ImportedPerson.objects.filter(local_authority=self.la, person_key__in=keys).values_list(
            "person_key", "child_id"
        ):
            found.setdefault(key, set()).add(child_id)
        rest = [p for p in batch if p.key not in found]
        children = Child.objects.filter(local_authority=self.la)
        upns = {p.child["upn"]: p.key for p in rest if p.key.startswith("UPN:")}
        for upn, child_id in children.filter(upn__in=upns).values_list("upn", "id"):
            found.setdefault(upns[upn], set()).add(child_id)
        ulns = {p.child["uln"]: p.key for p in rest if p.key.startswith("ULN:")}
        for uln, child_id in children.filter(uln__in=ulns, upn="").values_list("uln", "id"):
            found.setdefault(ulns[uln], set()).add(child_id)
        named = [p for p in rest if p.key.startswith("NAME:")]
        if named:
            query = Q()
            for p in named:
                query |= Q(
                    last_name__iexact=p.child["last_name"],
                    first_name__iexact=p.child["first_name"],
                    date_of_birth=p.child["date_of_birth"],
                )
            by_name = {p.key: p for p in named}
            rows = children.filter(query, upn="", uln="").values_list("last_name", "first_name", "date_of_birth", "id")
            for last, first, born, child_id in rows:
                key = f"NAME:{last.lower()}|{first.lower()}|{born.isoformat()}"
                if key in by_name:
                    found.setdefault(key, set()).add(child_id)
        matches = {}
        for key, ids in found.items():
            if len(ids) > 1:
                raise ValidationFailed(
                    f"The person with {key.split(':', 1)[0]} {key.split(':', 1)[1]} matches {len(ids)} children "
                    "already in SENDcase, so SENDcase cannot tell which to update."
                )
            matches[key] = next(iter(ids))
        return matches

    # New persons --------------------------------------------------------------------------------

    def _write_settings(self) -> None:
        """Write the new settings from this thread, once the writing thread has finished."""
        if self.settings.new:
            self._quiet()
            self.rows["organisations"] += self.settings.flush()

    def _create(self, batch: list[PersonValues]) -> None:
        settings: list[dict[str, Any]] = []
        if self.background is None or not batch:
            # Written here and now: there is no writing thread, or no batch job to go first in.
            self._write_settings()
        else:
            # On PostgreSQL they go first in the batch's own job (`_submit`).
            settings = self.settings.take()
            self.rows["organisations"] += len(settings)
        if not batch:
            return
        # Without an actor (the command) the two columns take their default, NULL.
        stamp = {"created_by_id": self.actor.pk, "modified_by_id": self.actor.pk} if self.actor is not None else {}
        children: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        plans: list[dict[str, Any]] = []
        kept: list[dict[str, Any]] = []
        new_id, la_id = self._ids, self.la.pk
        for person in batch:
            primary, secondary = person.needs or ("", "")
            child = {
                "id": new_id(),
                "local_authority_id": la_id,
                "setting_id": self.settings.id_of(person.placement),
                "primary_need": primary,
                "secondary_need": secondary,
                **stamp,
                **person.child,
            }
            made = [self._records(child["id"], block, stamp) for block in person.blocks]
            child_requests = [r for r, _ in made if r is not None]
            child_plans = [p for _, p in made if p is not None]
            child["stage"], child["next_due_on"], child["next_due_step"] = self._summarise(child_requests, child_plans)
            child_row = ChildRow._make(_CHILD_ROW(child))
            pairs = [
                (
                    RequestRow._make(_REQUEST_ROW(r)) if r is not None else None,
                    PlanRow._make(_PLAN_ROW(p)) if p is not None else None,
                )
                for r, p in made
            ]
            kept.extend(vars(k) for k in self.kept_rows(child_row, person.blocks, pairs))
            children.append(child)
            requests.extend(child_requests)
            plans.extend(child_plans)
        people = [
            {
                "local_authority_id": self.la.pk,
                "child_id": child["id"],
                "year": self.coll.year,
                "person_key": person.key,
                "content_hash": person.content_hash,
            }
            for child, person in zip(children, batch, strict=True)
        ]
        moment = now()
        others = (
            (self.tables[AssessmentRequest], requests),
            (self.tables[Plan], plans),
            (self.tables[ImportedRequest], kept),
            (self.tables[ImportedPerson], people),
        )
        if self.background is not None:
            # New settings go first, in the same job: the children and plans naming them follow.
            self._submit(children, others, moment, settings)
        else:
            self._write_children(children, moment)
            for table, rows in others:
                write_values(table, rows, moment)
        self.rows["child"] += len(children)
        for table, rows in others:
            self.rows[table.model._meta.model_name] += len(rows)  # type: ignore[index]
        self.created += len(batch)

    def _submit(self, children: list[dict[str, Any]], others: Any, moment: Any, settings: list[dict[str, Any]]) -> None:
        """Hand the batch, as COPY text built here, to the writing thread."""
        table = self.tables[Child]
        self._draw_references(children)
        sql, data = copy_sql(table), table.lines(children, moment)
        texts = [(copy_sql(t), t.lines(rows, moment)) for t, rows in others if rows]
        first = (copy_sql(self.settings.table), self.settings.table.lines(settings, moment)) if settings else None

        def job(raw: Any) -> None:
            nonlocal data
            # As _write_children: a reference already stored rolls back to a savepoint, and
            # the batch draws again. Raw SQL, since this runs outside Django's own bookkeeping.
            # The foreign keys are checked as each COPY ends, here, instead of all at commit,
            # where nothing else could go on meanwhile. Every deferrable constraint SENDcase has
            # is a foreign key deferred by default, so the job ends by deferring them all again.
            raw.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if first is not None:
                copy_text(raw, *first)
            for _ in range(10):
                raw.execute("SAVEPOINT sen2_children")
                try:
                    copy_text(raw, sql, data)
                except psycopg.errors.UniqueViolation as error:
                    if "reference" not in str(error):
                        raise
                    raw.execute("ROLLBACK TO SAVEPOINT sen2_children")
                    for child in children:
                        child["reference"] = None
                    self._draw_references(children)
                    data = table.lines(children, moment)
                    continue
                raw.execute("RELEASE SAVEPOINT sen2_children")
                break
            else:
                raise ValidationFailed("SENDcase could not give the children unique references. Import the file again.")
            for other_sql, text in texts:
                copy_text(raw, other_sql, text)
            raw.execute("SET CONSTRAINTS ALL DEFERRED")

        self.background.submit(job)  # type: ignore[union-attr]

    @staticmethod
    def _draw_references(children: list[dict[str, Any]]) -> None:
        seen: set[str] = set()
        for child in children:
            while child.get("reference") is None or child["reference"] in seen:
                child["reference"] = _reference()
            seen.add(child["reference"])

    def _records(
        self, child_id: uuid.UUID | str, block: BlockValues, stamp: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        request = None
        if block.request is not None:
            request = {"id": self._ids(), "child_id": child_id, "kind": "initial", **stamp, **block.request}
        plan = None
        if block.plan is not None:
            plan = {
                "id": self._ids(),
                "child_id": child_id,
                "request_id": request["id"] if request is not None else None,
                "named_setting_id": self.settings.id_of(block.setting),
                **stamp,
                **block.plan,
            }
        return request, plan

    def _summarise(self, requests: list[dict[str, Any]], plans: list[dict[str, Any]]) -> tuple[Any, Any, str]:
        """The caseload summary (stage, next date) the cases services would give the child."""
        open_requests = sorted((r for r in requests if r["outcome"] == "open"), key=lambda r: r["received_on"])
        if open_requests:
            values = {k: v for k, v in open_requests[-1].items() if not k.endswith("_by_id")}
            return summarise_case(
                request=AssessmentRequest(**values), plan=None, today=self.today, advice=[], exceptions=[]
            )
        active = next((p for p in plans if p["status"] == "active"), None)
        if active is None:
            return summarise_case(request=None, plan=None, today=self.today)
        # summarise_case reads only a plan's two dates: no model instance is needed for them.
        dates = _PlanDates(issued_on=active["issued_on"], last_review_on=active["last_review_on"])
        return summarise_case(request=None, plan=dates, today=self.today)  # type: ignore[arg-type]

    def kept_blocks(
        self,
        child: Child,
        blocks: list[BlockValues],
        made: list[tuple[AssessmentRequest | None, Plan | None]],
        plans: list[Plan],
    ) -> list[ImportedRequest]:
        """As `kept_rows`, for records already saved (a person being brought up to date)."""
        pairs = [
            (row_of(RequestRow, r) if r is not None else None, row_of(PlanRow, p) if p is not None else None)
            for r, p in made
        ]
        return [ImportedRequest(**vars(k)) for k in self.kept_rows(row_of(ChildRow, child), blocks, pairs)]

    def kept_rows(
        self, child: ChildRow, blocks: list[BlockValues], made: list[tuple[RequestRow | None, PlanRow | None]]
    ) -> list[Kept]:
        """Blocks to keep: those the new casework would not give back exactly as they came."""
        plan_rows = [p for _, p in made if p is not None]
        kept = []
        for block, (request, plan) in zip(blocks, made, strict=True):
            if self._gives_back(child, request, plan, plan_rows, block.xml):
                continue
            kept.append(
                Kept(
                    child_id=child.id,
                    request_id=request.id if request is not None else None,
                    plan_id=plan.id if plan is not None else None,
                    year=self.coll.year,
                    xml=block.xml,
                    basis=basis(child, request, plan, []),
                )
            )
        return kept

    def _gives_back(
        self,
        child: ChildRow,
        request: RequestRow | None,
        plan: PlanRow | None,
        plans: list[PlanRow],
        xml: str,
    ) -> bool:
        b = self.builder
        if request is not None:
            relevant = b.request_relevant(request) or (plan is not None and b.plan_relevant(plan, plans))
        else:
            relevant = plan is not None and b.plan_relevant(plan, plans)
        if not relevant:
            return False
        return b.block(child, request, plan, [], None, plans, pretty=False) == xml

    def _write_children(self, children: list[dict[str, Any]], moment: Any) -> int:
        """Write the children, drawing new references if a random one is already taken.

        References are random (sendcase.people.models.new_reference): among hundreds of thousands
        a few repeat. Asking the database about every one costs more than the rare retry, so a
        clash with a stored reference rolls back to a savepoint and the batch draws again.
        """
        table = self.tables[Child]
        for _ in range(10):
            self._draw_references(children)
            try:
                with transaction.atomic():
                    return write_values(table, children, moment)
            except IntegrityError as error:
                if "reference" not in str(error):
                    raise
                for child in children:
                    child["reference"] = None
        raise ValidationFailed("SENDcase could not give the children unique references. Import the file again.")
