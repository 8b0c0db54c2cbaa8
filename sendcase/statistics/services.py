"""Loading the published DfE figures. Reference data, but every load is audited like any change."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.statistics.models import DfePublishedFigure, DfeRelease
from sendcase.statistics.release import FigureRow, read_release

if TYPE_CHECKING:
    from sendcase.accounts.models import User

BATCH_SIZE = 5000


def dfe_release_load(*, actor: User | None, path: Path) -> DfeRelease:
    """Load the headline figures of a release zip, replacing what was loaded for the same files and periods.

    Loading the same zip twice leaves the same figures. A later release revises earlier years
    (the 2025 release revised January 2024's caseload), so its periods replace the earlier
    release's; periods it does not publish are kept. The whole zip is checked before anything
    is written, and the replacement is one transaction: a failure leaves the previous figures.
    """
    parsed = read_release(path)
    periods: dict[str, set[str]] = {}
    for row in parsed.rows:
        periods.setdefault(row.dataset, set()).add(row.time_period)
    replaced = Q()
    for dataset, time_periods in periods.items():
        replaced |= Q(dataset=dataset, time_period__in=sorted(time_periods))
    with audited_transaction():
        removed, _ = DfePublishedFigure.objects.filter(replaced).delete()
        release = DfeRelease.objects.create(
            file_name=parsed.file_name,
            sha256=parsed.sha256,
            datasets=list(parsed.datasets),
            figures=len(parsed.rows),
            created_by=actor,
            modified_by=actor,
        )
        _insert_figures(release, parsed.rows)
        # A release none of whose figures are left has been wholly replaced.
        DfeRelease.objects.exclude(pk=release.pk).exclude(
            Exists(DfePublishedFigure.objects.filter(release=OuterRef("pk")))
        ).delete()
        audit_change(
            actor=actor,
            action=Action.CREATE,
            instance=release,
            summary=f"DfE EHC plan statistics loaded from {parsed.file_name}",
            changes={
                "datasets": [None, list(parsed.datasets)],
                "figures": [None, len(parsed.rows)],
                "replaced_figures": [None, removed],
                "sha256": [None, parsed.sha256],
            },
        )
    return release


FIGURE_COLUMNS = (
    "release_id",
    "dataset",
    "time_period",
    "year",
    "geographic_level",
    "region_code",
    "region_name",
    "la_code",
    "new_la_code",
    "la_name",
    "variable",
    "value",
    "marker",
)


def _insert_figures(release: DfeRelease, rows: Sequence[FigureRow]) -> None:
    """Insert the figures in bulk: COPY on PostgreSQL, one prepared INSERT run over every row elsewhere.

    A release has about 180,000 figures. Model instances through bulk_create cost most of a
    minute on SQLite, whose 999-parameter limit splits them into thousands of statements, and
    row-by-row INSERTs most of a minute on PostgreSQL; these take seconds.
    """
    table = connection.ops.quote_name(DfePublishedFigure._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in FIGURE_COLUMNS)
    placeholders = ", ".join(["%s"] * len(FIGURE_COLUMNS))
    release_id = DfePublishedFigure._meta.get_field("release").get_db_prep_value(release.pk, connection)
    values = [
        (
            release_id,
            row.dataset,
            row.time_period,
            row.year,
            row.geographic_level,
            row.region_code,
            row.region_name,
            row.la_code,
            row.new_la_code,
            row.la_name,
            row.variable,
            connection.ops.adapt_decimalfield_value(row.value, 14, 4) if row.value is not None else None,
            row.marker,
        )
        for row in rows
    ]
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk load: one stream instead of a statement per row.
        copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for row in values:
                copy.write_row(row)
        return
    # Only the model's own table and column names go into the statement; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH_SIZE):
            cursor.executemany(sql, values[start : start + BATCH_SIZE])
