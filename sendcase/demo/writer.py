"""Writing generated rows in bulk: bulk_create in batches, or COPY on PostgreSQL.

The seed is a loader, not casework: rows go straight to their tables without the services'
audit events (nobody did anything; there is nothing to audit) and with created_by left empty.
Every rule the services check before writing is kept by the generator itself (see casework.py),
and the tests check the result against the services' own rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

from sendcase.cases.models import (
    AdviceRequest,
    AssessmentRequest,
    ContactLogEntry,
    Plan,
    SettingConsultation,
    TimescaleException,
)
from sendcase.organisations.models import LocalAuthority, Locality, Organisation
from sendcase.people.models import Child, FamilyLink, FamilyMember, KeyWorkerAssignment

# Parents before children, so bulk_create can read each foreign key's primary key.
WRITE_ORDER: tuple[type[models.Model], ...] = (
    LocalAuthority,
    Locality,
    Organisation,
    Child,
    FamilyMember,
    FamilyLink,
    AssessmentRequest,
    AdviceRequest,
    TimescaleException,
    SettingConsultation,
    Plan,
    KeyWorkerAssignment,
    ContactLogEntry,
)


class RowWriter:
    """Writes model instances grouped by model, in WRITE_ORDER, `batch_size` rows at a time."""

    def __init__(self, *, batch_size: int = 5000, use_copy: bool | None = None) -> None:
        self.batch_size = batch_size
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy
        self.counts: dict[str, int] = defaultdict(int)

    def write(self, rows: Iterable[object]) -> None:
        grouped: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        for row in rows:
            grouped[type(row)].append(row)  # type: ignore[index, arg-type]
        unknown = set(grouped) - set(WRITE_ORDER)
        if unknown:
            raise TypeError(f"No write order for {sorted(m.__name__ for m in unknown)}")
        for model in WRITE_ORDER:
            objs = grouped.get(model)
            if not objs:
                continue
            for start in range(0, len(objs), self.batch_size):
                batch = objs[start : start + self.batch_size]
                if self.use_copy:
                    _copy(model, batch)
                else:
                    model._default_manager.bulk_create(batch, batch_size=self.batch_size)
            self.counts[model._meta.label] += len(objs)


def _copy(model: type[models.Model], objs: list[models.Model]) -> None:
    """COPY the rows into the model's table: several times faster than INSERT for big loads.

    Values go to psycopg as they are, which is what get_db_prep_save would give for the field
    types these models use (UUIDs, dates, aware datetimes, text, numbers, booleans, and foreign
    keys whose ids were set when the related object was assigned). Only the automatic
    timestamps need filling in.
    """
    db = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField | models.BigAutoField)]
    stamped = {i for i, f in enumerate(fields) if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    unsupported = [f.name for f in fields if f.get_internal_type() not in _PLAIN_TYPES]
    if unsupported:
        raise TypeError(f"{model.__name__}: no plain COPY for {unsupported}; use bulk_create")
    attnames = [f.attname for f in fields]
    now = timezone.now()
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    table = db.ops.quote_name(model._meta.db_table)
    with db.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        for obj in objs:
            row = [getattr(obj, name) for name in attnames]
            for i in stamped:
                row[i] = now
            copy.write_row(row)


_PLAIN_TYPES = frozenset(
    {
        "UUIDField",
        "CharField",
        "TextField",
        "EmailField",
        "DateField",
        "DateTimeField",
        "BooleanField",
        "PositiveIntegerField",
        "IntegerField",
        "BigIntegerField",
        "ForeignKey",
        "OneToOneField",
    }
)
