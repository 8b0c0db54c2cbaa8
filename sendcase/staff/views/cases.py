"""The case page and the forms that record each statutory step from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sendcase import access
from sendcase.audit.services import audit_view
from sendcase.cases import selectors, services
from sendcase.cases.models import AssessmentRequest
from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.people import services as people_services
from sendcase.people.models import Child
from sendcase.plans import selectors as plan_selectors
from sendcase.staff import forms
from sendcase.staff.views.base import staff_view
from sendcase.staff.views.form_page import StepForm, case_page_url, child_form_view, form_page, saved_by


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


STEPS: dict[str, StepForm] = {
    "decision": StepForm(
        "Record the decision whether to assess",
        forms.AssessDecisionForm,
        saved_by(services.assess_decision_record, "request", "decision", "decided_on"),
        success="Decision whether to assess recorded",
    ),
    "advice": StepForm(
        "Request advice",
        forms.AdviceRequestForm,
        saved_by(
            services.advice_request_add,
            "request",
            "contributor",
            "requested_on",
            "organisation",
            "assigned_to",
            versioned=False,
        ),
        needs_la=True,
        success="Advice requested",
    ),
    "issue": StepForm(
        "Record the decision whether to issue a plan",
        forms.IssueDecisionForm,
        saved_by(services.issue_decision_record, "request", "decision", "decided_on"),
        success="Decision whether to issue a plan recorded",
    ),
    "draft": StepForm(
        "Record that the draft plan was served",
        forms.DraftServedForm,
        saved_by(services.draft_plan_serve, "request", "served_on"),
        success="Draft plan recorded as served",
    ),
    "response": StepForm(
        "Record the family's response to the draft plan",
        forms.FamilyResponseForm,
        saved_by(services.family_response_record, "request", "responded_on", "requested_setting", "notes"),
        needs_la=True,
        success="Family's response recorded",
    ),
    "consult": StepForm(
        "Consult a school or setting",
        forms.ConsultationForm,
        saved_by(services.consultation_add, "request", "setting", "sent_on", versioned=False),
        needs_la=True,
        success="Consultation recorded",
    ),
    "final": StepForm(
        "Issue the final plan",
        forms.FinalPlanForm,
        saved_by(services.final_plan_issue, "request", "issued_on", "named_setting", "sen_setting"),
        needs_la=True,
        success="Final plan issued",
    ),
    "exception": StepForm(
        "Record an exception to the time limits",
        forms.ExceptionForm,
        saved_by(services.exception_add, "request", "kind", "start_on", "end_on", "note", versioned=False),
        success="Exception recorded",
        form_kwargs={"for_advice": False},
    ),
    "withdraw": StepForm(
        "Withdraw the request",
        forms.WithdrawForm,
        saved_by(services.request_withdraw, "request", "withdrawn_on", "reason"),
        success="Request withdrawn",
    ),
    "transfer-out": StepForm(
        "Record that the child moved to another council",
        forms.TransferOutForm,
        # A CharField's cleaned value is already stripped, and "" when left blank.
        saved_by(services.request_transfer_out, "request", "moved_on", "to_la"),
        success="Move to another council recorded",
    ),
}


@staff_view
def request_step(request: HttpRequest, child_id: str, request_id: str, step: str) -> HttpResponse:
    spec = STEPS.get(step)
    if spec is None:
        raise Http404("No such step.")
    child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
    case = access.request_get_for_user(request.user, request_id, child=child, for_write=True)  # type: ignore[arg-type]
    return form_page(
        request,
        form=spec.bind(request, child=child, initial={"version": case.version}),
        save=lambda d: spec.save(request.user, case, d),
        success=spec.success,
        back=case_page_url(child),
        template="staff/step_form.html",
        context={"title": spec.title, "child": child, "case": case},
    )


@staff_view
def advice_step(request: HttpRequest, child_id: str, request_id: str, advice_id: str, step: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    case = access.request_get_for_user(request.user, request_id, child=child)  # type: ignore[arg-type]
    advice = access.advice_get_for_user(request.user, advice_id, request=case, for_write=True)  # type: ignore[arg-type]
    if step == "received":
        return form_page(
            request,
            form=forms.AdviceReceivedForm(request.POST or None, initial={"version": advice.version}),
            save=lambda d: services.advice_received_record(
                actor=request.user,  # type: ignore[arg-type]
                advice=advice,
                received_on=d["received_on"],
                summary=d.get("summary", ""),
                expected_version=d.get("version"),
            ),
            success="Advice received",
            back=case_page_url(child),
            template="staff/step_form.html",
            context={"title": f"Record that {advice} was received", "child": child, "case": case},
        )
    if step != "exception":
        raise Http404("No such step.")
    # The person asked for the advice may record it, but only the SEND team records an exception.
    access.require_casework(request.user, child)  # type: ignore[arg-type]
    return form_page(
        request,
        form=forms.ExceptionForm(request.POST or None, for_advice=True),
        save=lambda d: services.exception_add(
            actor=request.user,  # type: ignore[arg-type]
            request=case,
            advice=advice,
            kind=d["kind"],
            start_on=d["start_on"],
            end_on=d.get("end_on"),
            note=d.get("note", ""),
        ),
        success="Exception recorded",
        back=case_page_url(child),
        template="staff/step_form.html",
        context={"title": f"Record an exception for {advice}", "child": child, "case": case},
    )


@child_form_view
def consultation_response(request: HttpRequest, child: Child, request_id: str, consultation_id: str) -> HttpResponse:
    case = access.request_get_for_user(request.user, request_id, child=child, for_write=True)  # type: ignore[arg-type]
    consultation = access.consultation_get_for_user(request.user, consultation_id, request=case, for_write=True)  # type: ignore[arg-type]
    return form_page(
        request,
        form=forms.ConsultationResponseForm(request.POST or None, initial={"version": consultation.version}),
        save=lambda d: services.consultation_response_record(
            actor=request.user,  # type: ignore[arg-type]
            consultation=consultation,
            responded_on=d["responded_on"],
            response=d["response"],
            notes=d.get("notes", ""),
            expected_version=d.get("version"),
        ),
        success=f"{consultation.setting}'s answer recorded",
        back=case_page_url(child),
        template="staff/step_form.html",
        context={"title": f"Record {consultation.setting}'s answer", "child": child, "case": case},
    )


@staff_view
def request_new(request: HttpRequest, child_id: str | None = None) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id, for_write=True) if child_id else None  # type: ignore[arg-type]
    initial = {"child_reference": child.reference} if child else {}

    def save(d: dict[str, Any]) -> AssessmentRequest:
        target = child or access.child_find_by_reference(request.user, d.get("child_reference", ""))  # type: ignore[arg-type]
        try:
            if target is None and not d.get("child_reference"):
                raise ServiceError(
                    "There is a problem",
                    field_errors={"child_reference": "Enter the child's UPN or SENDcase reference"},
                )
            return services.request_create(
                actor=request.user,  # type: ignore[arg-type]
                child=target,  # type: ignore[arg-type]
                received_on=d["received_on"],
                source=d["source"],
                kind=d["kind"],
                notes=d.get("notes", ""),
            )
        except ServiceError as error:
            # The form asks for a reference where the service speaks of the child.
            if "child" in error.field_errors:
                error.field_errors["child_reference"] = error.field_errors.pop("child")
            raise

    return form_page(
        request,
        form=forms.RequestForm(request.POST or None, initial=initial),
        save=save,
        success="Request recorded. The decision whether to assess is due by the date shown.",
        back=lambda case: reverse("staff:child", kwargs={"child_id": case.child_id}),
        template="staff/request_new.html",
        context={"child": child},
    )


@staff_view
def child_new(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        form=forms.ChildForm(request.POST or None, la_id=request.user.local_authority_id),  # type: ignore[union-attr]
        save=lambda d: people_services.child_create(actor=request.user, data=d),  # type: ignore[arg-type]
        success=lambda child: f"{child.full_name} added. Their SENDcase reference is {child.reference}",
        back=case_page_url,
        template="staff/child_form.html",
        context={"title": "Add a child or young person"},
    )


@child_form_view
def child_edit(request: HttpRequest, child: Child) -> HttpResponse:
    initial = {name: getattr(child, name) for name in people_services.CHILD_FIELDS} | {"version": child.version}
    return form_page(
        request,
        form=forms.ChildForm(request.POST or None, initial=initial, la_id=child.local_authority_id),
        save=lambda d: people_services.child_update(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            data=d,
            expected_version=d.get("version"),
        ),
        success="Details saved",
        back=case_page_url(child),
        template="staff/child_form.html",
        context={"title": f"Change {child.full_name}'s details", "child": child},
    )


@child_form_view
def family_new(request: HttpRequest, child: Child) -> HttpResponse:
    return form_page(
        request,
        form=forms.FamilyMemberForm(request.POST or None),
        save=lambda d: people_services.family_member_add(actor=request.user, child=child, **d),  # type: ignore[arg-type]
        success="Family member added",
        back=case_page_url(child),
        template="staff/child_form.html",
        context={"title": f"Add a parent or carer for {child.full_name}", "child": child},
    )


@child_form_view
def reassign(request: HttpRequest, child: Child) -> HttpResponse:
    form = forms.ReassignForm(request.POST or None, initial={"version": child.version}, la_id=child.local_authority_id)
    return form_page(
        request,
        form=form,
        save=lambda d: services.key_worker_assign(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            officer=d.get("officer"),
            reason=d.get("reason", ""),
            expected_version=d.get("version"),
        ),
        success=lambda _: f"{form.cleaned_data['officer']} is now {child.full_name}'s key worker",
        back=case_page_url(child),
        template="staff/step_form.html",
        context={"title": f"Change {child.full_name}'s key worker", "child": child},
    )


@child_form_view
def transfer_in(request: HttpRequest, child: Child) -> HttpResponse:
    return form_page(
        request,
        form=forms.TransferInForm(request.POST or None, la_id=child.local_authority_id),
        save=lambda d: services.transfer_in_record(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            from_la=(d.get("from_la") or "").strip(),
            plan_issued_on=d["plan_issued_on"],
            transferred_on=d["transferred_on"],
            named_setting=d.get("named_setting"),
        ),
        success="Plan transferred in. Its next annual review date is on the caseload",
        back=case_page_url(child),
        template="staff/step_form.html",
        context={"title": f"Record {child.full_name}'s plan transferred from another council", "child": child},
    )


@child_form_view
def plan_transfer_out(request: HttpRequest, child: Child, plan_id: str) -> HttpResponse:
    plan = plan_selectors.plan_get_for_user(request.user, plan_id, child=child, for_write=True)  # type: ignore[arg-type]
    return form_page(
        request,
        form=forms.TransferOutForm(request.POST or None, initial={"version": plan.version}),
        save=lambda d: services.plan_transfer_out(
            actor=request.user,  # type: ignore[arg-type]
            plan=plan,
            moved_on=d["moved_on"],
            to_la=d.get("to_la") or "",
            expected_version=d.get("version"),
        ),
        success="Move recorded: the plan is now maintained by the council the child moved to",
        back=case_page_url(child),
        template="staff/step_form.html",
        context={"title": f"Record that {child.full_name}'s plan moved to another council", "child": child},
    )


def _occurred_at(occurred_on: dt.date) -> dt.datetime:
    """Now, for a contact logged the day it happened; otherwise midday of the day it happened."""
    now = timezone.localtime()
    return now if occurred_on == now.date() else timezone.make_aware(dt.datetime.combine(occurred_on, dt.time(12)))


@child_form_view
def contact_new(request: HttpRequest, child: Child) -> HttpResponse:
    return form_page(
        request,
        form=forms.ContactForm(request.POST or None),
        save=lambda d: services.contact_log_add(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            occurred_at=_occurred_at(d["occurred_on"]),
            kind=d["kind"],
            direction=d["direction"],
            with_whom=d.get("with_whom", ""),
            summary=d.get("summary", ""),
        ),
        success="Contact logged",
        back=case_page_url(child, "contacts"),
        template="staff/step_form.html",
        context={"title": f"Log a contact about {child.full_name}", "child": child},
    )
