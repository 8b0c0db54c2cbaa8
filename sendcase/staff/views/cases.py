"""The case page and the forms that record each statutory step from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendcase import access
from sendcase.audit.services import audit_view
from sendcase.cases import selectors, services
from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.people import services as people_services
from sendcase.people.models import Child
from sendcase.staff import forms
from sendcase.staff.views.base import apply_service_error, staff_view


@staff_view
def child_detail(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    # A partner's access event says which relationship let them in (sendcase/access/relationships.py).
    why = "" if request.user.is_send_team else f" ({access.relationship_of(request.user, child)})"  # type: ignore[union-attr, arg-type]
    audit_view(actor=request.user, child=child, what=f"Case page viewed{why}")  # type: ignore[arg-type]
    page = selectors.case_page(viewer=request.user, child=child, today=today())  # type: ignore[arg-type]
    return render(
        request,
        "staff/child.html",
        {
            "page": page,
            "child": child,
            "today": today(),
            "can_edit": request.user.can_do_casework and request.user.local_authority_id == child.local_authority_id,  # type: ignore[union-attr]
        },
    )


@dataclass(frozen=True)
class StepForm:
    """One recordable step: its page title, its form, and the one service it calls."""

    title: str
    form: type[Any]
    save: Callable[..., Any]
    versioned: bool = True
    needs_la: bool = False
    success: str = "Saved"


def _version(data: dict[str, Any]) -> int | None:
    return data.get("version")


STEPS: dict[str, StepForm] = {
    "decision": StepForm(
        "Record the decision whether to assess",
        forms.AssessDecisionForm,
        lambda user, req, d, **_: services.assess_decision_record(
            actor=user, request=req, decision=d["decision"], decided_on=d["decided_on"], expected_version=_version(d)
        ),
        success="Decision whether to assess recorded",
    ),
    "advice": StepForm(
        "Request advice",
        forms.AdviceRequestForm,
        lambda user, req, d, **_: services.advice_request_add(
            actor=user,
            request=req,
            contributor=d["contributor"],
            requested_on=d["requested_on"],
            organisation=d.get("organisation"),
            assigned_to=d.get("assigned_to"),
        ),
        versioned=False,
        needs_la=True,
        success="Advice requested",
    ),
    "issue": StepForm(
        "Record the decision whether to issue a plan",
        forms.IssueDecisionForm,
        lambda user, req, d, **_: services.issue_decision_record(
            actor=user, request=req, decision=d["decision"], decided_on=d["decided_on"], expected_version=_version(d)
        ),
        success="Decision whether to issue a plan recorded",
    ),
    "draft": StepForm(
        "Record that the draft plan was served",
        forms.DraftServedForm,
        lambda user, req, d, **_: services.draft_plan_serve(
            actor=user, request=req, served_on=d["served_on"], expected_version=_version(d)
        ),
        success="Draft plan recorded as served",
    ),
    "response": StepForm(
        "Record the family's response to the draft plan",
        forms.FamilyResponseForm,
        lambda user, req, d, **_: services.family_response_record(
            actor=user,
            request=req,
            responded_on=d["responded_on"],
            requested_setting=d.get("requested_setting"),
            notes=d.get("notes", ""),
            expected_version=_version(d),
        ),
        needs_la=True,
        success="Family's response recorded",
    ),
    "consult": StepForm(
        "Consult a school or setting",
        forms.ConsultationForm,
        lambda user, req, d, **_: services.consultation_add(
            actor=user, request=req, setting=d.get("setting"), sent_on=d["sent_on"]
        ),
        versioned=False,
        needs_la=True,
        success="Consultation recorded",
    ),
    "final": StepForm(
        "Issue the final plan",
        forms.FinalPlanForm,
        lambda user, req, d, **_: services.final_plan_issue(
            actor=user,
            request=req,
            issued_on=d["issued_on"],
            named_setting=d.get("named_setting"),
            sen_setting=d.get("sen_setting", ""),
            expected_version=_version(d),
        ),
        needs_la=True,
        success="Final plan issued",
    ),
    "exception": StepForm(
        "Record an exception to the time limits",
        forms.ExceptionForm,
        lambda user, req, d, **_: services.exception_add(
            actor=user,
            request=req,
            kind=d["kind"],
            start_on=d["start_on"],
            end_on=d.get("end_on"),
            note=d.get("note", ""),
        ),
        versioned=False,
        success="Exception recorded",
    ),
    "withdraw": StepForm(
        "Withdraw the request",
        forms.WithdrawForm,
        lambda user, req, d, **_: services.request_withdraw(
            actor=user,
            request=req,
            withdrawn_on=d["withdrawn_on"],
            reason=d.get("reason", ""),
            expected_version=_version(d),
        ),
        success="Request withdrawn",
    ),
    "transfer-out": StepForm(
        "Record that the child moved to another council",
        forms.TransferOutForm,
        lambda user, req, d, **_: services.request_transfer_out(
            actor=user,
            request=req,
            moved_on=d["moved_on"],
            to_la=(d.get("to_la") or "").strip(),
            expected_version=_version(d),
        ),
        success="Move to another council recorded",
    ),
}


def _form_kwargs(step: StepForm, child: Child) -> dict[str, Any]:
    if step.form is forms.ExceptionForm:
        return {"for_advice": False}
    return {"la_id": child.local_authority_id} if step.needs_la else {}


@staff_view
def request_step(request: HttpRequest, child_id: str, request_id: str, step: str) -> HttpResponse:
    spec = STEPS.get(step)
    if spec is None:
        raise Http404("No such step.")
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    case = access.request_get_for_user(request.user, request_id, child=child, for_write=True)  # type: ignore[arg-type]
    initial = {"version": case.version}
    form = spec.form(request.POST or None, initial=initial, **_form_kwargs(spec, child))
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(request.user, case, form.cleaned_data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, spec.success)
            return redirect("staff:child", child_id=child.pk)
    return render(request, "staff/step_form.html", {"form": form, "title": spec.title, "child": child, "case": case})


@staff_view
def advice_step(request: HttpRequest, child_id: str, request_id: str, advice_id: str, step: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    case = access.request_get_for_user(request.user, request_id, child=child)  # type: ignore[arg-type]
    advice = access.advice_get_for_user(request.user, advice_id, request=case, for_write=True)  # type: ignore[arg-type]
    if step == "received":
        form: Any = forms.AdviceReceivedForm(request.POST or None, initial={"version": advice.version})
        title = f"Record that {advice} was received"
    elif step == "exception":
        access.require_casework(request.user, child)  # type: ignore[arg-type]
        form = forms.ExceptionForm(request.POST or None, for_advice=True)
        title = f"Record an exception for {advice}"
    else:
        raise Http404("No such step.")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if step == "received":
                services.advice_received_record(
                    actor=request.user,
                    advice=advice,
                    received_on=d["received_on"],  # type: ignore[arg-type]
                    summary=d.get("summary", ""),
                    expected_version=d.get("version"),
                )
            else:
                services.exception_add(
                    actor=request.user,
                    request=case,
                    advice=advice,
                    kind=d["kind"],  # type: ignore[arg-type]
                    start_on=d["start_on"],
                    end_on=d.get("end_on"),
                    note=d.get("note", ""),
                )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Advice received" if step == "received" else "Exception recorded")
            return redirect("staff:child", child_id=child.pk)
    return render(request, "staff/step_form.html", {"form": form, "title": title, "child": child, "case": case})


@staff_view
def consultation_response(request: HttpRequest, child_id: str, request_id: str, consultation_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    case = access.request_get_for_user(request.user, request_id, child=child, for_write=True)  # type: ignore[arg-type]
    consultation = access.consultation_get_for_user(request.user, consultation_id, request=case, for_write=True)  # type: ignore[arg-type]
    form = forms.ConsultationResponseForm(request.POST or None, initial={"version": consultation.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.consultation_response_record(
                actor=request.user,
                consultation=consultation,
                responded_on=d["responded_on"],  # type: ignore[arg-type]
                response=d["response"],
                notes=d.get("notes", ""),
                expected_version=d.get("version"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"{consultation.setting}'s answer recorded")
            return redirect("staff:child", child_id=child.pk)
    return render(
        request,
        "staff/step_form.html",
        {"form": form, "title": f"Record {consultation.setting}'s answer", "child": child, "case": case},
    )


@staff_view
def request_new(request: HttpRequest, child_id: str | None = None) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True) if child_id else None  # type: ignore[arg-type]
    initial = {"child_reference": child.reference} if child else {}
    form = forms.RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        target = child or access.child_find_by_reference(request.user, d.get("child_reference", ""))  # type: ignore[arg-type]
        try:
            if target is None and not d.get("child_reference"):
                raise ServiceError(
                    "There is a problem",
                    field_errors={"child_reference": "Enter the child's UPN or SENDcase reference"},
                )
            case = services.request_create(
                actor=request.user,
                child=target,
                received_on=d["received_on"],
                source=d["source"],  # type: ignore[arg-type]
                kind=d["kind"],
                notes=d.get("notes", ""),
            )
        except ServiceError as error:
            if "child" in error.field_errors:
                error.field_errors["child_reference"] = error.field_errors.pop("child")
            apply_service_error(form, error)
        else:
            messages.success(request, "Request recorded. The decision whether to assess is due by the date shown.")
            return redirect("staff:child", child_id=case.child_id)
    return render(request, "staff/request_new.html", {"form": form, "child": child})


@staff_view
def child_new(request: HttpRequest) -> HttpResponse:
    form = forms.ChildForm(request.POST or None, la_id=request.user.local_authority_id)  # type: ignore[union-attr]
    if request.method == "POST" and form.is_valid():
        try:
            child = people_services.child_create(actor=request.user, data=form.cleaned_data)  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"{child.full_name} added. Their SENDcase reference is {child.reference}")
            return redirect("staff:child", child_id=child.pk)
    return render(request, "staff/child_form.html", {"form": form, "title": "Add a child or young person"})


@staff_view
def child_edit(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    initial = {name: getattr(child, name) for name in people_services.CHILD_FIELDS} | {"version": child.version}
    form = forms.ChildForm(request.POST or None, initial=initial, la_id=child.local_authority_id)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.child_update(
                actor=request.user,
                child=child,
                data=form.cleaned_data,  # type: ignore[arg-type]
                expected_version=form.cleaned_data.get("version"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Details saved")
            return redirect("staff:child", child_id=child.pk)
    return render(
        request, "staff/child_form.html", {"form": form, "title": f"Change {child.full_name}'s details", "child": child}
    )


@staff_view
def family_new(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    form = forms.FamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.family_member_add(actor=request.user, child=child, **form.cleaned_data)  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Family member added")
            return redirect("staff:child", child_id=child.pk)
    return render(
        request,
        "staff/child_form.html",
        {"form": form, "title": f"Add a parent or carer for {child.full_name}", "child": child},
    )


@staff_view
def reassign(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    form = forms.ReassignForm(request.POST or None, initial={"version": child.version}, la_id=child.local_authority_id)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.key_worker_assign(
                actor=request.user,
                child=child,
                officer=d.get("officer"),
                reason=d.get("reason", ""),  # type: ignore[arg-type]
                expected_version=d.get("version"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"{d['officer']} is now {child.full_name}'s key worker")
            return redirect("staff:child", child_id=child.pk)
    return render(
        request,
        "staff/step_form.html",
        {"form": form, "title": f"Change {child.full_name}'s key worker", "child": child},
    )


@staff_view
def transfer_in(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    form = forms.TransferInForm(request.POST or None, la_id=child.local_authority_id)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.transfer_in_record(
                actor=request.user,  # type: ignore[arg-type]
                child=child,
                from_la=(d.get("from_la") or "").strip(),
                plan_issued_on=d["plan_issued_on"],
                transferred_on=d["transferred_on"],
                named_setting=d.get("named_setting"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Plan transferred in. Its next annual review date is on the caseload")
            return redirect("staff:child", child_id=child.pk)
    return render(
        request,
        "staff/step_form.html",
        {"form": form, "title": f"Record {child.full_name}'s plan transferred from another council", "child": child},
    )


@staff_view
def contact_new(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        occurred_on: dt.date = d["occurred_on"]
        now = timezone.localtime()
        occurred_at = (
            now if occurred_on == now.date() else timezone.make_aware(dt.datetime.combine(occurred_on, dt.time(12)))
        )
        try:
            services.contact_log_add(
                actor=request.user,
                child=child,
                occurred_at=occurred_at,
                kind=d["kind"],  # type: ignore[arg-type]
                direction=d["direction"],
                with_whom=d.get("with_whom", ""),
                summary=d.get("summary", ""),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Contact logged")
            return redirect(reverse("staff:child", kwargs={"child_id": child.pk}) + "#contacts")
    return render(
        request,
        "staff/step_form.html",
        {"form": form, "title": f"Log a contact about {child.full_name}", "child": child},
    )
