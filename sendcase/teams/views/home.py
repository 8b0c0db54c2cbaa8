"""A professional's home page (the children they work with, and why), and choosing a password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from sendcase.staff.govuk_forms import GovUKFormMixin
from sendcase.staff.views.base import staff_view
from sendcase.teams import selectors

PAGE_SIZE = 50


@staff_view
def my_children(request: HttpRequest) -> HttpResponse:
    """Your children: everyone a professional may see, with the relationship that lets them."""
    user = request.user
    if user.is_send_team:  # type: ignore[union-attr]
        return redirect("staff:caseload")
    page = Paginator(selectors.my_children(viewer=user), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    rows = selectors.with_reasons(user, list(page.object_list))  # type: ignore[arg-type]
    return render(request, "teams/my_children.html", {"page": page, "rows": rows})


class GovUKSetPasswordForm(GovUKFormMixin, SetPasswordForm):
    pass


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Choose a password from the one-use link an organisation administrator was given."""

    template_name = "teams/set_password.html"
    form_class = GovUKSetPasswordForm
    success_url = reverse_lazy("accounts:sign-in")
    # After a password is set the person signs in as usual, with their second factor if required.
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Your password is set. Sign in with your email address and new password.")
        return super().form_valid(form)
