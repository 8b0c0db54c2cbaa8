"""The schedule page: each periodic job, when it last ran, whether it failed, when it is next due.

For the council's team managers and administrators: a weekly scorecard that was not published,
or reminders that stopped going out, is something they must notice. The jobs serve the whole
SENDcase instance, so every council's managers see the same list; the summaries hold counts,
never a child's details, and only administrators see a failure's full traceback.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendcase.accounts.models import Role
from sendcase.core import clock
from sendcase.core.scheduler import recent_failures, schedule_status
from sendcase.staff.views.base import View, staff_view

SCHEDULE_ROLES = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def schedule_view(view: View) -> View:
    @staff_view
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.role not in SCHEDULE_ROLES or request.user.local_authority_id is None:  # type: ignore[union-attr]
            raise PermissionDenied("The schedule is for the council's team managers and administrators.")
        return view(request, *args, **kwargs)

    return wrapper


@schedule_view
def schedule_page(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    statuses = schedule_status(now=now)
    return render(
        request,
        "core/schedule.html",
        {
            "statuses": statuses,
            "problems": [s for s in statuses if s.health in ("failed", "missed", "never")],
            "failures": recent_failures(now=now),
            "show_tracebacks": request.user.role == Role.ADMINISTRATOR,  # type: ignore[union-attr]
        },
    )
