"""The pattern every appeals form page follows: fetch through the access module, call one service, go back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from sendcase.people.models import Child
from sendcase.staff.views import form_page as shared


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
    """An appeals form page (sendcase.staff.views.form_page), back to the case page's appeals panel."""
    return shared.form_page(
        request,
        form=form,
        save=save,
        success=success,
        back=shared.case_page_url(child, "appeals"),
        template="appeals/form.html",
        context={"title": title, "child": child, "caption": caption, "intro": intro},
    )
