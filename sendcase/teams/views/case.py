"""The team around the child, consent to share and the case discussion, from the case page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendcase import access
from sendcase.audit.services import audit_view
from sendcase.core.errors import ServiceError
from sendcase.people.models import Child
from sendcase.staff.views.base import apply_service_error, staff_view
from sendcase.staff.views.form_page import case_page_url, form_page
from sendcase.teams import forms, services
from sendcase.timescales import format_date


def _team_page(
    request: HttpRequest,
    *,
    child: Child,
    form: Any,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    **extra: Any,
) -> HttpResponse:
    """A form page of the case page's team panel: one service, then back to the panel."""
    return form_page(
        request,
        form=form,
        save=save,
        success=success,
        back=case_page_url(child, "team"),
        template="teams/form.html",
        context={"title": title, "child": child, **extra},
    )


@staff_view
def team_member_new(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    access.require_team_management(request.user, child)  # type: ignore[arg-type]
    return _team_page(
        request,
        child=child,
        form=forms.TeamMemberForm(request.POST or None, child=child),
        title=f"Add someone to the team around {child.full_name}",
        save=lambda d: services.team_member_add(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            organisation=d.get("organisation"),
            person=d.get("person"),
            role_on_team=d.get("role_on_team", ""),
            started_on=d.get("started_on"),
            note=d.get("note", ""),
        ),
        success=lambda membership: f"{membership} added to the team around {child.first_name}",
    )


@staff_view
def team_member_end(request: HttpRequest, child_id: str, membership_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    membership = access.membership_get_for_user(request.user, membership_id, child=child, for_write=True)  # type: ignore[arg-type]
    return _team_page(
        request,
        child=child,
        form=forms.EndMembershipForm(request.POST or None, initial={"version": membership.version}),
        title=f"{membership} leaves the team",
        save=lambda d: services.team_member_end(
            actor=request.user,  # type: ignore[arg-type]
            membership=membership,
            ended_on=d.get("ended_on"),
            expected_version=d.get("version"),
        ),
        success=f"{membership} has left the team around {child.first_name}",
    )


@staff_view
def consent_new(request: HttpRequest, child_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    access.require_team_management(request.user, child)  # type: ignore[arg-type]
    form = forms.ConsentForm(request.POST or None, child=child)
    return _team_page(
        request,
        child=child,
        form=form,
        title=f"Record consent to share {child.full_name}'s record",
        save=lambda d: services.consent_record(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            organisation=d.get("organisation"),
            given_on=d.get("given_on"),
            scope=d.get("scope", ""),
            **form.given_by_values(),
        ),
        success=lambda consent: f"Consent to share with {consent.organisation} recorded",
    )


@staff_view
def consent_withdraw(request: HttpRequest, child_id: str, consent_id: str) -> HttpResponse:
    child = access.child_get_for_user(request.user, child_id)  # type: ignore[arg-type]
    consent = access.consent_get_for_user(request.user, consent_id, child=child, for_write=True)  # type: ignore[arg-type]
    return _team_page(
        request,
        child=child,
        form=forms.WithdrawConsentForm(request.POST or None, initial={"version": consent.version}),
        title=f"Withdraw consent to share with {consent.organisation}",
        lede=f"Given by {consent.given_by_label} on {format_date(consent.given_on)}: {consent.scope}",
        save=lambda d: services.consent_withdraw(
            actor=request.user,  # type: ignore[arg-type]
            consent=consent,
            withdrawn_on=d.get("withdrawn_on"),
            note=d.get("withdrawn_note", ""),
            expected_version=d.get("version"),
        ),
        success=f"Consent to share with {consent.organisation} withdrawn",
    )


@staff_view
def discussion(request: HttpRequest, child_id: str) -> HttpResponse:
    """The whole case discussion, newest first, with a form to add to it."""
    user = request.user
    child = access.child_get_for_user(user, child_id)  # type: ignore[arg-type]
    form = forms.CaseNoteForm(request.POST or None, send_team=user.is_send_team)  # type: ignore[union-attr]
    if request.method == "POST":
        access.require_case_discussion(user, child)  # type: ignore[arg-type]
        if form.is_valid():
            try:
                note = services.case_note_add(
                    actor=user,  # type: ignore[arg-type]
                    child=child,
                    kind=form.cleaned_data.get("kind", ""),
                    body=form.cleaned_data.get("body", ""),
                    audience=form.chosen_audience,
                )
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, f"{note.get_kind_display()} added to the discussion")
                return redirect("teams:discussion", child_id=child.pk)
    audit_view(actor=user, child=child, what="Case discussion viewed")  # type: ignore[arg-type]
    notes = access.case_notes_visible_to(user, child)  # type: ignore[arg-type]
    return render(
        request,
        "teams/discussion.html",
        {
            "child": child,
            "form": form,
            "notes": notes,
            "can_discuss": not user.is_send_team or access.can_manage_team(user, child),  # type: ignore[union-attr, arg-type]
        },
    )
