"""What the plan pages share: fetching the child and plan through the access module, and auditing views.

The same pages serve a maintained plan (`/children/<child>/plans/<plan>/...`) and the draft
plan of an assessment request before its plan is issued (`/children/<child>/requests/<request>/
draft-plan/...`): each view takes `plan_id` or `request_id` and works on a PlanOwner.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sendcase import access
from sendcase.audit.services import audit_view
from sendcase.cases.models import Plan
from sendcase.core.errors import ValidationFailed
from sendcase.people.models import Child
from sendcase.plans import selectors
from sendcase.plans.owners import PlanOwner


def owner_for(
    request: HttpRequest,
    child_id: object,
    *,
    plan_id: object = None,
    request_id: object = None,
    for_write: bool = False,
    viewed: str = "",
) -> tuple[Child, PlanOwner]:
    """The child (404 unless the person may see them) and the plan or request; `viewed` audits a GET as a view."""
    user: Any = request.user
    child = access.child_get_for_user(user, child_id, for_write=for_write)
    if plan_id is not None:
        owner = PlanOwner.of(plan=selectors.plan_get_for_user(user, plan_id, child=child, for_write=for_write))
    else:
        owner = PlanOwner.of(request=selectors.request_get_for_user(user, request_id, child=child, for_write=for_write))
    if viewed and request.method == "GET":
        why = "" if user.is_send_team else f" ({access.relationship_of(user, child)})"
        audit_view(actor=user, child=child, what=f"{'Draft ' if owner.is_request else ''}{viewed}{why}")
    return child, owner


def plan_for(
    request: HttpRequest, child_id: object, plan_id: object, *, for_write: bool = False, viewed: str = ""
) -> tuple[Child, Plan]:
    """The child and their maintained plan, for the pages only a plan has (progress on outcomes)."""
    child, owner = owner_for(request, child_id, plan_id=plan_id, for_write=for_write, viewed=viewed)
    return child, owner.plan  # type: ignore[return-value]


def can_edit(request: HttpRequest, child: Child, owner: PlanOwner | None = None) -> bool:
    """May this person change the content now: casework at the child's council, on content still open to change."""
    user: Any = request.user
    if not (user.can_do_casework and user.local_authority_id == child.local_authority_id):
        return False
    if owner is None:
        return True
    try:
        owner.require_writable()
    except ValidationFailed:
        return False
    return True
