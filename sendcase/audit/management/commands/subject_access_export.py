"""`sendcase subject_access_export`: write a child's subject access export to a file.

For an information-governance officer working from the server. The same rule as the staff page
applies: the actor must be a SEND team manager or administrator of the child's council, and the
export is recorded in the audit trail as theirs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from sendcase import access
from sendcase.accounts.models import User
from sendcase.audit.subject_access import require_subject_access, subject_access_export, subject_access_filename
from sendcase.core.clock import today


class Command(BaseCommand):
    help = "Export everything SENDcase holds about one child as a zip of JSON files, a PDF summary and documents."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--child", required=True, help="the child's SENDcase reference or UPN")
        parser.add_argument("--actor", required=True, help="email of the manager or administrator exporting it")
        parser.add_argument(
            "--output", required=True, help="the zip file to write, or a folder to write it into under its usual name"
        )

    def handle(self, *args: Any, child: str, actor: str, output: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=actor.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account has the email address {actor}.")
        found = access.child_find_by_reference(user, child)
        if found is None:
            raise CommandError(f"No child with the reference {child} is on {user.email}'s records.")
        try:
            record = access.child_get_for_user(user, found.pk)
            require_subject_access(user, record)
        except (Http404, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        path = Path(output)
        if path.is_dir():
            path = path / subject_access_filename(record, today())
        if path.exists():
            raise CommandError(f"{path} already exists: choose another name, so no earlier export is overwritten.")
        content = subject_access_export(actor=user, child=record)
        # Readable by this account only: the file holds everything about a child.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes) for {record.reference}; the export is audited.")
