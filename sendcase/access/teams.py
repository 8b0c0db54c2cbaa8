"""Who sees and changes the team around the child, consent to share, and the case discussion."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sendcase.access.children import visible_child
from sendcase.teams.models import Audience, CaseNote, Consent, TeamMembership

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def _as_uuid(value: object, message: str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404(message) from exc


def _this_child_if_visible(user: User, child: Child) -> QuerySet[Child]:
    # A subquery, so the check and the read are one round trip.
    return visible_child(user, child.pk).values("pk")


def is_send_team_of(user: User, child: Child) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_send_team
        and user.local_authority_id == child.local_authority_id
    )


def can_manage_team(user: User, child: Child) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.can_do_casework
        and user.local_authority_id == child.local_authority_id
    )


def require_team_management(user: User, child: Child) -> None:
    """Raise PermissionDenied unless `user` may change the child's team and consent records.

    The council holds the record and answers for sharing it, so its SEND case officers,
    managers and administrators keep the team and the consents; partners read them.
    """
    if not can_manage_team(user, child):
        raise PermissionDenied("Only the council's SEND case officers change the team around the child and consent.")


def team_memberships_visible(user: User, child: Child) -> QuerySet[TeamMembership]:
    """The child's team, past and present, if `user` may see the child (else nothing)."""
    return (
        TeamMembership.objects.filter(child_id__in=_this_child_if_visible(user, child))
        .select_related("organisation", "person")
        .order_by("ended_on", "-started_on")
    )


def consents_visible(user: User, child: Child) -> QuerySet[Consent]:
    """The child's consents to share, newest first, if `user` may see the child."""
    return (
        Consent.objects.filter(child_id__in=_this_child_if_visible(user, child))
        .select_related("organisation", "given_by")
        .order_by("-given_on")
    )


def case_notes_visible_to(user: User, child: Child) -> QuerySet[CaseNote]:
    """The discussion about `child` that `user` may read, newest first.

    Notes for the SEND team only stay with the council's SEND team: partners see the rest.
    """
    notes = CaseNote.objects.filter(child_id__in=_this_child_if_visible(user, child)).select_related(
        "created_by", "created_by__organisation"
    )
    if not is_send_team_of(user, child):
        notes = notes.filter(audience=Audience.TEAM)
    return notes.order_by("-created_at")


def can_see_case_note(user: User, note: CaseNote) -> bool:
    child = note.child
    if note.audience == Audience.SEND_TEAM and not is_send_team_of(user, child):
        return False
    return visible_child(user, child.pk).exists()


def require_case_discussion(user: User, child: Child, *, audience: str = Audience.TEAM) -> None:
    """Raise PermissionDenied unless `user` may add to the discussion about `child` for `audience`.

    Call with a child fetched through `child_get_for_user`. Read-only and analyst accounts of the
    SEND team read the discussion but do not add to it; partners write only for the whole team.
    """
    if not visible_child(user, child.pk).exists():
        raise PermissionDenied("You do not work with this child.")
    if user.is_send_team:
        if not can_manage_team(user, child):
            raise PermissionDenied("Your account can read the case discussion but not add to it.")
        return
    if audience != Audience.TEAM:
        raise PermissionDenied("Only the council's SEND team write notes for the SEND team only.")


def membership_get_for_user(
    user: User, membership_id: object, *, child: Child, for_write: bool = False
) -> TeamMembership:
    """A membership of a child already fetched through `child_get_for_user`."""
    membership = (
        TeamMembership.objects.filter(pk=_as_uuid(membership_id, "No such team member."), child=child)
        .select_related("organisation", "person")
        .first()
    )
    if membership is None:
        raise Http404("No such team member for this child.")
    if for_write:
        require_team_management(user, child)
    return membership


def consent_get_for_user(user: User, consent_id: object, *, child: Child, for_write: bool = False) -> Consent:
    """A consent of a child already fetched through `child_get_for_user`."""
    consent = (
        Consent.objects.filter(pk=_as_uuid(consent_id, "No such consent."), child=child)
        .select_related("organisation", "given_by")
        .first()
    )
    if consent is None:
        raise Http404("No such consent for this child.")
    if for_write:
        require_team_management(user, child)
    return consent
