"""Who administers an organisation's accounts: its own administrators and the council's SEND administrators."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sendcase.accounts.models import Role, User
from sendcase.organisations.models import Organisation

NO_ORGANISATION = "No organisation with that reference."


def _as_uuid(value: object) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404(NO_ORGANISATION) from exc


def is_send_administrator_for(user: User, organisation: Organisation) -> bool:
    """A SEND administrator of the council whose directory lists the organisation."""
    return (
        user.role == Role.ADMINISTRATOR
        and user.local_authority_id is not None
        and user.local_authority_id == organisation.local_authority_id
    )


def can_administer_organisation(user: User, organisation: Organisation) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    own_admin = user.is_organisation_admin and user.organisation_id == organisation.pk
    return own_admin or is_send_administrator_for(user, organisation)


def require_organisation_admin(user: User, organisation: Organisation) -> None:
    """Raise PermissionDenied unless `user` may add and remove the organisation's people."""
    if not can_administer_organisation(user, organisation):
        raise PermissionDenied(
            "Only the organisation's administrators and the council's SEND administrators can do this."
        )


def organisations_administered_by(user: User) -> QuerySet[Organisation]:
    """The organisations whose accounts `user` looks after."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.role == Role.ADMINISTRATOR and user.local_authority_id is not None:
        return Organisation.objects.filter(local_authority_id=user.local_authority_id)
    if user.is_organisation_admin and user.organisation_id is not None:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def organisation_get_for_admin(user: User, organisation_id: object) -> Organisation:
    """An organisation `user` administers: 404 if it does not exist for them, 403 if they may not administer it."""
    organisation = (
        Organisation.objects.filter(pk=_as_uuid(organisation_id)).select_related("local_authority", "locality").first()
    )
    if organisation is None:
        raise Http404(NO_ORGANISATION)
    require_organisation_admin(user, organisation)
    return organisation


def person_get_for_admin(user: User, person_id: object, *, organisation: Organisation) -> User:
    """A person of an organisation already fetched through `organisation_get_for_admin`."""
    try:
        pk = int(str(person_id))
    except ValueError as exc:
        raise Http404("No such person in this organisation.") from exc
    person = User.objects.filter(pk=pk, organisation=organisation).first()
    if person is None:
        raise Http404("No such person in this organisation.")
    require_organisation_admin(user, organisation)
    return person
