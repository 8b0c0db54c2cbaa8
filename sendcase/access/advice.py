"""Who may see and answer a request for advice.

A request for advice (reg 6 and reg 8, SEND Regulations 2014) is addressed to an organisation's
inbox and may be assigned to one person there. The contributor sees:
- the requests assigned to them;
- if they administer their organisation, its requests nobody has been assigned yet, so they can
  hand each to a colleague.
Nothing else: not a colleague's requests, not other children. The SEND team reads advice
through the child's record (`children_visible_to`), as for everything else about a child.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from sendcase.accounts.models import Role
from sendcase.cases.models import AdviceRequest

if TYPE_CHECKING:
    from sendcase.accounts.models import User

NOT_FOUND = "No request for advice with that reference is in your inbox."

# Roles that give advice; an organisation administrator of any role also triages its inbox.
CONTRIBUTOR_ROLES = frozenset({Role.PROFESSIONAL, Role.EDUCATIONAL_PSYCHOLOGIST})


def is_advice_contributor(user: User) -> bool:
    """True if `user` has an advice inbox (professionals, EPs and organisation administrators)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.role in CONTRIBUTOR_ROLES or (user.is_organisation_admin and user.organisation_id))
    )


def _as_uuid(value: object) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404(NOT_FOUND) from exc


def advice_inbox_for(user: User) -> QuerySet[AdviceRequest]:
    """The requests for advice in `user`'s inbox, joined to the child and request they concern."""
    if not is_advice_contributor(user):
        return AdviceRequest.objects.none()
    condition = Q(assigned_to=user)
    if user.is_organisation_admin and user.organisation_id:
        condition |= Q(organisation_id=user.organisation_id, assigned_to__isnull=True)
    return AdviceRequest.objects.filter(condition).select_related(
        "request", "request__child", "request__child__local_authority", "organisation", "assigned_to"
    )


def advice_contributor_may_write(user: User, advice: AdviceRequest) -> bool:
    """True if `user` may answer `advice`: it is theirs, or unassigned in the organisation they administer."""
    if not is_advice_contributor(user):
        return False
    if advice.assigned_to_id is not None:
        return advice.assigned_to_id == user.pk
    return bool(user.is_organisation_admin and user.organisation_id and advice.organisation_id == user.organisation_id)


def advice_get_for_contributor(user: User, advice_id: object, *, for_write: bool = False) -> AdviceRequest:
    """One request from `user`'s advice inbox, or Http404 if it is not theirs to see.

    Everything a contributor may see they may also answer, so `for_write` checks the same rule
    again on the fetched row; it is there so callers say which they mean.
    """
    advice = advice_inbox_for(user).filter(pk=_as_uuid(advice_id)).first()
    if advice is None or (for_write and not advice_contributor_may_write(user, advice)):
        raise Http404(NOT_FOUND)
    return advice


def advice_get_for_reader(user: User, advice_id: object) -> AdviceRequest:
    """A request for advice `user` may read: from their inbox, or about a child whose record they see."""
    from sendcase.access.children import children_visible_to

    advice = advice_inbox_for(user).filter(pk=_as_uuid(advice_id)).first()
    if advice is None:
        advice = (
            AdviceRequest.objects.filter(pk=_as_uuid(advice_id), request__child__in=children_visible_to(user))
            .select_related("request", "request__child", "organisation", "assigned_to")
            .first()
        )
    if advice is None:
        raise Http404(NOT_FOUND)
    return advice
