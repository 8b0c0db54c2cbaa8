"""Organisation accounts: an organisation's administrators (at /organisation/) and the council's
SEND administrators (at /organisations/<id>/) add and remove its people and set its shared mailbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase import access
from sendcase.accounts.models import Role
from sendcase.core.errors import ServiceError
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.staff.views.base import apply_service_error, staff_view
from sendcase.staff.views.form_page import form_page
from sendcase.teams import forms, selectors, services


def _organisation(request: HttpRequest, organisation_id: str | None) -> Organisation:
    """The organisation in the URL, or the signed-in administrator's own."""
    user = request.user
    if organisation_id is None:
        if user.organisation_id is None or not user.is_organisation_admin:  # type: ignore[union-attr]
            raise PermissionDenied("This page is for organisation administrators.")
        organisation_id = user.organisation_id  # type: ignore[union-attr]
    return access.organisation_get_for_admin(user, organisation_id)  # type: ignore[arg-type]


def _home_url(request: HttpRequest, organisation: Organisation) -> str:
    return _url(request, "organisation", organisation)


def _url(request: HttpRequest, name: str, organisation: Organisation, **kwargs: object) -> str:
    """The URL of an organisation page, in the same form (own or by id) as the current one."""
    if request.resolver_match and request.resolver_match.kwargs.get("organisation_id"):
        return reverse(f"teams:{name}", kwargs={"organisation_id": organisation.pk, **kwargs})
    return reverse(f"teams:own-{name}", kwargs=kwargs)


@staff_view
def organisation_list(request: HttpRequest) -> HttpResponse:
    """Every organisation in the council's directory, for its SEND administrators."""
    user = request.user
    if user.role != Role.ADMINISTRATOR or user.local_authority_id is None:  # type: ignore[union-attr]
        raise PermissionDenied("This page is for the council's SEND administrators.")
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrganisationKind.values else ""
    return render(
        request,
        "teams/organisation_list.html",
        {
            "organisations": selectors.organisations_overview(user, kind=kind),  # type: ignore[arg-type]
            "kinds": OrganisationKind.choices,
            "kind": kind,
        },
    )


@staff_view
def organisation_home(request: HttpRequest, organisation_id: str | None = None) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    return render(
        request,
        "teams/organisation.html",
        {
            "organisation": organisation,
            "people": selectors.organisation_people(organisation),
            "add_url": _url(request, "person-new", organisation),
            "mailbox_url": _url(request, "mailbox", organisation),
            "by_id": organisation_id is not None,
        },
    )


@staff_view
def person_new(request: HttpRequest, organisation_id: str | None = None) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            added = services.organisation_person_add(
                actor=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                first_name=d.get("first_name", ""),
                last_name=d.get("last_name", ""),
                email=d.get("email", ""),
                role=d.get("role", ""),
                job_title=d.get("job_title", ""),
                is_organisation_admin=bool(d.get("is_organisation_admin")),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            # Shown once, on this page: until SENDcase emails it, the administrator passes it on.
            return render(
                request,
                "teams/person_added.html",
                {
                    "organisation": organisation,
                    "person": added.person,
                    "link": request.build_absolute_uri(added.set_password_path),
                    "home_url": _home_url(request, organisation),
                },
            )
    return render(
        request,
        "teams/form.html",
        {
            "form": form,
            "title": f"Add a person to {organisation}",
            "back_url": _home_url(request, organisation),
            "back_label": f"Back to {organisation}",
            "button": "Add person",
        },
    )


@staff_view
def person_remove(request: HttpRequest, person_id: str, organisation_id: str | None = None) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    person = access.person_get_for_admin(request.user, person_id, organisation=organisation)  # type: ignore[arg-type]
    form = forms.ConfirmForm(data={})
    if request.method == "POST":
        try:
            removed = services.organisation_person_remove(actor=request.user, person=person)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, next(iter(error.field_errors.values()), error.message))
        else:
            messages.success(
                request,
                f"{removed.person}'s account is closed. {removed.advice_returned} advice request"
                f"{'s' if removed.advice_returned != 1 else ''} went back to {organisation}'s inbox.",
            )
            return redirect(_home_url(request, organisation))
    return render(
        request,
        "teams/person_remove.html",
        {
            "organisation": organisation,
            "person": person,
            "preview": selectors.removal_preview(person),
            "form": form,
            "back_url": _home_url(request, organisation),
        },
    )


@staff_view
def person_admin(request: HttpRequest, person_id: str, organisation_id: str | None = None) -> HttpResponse:
    """Make someone an administrator of the organisation, or stop them being one."""
    organisation = _organisation(request, organisation_id)
    person = access.person_get_for_admin(request.user, person_id, organisation=organisation)  # type: ignore[arg-type]
    form = forms.ConfirmForm(data={})
    if request.method == "POST":
        make_admin = not person.is_organisation_admin
        try:
            services.organisation_admin_set(actor=request.user, person=person, is_admin=make_admin)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, next(iter(error.field_errors.values()), error.message))
        else:
            done = "is now an administrator" if make_admin else "is no longer an administrator"
            messages.success(request, f"{person} {done} of {organisation}")
            return redirect(_home_url(request, organisation))
    return render(
        request,
        "teams/person_admin.html",
        {"organisation": organisation, "person": person, "form": form, "back_url": _home_url(request, organisation)},
    )


@staff_view
def mailbox(request: HttpRequest, organisation_id: str | None = None) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    return form_page(
        request,
        form=forms.MailboxForm(request.POST or None, initial={"email": organisation.email}),
        save=lambda d: services.organisation_mailbox_update(
            actor=request.user,  # type: ignore[arg-type]
            organisation=organisation,
            email=d.get("email", ""),
        ),
        success=f"{organisation}'s shared mailbox changed",
        back=_home_url(request, organisation),
        template="teams/form.html",
        context={
            "title": f"Change {organisation}'s shared mailbox",
            "back_url": _home_url(request, organisation),
            "back_label": f"Back to {organisation}",
        },
    )
