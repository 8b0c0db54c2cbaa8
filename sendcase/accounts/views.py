"""Signing in: password, then the code from an authenticator app (or setting one up), then in.

See docs/sign-in.md for the whole flow, lockout and session limits.
"""

from __future__ import annotations

from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts import lockout, security, services
from sendcase.accounts.forms import CodeForm, SignInForm
from sendcase.core.errors import ValidationFailed


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        if security.second_factor_done(self.request, user):
            # Only when SENDCASE_REQUIRE_SECOND_FACTOR is off: the password is the whole sign-in.
            services.sign_in_record(user=user, how="password")
            return HttpResponseRedirect(self.get_success_url())
        return redirect(security.with_next(security.second_factor_page(user), self.get_redirect_url()))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reason = self.request.GET.get("signed_out")
        if reason == "idle":
            context["signed_out"] = (
                f"You were signed out after {settings.SENDCASE_SESSION_IDLE_MINUTES} minutes without activity."
            )
        elif reason == "max":
            context["signed_out"] = (
                f"You were signed out because you had been signed in for {settings.SENDCASE_SESSION_MAX_HOURS} "
                "hours, the longest SENDcase allows."
            )
        context["sso_enabled"] = settings.SENDCASE_OIDC_ENABLED
        context["sso_refused"] = settings.SENDCASE_OIDC_ENABLED and self.request.GET.get("sso") == "refused"
        return context


class SignOutView(auth_views.LogoutView):
    pass


def _next(request: HttpRequest) -> str:
    return security.safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _finish(request: HttpRequest, device: TOTPDevice, *, how: str) -> None:
    """The code was right: mark the session verified under a new key, record the sign-in."""
    django_otp.login(request, device)
    request.session[security.SECOND_FACTOR] = security.SECOND_FACTOR_CODE
    # A new session key now the session is trusted with more, as Django does at login.
    request.session.cycle_key()
    services.sign_in_record(user=request.user, how=how)  # type: ignore[arg-type]


def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Step 2 for someone with an authenticator app: the 6-digit code it shows now."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next(request)
    if security.second_factor_done(request):
        return redirect(next_url)
    device = security.confirmed_device(user)  # type: ignore[arg-type]
    if device is None:
        return redirect(security.with_next(reverse("accounts:second-factor-set-up"), next_url))
    if lockout.is_locked(request, user):  # type: ignore[arg-type]
        return lockout.locked_response(request, credentials=lockout.credentials_for(user))  # type: ignore[arg-type]
    form = CodeForm(request.POST or None, label="Enter the code from your authenticator app")
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            _finish(request, device, how="code")
            return redirect(next_url)
        # A wrong code counts towards the lockout like a wrong password. If this one locks the
        # account, axes' middleware swaps this page for the locked page (lockout.locked_response).
        lockout.record_wrong_code(request, user)  # type: ignore[arg-type]
        form.add_error(
            "code",
            "The code is not right. Use the SENDcase entry in your authenticator app and enter the code it shows now",
        )
    return render(request, "accounts/code.html", {"form": form, "next": next_url})


def second_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Step 2 for someone without an authenticator app yet: add SENDcase to one, then enter its first code."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next(request)
    if security.second_factor_done(request):
        return redirect(next_url)
    if security.confirmed_device(user) is not None:  # type: ignore[arg-type]
        # Replacing an app needs an administrator's reset, not just the password.
        return redirect(security.with_next(reverse("accounts:sign-in-code"), next_url))
    if lockout.is_locked(request, user):  # type: ignore[arg-type]
        return lockout.locked_response(request, credentials=lockout.credentials_for(user))  # type: ignore[arg-type]
    device = security.device_for_set_up(user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_confirm(actor=user, device=device, code=form.cleaned_data["code"])  # type: ignore[arg-type]
        except ValidationFailed as error:
            form.add_service_errors(error.field_errors)
        else:
            _finish(request, device, how="set_up")
            return redirect(next_url)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": security.qr_code_svg(device),
        "key": security.key_in_groups(device),
        "account": user.email,  # type: ignore[union-attr]
    }
    return render(request, "accounts/set_up.html", context)
