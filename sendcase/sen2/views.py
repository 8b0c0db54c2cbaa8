"""The SEN2 pages: the return's header answers and download, and the live list of issues to fix."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase import access
from sendcase.accounts.models import Role
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.sen2.collection import collection_for, current_year
from sendcase.sen2.export import return_settings, return_settings_save, sen2_export
from sendcase.sen2.forms import HeaderForm, IssuesFilterForm, YearForm
from sendcase.sen2.live import sen2_live_issues
from sendcase.sen2.rules import RULES
from sendcase.staff.views.base import apply_service_error, send_team_view

PAGE_SIZE = 50
# Who prepares the return, and who fixes what it finds.
EXPORT_ROLES = frozenset({Role.ANALYST, Role.TEAM_MANAGER, Role.ADMINISTRATOR})
ISSUE_ROLES = frozenset({Role.ANALYST, Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.CASE_OFFICER})


def _require(request: HttpRequest, roles: frozenset[str]) -> Any:
    user = request.user
    if user.role not in roles:  # type: ignore[union-attr]
        raise PermissionDenied("This page is for the council's analysts and managers.")
    return user


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET or None)
    return form.cleaned_data["year"] if form.is_valid() else current_year(today())


@send_team_view
def sen2_home(request: HttpRequest) -> HttpResponse:
    """Record the header answers for a year's return, and download the return."""
    user = _require(request, EXPORT_ROLES)
    la = user.local_authority
    year = _year(request)
    current = return_settings(la, year)
    if request.method == "POST":
        form = HeaderForm(request.POST)
        if form.is_valid():
            try:
                return_settings_save(actor=user, la=la, year=year, **form.cleaned_data)
            except ValidationFailed as error:
                apply_service_error(form, error)
            else:
                messages.success(request, f"Header answers for the {year} return saved")
                return redirect(f"{reverse('sen2:home')}?year={year}")
    else:
        initial = {"dmo": current.dmo, "dco": current.dco, "dsco": current.dsco} if current else {}
        form = HeaderForm(initial=initial)
    return render(
        request,
        "sen2/home.html",
        {
            "form": form,
            "year_form": YearForm(initial={"year": year}),
            "year": year,
            "collection": collection_for(year),
            "ready": current is not None,
        },
    )


@send_team_view
def sen2_download(request: HttpRequest) -> HttpResponse:
    """The return as an XML file, streamed as it is written (audited as an export)."""
    user = _require(request, EXPORT_ROLES)
    year = _year(request)
    try:
        chunks = sen2_export(actor=user, la=user.local_authority, year=year, children=access.children_visible_to(user))
    except ValidationFailed as error:
        messages.error(request, error.message)
        return redirect(f"{reverse('sen2:home')}?year={year}")
    response = StreamingHttpResponse(chunks, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sen2-{year}-{user.local_authority.code}.xml"'
    return response


@send_team_view
def sen2_issues(request: HttpRequest) -> HttpResponse:
    """Everything in the council's return, as it stands today, that breaks a SEN2 rule."""
    user = _require(request, ISSUE_ROLES)
    year = _year(request)
    report, persons = sen2_live_issues(la=user.local_authority, year=year, children=access.children_visible_to(user))
    form = IssuesFilterForm(request.GET or None, initial={"year": year}, counts=report.counts)
    rule = form.cleaned_data.get("rule", "") if form.is_valid() else ""
    problems = [p for p in report.problems if not rule or p.rule == rule]
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "sen2/issues.html",
        {
            "form": form,
            "year": year,
            "report": report,
            "persons": persons,
            "page": page,
            "rules": RULES,
            "rule": RULES.get(rule),
            "query": query.urlencode(),
        },
    )
