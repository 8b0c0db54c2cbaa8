"""What the plan pages share: fetching the child and plan through the access module, and auditing views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sendcase import access
from sendcase.audit.services import audit_view
from sendcase.cases.models import Plan
from sendcase.people.models import Child
from sendcase.plans import selectors


def plan_for(
    request: HttpRequest, child_id: object, plan_id: object, *, for_write: bool = False, viewed: str = ""
) -> tuple[Child, Plan]:
    """The child (404 unless the person may see them) and their plan; `viewed` audits a GET as a view."""
    user: Any = request.user
    child = access.child_get_for_user(user, child_id, for_write=for_write)
    plan = selectors.plan_get_for_user(user, plan_id, child=child, for_write=for_write)
    if viewed and request.method == "GET":
        why = "" if user.is_send_team else f" ({access.relationship_of(user, child)})"
        audit_view(actor=user, child=child, what=f"{viewed}{why}")
    return child, plan


def can_edit(request: HttpRequest, child: Child) -> bool:
    user: Any = request.user
    return bool(user.can_do_casework and user.local_authority_id == child.local_authority_id)
