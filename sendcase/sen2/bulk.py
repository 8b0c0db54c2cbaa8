"""Writing many new rows fast: COPY on PostgreSQL, bulk_create elsewhere.

An import of a whole council writes hundreds of thousands of rows. Building a Django model
instance for each and letting bulk_create turn it back into SQL parameters costs more than the
rest of the import, so rows are built as plain values in column order (`Table.row`) and go to
PostgreSQL with COPY, as the demo loader's do (sendcase.demo.writer). SQLite gets bulk_create.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone

_NOW = object()


class Table:
    """A model's columns and their defaults, worked out once."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
        self.names = [f.attname for f in self.fields]
        self.defaults: list[Any] = []
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults.append(_NOW)
            elif field.has_default() and callable(field.default):
                self.defaults.append(field.default)
            else:
                # What Django itself would store: the default, or "" for text that may be blank.
                self.defaults.append(field.get_default())

    def row(self, values: dict[str, Any], now: Any) -> tuple[Any, ...]:
        """The row for `values` (by attname); every other column takes its default."""
        out = []
        for name, default in zip(self.names, self.defaults, strict=True):
            if name in values:
                out.append(values[name])
            elif default is _NOW:
                out.append(now)
            elif callable(default):
                out.append(default())
            else:
                out.append(default)
        return tuple(out)


def write_rows(table: Table, rows: Iterable[tuple[Any, ...]], *, batch_size: int = 5000) -> int:
    rows = list(rows)
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in table.fields)
        sql = f"COPY {quote(table.model._meta.db_table)} ({columns}) FROM STDIN"
        # Django's error wrapper, so a clash is the IntegrityError callers catch, as with ORM writes.
        with (
            connection.wrap_database_errors,
            connection.cursor() as cursor,
            cursor.cursor.copy(sql) as copy,  # type: ignore[attr-defined]
        ):
            for row in rows:
                copy.write_row(row)
    else:
        objs = [table.model(**dict(zip(table.names, row, strict=True))) for row in rows]
        table.model._default_manager.bulk_create(objs, batch_size=batch_size)
    return len(rows)


def now() -> Any:
    return timezone.now()
