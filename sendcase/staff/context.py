"""Navigation for every staff page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from sendcase.accounts.models import Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    if user.is_send_team:
        items.append(("My caseload", reverse("staff:caseload")))
        if user.role in (Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST):
            items.append(("Team", reverse("staff:team")))
        items.append(("Find a child", reverse("staff:search")))
        if user.role in (Role.TEAM_MANAGER, Role.ADMINISTRATOR):
            items.append(("Audit", reverse("staff:audit")))
        if user.can_do_casework:
            items.append(("New request", reverse("staff:request-new")))
    path = request.path
    return {
        "sendcase_la": user.local_authority,
        "sendcase_nav": [
            {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
            for label, url in items
        ],
    }
