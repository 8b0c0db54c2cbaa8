"""The advice documents' upload checks and storage, with every refusal worded for the family in their language.

sendcase/cases/services/advice_documents.py decides what is accepted (PDF, Word (.docx), JPEG or
PNG by content, at most SENDCASE_UPLOAD_MAX_BYTES, scanned when SENDCASE_UPLOAD_SCAN_COMMAND is
set) and words its refusals in English for staff and professionals. The family portal keeps
every one of its decisions and only rewords them: each file is checked on its own by the shared
`uploads_check`, and a refused file's reason is told again here, in the order the shared check
tests them, through gettext. A refusal the portal does not recognise is still refused, with a
general sentence rather than the English one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from sendcase.cases.services.advice_documents import (
    ALLOWED_KINDS,
    CheckedUpload,
    StoredUpload,
    sniff,
    uploads_check,
    uploads_store,
)
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import ValidationFailed

# How advice_documents words the two refusals its scanner can give (after the file's name).
_SCAN_REJECTED = "was rejected by the virus check"
_SCAN_FAILED = "could not be checked for viruses"


def _file_name(upload: UploadedFile) -> str:
    return Path(upload.name or "document").name[:255]


def _why_refused(upload: UploadedFile) -> str:
    """Why the shared check refused this file, in the family's language."""
    name = _file_name(upload)
    limit = settings.SENDCASE_UPLOAD_MAX_BYTES
    extension = Path(name).suffix.lower()
    if not upload.size:
        return _("%(name)s is empty") % {"name": name}
    if upload.size > limit:
        return _("%(name)s is %(size)s: the file must be smaller than %(limit)s") % {
            "name": name,
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(limit),
        }
    if not any(extension in kind.extensions for kind in ALLOWED_KINDS):
        return _("%(name)s must be a PDF, Word (.docx), JPEG or PNG file") % {"name": name}
    kind = sniff(upload.file)
    if kind is None or extension not in kind.extensions:
        return _("%(name)s is not really a PDF, Word (.docx), JPEG or PNG file: its contents do not match its name") % {
            "name": name
        }
    return _("%(name)s cannot be accepted. Send it another way, or ask your key worker") % {"name": name}


def family_uploads_check(
    checks: Checks, files: Sequence[UploadedFile], *, field: str = "documents"
) -> list[CheckedUpload]:
    """Check every file before anything is written, adding the family's own words for each refused one."""
    accepted: list[CheckedUpload] = []
    problems: list[str] = []
    for upload in files:
        verdict = uploads_check(Checks(), [upload], field=field)
        if verdict:
            accepted.extend(verdict)
        else:
            problems.append(_why_refused(upload))
    if problems:
        checks.add(field, ". ".join(problems))
    return accepted


def family_uploads_store(uploads: Sequence[CheckedUpload]) -> list[StoredUpload]:
    """Store and scan the checked files (all or none kept), wording a scanner's refusal for the family."""
    try:
        return uploads_store(uploads)
    except ValidationFailed as error:
        english = next(iter(error.field_errors.values()), error.message)
        name = next((u.original_name for u in uploads if english.startswith(u.original_name)), "")
        if _SCAN_REJECTED in english:
            message = _("%(name)s was rejected by the virus check") % {"name": name}
        elif _SCAN_FAILED in english:
            message = _("%(name)s could not be checked for viruses. Try again later") % {"name": name}
        else:
            message = _("%(name)s cannot be accepted. Send it another way, or ask your key worker") % {"name": name}
        raise ValidationFailed(_("There is a problem"), field_errors={"documents": message}) from error
