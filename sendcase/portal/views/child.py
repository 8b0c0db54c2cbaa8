"""A family's pages about one child: where things are up to, and taking part.

Every view reads the child through sendcase.portal.access (404 for any child the account may not
see, or may see less of), audits the view with the account named, and calls one service.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sendcase.core.clock import today
from sendcase.core.errors import ServiceError
from sendcase.portal import forms, selectors, services
from sendcase.portal.access import FamilyChild, Scope, child_get_for_family, require_own_young_person_account
from sendcase.portal.audit import family_viewed
from sendcase.portal.models import Status
from sendcase.portal.views.base import apply_service_error, family_page


def family_child_for(request: HttpRequest, child_id: str, *, need: Scope = Scope.EVERYTHING) -> FamilyChild:
    return child_get_for_family(request.family_account, child_id, need=need)  # type: ignore[attr-defined]


def render_child(
    request: HttpRequest, template: str, family_child: FamilyChild, section: str, **context: Any
) -> HttpResponse:
    page = context.pop("page", None) or selectors.child_page(family_child, today=today())
    return render(
        request,
        template,
        {
            "family_child": family_child,
            "child": family_child.child,
            "page": page,
            "section": section,
            "account": request.family_account,  # type: ignore[attr-defined]
            **context,
        },
    )


@family_page
def home(request: HttpRequest) -> HttpResponse:
    account = request.family_account  # type: ignore[attr-defined]
    children = selectors.home(account, today=today())
    for item in children:
        family_viewed(account=account, child=item.family_child.child, what="viewed the list of their children")
    return render(request, "portal/home.html", {"children": children, "account": account})


@family_page
def timeline(request: HttpRequest, child_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id, need=Scope.TIMELINE)
    family_viewed(account=request.family_account, child=family_child.child, what="viewed where things are up to")  # type: ignore[attr-defined]
    return render_child(request, "portal/timeline.html", family_child, "timeline")


@family_page
def letters(request: HttpRequest, child_id: str) -> HttpResponse:
    """Every notice SENDcase sent this person about the child, in full: what the emails point to."""
    family_child = family_child_for(request, child_id, need=Scope.TIMELINE)
    account = request.family_account  # type: ignore[attr-defined]
    family_viewed(account=account, child=family_child.child, what="read the letters from the council")
    notices = selectors.notices_for(account, family_child)
    return render_child(request, "portal/letters.html", family_child, "letters", notices=notices)


@family_page
def views(request: HttpRequest, child_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    existing = selectors.views_for(account, family_child)
    draft = next((v for v in existing if v.status == Status.DRAFT), None)
    initial = {name: getattr(draft, name) for name in ("child_views", "family_views", "aspirations")} if draft else {}
    form = forms.ViewsForm(request.POST or None, initial={**initial, "version": draft.version if draft else None})
    if request.method == "POST" and form.is_valid():
        send = request.POST.get("action") == "send"
        d = form.cleaned_data
        try:
            services.views_save(
                account=account,
                family_child=family_child,
                views=draft,
                child_views=d.get("child_views") or "",
                family_views=d.get("family_views") or "",
                aspirations=d.get("aspirations") or "",
                send=send,
                expected_version=d.get("version"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your views have been sent to the council") if send else _("Your views are saved as a draft"),
            )
            return redirect("portal:views", child_id=family_child.child.pk)
    family_viewed(account=account, child=family_child.child, what="viewed their views (section A)")
    sent = [v for v in existing if v.status == Status.SENT]
    return render_child(request, "portal/views.html", family_child, "views", form=form, draft=draft, sent=sent)


@family_page
def documents(request: HttpRequest, child_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                account=account,
                family_child=family_child,
                files=request.FILES.getlist("documents"),
                description=form.cleaned_data.get("description") or "",
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your document has been sent to the council"))
            return redirect("portal:documents", child_id=family_child.child.pk)
    family_viewed(account=account, child=family_child.child, what="viewed the documents they sent")
    return render_child(
        request,
        "portal/documents.html",
        family_child,
        "documents",
        form=form,
        documents=selectors.documents_for(account, family_child),
        max_size=settings.SENDCASE_UPLOAD_MAX_BYTES,
    )


@family_page
def review(request: HttpRequest, child_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    page = selectors.child_page(family_child, today=today())
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.review_preference_send(
                account=account,
                family_child=family_child,
                plan=page.active_plan,
                meeting_format=d.get("meeting_format") or "",
                access_needs=d.get("access_needs") or "",
                views=d.get("views") or "",
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your wishes for the review meeting have been sent to the council"))
            return redirect("portal:review", child_id=family_child.child.pk)
    family_viewed(account=account, child=family_child.child, what="viewed the annual review page")
    return render_child(
        request,
        "portal/review.html",
        family_child,
        "review",
        page=page,
        form=form,
        sent=selectors.review_preferences_for(account, family_child),
    )


@family_page
def messages_page(request: HttpRequest, child_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send_from_family(
                account=account, family_child=family_child, body=form.cleaned_data.get("body") or ""
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your message has been sent to the SEND team"))
            return redirect("portal:messages", child_id=family_child.child.pk)
    thread, thread_messages = selectors.thread_for(account, family_child)
    if thread is not None:
        services.thread_read_by_family(thread=thread)
    family_viewed(account=account, child=family_child.child, what="read their messages with the SEND team")
    return render_child(
        request, "portal/messages.html", family_child, "messages", form=form, thread_messages=thread_messages
    )


@family_page
def sharing(request: HttpRequest, child_id: str) -> HttpResponse:
    family_child = family_child_for(request, child_id)
    account = request.family_account  # type: ignore[attr-defined]
    require_own_young_person_account(account, family_child)
    form = forms.SharingForm(request.POST or None, initial={"parents_see": account.parents_see})
    if request.method == "POST" and form.is_valid():
        try:
            services.sharing_set(
                account=account, family_child=family_child, parents_see=form.cleaned_data.get("parents_see") or ""
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your choice is saved"))
            return redirect("portal:sharing", child_id=family_child.child.pk)
    family_viewed(account=account, child=family_child.child, what="viewed what their parents can see")
    return render_child(request, "portal/sharing.html", family_child, "sharing", form=form)
