"""The managers' list: open appeals, Tribunal orders due and plans ready to cease, per officer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendcase.appeals import selectors
from sendcase.core.clock import today
from sendcase.staff.views.base import send_team_view


@send_team_view
def overview(request: HttpRequest) -> HttpResponse:
    now = today()
    officers = selectors.appeals_overview(viewer=request.user, today=now)  # type: ignore[arg-type]
    return render(
        request,
        "appeals/overview.html",
        {
            "officers": officers,
            "today": now,
            "totals": {
                "appeals": sum(len(o.appeals) for o in officers),
                "steps": sum(len(o.steps) for o in officers),
                "overdue": sum(o.overdue for o in officers),
                "ready": sum(len(o.ready_to_cease) for o in officers),
            },
        },
    )
