"""Council administrators' pages about the people who sign in: who has set up an authenticator app,
and resetting someone's second factor when they lose their phone (docs/sign-in.md, "Recovery")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendcase.accounts import selectors, services
from sendcase.core.errors import Forbidden
from sendcase.staff.views.base import staff_view

PAGE_SIZE = 50


def _require_administrator(request: HttpRequest) -> None:
    if not selectors.is_council_administrator(request.user):  # type: ignore[arg-type]
        raise PermissionDenied("This page is for the council's SENDcase administrators.")


@staff_view
def people(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    everyone = selectors.people_for_administrator(request.user)  # type: ignore[arg-type]
    page = Paginator(everyone, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/people.html", {"page": page})


@staff_view
def reset_second_factor(request: HttpRequest, person_id: int) -> HttpResponse:
    _require_administrator(request)
    person = selectors.person_get_for_administrator(request.user, person_id)  # type: ignore[arg-type]
    is_self = person.pk == request.user.pk
    if request.method == "POST" and not is_self:
        try:
            services.second_factor_reset(actor=request.user, person=person)  # type: ignore[arg-type]
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        messages.success(
            request, f"Second factor reset for {person}. They will set up an authenticator app when they next sign in."
        )
        return redirect("accounts:people")
    return render(request, "accounts/reset_second_factor.html", {"person": person, "is_self": is_self})
