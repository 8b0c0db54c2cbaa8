"""Navigation for every staff page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from sendcase.access.advice import is_advice_contributor
from sendcase.accounts.models import Role
from sendcase.accounts.security import second_factor_done


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not second_factor_done(request):
        return {}  # password passed, code not yet: nothing to navigate to but signing out
    items = []
    if user.is_send_team:
        items.append(("My caseload", reverse("staff:caseload")))
        items.append(("Reviews", reverse("reviews:home")))
        if user.role in (Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.ANALYST):
            items.append(("Team", reverse("staff:team")))
            items.append(("Appeals", reverse("appeals:overview")))
            items.append(("Scorecard", reverse("scorecard:scorecard")))
            items.append(("Statistics", reverse("statistics:page")))
            items.append(("SEN2 return", reverse("sen2:home")))
        items.append(("Find a child", reverse("staff:search")))
        if user.role in (Role.TEAM_MANAGER, Role.ADMINISTRATOR):
            items.append(("Audit", reverse("staff:audit")))
        if user.can_do_casework:
            items.append(("New request", reverse("staff:request-new")))
            items.append(("Letters and calls", reverse("notifications:family-tasks")))
    elif user.role in (Role.PROFESSIONAL, Role.EDUCATIONAL_PSYCHOLOGIST):
        items.append(("Your children", reverse("teams:children")))
        items.append(("Find a child", reverse("staff:search")))
        if user.is_organisation_admin and user.organisation_id:
            items.append(("Your organisation", reverse("teams:own-organisation")))
    if user.role == Role.ADMINISTRATOR and user.local_authority_id:
        items.append(("Organisations", reverse("teams:organisations")))
        items.append(("Staff accounts", reverse("accounts:people")))
    if is_advice_contributor(user):
        items.append(("Advice requests", reverse("staff:advice-inbox")))
    if user.role == Role.ADMINISTRATOR and user.local_authority_id:
        items.append(("Outbox", reverse("notifications:outbox")))
    path = request.path
    return {
        "sendcase_la": user.local_authority,
        "sendcase_nav": [
            {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
            for label, url in items
        ],
    }
