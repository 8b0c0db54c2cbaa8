"""The subject access export page: what an export of a child's record holds, and the download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from sendcase import access
from sendcase.audit.services import audit_view
from sendcase.audit.subject_access import (
    require_subject_access,
    subject_access_contents,
    subject_access_export,
    subject_access_filename,
)
from sendcase.core.clock import today
from sendcase.staff.views.base import send_team_view


@send_team_view
@require_http_methods(["GET", "POST"])
def subject_access(request: HttpRequest, child_id: str) -> HttpResponse:
    user = request.user
    child = access.child_get_for_user(user, child_id)  # type: ignore[arg-type]
    require_subject_access(user, child)  # type: ignore[arg-type]
    if request.method == "POST":
        content = subject_access_export(actor=user, child=child)  # type: ignore[arg-type]
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{subject_access_filename(child, today())}"'
        # Everything about a child: no browser or proxy may keep a copy.
        response["Cache-Control"] = "no-store"
        return response
    audit_view(actor=user, child=child, what="Subject access export page viewed")  # type: ignore[arg-type]
    rows, documents = subject_access_contents(actor=user, child=child)  # type: ignore[arg-type]
    return render(
        request,
        "staff/subject_access.html",
        {"child": child, "rows": rows, "documents": documents, "filename": subject_access_filename(child, today())},
    )
