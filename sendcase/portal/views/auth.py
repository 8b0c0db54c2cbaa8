"""Signing in and out of the family portal, invitations, asking for an account, and the language."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sendcase.core.errors import ServiceError
from sendcase.portal import forms, services, session
from sendcase.portal.oidc import FamilyOIDCBackend, FamilyStartView, OneLoginLevelRefused
from sendcase.portal.views.base import apply_service_error, portal_page, safe_next

logger = logging.getLogger(__name__)


def _masked(email: str) -> str:
    """j***@example.com: enough for the person to recognise, not enough to read over a shoulder."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


@portal_page
def sign_in(request: HttpRequest) -> HttpResponse:
    """Step 1: email address and password. Step 2 is the emailed code (sign_in_code)."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if session.current_account(request) is not None:
        return redirect(next_url)
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.password_check(email=form.cleaned_data["email"], password=form.cleaned_data["password"])
            services.code_send(account=account)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            session.start_pending(request, account)
            return redirect(f"{reverse('portal:sign-in-code')}?{urlencode({'next': next_url})}")
    context = {
        "form": form,
        "next": next_url,
        "signed_out": request.GET.get("signed_out") == "idle",
        "accepted": request.GET.get("accepted") == "1",
        "reset": request.GET.get("reset") == "1",
        "one_login": settings.SENDCASE_FAMILY_OIDC_ENABLED,
        "one_login_refused": request.GET.get("one_login") == "refused",
        "idle_minutes": settings.SENDCASE_SESSION_IDLE_MINUTES,
    }
    return render(request, "portal/sign_in.html", context)


@portal_page
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the 6-digit code emailed when the password was right."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    account = session.pending_account(request)
    if account is None:
        return redirect("portal:sign-in")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.code_verify(account=account, code=form.cleaned_data["code"])
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            session.sign_in(request, account, how="code")
            return redirect(next_url)
    return render(
        request, "portal/sign_in_code.html", {"form": form, "next": next_url, "email": _masked(account.email)}
    )


@require_POST
@portal_page
def sign_in_code_resend(request: HttpRequest) -> HttpResponse:
    account = session.pending_account(request)
    if account is None:
        return redirect("portal:sign-in")
    try:
        services.code_send(account=account)
    except ServiceError as error:
        messages.error(request, next(iter(error.field_errors.values()), error.message))
    else:
        messages.success(request, _("We have sent you a new code. Use the newest one."))
    return redirect(
        f"{reverse('portal:sign-in-code')}?{urlencode({'next': safe_next(request, request.POST.get('next'))})}"
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    session.sign_out(request)
    return redirect("portal:signed-out")


@portal_page
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signed_out.html")


@portal_page
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link a case officer's invitation sent: choose a password (once, within 7 days)."""
    found = services.invitation_find(token)
    if found is None:
        return render(request, "portal/invitation_expired.html", status=410)
    form = forms.AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                token=token,
                password=form.cleaned_data.get("password") or "",
                password_again=form.cleaned_data.get("password_again") or "",
            )
        except ServiceError as error:
            if not error.field_errors:
                return render(request, "portal/invitation_expired.html", status=410)
            apply_service_error(form, error)
        else:
            return redirect(f"{reverse('portal:sign-in')}?accepted=1")
    return render(request, "portal/invitation.html", {"form": form, "invited": found.account})


@portal_page
def request_account(request: HttpRequest) -> HttpResponse:
    """Anyone may ask; the answer never says whether SENDcase knows the child."""
    form = forms.AccountRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.account_request_create(
                local_authority=form.single_council or d.get("local_authority"),
                name=d.get("name") or "",
                email=d.get("email") or "",
                relationship=d.get("relationship") or "",
                child_first_name=d.get("child_first_name") or "",
                child_last_name=d.get("child_last_name") or "",
                child_date_of_birth=d.get("child_date_of_birth"),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            return redirect("portal:request-account-sent")
    return render(request, "portal/request_account.html", {"form": form})


@portal_page
def request_account_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/request_account_sent.html")


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Remember the language a family picks (a cookie); only portal pages use it."""
    chosen = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request, request.POST.get("next")))
    if chosen in {code for code, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            chosen,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


def _one_login_enabled() -> None:
    if not settings.SENDCASE_FAMILY_OIDC_ENABLED:
        raise Http404("GOV.UK One Login is not configured.")


@portal_page
def one_login_start(request: HttpRequest) -> HttpResponse:
    _one_login_enabled()
    return FamilyStartView.as_view()(request)


@portal_page
def one_login_callback(request: HttpRequest) -> HttpResponse:
    """GOV.UK One Login sends the browser back here with a code; exchange it and find the account."""
    _one_login_enabled()
    refused = HttpResponseRedirect(f"{reverse('portal:sign-in')}?one_login=refused")
    state = request.GET.get("state", "")
    states = request.session.get("oidc_states") or {}
    if "error" in request.GET or not state or state not in states:
        return refused
    remembered = states.pop(state)
    request.session["oidc_states"] = states
    next_url = safe_next(request, request.session.pop("oidc_login_next", None))
    try:
        account = FamilyOIDCBackend().authenticate(
            request, nonce=remembered.get("nonce"), code_verifier=remembered.get("code_verifier")
        )
    except OneLoginLevelRefused as refusal:
        # Signed in to One Login without its second step: say so, rather than a general refusal.
        logger.warning("GOV.UK One Login sign-in refused: vot %r is below the level asked for", refusal.vot)
        return render(request, "portal/one_login_level.html", status=403)
    except Exception:  # the provider or the token was wrong: the family sees one kind refusal
        logger.warning("GOV.UK One Login sign-in failed", exc_info=True)
        return refused
    if account is None:
        return refused
    services.sign_in_record(account=account, how="one_login")
    session.sign_in(request, account, how="one_login")
    return redirect(next_url)
