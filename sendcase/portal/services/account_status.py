"""The SEND team switching a family portal account off, and on again.

Anyone who may do casework on a child the account is about (sendcase.access.require_casework:
the council's case officers, team managers and administrators) may switch it off, giving a reason
that stays on the record. Switching off ends every session of the account at once and for good
(`sessions_ended_at`, sendcase/portal/session.py), stops every unused invitation or
forgotten-password link and every unused sign-in code, and the account can no longer sign in, by
password or by GOV.UK One Login (both refuse an inactive account). Switching it on again lets the
person sign in with the password they had; the old sessions and links stay ended. Both changes
are audited against the child with the old and new values, and linked to the account
(portal.FamilyAuditEvent) so they are listed with everything else about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from sendcase.access import require_casework
from sendcase.audit.services import audited_transaction, update_audited
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import Forbidden
from sendcase.portal.audit import family_claim_last_event
from sendcase.portal.models import FamilyAccount, FamilyInvitation, FamilySignInCode

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

MAX_REASON = 2_000


def accounts_for_child(child: Child) -> Q:
    """The family accounts a child's record lists: its parents' and carers', and the young person's own."""
    return Q(young_person=child) | Q(family_member__child_links__child=child)


def account_for_child(child: Child, account_id: object) -> FamilyAccount | None:
    return FamilyAccount.objects.filter(accounts_for_child(child), pk=account_id).distinct().first()


def _require(actor: User, account: FamilyAccount, child: Child) -> None:
    require_casework(actor, child)
    if not FamilyAccount.objects.filter(accounts_for_child(child), pk=account.pk).exists():
        raise Forbidden("This family portal account is not about this child.")


def family_account_switch_off(
    *, actor: User, account: FamilyAccount, child: Child, reason: str, expected_version: int | None
) -> FamilyAccount:
    """Switch the account off: it cannot sign in, and every session, link and code it had ends."""
    _require(actor, account, child)
    reason = reason.strip()
    checks = Checks()
    if not account.is_active:
        checks.add("reason", "This account is already switched off")
    if not reason:
        checks.add("reason", "Enter why the account is being switched off, for the record")
    elif len(reason) > MAX_REASON:
        checks.add("reason", f"The reason must be {MAX_REASON:,} characters or fewer")
    checks.raise_if_any()
    now = timezone.now()
    with audited_transaction():
        current = update_audited(
            account,
            actor=actor,
            expected_version=expected_version,
            changes={"is_active": False, "sessions_ended_at": now},
            summary=f"Family portal account of {account.display_name} <{account.email}> switched off: {reason}",
            what="this family portal account",
            child=child,
        )
        family_claim_last_event(account=current, instance=current)
        FamilyInvitation.objects.filter(account=current, used_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        FamilySignInCode.objects.filter(account=current, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
    return current


def family_account_switch_on(
    *, actor: User, account: FamilyAccount, child: Child, expected_version: int | None
) -> FamilyAccount:
    """Switch the account on again: the person signs in with the password they had (or a new invitation)."""
    _require(actor, account, child)
    checks = Checks()
    if account.is_active:
        checks.add("reason", "This account is already switched on")
    checks.raise_if_any()
    with audited_transaction():
        current = update_audited(
            account,
            actor=actor,
            expected_version=expected_version,
            changes={"is_active": True},
            summary=f"Family portal account of {account.display_name} <{account.email}> switched on again",
            what="this family portal account",
            child=child,
        )
        family_claim_last_event(account=current, instance=current)
    return current
