"""My caseload, the team overview and finding a child."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendcase import timescales
from sendcase.accounts.models import Role
from sendcase.cases import advice_selectors, selectors
from sendcase.core.clock import today
from sendcase.staff.forms import CaseloadFilterForm
from sendcase.staff.views.base import send_team_view, staff_view

PAGE_SIZE = 50


@staff_view
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_send_team:  # type: ignore[union-attr]
        return redirect("staff:caseload")
    if request.user.role in (Role.EDUCATIONAL_PSYCHOLOGIST, Role.PROFESSIONAL):  # type: ignore[union-attr]
        # Partners land on the children they work with, each with the relationship that allows it.
        return redirect("teams:children")
    raise PermissionDenied("Your account has no pages yet. Ask your SENDcase administrator.")


@send_team_view
def caseload(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = CaseloadFilterForm(request.GET or None, la_id=user.local_authority_id)  # type: ignore[union-attr]
    filters = form.cleaned_data if form.is_valid() else {}
    officer = filters.get("officer") or user
    rows = selectors.caseload(
        viewer=user,
        officer=officer,
        stage=filters.get("stage", ""),  # type: ignore[arg-type]
        locality=getattr(filters.get("locality"), "pk", None),
    )
    now = today()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    week = now + dt.timedelta(days=7)
    items = [
        {
            "child": child,
            "step": selectors.step_label(child.next_due_step),
            "overdue": child.next_due_on is not None and child.next_due_on < now,
            "due_soon": child.next_due_on is not None and now <= child.next_due_on <= week,
            "days": abs((child.next_due_on - now).days) if child.next_due_on else None,
        }
        for child in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/caseload.html",
        {
            "form": form,
            "officer": officer,
            "is_me": officer == user,
            "items": items,
            "page": page,
            "counts": selectors.caseload_counts(rows, today=now),
            "today": now,
            "query": query.urlencode(),
        },
    )


@send_team_view
def team(request: HttpRequest) -> HttpResponse:
    if request.user.role not in (Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST):  # type: ignore[union-attr]
        raise PermissionDenied("The team overview is for managers and analysts.")
    form = CaseloadFilterForm(request.GET or None, la_id=request.user.local_authority_id)  # type: ignore[union-attr]
    locality = form.cleaned_data.get("locality") if form.is_valid() else None
    now = today()
    overview = selectors.team_overview(viewer=request.user, today=now, locality=getattr(locality, "pk", None))  # type: ignore[arg-type]
    # Advice asked for in the last 12 months, per agency (reg 8(1)): sendcase/cases/advice_selectors.py.
    advice_timeliness = advice_selectors.advice_timeliness_by_organisation(
        request.user.local_authority,  # type: ignore[union-attr]
        timescales.add_months(now, -12),
        now,
        locality=getattr(locality, "pk", None),
        today=now,
    )
    return render(
        request,
        "staff/team.html",
        {
            "form": form,
            "overview": overview,
            "today": now,
            "overdue": list(overview.overdue[:100]),
            "overdue_count": overview.overdue.count(),
            "advice_timeliness": advice_timeliness,
        },
    )


@staff_view
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = list(selectors.children_search(viewer=request.user, query=query)[:100]) if query else []  # type: ignore[arg-type]
    return render(request, "staff/search.html", {"query": query, "results": results})
