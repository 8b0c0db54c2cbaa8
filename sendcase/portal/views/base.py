"""What every family portal page shares: no staff sessions, the family's language, the family session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from sendcase.core.errors import EditConflict, ServiceError
from sendcase.portal import session

View = Callable[..., HttpResponse]


def family_language(request: HttpRequest) -> str:
    """The language the family chose (a cookie), if SENDcase offers it; else English."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    offered = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in offered else settings.LANGUAGE_CODE


def _staff_refused(request: HttpRequest) -> HttpResponse:
    # A staff session is never a family session: the family portal is for families' own accounts.
    return render(request, "portal/staff_session.html", status=403)


def _not_found(request: HttpRequest) -> HttpResponse:
    # Another family's child looks exactly like one that does not exist, in the family's language.
    return render(request, "portal/not_found.html", {"account": getattr(request, "family_account", None)}, status=404)


def portal_page(view: View) -> View:
    """A page anyone may open (signing in, invitations): in the family's language, never for staff."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = family_language(request)
        with translation.override(language):
            if session.staff_signed_in(request):
                response = _staff_refused(request)
            else:
                try:
                    response = view(request, *args, **kwargs)
                except Http404:
                    response = _not_found(request)
        response.headers.setdefault("Content-Language", language)
        return response

    return wrapper


def family_page(view: View) -> View:
    """A page for a signed-in family: `request.family_account` is their account."""

    @portal_page
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = session.current_account(request)
        if account is None:
            query = {"next": request.get_full_path()} if request.method == "GET" else {}
            if getattr(request, "family_timed_out", False):
                query["signed_out"] = "idle"
            target = reverse("portal:sign-in")
            return HttpResponseRedirect(f"{target}?{urlencode(query)}" if query else target)
        request.family_account = account  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def safe_next(request: HttpRequest, value: str | None) -> str:
    """`value` if it is a family portal page on this site, else the portal's home page."""
    home = reverse("portal:home")
    if (
        value
        and value.startswith(home)
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return home


def apply_service_error(form: Any, error: ServiceError) -> None:
    if isinstance(error, EditConflict):
        # The shared message is in English; a family reads it in their own language.
        form.add_error(
            None,
            _(
                "This was changed somewhere else (perhaps in another tab) while you were working on it. Your changes "
                "have not been saved. Check what is here now and try again."
            ),
        )
        return
    if not error.field_errors:
        form.add_error(None, error.message)
        return
    for name, message in error.field_errors.items():
        form.add_error(name if name in form.fields else None, message)
