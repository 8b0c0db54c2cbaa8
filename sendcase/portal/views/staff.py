"""The SEND team's side of the family portal, reached from the case page.

Only the council's SEND team (sendcase.access for the child, then its own council) uses these
pages; changes need a case officer, manager or administrator (require_casework).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase import access
from sendcase.audit.models import Action
from sendcase.audit.services import audit_view
from sendcase.cases.services.advice_documents import upload_path
from sendcase.core.errors import ServiceError
from sendcase.people.models import Child, FamilyMember
from sendcase.portal import services, staff_forms
from sendcase.portal.models import FamilyAccount, FamilyAccountRequest, FamilyDocument, MessageThread, RequestStatus
from sendcase.portal.services.account_status import (
    account_for_child,
    family_account_switch_off,
    family_account_switch_on,
)
from sendcase.portal.staff_selectors import may_see_portal
from sendcase.staff.views.base import apply_service_error, send_team_view, staff_view


def _back(child: Child) -> HttpResponse:
    return redirect(reverse("staff:child", kwargs={"child_id": child.pk}) + "#family-portal")


def _child(request: HttpRequest, child_id: str, *, for_write: bool = False) -> Child:
    child = access.child_get_for_user(request.user, child_id, for_write=for_write)  # type: ignore[arg-type]
    if not may_see_portal(request.user, child):  # type: ignore[arg-type]
        raise PermissionDenied("The family portal is for the council's SEND team.")
    return child


@staff_view
def invite(request: HttpRequest, child_id: str, member_id: str) -> HttpResponse:
    child = _child(request, child_id, for_write=True)
    link = child.family_links.select_related("member").filter(member_id=member_id).first()
    if link is None:
        raise Http404("No family member with that reference for this child.")
    member: FamilyMember = link.member
    account = FamilyAccount.objects.filter(family_member=member).first()
    form = staff_forms.InviteForm(request.POST or None, initial={"email": account.email if account else member.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.family_invite(actor=request.user, family_member=member, email=form.cleaned_data.get("email") or "")  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Invitation to the family portal sent to {member}")
            return _back(child)
    return render(
        request,
        "portal/staff/form.html",
        {"form": form, "child": child, "title": f"Invite {member} to the family portal", "button": "Send invitation"},
    )


@staff_view
def invite_young_person(request: HttpRequest, child_id: str) -> HttpResponse:
    child = _child(request, child_id, for_write=True)
    account = FamilyAccount.objects.filter(young_person=child).first()
    form = staff_forms.InviteForm(request.POST or None, initial={"email": account.email if account else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.young_person_invite(actor=request.user, child=child, email=form.cleaned_data.get("email") or "")  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Invitation to the family portal sent to {child.full_name}")
            return _back(child)
    return render(
        request,
        "portal/staff/form.html",
        {
            "form": form,
            "child": child,
            "title": f"Invite {child.full_name} to hold their own family portal account",
            "button": "Send invitation",
        },
    )


@send_team_view
def account_requests(request: HttpRequest) -> HttpResponse:
    """Every request for an account waiting for the council, matched to a child or not."""
    pending = FamilyAccountRequest.objects.filter(
        local_authority_id=request.user.local_authority_id,  # type: ignore[union-attr]
        status=RequestStatus.PENDING,
    ).select_related("matched_child")
    return render(request, "portal/staff/requests.html", {"requests": pending})


def _account_request(request: HttpRequest, request_id: str) -> FamilyAccountRequest:
    found = (
        FamilyAccountRequest.objects.filter(
            pk=request_id,
            local_authority_id=getattr(request.user, "local_authority_id", None),
        )
        .select_related("matched_child")
        .first()
    )
    if found is None or not request.user.is_send_team:  # type: ignore[union-attr]
        raise Http404("No request with that reference.")
    return found


@staff_view
def account_request(request: HttpRequest, request_id: str) -> HttpResponse:
    """Check a request: match it to a child if needed, then confirm who asked or decline it."""
    found = _account_request(request, request_id)
    child = found.matched_child
    match_form = staff_forms.MatchRequestForm(request.POST if "reference" in request.POST else None)
    choices: list[tuple[str, str]] = []
    if child is not None:
        for link in child.family_links.select_related("member").filter(parental_responsibility=True):
            choices.append((str(link.member_id), f"{link.member} ({link.get_relationship_display().lower()})"))
        choices.append(("young_person", f"{child.full_name}, the young person"))
    form = staff_forms.ConfirmRequestForm(request.POST if "who" in request.POST else None, choices=choices)
    if match_form.is_bound and match_form.is_valid():
        target = access.child_find_by_reference(request.user, match_form.cleaned_data.get("reference") or "")  # type: ignore[arg-type]
        try:
            services.account_request_match(actor=request.user, account_request=found, child=target)  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(match_form, error)
        else:
            messages.success(request, f"Request matched to {target}")
            return redirect("portal_staff:account-request", request_id=found.pk)
    elif form.is_bound and form.is_valid():
        who = form.cleaned_data.get("who") or ""
        try:
            if who == "decline":
                services.account_request_decline(
                    actor=request.user,  # type: ignore[arg-type]
                    account_request=found,
                    reason=form.cleaned_data.get("reason") or "",
                )
                messages.success(request, "Request declined")
            else:
                member = FamilyMember.objects.filter(pk=who).first() if who not in ("", "young_person") else None
                services.account_request_confirm(
                    actor=request.user,  # type: ignore[arg-type]
                    account_request=found,
                    family_member=member,
                    young_person=who == "young_person",
                )
                messages.success(request, f"Invitation to the family portal sent to {found.email}")
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            return _back(child) if child is not None else redirect("portal_staff:account-requests")
    if child is not None:
        audit_view(actor=request.user, child=child, what="Family portal account request checked")  # type: ignore[arg-type]
    return render(
        request,
        "portal/staff/request.html",
        {"account_request": found, "child": child, "form": form, "match_form": match_form},
    )


@staff_view
def thread(request: HttpRequest, child_id: str, thread_id: str) -> HttpResponse:
    child = _child(request, child_id)
    found = MessageThread.objects.filter(pk=thread_id, child=child).select_related("account").first()
    if found is None:
        raise Http404("No messages with that reference for this child.")
    form = staff_forms.ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send_from_staff(actor=request.user, thread=found, body=form.cleaned_data.get("body") or "")  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Reply sent to {found.account.display_name}")
            return redirect("portal_staff:thread", child_id=child.pk, thread_id=found.pk)
    services.thread_read_by_staff(thread=found)
    audit_view(actor=request.user, child=child, what=f"Family portal messages with {found.account.display_name} read")  # type: ignore[arg-type]
    return render(
        request,
        "portal/staff/thread.html",
        {
            "child": child,
            "thread": found,
            "thread_messages": found.messages.select_related("created_by"),
            "form": form,
            "can_reply": request.user.can_do_casework,  # type: ignore[union-attr]
        },
    )


@staff_view
def document(request: HttpRequest, child_id: str, document_id: str) -> HttpResponse:
    """Download a document a family sent: the council's SEND team only, and the download is audited."""
    child = _child(request, child_id)
    found = FamilyDocument.objects.filter(pk=document_id, child=child).first()
    if found is None:
        raise Http404("No document with that reference for this child.")
    path = upload_path(found.stored_name)
    if not path.is_file():
        raise Http404("The file is missing from storage.")
    audit_view(
        actor=request.user,  # type: ignore[arg-type]
        child=child,
        what=f"Document from the family portal downloaded: {found.original_name}",
        action=Action.EXPORT,
    )
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _account(child: Child, account_id: str) -> FamilyAccount:
    account = account_for_child(child, account_id)
    if account is None:
        raise Http404("No family portal account with that reference for this child.")
    return account


@staff_view
def account_message(request: HttpRequest, child_id: str, account_id: str) -> HttpResponse:
    """Write to a family first: the named officer, or anyone else who may do casework on the child."""
    child = _child(request, child_id, for_write=True)
    account = _account(child, account_id)
    existing = MessageThread.objects.filter(child=child, account=account).first()
    if existing is not None and request.method != "POST":
        return redirect("portal_staff:thread", child_id=child.pk, thread_id=existing.pk)
    form = staff_forms.StartMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.message_start_from_staff(
                actor=request.user,  # type: ignore[arg-type]
                child=child,
                account=account,
                body=form.cleaned_data.get("body") or "",
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Message sent to {account.display_name}")
            return redirect("portal_staff:thread", child_id=child.pk, thread_id=message.thread_id)
    return render(
        request,
        "portal/staff/form.html",
        {
            "form": form,
            "child": child,
            "title": f"Send a message to {account.display_name}",
            "intro": [f"They read it when they sign in to the family portal ({account.email})."],
            "button": "Send message",
        },
    )


@staff_view
def account_switch(request: HttpRequest, child_id: str, account_id: str) -> HttpResponse:
    """Switch a family portal account off (ending its sessions), or on again: casework roles only, audited."""
    child = _child(request, child_id, for_write=True)
    account = _account(child, account_id)
    switching_off = account.is_active
    form_class = staff_forms.SwitchOffForm if switching_off else staff_forms.SwitchOnForm
    form = form_class(request.POST or None, initial={"version": account.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if switching_off:
                family_account_switch_off(
                    actor=request.user,  # type: ignore[arg-type]
                    account=account,
                    child=child,
                    reason=d.get("reason") or "",
                    expected_version=d.get("version"),
                )
            else:
                family_account_switch_on(
                    actor=request.user,  # type: ignore[arg-type]
                    account=account,
                    child=child,
                    expected_version=d.get("version"),
                )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            state = "switched off" if switching_off else "switched on again"
            messages.success(request, f"{account.display_name}'s family portal account is {state}")
            return _back(child)
    if switching_off:
        title = f"Switch off {account.display_name}'s family portal account"
        intro = [
            f"{account.display_name} will no longer be able to sign in ({account.email}). Anyone signed in with "
            "this account is signed out now, and any invitation or password link sent to it stops working.",
            "Nothing they sent is deleted. You can switch the account on again later.",
        ]
    else:
        title = f"Switch {account.display_name}'s family portal account on again"
        intro = [
            f"{account.display_name} will be able to sign in again with their password ({account.email}). "
            "If they have forgotten it, send them a link to choose a new one from the case page.",
        ]
    return render(
        request,
        "portal/staff/form.html",
        {
            "form": form,
            "child": child,
            "title": title,
            "intro": intro,
            "button": "Switch off the account" if switching_off else "Switch the account on",
            "warning": switching_off,
        },
    )
