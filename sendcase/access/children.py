from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sendcase.access.relationships import partner_child_ids, partner_sources
from sendcase.accounts.models import Role
from sendcase.cases.models import AdviceRequest, AssessmentRequest, SettingConsultation
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.people.models import Child

if TYPE_CHECKING:
    from sendcase.accounts.models import User

NOT_FOUND = "No child with that reference is on your records."


def children_visible_to(user: User) -> QuerySet[Child]:
    """The children `user` may see, as a queryset to filter further.

    The council's SEND team see every child of their council; a professional sees the children
    of their relationships (sendcase/access/relationships.py); anyone else sees none.
    """
    return _visible(user)


def visible_child(user: User, child_id: object) -> QuerySet[Child]:
    """`children_visible_to(user)` narrowed to one child, checked with index lookups alone."""
    return _visible(user, only=_as_uuid(child_id))


def _visible(user: User, *, only: uuid.UUID | None = None) -> QuerySet[Child]:
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    if user.is_send_team:
        qs = Child.objects.filter(local_authority_id=user.local_authority_id)
    else:
        ids = partner_child_ids(partner_sources(user), only=only)
        if ids is None:
            return Child.objects.none()
        qs = Child.objects.filter(pk__in=ids)
    return qs if only is None else qs.filter(pk=only)


def _as_uuid(value: object) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404(NOT_FOUND) from exc


def school_of(user: User) -> Organisation:
    """The school or setting `user` works for, for its own pages; PermissionDenied for anyone else.

    A school's staff hold professional accounts of an organisation of kind "setting".
    """
    organisation = user.organisation if user.is_authenticated and user.is_active else None
    if user.role != Role.PROFESSIONAL or organisation is None or organisation.kind != OrganisationKind.SETTING:
        raise PermissionDenied("This page is for the staff of a school, college or early years setting.")
    return organisation


def children_educated_by(user: User) -> QuerySet[Child]:
    """The children `user`'s school or setting educates now (`Child.setting`), and no others.

    A school sees other children too (consulted about a place, on a team with consent): not here.
    PermissionDenied unless `user` works for a school or setting (`school_of`).
    """
    return children_visible_to(user).filter(setting=school_of(user))


def child_find_by_reference(user: User, reference: str) -> Child | None:
    """The visible child whose UPN or SENDcase reference this is, or None."""
    reference = reference.strip().upper()
    if not reference:
        return None
    return children_visible_to(user).filter(Q(upn=reference) | Q(reference=reference)).first()


def require_casework(user: User, child: Child) -> None:
    """Raise PermissionDenied unless `user` may record casework on `child`."""
    if not (user.can_do_casework and user.local_authority_id == child.local_authority_id):
        raise PermissionDenied("You can see this child's record but not change it.")


def child_get_for_user(user: User, child_id: object, *, for_write: bool = False) -> Child:
    child = visible_child(user, child_id).select_related("setting", "locality", "key_worker", "local_authority").first()
    if child is None:
        raise Http404(NOT_FOUND)
    if for_write:
        require_casework(user, child)
    return child


def request_get_for_user(user: User, request_id: object, *, child: Child, for_write: bool = False) -> AssessmentRequest:
    """A request of a child already fetched through `child_get_for_user`."""
    request = AssessmentRequest.objects.filter(pk=_as_uuid(request_id), child=child).first()
    if request is None:
        raise Http404("No request with that reference for this child.")
    if for_write:
        require_casework(user, child)
    return request


def advice_get_for_user(
    user: User, advice_id: object, *, request: AssessmentRequest, for_write: bool = False
) -> AdviceRequest:
    advice = (
        AdviceRequest.objects.filter(pk=_as_uuid(advice_id), request=request).select_related("organisation").first()
    )
    if advice is None:
        raise Http404("No advice request with that reference for this child.")
    if for_write and advice.assigned_to_id != user.pk:
        require_casework(user, request.child)
    return advice


def consultation_get_for_user(
    user: User, consultation_id: object, *, request: AssessmentRequest, for_write: bool = False
) -> SettingConsultation:
    """A consultation of a request already fetched through `request_get_for_user`."""
    consultation = (
        SettingConsultation.objects.filter(pk=_as_uuid(consultation_id), request=request)
        .select_related("setting")
        .first()
    )
    if consultation is None:
        raise Http404("No consultation with that reference for this child.")
    if for_write:
        require_casework(user, request.child)
    return consultation
