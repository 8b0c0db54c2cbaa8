"""Versions of a plan: the list, issuing the next one, reading one, comparing two, and the PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase.audit.models import Action
from sendcase.audit.services import audit_view
from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.plans import forms, selectors, services
from sendcase.plans.display import section_views
from sendcase.plans.models import VersionKind
from sendcase.plans.pdf import pdf_filename, plan_version_pdf
from sendcase.plans.sections import section_get
from sendcase.plans.views.common import can_edit, plan_for
from sendcase.staff.views.base import apply_service_error, staff_view


@staff_view
def version_list(request: HttpRequest, child_id: str, plan_id: str) -> HttpResponse:
    child, plan = plan_for(request, child_id, plan_id, viewed="EHC plan versions listed")
    versions = selectors.versions_of(plan)
    return render(
        request,
        "plans/versions.html",
        {"child": child, "plan": plan, "versions": versions, "can_edit": can_edit(request, child)},
    )


def _section_links(child: Any, plan: Any, field_errors: dict[str, str]) -> list[tuple[str, str]]:
    """(link to the section's edit page, message) for each problem that stops a version being issued."""
    items = []
    for key, message in field_errors.items():
        code = key.split(".")[0]
        if section_get(code) is None:
            items.append(("", message))
        else:
            url = reverse("plans:section-edit", kwargs={"child_id": child.pk, "plan_id": plan.pk, "section": code})
            items.append((url, message))
    return items


@staff_view
def version_issue(request: HttpRequest, child_id: str, plan_id: str) -> HttpResponse:
    child, plan = plan_for(request, child_id, plan_id, for_write=True)
    draft = selectors.draft_content(plan)
    has_final = any(v.kind != VersionKind.DRAFT for v in selectors.versions_of(plan))
    initial = {
        "version": draft.version,
        "kind": VersionKind.AMENDED if has_final else VersionKind.ISSUED,
        "issued_on": today(),
    }
    form = forms.IssueVersionForm(request.POST or None, initial=initial)
    content_errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            version = services.plan_version_issue(
                actor=request.user,  # type: ignore[arg-type]
                plan=plan,
                kind=d["kind"],
                issued_on=d["issued_on"],
                expected_version=d.get("version"),
            )
        except ServiceError as error:
            own = {k: v for k, v in error.field_errors.items() if k in form.fields}
            content_errors = _section_links(child, plan, {k: v for k, v in error.field_errors.items() if k not in own})
            apply_service_error(form, ServiceError(error.message, field_errors=own))
            if content_errors and not own and not form.non_field_errors():
                form.add_error(None, "The plan cannot be issued until these problems are put right")
        else:
            messages.success(request, f"Version {version.number} ({version.get_kind_display().lower()}) issued")
            return redirect("plans:version", child_id=child.pk, plan_id=plan.pk, number=version.number)
    return render(
        request,
        "plans/issue.html",
        {"child": child, "plan": plan, "form": form, "content_errors": content_errors, "draft": draft},
    )


@staff_view
def version_detail(request: HttpRequest, child_id: str, plan_id: str, number: int) -> HttpResponse:
    child, plan = plan_for(request, child_id, plan_id)
    version = selectors.version_get(plan, number)
    audit_view(actor=request.user, child=child, what=f"EHC plan version {number} viewed")  # type: ignore[arg-type]
    return render(
        request,
        "plans/version.html",
        {
            "child": child,
            "plan": plan,
            "version": version,
            "sections": section_views(version.content),
            "progress": selectors.progress_by_outcome(plan),
            "previous": number - 1 if number > 1 else None,
        },
    )


@staff_view
def version_pdf(request: HttpRequest, child_id: str, plan_id: str, number: int) -> HttpResponse:
    child, plan = plan_for(request, child_id, plan_id)
    version = selectors.version_get(plan, number)
    version.plan = plan  # the plan already fetched, with its child and council, for the header
    pdf = plan_version_pdf(version)
    audit_view(
        actor=request.user,  # type: ignore[arg-type]
        child=child,
        what=f"EHC plan version {number} downloaded as PDF",
        action=Action.EXPORT,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(version)}"'
    return response


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 6 else None


@staff_view
def compare(request: HttpRequest, child_id: str, plan_id: str) -> HttpResponse:
    child, plan = plan_for(request, child_id, plan_id)
    versions = selectors.versions_of(plan)
    numbers = [v.number for v in versions]
    newest = numbers[-1] if numbers else None
    number_to = _number(request.GET.get("to")) or newest
    number_from = _number(request.GET.get("from")) or (number_to - 1 if number_to and number_to > 1 else None)
    context: dict[str, Any] = {"child": child, "plan": plan, "versions": versions, "sections": None}
    if number_from and number_to:
        older, newer, sections = selectors.compare_versions(plan, number_from, number_to)
        audit_view(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            what=f"EHC plan versions {number_from} and {number_to} compared",
        )
        context.update(older=older, newer=newer, sections=sections)
    else:
        audit_view(actor=request.user, child=child, what="EHC plan versions compared")  # type: ignore[arg-type]
    return render(request, "plans/compare.html", context)
