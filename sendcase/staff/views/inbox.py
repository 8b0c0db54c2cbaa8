"""The contributor's advice inbox: requests for advice, answering them, and the documents sent."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendcase import access
from sendcase.access.advice import advice_contributor_may_write, is_advice_contributor
from sendcase.audit.models import Action
from sendcase.audit.services import audit_view
from sendcase.cases import advice_selectors, services
from sendcase.cases.services.advice_documents import upload_path
from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.staff.advice_forms import AdviceAssignForm, AdviceDelayForm, AdviceSubmitForm
from sendcase.staff.views.base import apply_service_error, staff_view


def contributor_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages for professionals, educational psychologists and organisation administrators."""

    @staff_view
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_advice_contributor(request.user):  # type: ignore[arg-type]
            raise PermissionDenied("The advice inbox is for professionals asked for advice.")
        return view(request, *args, **kwargs)

    return wrapper


@contributor_view
def advice_inbox(request: HttpRequest) -> HttpResponse:
    inbox = advice_selectors.advice_inbox(viewer=request.user, today=today())  # type: ignore[arg-type]
    return render(
        request,
        "staff/inbox.html",
        {"inbox": inbox, "is_admin": request.user.is_organisation_admin},  # type: ignore[union-attr]
    )


@contributor_view
def advice_detail(request: HttpRequest, advice_id: str) -> HttpResponse:
    user: Any = request.user
    advice = access.advice_get_for_contributor(user, advice_id)
    child = advice.request.child
    can_answer = advice.received_on is None and advice.request.is_open and advice_contributor_may_write(user, advice)
    form = None
    if can_answer:
        form = AdviceSubmitForm(request.POST or None, request.FILES or None, initial={"version": advice.version})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.advice_submit(
                    actor=user,
                    advice=advice,
                    needs=d["needs"],
                    outcomes_recommended=d["outcomes_recommended"],
                    provision_recommended=d["provision_recommended"],
                    health_or_care_notes=d["health_or_care_notes"],
                    further_information=d["further_information"],
                    documents=d["documents"],
                    expected_version=d.get("version"),
                )
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, f"Your advice for {child.reference} has been sent to the SEND team")
                return redirect("staff:advice-inbox")
    audit_view(actor=user, child=child, what=f"Request for {advice.get_contributor_display().lower()} advice viewed")
    return render(
        request,
        "staff/inbox_detail.html",
        {
            "advice": advice,
            "child": child,
            "status": advice_selectors.advice_status(advice, today=today()),
            "exceptions": list(advice.exceptions.all()),
            "documents": list(advice.documents.all()),
            "form": form,
            "can_assign": user.is_organisation_admin and advice.assigned_to_id is None and can_answer,
            "can_delay": can_answer,
        },
    )


@contributor_view
def advice_assign(request: HttpRequest, advice_id: str) -> HttpResponse:
    user: Any = request.user
    advice = access.advice_get_for_contributor(user, advice_id, for_write=True)
    if not user.is_organisation_admin or advice.assigned_to_id is not None:
        raise PermissionDenied("Only an administrator of the organisation can assign its requests.")
    form = AdviceAssignForm(
        request.POST or None, initial={"version": advice.version}, organisation_id=user.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.advice_assign(
                actor=user, advice=advice, assignee=d.get("assignee"), expected_version=d.get("version")
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"{advice.request.child.reference} assigned to {d['assignee']}")
            return redirect("staff:advice-inbox")
    return render(
        request,
        "staff/inbox_form.html",
        {"form": form, "advice": advice, "title": "Assign this request for advice", "button": "Assign"},
    )


@contributor_view
def advice_delay(request: HttpRequest, advice_id: str) -> HttpResponse:
    user: Any = request.user
    advice = access.advice_get_for_contributor(user, advice_id, for_write=True)
    form = AdviceDelayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.advice_exception_record(
                actor=user,
                advice=advice,
                kind=d["kind"],
                start_on=d["start_on"],
                end_on=d.get("end_on"),
                note=d.get("note", ""),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The reason for the delay has been recorded")
            return redirect("staff:advice-detail", advice_id=advice.pk)
    return render(
        request,
        "staff/inbox_form.html",
        {"form": form, "advice": advice, "title": "Record why the advice is delayed", "button": "Save"},
    )


@staff_view
def advice_document(request: HttpRequest, advice_id: str, document_id: str) -> HttpResponse:
    """Download a document sent with advice: whoever may read the advice, and the download is audited."""
    user: Any = request.user
    advice = access.advice_get_for_reader(user, advice_id)
    document = advice.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404("No document with that reference.")
    path = upload_path(document.stored_name)
    if not path.is_file():
        raise Http404("This document is missing from the store. Tell your SENDcase administrator.")
    audit_view(
        actor=user,
        child=advice.request.child,
        what=f"Advice document downloaded: {document.original_name}",
        action=Action.EXPORT,
    )
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
