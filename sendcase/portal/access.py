"""The family portal's own access rules: which children a family account sees, and how much.

Staff access is decided in sendcase.access; families never pass through it, and staff never
pass through here. Every portal view reads a child through `child_get_for_family`, which
raises Http404 whenever the account may not know the record exists, so another family's
child looks exactly like a child that does not exist.

- A parent or carer sees a child they are linked to with parental responsibility (FamilyLink
  with parental_responsibility), in the same council.
- A young person (over compulsory school age and under 25: sendcase/portal/rules.py) may hold
  their own account, and sees their own record.
- Once a young person holds an active account, they decide what their parents see
  (FamilyAccount.parents_see): everything (and take part), only the timeline, or nothing. Until
  they do, parents see everything: the council should talk to the young person about it.
- A switched-off account, or one whose invitation was never accepted, sees nothing.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from sendcase.cases.models import AssessmentRequest
from sendcase.core.clock import today
from sendcase.people.models import Child
from sendcase.portal import rules
from sendcase.portal.models import FamilyAccount, ParentsSee


class Scope(enum.IntEnum):
    """How much of a child's record an account may use; more includes less."""

    TIMELINE = 1  # where things are up to: the "Where we are" page only
    EVERYTHING = 2  # and take part: views, documents, draft responses, reviews, messages


@dataclass(frozen=True)
class FamilyChild:
    child: Child
    scope: Scope
    is_self: bool  # the account is the young person's own

    @property
    def may_take_part(self) -> bool:
        return self.scope >= Scope.EVERYTHING


def not_found() -> Http404:
    return Http404(_("No child with that reference is on your account."))


def _as_uuid(value: object) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise not_found() from exc


def account_may_sign_in(account: FamilyAccount | None) -> bool:
    return account is not None and account.is_active and account.has_password


def young_person_account_is_live(account: FamilyAccount | None) -> bool:
    """A young person's own account that is switched on and set up, while they are a young person."""
    if not account_may_sign_in(account) or account is None or account.young_person is None:
        return False
    return rules.is_young_person(account.young_person.date_of_birth, today())


def _scope_for_parent(child: Child) -> Scope | None:
    young_person_account = getattr(child, "portal_account", None)
    if not rules.is_young_person(child.date_of_birth, today()) or not young_person_account_is_live(
        young_person_account
    ):
        return Scope.EVERYTHING
    return {
        ParentsSee.EVERYTHING: Scope.EVERYTHING,
        ParentsSee.TIMELINE: Scope.TIMELINE,
    }.get(young_person_account.parents_see)  # type: ignore[union-attr]


def children_for_family(account: FamilyAccount | None, *, only: uuid.UUID | None = None) -> list[FamilyChild]:
    """Every child `account` may see, with how much; in one query."""
    if not account_may_sign_in(account) or account is None:
        return []
    if account.young_person_id is not None:
        if only is not None and only != account.young_person_id:
            return []
        if not young_person_account_is_live(account):
            return []
        child = Child.objects.select_related("key_worker", "local_authority").get(pk=account.young_person_id)
        return [FamilyChild(child=child, scope=Scope.EVERYTHING, is_self=True)]
    qs = Child.objects.filter(
        family_links__member_id=account.family_member_id,
        family_links__parental_responsibility=True,
        local_authority_id=account.local_authority_id,
    ).select_related("key_worker", "local_authority", "portal_account__young_person")
    if only is not None:
        qs = qs.filter(pk=only)
    visible = []
    for child in qs.order_by("date_of_birth"):
        scope = _scope_for_parent(child)
        if scope is not None:
            visible.append(FamilyChild(child=child, scope=scope, is_self=False))
    return visible


def child_get_for_family(
    account: FamilyAccount | None, child_id: object, *, need: Scope = Scope.EVERYTHING
) -> FamilyChild:
    """The child `child_id` as `account` may see it, or Http404 if it may not see that much of it."""
    found = children_for_family(account, only=_as_uuid(child_id))
    if not found or found[0].scope < need:
        raise not_found()
    return found[0]


def request_get_for_family(request_id: object, *, child: Child) -> AssessmentRequest:
    """A request of a child already fetched through `child_get_for_family`."""
    request = AssessmentRequest.objects.filter(pk=_as_uuid(request_id), child=child).first()
    if request is None:
        raise not_found()
    return request


def require_own_young_person_account(account: FamilyAccount, family_child: FamilyChild) -> None:
    """Only the young person themselves chooses what their parents see."""
    if not family_child.is_self or account.young_person_id != family_child.child.pk:
        raise not_found()
