"""What every staff view shares: sign-in, the SEND-team check, and turning service errors into form errors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sendcase.core.errors import EditConflict, ServiceError

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Signed in, and a member of staff or a professional with an account on the staff side."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, *args, **kwargs)

    return wrapper


def send_team_view(view: View) -> View:
    """Pages only the council's SEND team uses (caseloads, search, team overview)."""

    @staff_view
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_send_team:  # type: ignore[union-attr]
            raise PermissionDenied("This page is for the council's SEND team.")
        return view(request, *args, **kwargs)

    return wrapper


def apply_service_error(form: Any, error: ServiceError) -> None:
    """Show a refused change on the form, field by field, in the GOV.UK error summary."""
    if isinstance(error, EditConflict) or not error.field_errors:
        form.add_error(None, error.message)
    else:
        form.add_service_errors(error.field_errors)
