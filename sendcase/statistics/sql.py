"""SQL expressions the statistics need that Django does not provide the same way on every database."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """Whole days from the second date to the first (``later - earlier``), as an integer.

    PostgreSQL subtracts dates to an integer directly; SQLite stores dates as ISO text, so the
    difference of their Julian day numbers is taken. Comparing day counts avoids adding an
    interval to a date, which each database types differently.
    """

    arity = 2
    output_field = IntegerField()

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )
