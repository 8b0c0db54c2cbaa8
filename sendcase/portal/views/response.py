"""Answering a draft EHC plan (reg 13(1)) or proposed amendments (reg 22(2)): each section, check, send.

The same two pages serve both, each answer beside what that section of the draft says (or, for
proposed amendments, what they change in it): /requests/<request>/response/ for a draft plan,
/reviews/<review>/response/ for proposed amendments, each with check/ to check and send.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.plans import selectors as plan_selectors
from sendcase.portal import forms, selectors, services
from sendcase.portal.access import FamilyChild, request_get_for_family
from sendcase.portal.audit import family_viewed
from sendcase.portal.models import PLAN_SECTIONS, DraftResponse, FamilyAccount, Status
from sendcase.portal.plan_reading import changes_for_family, plan_for_family, review_get_for_family
from sendcase.portal.services.draft_response import Consultation, already_received, send_problems
from sendcase.portal.views.base import apply_service_error, family_page
from sendcase.portal.views.child import family_child_for, render_child


def _consultation(family_child: FamilyChild, request_id: str | None, review_id: str | None) -> Consultation:
    if review_id is not None:
        return Consultation(review=review_get_for_family(review_id, child=family_child.child))
    return Consultation(request=request_get_for_family(request_id, child=family_child.child))


def _url(name: str, family_child: FamilyChild, consultation: Consultation) -> str:
    prefix = "portal:amendments-" if consultation.is_amendments else "portal:"
    return reverse(f"{prefix}{name}", args=[family_child.child.pk, consultation.record.pk])


def _response_for(account: FamilyAccount, consultation: Consultation) -> DraftResponse | None:
    if consultation.request is not None:
        return selectors.response_for(account, consultation.request)
    return (
        DraftResponse.objects.filter(review=consultation.review, account=account)
        .select_related("preferred_setting")
        .prefetch_related("sections")
        .first()
    )


def _beside_each_section(consultation: Consultation) -> tuple[bool, dict[str, Any]]:
    """What each section (A to K) of the draft says, or what the proposals change in it, by section code.

    The first value is True when they are the changes proposed (there is a plan in force to compare with).
    """
    version = consultation.version()
    if version is None:
        return False, {}
    if consultation.review is not None:
        before = plan_selectors.final_before(plan_selectors.versions_of(consultation.review.plan), version.number)
        if before is not None:
            return True, {s.code: s for s in changes_for_family(before.content, version.content)}
    return False, {s.code: s for s in plan_for_family(version.content)}


def _common(family_child: FamilyChild, consultation: Consultation) -> dict[str, Any]:
    child_id = family_child.child.pk
    reading = "proposed-changes" if consultation.is_amendments else "draft-plan"
    return {
        "consultation": consultation,
        "case": consultation.record,
        "amendments": consultation.is_amendments,
        "deadline": consultation.deadline,
        "form_url": _url("response", family_child, consultation),
        "check_url": _url("response-check", family_child, consultation),
        "reading_url": reverse(f"portal:{reading}", args=[child_id, consultation.record.pk]),
        "version": consultation.version(),
    }


@family_page
def response_form(
    request: HttpRequest, child_id: str, request_id: str | None = None, review_id: str | None = None
) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    consultation = _consultation(family_child, request_id, review_id)
    existing = _response_for(account, consultation)
    if existing is not None and existing.status == Status.SENT:
        return redirect(_url("response-check", family_child, consultation))
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
    if consultation.is_amendments:
        form.fields["meeting_requested"].label = _("I would like a meeting with an officer about the proposed changes")
    problem = consultation.problem(today())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.draft_response_save(
                account=account,
                family_child=family_child,
                **consultation.key,
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
                return redirect(_url("response", family_child, consultation))
            return redirect(_url("response-check", family_child, consultation))
    what = "opened their comments on the proposed amendments" if consultation.is_amendments else None
    family_viewed(account=account, child=family_child.child, what=what or "opened the response to the draft plan")
    return render_child(
        request,
        "portal/response_form.html",
        family_child,
        "proposed-changes" if consultation.is_amendments else "response",
        form=form,
        problem=problem,
        received=already_received(consultation.request) if consultation.request is not None else "",
        **dict(zip(("beside_changes", "beside"), _beside_each_section(consultation), strict=True)),
        **_common(family_child, consultation),
    )


@family_page
def response_check(
    request: HttpRequest, child_id: str, request_id: str | None = None, review_id: str | None = None
) -> HttpResponse:
    """Check your answers, then send; after sending, the same page shows what was sent."""
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    consultation = _consultation(family_child, request_id, review_id)
    response = _response_for(account, consultation)
    if response is None:
        return redirect(_url("response", family_child, consultation))
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
            return redirect(_url("response-check", family_child, consultation))
    elif response.status != Status.SENT:
        errors = send_problems(response)
    what = "checked their comments on the proposed amendments" if consultation.is_amendments else None
    family_viewed(account=account, child=family_child.child, what=what or "checked the response to the draft plan")
    answered = {item.section: item for item in response.sections.all()}
    return render_child(
        request,
        "portal/response_check.html",
        family_child,
        "proposed-changes" if consultation.is_amendments else "response",
        response=response,
        rows=[(code, label, answered.get(code)) for code, label in PLAN_SECTIONS],
        errors=errors,
        problem=consultation.problem(today()) if response.status != Status.SENT else "",
        **_common(family_child, consultation),
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
