"""The pattern every appeals form page follows: fetch through the access module, call one service, go back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase.core.errors import ServiceError
from sendcase.people.models import Child
from sendcase.staff.views.base import apply_service_error


def case_panel_url(child: Child) -> str:
    return reverse("staff:child", kwargs={"child_id": child.pk}) + "#appeals"


def form_page(
    request: HttpRequest,
    *,
    child: Child,
    form: Any,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    caption: str = "",
    intro: str = "",
) -> HttpResponse:
    """Show `form`; on a valid POST call `save` (one service) and return to the case page's panel."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(case_panel_url(child))
    return render(
        request,
        "appeals/form.html",
        {"form": form, "title": title, "child": child, "caption": caption, "intro": intro},
    )
