"""Reading every record about one child, and writing each as plain JSON values.

Rows are found per relation path (one indexed query each) rather than with one OR across joins,
which would stop the database using the indexes on a national-sized table.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile

from sendcase.audit.subject_access.discovery import RecordType
from sendcase.people.models import Child

# Bound the size of one `pk IN (...)` so SQLite's limit on query parameters is never reached.
CHUNK = 500


@dataclass
class Collected:
    """The rows of one record type about the child, in the model's own order."""

    type: RecordType
    records: list[models.Model]


@dataclass
class Document:
    """An uploaded file found on one of the child's records, read only when the export is written."""

    zip_path: str
    stored_as: str
    opener: Callable[[], bytes]

    def read(self) -> bytes | None:
        """The file's content, or None when the storage no longer has it."""
        try:
            return self.opener()
        except (OSError, ValueError):
            return None


def _read_field_file(stored: FieldFile) -> Callable[[], bytes]:
    def read() -> bytes:
        with stored.open("rb") as handle:
            return handle.read()  # type: ignore[no-any-return]

    return read


def _advice_document(record: models.Model) -> tuple[str, str, Callable[[], bytes]]:
    # cases.AdviceDocument keeps its file under SENDCASE_UPLOAD_DIR by a random stored name
    # (docs/advice.md), not in a FileField.
    root = Path(settings.SENDCASE_UPLOAD_DIR).resolve()
    path = (root / record.stored_name).resolve()  # type: ignore[attr-defined]
    if not path.is_relative_to(root):
        raise ValueError(f"{record.stored_name} is outside the upload folder")  # type: ignore[attr-defined]
    return record.original_name, record.stored_name, path.read_bytes  # type: ignore[attr-defined]


# Records that keep an uploaded file somewhere other than a FileField: model label -> a function
# giving the file's name, where it is stored, and how to read it. FileFields need no entry.
EXTERNAL_DOCUMENTS: dict[str, Callable[[models.Model], tuple[str, str, Callable[[], bytes]]]] = {
    "cases.advicedocument": _advice_document,
}


@dataclass
class Dataset:
    child: Child
    collected: list[Collected]
    documents: list[Document] = field(default_factory=list)

    def records(self, label: str) -> list[models.Model]:
        for item in self.collected:
            if item.type.label == label:
                return item.records
        return []


def _fetch(model: type[models.Model], **lookup: Any) -> models.QuerySet[Any]:
    # The base manager: a custom default manager that hides rows (archived, soft-deleted) must not
    # hide them from the person they are about.
    qs = model._base_manager.filter(**lookup)
    # Prefetched, not joined: thousands of audit events by a handful of people then share one
    # instance per person. Links to the child are filled in from the child already read.
    links = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is not Child]
    return qs.prefetch_related(*links, *(f.name for f in model._meta.many_to_many))


def _with_child(records: list[models.Model], child: Child) -> list[models.Model]:
    for f in records[0]._meta.concrete_fields if records else ():
        if f.is_relation and f.related_model is Child:
            for record in records:
                if getattr(record, f.attname) == child.pk:
                    f.set_cached_value(record, child)
    return records


def _in_model_order(model: type[models.Model], records: list[models.Model]) -> list[models.Model]:
    """Rows gathered by several queries, in the model's own order (newest first, by date, ...)."""
    for name in reversed(model._meta.ordering or ["pk"]):
        if not isinstance(name, str) or "__" in name or name.lstrip("-") in ("?", ""):
            continue
        attname = model._meta.get_field(name.lstrip("-")).attname if name.lstrip("-") != "pk" else "pk"

        def key(record: models.Model, attname: str = attname) -> tuple[bool, Any]:
            value = getattr(record, attname)
            return (value is None, str(value) if isinstance(value, uuid.UUID) else value)

        records.sort(key=key, reverse=name.startswith("-"))
    return records


def _pointed_at(record_type: RecordType, child: Child, by_label: dict[str, RecordType]) -> set[Any]:
    """The rows of a followed type (family members) that the child's records point at."""
    wanted: set[Any] = set()
    for label, field_name in record_type.followed_from:
        pointer = by_label[label]
        for path in pointer.paths:
            values = pointer.model._base_manager.filter(**{path: child}).values_list(field_name, flat=True)
            wanted.update(value for value in values if value is not None)
    return wanted


def _pks(record_type: RecordType, child: Child, by_label: dict[str, RecordType]) -> set[Any]:
    if record_type.model is Child:
        return {child.pk}
    pks = _pointed_at(record_type, child, by_label)
    for path in record_type.paths:
        pks.update(record_type.model._base_manager.filter(**{path: child}).values_list("pk", flat=True))
    return pks


def _rows(record_type: RecordType, child: Child, by_label: dict[str, RecordType]) -> list[models.Model]:
    if record_type.model is Child:
        return list(_fetch(Child, pk=child.pk))
    return _with_child(_read_rows(record_type, child, by_label), child)


def _read_rows(record_type: RecordType, child: Child, by_label: dict[str, RecordType]) -> list[models.Model]:
    model = record_type.model
    if len(record_type.paths) == 1 and not record_type.followed_from:
        # One query, already in the model's own order.
        path = record_type.paths[0]
        qs = _fetch(model, **{path: child})
        return list(qs.distinct() if "__" in path or model._meta.many_to_many else qs)
    pks = sorted(_pks(record_type, child, by_label), key=str)
    rows = []
    for start in range(0, len(pks), CHUNK):
        rows.extend(_fetch(model, pk__in=pks[start : start + CHUNK]))
    return _in_model_order(model, rows)


def _has_documents(record_type: RecordType) -> bool:
    return record_type.label in EXTERNAL_DOCUMENTS or any(
        isinstance(f, models.FileField) for f in record_type.model._meta.concrete_fields
    )


def collect(child: Child, types: list[RecordType]) -> Dataset:
    """Every row of every record type about `child`, and the files uploaded to them."""
    by_label = {t.label: t for t in types}
    # The child as read now, with what it links to, rather than as the caller had it.
    own = list(_fetch(Child, pk=child.pk))
    child = (own or [child])[0]
    collected = [Collected(t, own if t.model is Child else _rows(t, child, by_label)) for t in types]
    dataset = Dataset(child=child, collected=collected)
    dataset.documents = _documents(dataset)
    return dataset


def count(child: Child, types: list[RecordType]) -> tuple[dict[str, int], int]:
    """How many rows of each type an export would hold, and how many documents, reading ids only."""
    by_label = {t.label: t for t in types}
    counts, documents = {}, []
    for t in types:
        if _has_documents(t):
            item = Collected(t, _rows(t, child, by_label))
            documents += _documents(Dataset(child=child, collected=[item]))
            counts[t.label] = len(item.records)
        else:
            counts[t.label] = len(_pks(t, child, by_label))
    return counts, len(documents)


def _documents(dataset: Dataset) -> list[Document]:
    documents = []
    for item in dataset.collected:
        file_fields = [f for f in item.type.model._meta.concrete_fields if isinstance(f, models.FileField)]
        external = EXTERNAL_DOCUMENTS.get(item.type.label)
        for record in item.records:
            for f in file_fields:
                stored = getattr(record, f.attname)
                if stored:
                    zip_path = document_path(item.type, record, f.name, stored.name)
                    documents.append(Document(zip_path, stored.name, _read_field_file(stored)))
            if external is not None:
                try:
                    name, stored_as, opener = external(record)
                except ValueError:
                    continue
                documents.append(Document(document_path(item.type, record, "file", name), stored_as, opener))
    return documents


def _safe_name(name: str) -> str:
    # An uploaded file's own name, as a single harmless path segment inside the zip.
    cleaned = re.sub(r"[\x00-\x1f/\\:]+", "_", PurePosixPath(name.replace("\\", "/")).name).strip(" .")
    return cleaned[:120] or "document"


def document_path(record_type: RecordType, record: models.Model, field_name: str, stored_name: str) -> str:
    """Where an uploaded file goes in the export: one folder per record, so names never collide."""
    folder = record_type.filename.removesuffix(".json")
    return f"documents/{folder}/{record.pk}/{field_name}/{_safe_name(stored_name)}"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _reference(related: models.Model | None) -> dict[str, str] | None:
    if related is None:
        return None
    return {"id": str(related.pk), "label": str(related)}


def as_json(record_type: RecordType, record: models.Model) -> dict[str, Any]:
    """Every field of `record`: dates ISO 8601, a coded value with its meaning, a link as id and label."""
    row: dict[str, Any] = {}
    for f in record._meta.concrete_fields:
        if f.is_relation:
            try:
                row[f.name] = _reference(getattr(record, f.name))
            except ObjectDoesNotExist:
                row[f.name] = {"id": str(getattr(record, f.attname)), "label": None}
        elif isinstance(f, models.FileField):
            stored = getattr(record, f.attname)
            row[f.name] = (
                {"name": stored.name, "document": document_path(record_type, record, f.name, stored.name)}
                if stored
                else None
            )
        else:
            row[f.name] = _plain(getattr(record, f.attname))
            if f.choices and row[f.name] not in (None, ""):
                row[f"{f.name}_display"] = str(getattr(record, f"get_{f.name}_display")())
    for f in record._meta.many_to_many:
        row[f.name] = [_reference(related) for related in getattr(record, f.name).all()]
    return row
