"""The outbox page: every message SENDcase sent or kept, for the council's SEND administrators."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendcase.accounts.models import Role
from sendcase.notifications.selectors import outbox_for
from sendcase.staff.views.base import staff_view

PAGE_SIZE = 50


@staff_view
def outbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.role != Role.ADMINISTRATOR or not user.local_authority_id:  # type: ignore[union-attr]
        raise PermissionDenied("The outbox is for the council's SEND administrators.")
    page = Paginator(outbox_for(user), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return render(request, "notifications/outbox.html", {"page": page})
