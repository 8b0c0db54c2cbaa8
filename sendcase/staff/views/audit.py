"""The information-governance page: who changed or looked at what, and when."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendcase import access
from sendcase.audit.selectors import audit_events_visible_to, can_search_audit
from sendcase.audit.services import audit_view
from sendcase.staff.forms import AuditSearchForm
from sendcase.staff.views.base import send_team_view

PAGE_SIZE = 50


@send_team_view
def audit_search(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can_search_audit(user):  # type: ignore[arg-type]
        raise PermissionDenied("The audit trail is for administrators and managers.")
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    child = None
    reference = (filters.get("child") or "").strip()
    if reference:
        child = access.child_find_by_reference(user, reference)  # type: ignore[arg-type]
        if child is None:
            form.add_error("child", "No child with that UPN or SENDcase reference is on your records")
        else:
            # Reading who saw a child's record is itself a view of that record.
            audit_view(actor=user, child=child, what="Audit trail searched for this child")  # type: ignore[arg-type]
    events = audit_events_visible_to(
        user,  # type: ignore[arg-type]
        child=child,
        actor_email=filters.get("actor") or "",
        action=filters.get("action") or "",
        since=filters.get("since"),
        until=filters.get("until"),
    )
    if reference and child is None:
        events = events.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "staff/audit.html", {"form": form, "page": page, "query": query.urlencode()})
