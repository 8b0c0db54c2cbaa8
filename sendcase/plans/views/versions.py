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
from sendcase.plans import amending, forms, selectors, services
from sendcase.plans.display import section_views
from sendcase.plans.models import VersionKind
from sendcase.plans.owners import PlanOwner
from sendcase.plans.pdf import pdf_filename, plan_version_pdf
from sendcase.plans.sections import section_get
from sendcase.plans.views.common import can_edit, owner_for
from sendcase.staff.views.base import apply_service_error, staff_view
from sendcase.timescales import format_date


def _ids(plan_id: str | None, request_id: str | None) -> dict[str, Any]:
    return {"plan_id": plan_id, "request_id": request_id}


@staff_view
def version_list(
    request: HttpRequest, child_id: str, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    child, owner = owner_for(request, child_id, **_ids(plan_id, request_id), viewed="EHC plan versions listed")
    versions = selectors.versions_of(owner)
    return render(
        request,
        "plans/versions.html",
        {
            "child": child,
            "owner": owner,
            "plan": owner.plan,
            "versions": versions,
            "can_edit": can_edit(request, child, owner),
        },
    )


def _section_links(owner: PlanOwner, field_errors: dict[str, str]) -> list[tuple[str, str]]:
    """(link to the section's edit page, message) for each problem that stops a version being issued."""
    items = []
    for key, message in field_errors.items():
        code = key.split(".")[0]
        if section_get(code) is None:
            items.append(("", message))
        else:
            url = reverse(owner.url_name("section-edit"), kwargs={**owner.url_kwargs, "section": code})
            items.append((url, message))
    return items


def _kinds(owner: PlanOwner, has_final: bool, order_step: Any) -> list[tuple[str, str]]:
    if owner.is_request:
        return [(VersionKind.DRAFT, "Draft plan, sent to the family for their views (reg 13(1))")]
    amended = "Amended plan"
    if order_step is not None:
        amended = f"Amended plan, as the Tribunal ordered on {format_date(order_step.order.made_on)} (reg 44)"
    kinds = [] if has_final else [(VersionKind.ISSUED, "Issued: the first final plan")]
    return [
        *kinds,
        (VersionKind.AMENDED, amended),
        (VersionKind.DRAFT, "Draft for consultation, or proposed amendments"),
    ]


@staff_view
def version_issue(
    request: HttpRequest, child_id: str, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    child, owner = owner_for(request, child_id, **_ids(plan_id, request_id), for_write=True)
    draft = selectors.draft_content(owner)
    has_final = any(v.kind != VersionKind.DRAFT for v in selectors.versions_of(owner))
    plan = owner.plan
    # An amended plan comes from the annual review (reg 22) or a Tribunal order (reg 44): sendcase/plans/amending.py.
    order_step = amending.outstanding_order_step(plan) if plan is not None else None
    review = amending.open_review(plan) if plan is not None else None
    initial = {
        "version": draft.version,
        "kind": (VersionKind.AMENDED if order_step else VersionKind.DRAFT) if has_final else VersionKind.ISSUED,
        "issued_on": today(),
    }
    if owner.is_request:
        initial["kind"] = VersionKind.DRAFT
    form = forms.IssueVersionForm(request.POST or None, initial=initial, kinds=_kinds(owner, has_final, order_step))
    content_errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        amended = d["kind"] == VersionKind.AMENDED
        try:
            version = services.plan_version_issue(
                actor=request.user,  # type: ignore[arg-type]
                **owner.key,
                kind=d["kind"],
                issued_on=d["issued_on"],
                expected_version=d.get("version"),
                order_step=order_step if amended else None,
                # These pages never record an amended plan on the review: the review's own page does.
                through_review=False,
            )
        except ServiceError as error:
            own = {k: v for k, v in error.field_errors.items() if k in form.fields}
            content_errors = _section_links(owner, {k: v for k, v in error.field_errors.items() if k not in own})
            apply_service_error(form, ServiceError(error.message, field_errors=own))
            if content_errors and not own and not form.non_field_errors():
                form.add_error(None, "The plan cannot be issued until these problems are put right")
        else:
            done = f"Version {version.number} ({version.get_kind_display().lower()}) issued"
            if amended and order_step is not None:
                done += f', and the Tribunal order\'s step "{order_step.get_step_display()}" recorded as done'
            messages.success(request, done)
            return redirect(owner.url_name("version"), **owner.url_kwargs, number=version.number)
    return render(
        request,
        "plans/issue.html",
        {
            "child": child,
            "owner": owner,
            "plan": plan,
            "form": form,
            "content_errors": content_errors,
            "draft": draft,
            "review": review,
            "order_step": order_step,
        },
    )


@staff_view
def version_detail(
    request: HttpRequest, child_id: str, number: int, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    child, owner = owner_for(request, child_id, **_ids(plan_id, request_id))
    version = selectors.version_get(owner, number)
    what = f"{'Draft ' if owner.is_request else ''}EHC plan version {number} viewed"
    audit_view(actor=request.user, child=child, what=what)  # type: ignore[arg-type]
    return render(
        request,
        "plans/version.html",
        {
            "child": child,
            "owner": owner,
            "plan": owner.plan,
            "version": version,
            "sections": section_views(version.content),
            "progress": selectors.progress_by_outcome(owner),
            "previous": _default_from(selectors.versions_of(owner), number),
        },
    )


@staff_view
def version_pdf(
    request: HttpRequest, child_id: str, number: int, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    child, owner = owner_for(request, child_id, **_ids(plan_id, request_id))
    version = selectors.version_get(owner, number)
    pdf = plan_version_pdf(version, owner=owner)
    audit_view(
        actor=request.user,  # type: ignore[arg-type]
        child=child,
        what=f"{'Draft ' if owner.is_request else ''}EHC plan version {number} downloaded as PDF",
        action=Action.EXPORT,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(version, owner=owner)}"'
    return response


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 6 else None


@staff_view
def compare(
    request: HttpRequest, child_id: str, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    child, owner = owner_for(request, child_id, **_ids(plan_id, request_id))
    versions = selectors.versions_of(owner)
    numbers = [v.number for v in versions]
    newest = numbers[-1] if numbers else None
    number_to = _number(request.GET.get("to")) or newest
    number_from = _number(request.GET.get("from")) or _default_from(versions, number_to)
    context: dict[str, Any] = {
        "child": child,
        "owner": owner,
        "plan": owner.plan,
        "versions": versions,
        "sections": None,
    }
    if number_from and number_to:
        older, newer, sections = selectors.compare_versions(owner, number_from, number_to)
        audit_view(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            what=f"EHC plan versions {number_from} and {number_to} compared",
        )
        context.update(older=older, newer=newer, sections=sections)
    else:
        audit_view(actor=request.user, child=child, what="EHC plan versions compared")  # type: ignore[arg-type]
    return render(request, "plans/compare.html", context)


def _default_from(versions: list[Any], number_to: int | None) -> int | None:
    """Without a "from": the plan in force before `number_to` (so an amended plan is compared with
    the plan it amends, not with the proposals in between), else the version just before it."""
    if not number_to or number_to < 2:
        return None
    before = selectors.final_before(versions, number_to)
    return before.number if before is not None else number_to - 1
