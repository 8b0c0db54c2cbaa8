"""Subject access export: everything SENDcase holds about one child, as a zip of JSON and PDF.

See docs/subject-access.md. `discovery` finds the record types from the models, `collect` reads
and serialises them, `summary` renders the PDF, `export` checks access, audits and zips.
"""

from sendcase.audit.subject_access.export import (
    can_export_subject_access,
    require_subject_access,
    subject_access_contents,
    subject_access_export,
    subject_access_filename,
)

__all__ = [
    "can_export_subject_access",
    "require_subject_access",
    "subject_access_contents",
    "subject_access_export",
    "subject_access_filename",
]
