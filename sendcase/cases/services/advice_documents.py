"""Checking, storing and scanning the documents contributors send with their advice.

A file is accepted only if it is a PDF, Word (.docx), JPEG or PNG file by its contents, not only by
its name: a program renamed "report.pdf" is refused. Files are stored under SENDCASE_UPLOAD_DIR
(outside the web root, never served as static files) with random names, and only reach a browser
through the download view, which checks access and audits the download. When
SENDCASE_UPLOAD_SCAN_COMMAND is set, each stored file is scanned and a non-zero exit rejects it;
when it is not set, nothing is scanned (docs/advice.md).
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
DOCX = FileKind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileKind("PNG", "image/png", (".png",))
ALLOWED_KINDS = (PDF, DOCX, JPEG, PNG)
ALLOWED_TEXT = "a PDF, Word (.docx), JPEG or PNG file"
SCAN_TIMEOUT_SECONDS = 120


def sniff(stream: IO[bytes]) -> FileKind | None:
    """The kind of file `stream` holds, judged by its contents; None if it is none we accept."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        # A .docx is a zip holding a Word document part; any other zip is not one.
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            stream.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    original_name: str
    kind: FileKind


def uploads_check(checks: Checks, files: Sequence[UploadedFile], *, field: str = "documents") -> list[CheckedUpload]:
    """Check every file before anything is written, adding one message per bad file to `checks`."""
    limit = settings.SENDCASE_UPLOAD_MAX_BYTES
    accepted: list[CheckedUpload] = []
    problems: list[str] = []
    for upload in files:
        name = Path(upload.name or "document").name[:255]
        extension = Path(name).suffix.lower()
        if not upload.size:
            problems.append(f"{name} is empty")
            continue
        if upload.size > limit:
            problems.append(f"{name} is {_megabytes(upload.size)}: the file must be smaller than {_megabytes(limit)}")
            continue
        if not any(extension in kind.extensions for kind in ALLOWED_KINDS):
            problems.append(f"{name} must be {ALLOWED_TEXT}")
            continue
        kind = sniff(upload.file)
        if kind is None or extension not in kind.extensions:
            problems.append(f"{name} is not really {ALLOWED_TEXT}: its contents do not match its name")
            continue
        accepted.append(CheckedUpload(file=upload, original_name=name, kind=kind))
    if problems:
        checks.add(field, ". ".join(problems))
    return accepted


@dataclass(frozen=True)
class StoredUpload:
    original_name: str
    content_type: str
    stored_name: str
    size: int
    sha256: str


def upload_path(stored_name: str) -> Path:
    return Path(settings.SENDCASE_UPLOAD_DIR) / stored_name


def _scan(path: Path) -> str | None:
    """Run the configured scanner on `path`; the reason for rejecting it, or None if it passed."""
    command = settings.SENDCASE_UPLOAD_SCAN_COMMAND
    if not command:
        return None
    try:
        # The command comes from the operator's environment, never from a user; no shell.
        result = subprocess.run(  # noqa: S603
            [*shlex.split(command), str(path)], capture_output=True, timeout=SCAN_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        # Fail closed: a file the scanner could not look at is not accepted.
        return "could not be checked for viruses. Try again later"
    if result.returncode != 0:
        return "was rejected by the virus check"
    return None


def uploads_store(uploads: Iterable[CheckedUpload]) -> list[StoredUpload]:
    """Write checked uploads under SENDCASE_UPLOAD_DIR and scan them; all or none are kept."""
    stored: list[StoredUpload] = []
    now = today()
    try:
        for upload in uploads:
            stored_name = f"{now:%Y}/{now:%m}/{uuid.uuid4().hex}"
            path = upload_path(stored_name)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            digest = hashlib.sha256()
            size = 0
            # Readable by the SENDcase account only; O_EXCL never overwrites.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as out:
                for chunk in upload.file.chunks():
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            stored.append(
                StoredUpload(upload.original_name, upload.kind.content_type, stored_name, size, digest.hexdigest())
            )
            problem = _scan(path)
            if problem:
                raise ValidationFailed(
                    "There is a problem", field_errors={"documents": f"{upload.original_name} {problem}"}
                )
    except BaseException:
        uploads_discard(stored)
        raise
    return stored


def uploads_discard(stored: Iterable[StoredUpload]) -> None:
    """Remove stored files whose record was never saved."""
    for item in stored:
        upload_path(item.stored_name).unlink(missing_ok=True)
