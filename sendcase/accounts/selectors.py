"""Reads about accounts for the council administrators' pages, already limited to their council."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendcase.accounts.models import Role, User


def is_council_administrator(user: User) -> bool:
    return user.is_active and user.role == Role.ADMINISTRATOR and user.local_authority_id is not None


def people_for_administrator(admin: User) -> QuerySet[User]:
    """Everyone who works with the administrator's council: its staff and its partner organisations' people.

    Each has `has_app`: whether they have a confirmed authenticator app. Empty for anyone who is
    not a council administrator.
    """
    if not is_council_administrator(admin):
        return User.objects.none()
    council = admin.local_authority_id
    return (
        User.objects.filter(Q(local_authority_id=council) | Q(organisation__local_authority_id=council))
        .exclude(role=Role.SYSTEM)
        .annotate(has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .select_related("organisation")
        .order_by("last_name", "first_name", "email")
    )


def person_get_for_administrator(admin: User, person_id: int) -> User:
    """One person of the administrator's council, or 404 (the same for "not yours" and "no such person")."""
    person = people_for_administrator(admin).filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person in your council.")
    return person
