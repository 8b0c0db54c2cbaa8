"""Responding to a draft EHC plan: answer each section, check, send (reg 13(1): within 15 days)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.portal import forms, selectors, services
from sendcase.portal.access import request_get_for_family
from sendcase.portal.audit import family_viewed
from sendcase.portal.models import PLAN_SECTIONS, Status
from sendcase.portal.services.draft_response import response_deadline, send_problems, window_problem
from sendcase.portal.views.base import apply_service_error, family_page
from sendcase.portal.views.child import family_child_for, render_child


@family_page
def response_form(request: HttpRequest, child_id: str, request_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    case = request_get_for_family(request_id, child=family_child.child)
    existing = selectors.response_for(account, case)
    if existing is not None and existing.status == Status.SENT:
        return redirect("portal:response-check", child_id=family_child.child.pk, request_id=case.pk)
    initial: dict[str, object] = {"version": existing.version if existing else None}
    if existing is not None:
        initial |= {
            "preferred_setting": existing.preferred_setting_id,
            "meeting_requested": existing.meeting_requested,
            "other_comments": existing.other_comments,
        }
        for item in existing.sections.all():
            initial[f"answer_{item.section}"] = item.answer
            initial[f"comment_{item.section}"] = item.comment
    form = forms.DraftResponseForm(
        request.POST or None, initial=initial, settings_queryset=selectors.settings_to_choose(family_child)
    )
    problem = window_problem(case, on=today())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.draft_response_save(
                account=account,
                family_child=family_child,
                request=case,
                answers=form.answers(),
                preferred_setting=d.get("preferred_setting"),
                meeting_requested=bool(d.get("meeting_requested")),
                other_comments=d.get("other_comments") or "",
                expected_version=d.get("version"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            if request.POST.get("action") == "save":
                messages.success(request, _("Your response is saved. It has not been sent yet."))
                return redirect("portal:response", child_id=family_child.child.pk, request_id=case.pk)
            return redirect("portal:response-check", child_id=family_child.child.pk, request_id=case.pk)
    family_viewed(account=account, child=family_child.child, what="opened the response to the draft plan")
    return render_child(
        request,
        "portal/response_form.html",
        family_child,
        "response",
        form=form,
        case=case,
        problem=problem,
        deadline=response_deadline(case),
    )


@family_page
def response_check(request: HttpRequest, child_id: str, request_id: str) -> HttpResponse:
    """Check your answers, then send; after sending, the same page shows what was sent."""
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    case = request_get_for_family(request_id, child=family_child.child)
    response = selectors.response_for(account, case)
    if response is None:
        return redirect("portal:response", child_id=family_child.child.pk, request_id=case.pk)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            services.draft_response_send(
                account=account,
                family_child=family_child,
                response=response,
                expected_version=_int(request.POST.get("version")),
            )
        except ServiceError as error:
            errors = dict(error.field_errors) or {"__all__": error.message}
        else:
            messages.success(request, _("Your response has been sent to the council"))
            return redirect("portal:response-check", child_id=family_child.child.pk, request_id=case.pk)
    elif response.status != Status.SENT:
        errors = send_problems(response)
    family_viewed(account=account, child=family_child.child, what="checked the response to the draft plan")
    answered = {item.section: item for item in response.sections.all()}
    return render_child(
        request,
        "portal/response_check.html",
        family_child,
        "response",
        case=case,
        response=response,
        rows=[(code, label, answered.get(code)) for code, label in PLAN_SECTIONS],
        errors=errors,
        problem=window_problem(case, on=today()) if response.status != Status.SENT else "",
        deadline=response_deadline(case),
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
