"""A family asking for a portal account, and a case officer confirming or declining it.

The request form is open to anyone, so it never says whether SENDcase knows the child: every
request gets the same answer ("the council will check and contact you"). SENDcase matches it to
a child of that council with the same first name (or known-as name), last name and date of
birth; a matched request shows on that child's case page, every request on the council's list.
An officer confirms by choosing who the person is (a parent or carer with parental
responsibility, or the young person), which sends them an invitation to the address they gave.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase.access import require_casework
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.people.models import Child
from sendcase.portal.models import FamilyAccount, FamilyAccountRequest, RequestStatus
from sendcase.portal.services.invitations import family_invite, normalise_email, young_person_invite

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.organisations.models import LocalAuthority
    from sendcase.people.models import FamilyMember

RELATIONSHIPS = {"parent", "carer", "young_person"}


def _match(la: LocalAuthority, first: str, last: str, born: dt.date) -> Child | None:
    matches = list(
        Child.objects.filter(local_authority=la, date_of_birth=born, last_name__iexact=last)
        .filter(Q(first_name__iexact=first) | Q(known_as__iexact=first))
        .only("pk")[:2]
    )
    return matches[0] if len(matches) == 1 else None


def account_request_create(
    *,
    local_authority: LocalAuthority | None,
    name: str,
    email: str,
    relationship: str,
    child_first_name: str,
    child_last_name: str,
    child_date_of_birth: dt.date | None,
) -> FamilyAccountRequest:
    """Record a family's request for an account, for the council to check."""
    email = normalise_email(email)
    name, first, last = name.strip(), child_first_name.strip(), child_last_name.strip()
    checks = Checks()
    if local_authority is None:
        checks.add("local_authority", _("Select your council"))
    if not name:
        checks.add("name", _("Enter your full name"))
    try:
        validate_email(email)
    except ValidationError:
        checks.add("email", _("Enter an email address in the correct format, like name@example.com"))
    if relationship not in RELATIONSHIPS:
        checks.add("relationship", _("Select who you are"))
    if not first:
        checks.add("child_first_name", _("Enter the child or young person's first name"))
    if not last:
        checks.add("child_last_name", _("Enter the child or young person's last name"))
    if child_date_of_birth is None:
        checks.add("child_date_of_birth", _("Enter the child or young person's date of birth"))
    elif child_date_of_birth > today():
        checks.add("child_date_of_birth", _("The date of birth must be in the past"))
    checks.raise_if_any(_("There is a problem"))
    assert local_authority is not None and child_date_of_birth is not None  # noqa: S101 (checked above)
    matched = _match(local_authority, first, last, child_date_of_birth)
    with audited_transaction():
        return create_audited(
            FamilyAccountRequest,
            actor=None,
            about=matched,
            what=f"Family portal account requested by {name} <{email}>",
            audited=["name", "email", "relationship"],
            local_authority=local_authority,
            name=name,
            email=email,
            relationship=relationship,
            child_first_name=first,
            child_last_name=last,
            child_date_of_birth=child_date_of_birth,
            matched_child=matched,
        )


def _require_pending(checks: Checks, account_request: FamilyAccountRequest) -> None:
    if account_request.status != RequestStatus.PENDING:
        checks.add("who", f"This request has already been {account_request.get_status_display().lower()}")


def account_request_match(*, actor: User, account_request: FamilyAccountRequest, child: Child | None) -> None:
    """Link a request SENDcase could not match to the child the officer found."""
    checks = Checks()
    _require_pending(checks, account_request)
    if child is None or child.local_authority_id != account_request.local_authority_id:
        checks.add("reference", "No child of your council has that SENDcase reference or UPN")
    checks.raise_if_any()
    assert child is not None  # noqa: S101 (checked above)
    require_casework(actor, child)
    with audited_transaction():
        old = account_request.matched_child_id
        account_request.matched_child = child
        account_request.save(update_fields=["matched_child", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=account_request,
            child=child,
            summary="Family portal account request matched to this child",
            changes={"matched_child": [str(old) if old else None, str(child.pk)]},
        )


def account_request_confirm(
    *,
    actor: User,
    account_request: FamilyAccountRequest,
    family_member: FamilyMember | None = None,
    young_person: bool = False,
) -> str:
    """Confirm who asked, and invite them at the address they gave; returns the invitation's token."""
    child = account_request.matched_child
    checks = Checks()
    _require_pending(checks, account_request)
    if child is None:
        checks.add("who", "Match the request to a child first")
    elif not young_person and (
        family_member is None
        or not family_member.child_links.filter(child=child, parental_responsibility=True).exists()
    ):
        checks.add("who", "Select the parent or carer with parental responsibility who asked, or decline the request")
    checks.raise_if_any()
    assert child is not None  # noqa: S101 (checked above)
    require_casework(actor, child)
    with audited_transaction():
        if young_person:
            token = young_person_invite(actor=actor, child=child, email=account_request.email)
        else:
            assert family_member is not None  # noqa: S101 (checked above)
            token = family_invite(actor=actor, family_member=family_member, email=account_request.email)
        account = FamilyAccount.objects.get(
            **({"young_person": child} if young_person else {"family_member": family_member})
        )
        _decide(actor, account_request, RequestStatus.CONFIRMED, child=child, account=account)
    return token


def account_request_decline(*, actor: User, account_request: FamilyAccountRequest, reason: str) -> None:
    """Decline a request (for example, nobody with parental responsibility by that name)."""
    checks = Checks()
    _require_pending(checks, account_request)
    if not reason.strip():
        checks.add("reason", "Enter why the request is declined, for the record")
    checks.raise_if_any()
    if account_request.matched_child is not None:
        require_casework(actor, account_request.matched_child)
    elif not (actor.can_do_casework and actor.local_authority_id == account_request.local_authority_id):
        raise ValidationFailed("There is a problem", field_errors={"reason": "You cannot decline this request"})
    with audited_transaction():
        account_request.decline_reason = reason.strip()
        _decide(actor, account_request, RequestStatus.DECLINED, child=account_request.matched_child)


def _decide(
    actor: User,
    account_request: FamilyAccountRequest,
    status: str,
    *,
    child: Child | None,
    account: FamilyAccount | None = None,
) -> None:
    old = account_request.status
    account_request.status, account_request.decided_at = status, timezone.now()
    account_request.modified_by = actor
    if account is not None:
        account_request.account = account
    account_request.save()
    audit_change(
        actor=actor,
        action=Action.UPDATE,
        instance=account_request,
        child=child,
        summary=f"Family portal account request {RequestStatus(status).label.lower()}",
        changes={"status": [old, status]},
    )
