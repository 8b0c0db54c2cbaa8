"""Writing many new rows fast: COPY on PostgreSQL, bulk_create elsewhere.

An import of a whole council writes hundreds of thousands of rows. Building a Django model
instance for each and letting bulk_create turn it back into SQL parameters costs more than the
rest of the import, so rows are built as plain values (`Table.row`) and go to PostgreSQL with
COPY, as the demo loader's do (sendcase.demo.writer). SQLite gets bulk_create.

On PostgreSQL each batch of a table is one COPY text block (`Table.lines`), written with one
call: formatting a row value by value through psycopg costs more than the rest of writing it.
"""

from __future__ import annotations

import datetime as dt
import operator
import queue
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone

_NOW = object()
_NULL = "\\N"
# COPY's text format: a backslash, tab, newline or carriage return in a value is escaped.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: Any) -> str:
    """One value in COPY's text format, for the column types an import writes."""
    if value is None:
        return _NULL
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_ESCAPES)
        return value
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (uuid.UUID, int)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"SENDcase cannot write a {type(value).__name__} with COPY")


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

    def lines(self, rows: Iterable[dict[str, Any]], now: Any) -> str:
        """`rows` as COPY text: the same values `row` gives, each default formatted once.

        The rows of a batch are built alike, so their columns are worked out once for the keys
        the first row has (`_Layout`): a row is then one lookup of its values, their formatting,
        and one format of a line that already holds every default. A row with other keys gets a
        layout of its own.
        """
        stamp = _text(now)
        layouts: dict[frozenset[str], _Layout] = {}
        layout: _Layout | None = None
        out = []
        for values in rows:
            if layout is None or values.keys() != layout.keys:
                keys = frozenset(values)
                layout = layouts.get(keys)
                if layout is None:
                    layout = layouts[keys] = _Layout(self, keys, stamp)
            out.append(layout.line(values))
        out.append("")
        return "\n".join(out)


class _Layout:
    """How rows with these keys become COPY lines: one line with every default in, and gaps."""

    def __init__(self, table: Table, keys: frozenset[str], stamp: str) -> None:
        self.keys = keys
        given: list[str] = []
        self.forms: list[Callable[[Any], str]] = []
        # The gaps in column order: a given value (its place among them) or a default drawn
        # for each row (a new id).
        self.gaps: list[int | Callable[[], Any]] = []
        parts = []
        for field, name, default in zip(table.fields, table.names, table.defaults, strict=True):
            if name in keys:
                self.gaps.append(len(given))
                given.append(name)
                self.forms.append(_formatter(field))
            elif default is not _NOW and callable(default):
                self.gaps.append(default)
            else:
                text = stamp if default is _NOW else _text(default)
                parts.append(text.replace("{", "{{").replace("}", "}}"))
                continue
            parts.append("{}")
        self.template = "\t".join(parts)
        self.drawn = any(callable(gap) for gap in self.gaps)
        self.get = operator.itemgetter(*given) if len(given) > 1 else (lambda values: tuple(values[n] for n in given))

    def line(self, values: dict[str, Any]) -> str:
        texts = [form(value) for form, value in zip(self.forms, self.get(values))]  # noqa: B905 (one form a value)
        if self.drawn:
            texts = [_text(gap()) if callable(gap) else texts[gap] for gap in self.gaps]
        return self.template.format(*texts)


def _plain(value: Any) -> str:
    return _NULL if value is None else str(value)


def _day(value: Any) -> str:
    return _NULL if value is None else value.isoformat()


def _flag(value: Any) -> str:
    return _NULL if value is None else "t" if value else "f"


def _formatter(field: models.Field) -> Callable[[Any], str]:
    """How a value of `field` is written as COPY text: the general `_text` for anything but these."""
    if field.is_relation or isinstance(field, (models.UUIDField, models.IntegerField)):
        return _plain
    if isinstance(field, (models.DateField, models.DateTimeField)):
        return _day
    if isinstance(field, models.BooleanField):
        return _flag
    return _text


def write_values(table: Table, rows: list[dict[str, Any]], moment: Any, *, batch_size: int = 5000) -> int:
    """Write `rows` (values by attname; other columns take their defaults) as new rows of `table`."""
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        return write_rows(table, (table.row(values, moment) for values in rows), batch_size=batch_size)
    # Django's error wrapper, so a clash is the IntegrityError callers catch, as with ORM writes.
    with connection.wrap_database_errors, connection.cursor() as cursor:
        copy_text(cursor.connection, copy_sql(table), table.lines(rows, moment))
    return len(rows)


def copy_sql(table: Table) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in table.fields)
    return f"COPY {quote(table.model._meta.db_table)} ({columns}) FROM STDIN"


def copy_text(raw: Any, sql: str, data: str) -> None:
    """One COPY of ready text on a psycopg connection."""
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        copy.write(data.encode())


class Background:
    """COPY on the transaction's own connection from a second thread, one job at a time, in order.

    While PostgreSQL stores one batch (COPY, and the index entries of every row), SENDcase builds
    the next: the wait for the server, a third of an import, no longer adds to it. Everything is
    still written only after the whole file passed its checks, in the one transaction: the jobs
    run on the same connection (psycopg serialises its use), and `wait` is called before the
    importer itself writes or commits. At most one job waits, so memory stays bounded.
    A job's error comes back from the next `submit` or `wait` as the error Django would raise.
    """

    def __init__(self) -> None:
        connection.ensure_connection()
        self.raw = connection.connection
        self.jobs: queue.Queue[Callable[[Any], None] | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="sen2-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                if self.error is None:
                    job(self.raw)
            except BaseException as error:  # handed to the importer's thread
                self.error = error
            finally:
                self.jobs.task_done()

    def submit(self, job: Callable[[Any], None]) -> None:
        self._raise()
        self.jobs.put(job)

    def wait(self) -> None:
        """Return once every job submitted is stored; raise the first job's error, if any."""
        self.jobs.join()
        self._raise()

    def close(self) -> None:
        """Stop the thread (after the job in hand), so the transaction can end."""
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()

    def _raise(self) -> None:
        if self.error is not None:
            # Django's error wrapper, so a clash is the IntegrityError callers catch.
            with connection.wrap_database_errors:
                raise self.error


def write_rows(table: Table, rows: Iterable[tuple[Any, ...]], *, batch_size: int = 5000) -> int:
    rows = list(rows)
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in table.fields)
        sql = f"COPY {quote(table.model._meta.db_table)} ({columns}) FROM STDIN"
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
