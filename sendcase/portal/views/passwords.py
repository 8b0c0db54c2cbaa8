"""A family's own password: asking for a link when it is forgotten, choosing a new one, changing it.

The services are in sendcase/portal/services/passwords.py; docs/portal.md, "Passwords".
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sendcase.core.errors import ServiceError
from sendcase.portal import forms, services, session
from sendcase.portal.views.base import apply_service_error, family_page, portal_page


@portal_page
def forgotten_password(request: HttpRequest) -> HttpResponse:
    """Ask for a link; the next page reads the same whether or not the address has an account."""
    form = forms.ForgottenPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("portal:forgotten-password-sent")
    return render(request, "portal/forgotten_password.html", {"form": form})


@portal_page
def forgotten_password_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/forgotten_password_sent.html")


@portal_page
def new_password(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: choose a new password, once, within the hour."""
    if services.password_reset_find(token) is None:
        return render(request, "portal/new_password_expired.html", status=410)
    form = forms.NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_complete(
                token=token,
                password=form.cleaned_data.get("password") or "",
                password_again=form.cleaned_data.get("password_again") or "",
            )
        except ServiceError as error:
            if not error.field_errors:
                return render(request, "portal/new_password_expired.html", status=410)
            apply_service_error(form, error)
        else:
            # Whoever was signed in on this browser is signed out: they sign in with the new password.
            session.sign_out(request)
            return redirect(f"{reverse('portal:sign-in')}?reset=1")
    return render(request, "portal/new_password.html", {"form": form})


@family_page
def change_password(request: HttpRequest) -> HttpResponse:
    account = request.family_account  # type: ignore[attr-defined]
    form = forms.ChangePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.password_change(
                account=account,
                current_password=form.cleaned_data.get("current_password") or "",
                password=form.cleaned_data.get("password") or "",
                password_again=form.cleaned_data.get("password_again") or "",
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            session.password_changed(request, changed)
            messages.success(request, _("Your password has changed. You are signed out everywhere else."))
            return redirect("portal:home")
    return render(request, "portal/change_password.html", {"form": form, "account": account})
