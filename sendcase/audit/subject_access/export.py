"""The subject access export: everything SENDcase holds about one child, as a zip of JSON and PDF.

A child (or a parent acting for them) may ask the council for a copy of all the personal data it
holds about them (right of access, UK GDPR Article 15; one month to answer, Article 12(3)). The
export gives the council's information-governance officer that copy in one file to review, redact
where the law requires (for example other people's data, Data Protection Act 2018 Schedule 2
Part 3), and disclose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connections, router, transaction
from django.utils import timezone

from sendcase.audit.models import Action, AuditEvent
from sendcase.audit.selectors import AUDIT_READERS
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.audit.subject_access.collect import Dataset, as_json, collect, count
from sendcase.audit.subject_access.discovery import record_types
from sendcase.audit.subject_access.summary import context, render_pdf

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

FORMAT = "sendcase-subject-access/1"
SUMMARY_PDF = "summary.pdf"
MANIFEST = "manifest.json"


def can_export_subject_access(user: User, child: Child) -> bool:
    """Only the child's own council's SEND team managers and administrators may export it all."""
    return user.is_send_team and user.role in AUDIT_READERS and user.local_authority_id == child.local_authority_id


def require_subject_access(user: User, child: Child) -> None:
    if not can_export_subject_access(user, child):
        raise PermissionDenied("Only the council's SEND team managers and administrators can export a child's record.")


@dataclass(frozen=True)
class ContentsRow:
    title: str
    name: str
    label: str
    count: int


def subject_access_contents(*, actor: User, child: Child) -> tuple[list[ContentsRow], int]:
    """What an export of `child` would hold now: each file with its number of records, and documents."""
    require_subject_access(actor, child)
    types = record_types()
    counts, documents = count(child, types)
    return [ContentsRow(t.title, t.filename, t.label, counts[t.label]) for t in types], documents


def subject_access_filename(child: Child, on: dt.date) -> str:
    return f"sendcase-{child.reference}-subject-access-{on.isoformat()}.zip"


def _read(child: Child) -> Dataset:
    # One snapshot for every query on PostgreSQL, so a change made while the export is read cannot
    # leave it half before, half after. Not on SQLite: a transaction there takes the write lock
    # and would hold up every user while the export is read.
    using = router.db_for_read(AuditEvent)
    connection = connections[using]
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(using=using) if snapshot else nullcontext():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return collect(child, record_types())


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _data_files(dataset: Dataset, reference: str) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    files, entries = {}, []
    for item in dataset.collected:
        content = _json_bytes(
            {
                "record_type": item.type.label,
                "title": item.type.title,
                "child_reference": reference,
                "records": [as_json(item.type, record) for record in item.records],
            }
        )
        files[item.type.filename] = content
        entries.append(
            {
                "name": item.type.filename,
                "record_type": item.type.label,
                "title": item.type.title,
                "count": len(item.records),
                "found_by": [*item.type.paths, *(f"{label}.{name}" for label, name in item.type.followed_from)],
                "sha256": _sha256(content),
            }
        )
    return files, entries


def subject_access_export(*, actor: User, child: Child) -> bytes:
    """Everything held about `child` as zip bytes: one JSON file per record type, a PDF summary,
    uploaded documents and a manifest. The export is audited before the bytes are returned."""
    require_subject_access(actor, child)
    generated_at = timezone.now()
    dataset = _read(child)
    child = dataset.child
    files, entries = _data_files(dataset, child.reference)
    counts = {e["name"]: e["count"] for e in entries}

    documents, missing = {}, []
    for document in dataset.documents:
        content = document.read()
        if content is None:
            missing.append({"name": document.zip_path, "stored_as": document.stored_as})
        else:
            documents[document.zip_path] = content
    summary = context(
        dataset,
        generated_at=generated_at,
        generated_by=f"{actor.get_full_name() or actor.email} <{actor.email}>",
        contents=[{"title": e["title"], "name": e["name"], "count": e["count"]} for e in entries],
        documents=len(documents),
        documents_missing=[m["stored_as"] for m in missing],
    )
    files[SUMMARY_PDF] = render_pdf(summary)
    entries.append({"name": SUMMARY_PDF, "title": "Summary for reading", "sha256": _sha256(files[SUMMARY_PDF])})
    files |= documents
    entries += [{"name": name, "title": "Uploaded document", "sha256": _sha256(c)} for name, c in documents.items()]

    manifest = _json_bytes(
        {
            "format": FORMAT,
            "child": {"id": str(child.pk), "reference": child.reference, "name": child.full_name},
            "local_authority": {"code": child.local_authority.code, "name": child.local_authority.name},
            "generated_at": generated_at.isoformat(),
            "generated_by": {"id": str(actor.pk), "name": actor.get_full_name(), "email": actor.email},
            "files": entries,
            "documents_missing": missing,
        }
    )
    # The event names the manifest's hash and the manifest names every file's, so the
    # tamper-evident trail shows exactly what was disclosed, not only that something was.
    with audited_transaction():
        audit_change(
            actor=actor,
            action=Action.EXPORT,
            instance=child,
            child=child,
            summary=f"Subject access export: {sum(counts.values())} records in {len(counts)} files, "
            f"{len(documents)} documents",
            changes={**{name: [None, n] for name, n in counts.items()}, MANIFEST: [None, _sha256(manifest)]},
        )
    return _zip(files, manifest, generated_at)


def _zip(files: dict[str, bytes], manifest: bytes, generated_at: dt.datetime) -> bytes:
    stamp = timezone.localtime(generated_at).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in [(MANIFEST, manifest), *files.items()]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
