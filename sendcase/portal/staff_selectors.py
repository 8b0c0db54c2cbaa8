"""What the case page shows the SEND team about the family portal.

Only the council's own SEND team sees it: partners (schools, health, educational psychologists)
never see a family's messages, views or documents through the case page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q
from django.utils import timezone

from sendcase.core.clock import today
from sendcase.portal import rules
from sendcase.portal.access import Scope, children_for_family
from sendcase.portal.models import (
    DraftResponse,
    FamilyAccount,
    FamilyAccountRequest,
    FamilyDocument,
    FamilyInvitation,
    MessageThread,
    RequestStatus,
    ReviewPreference,
    Status,
)
from sendcase.portal.selectors import sent_views_for_staff

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child, FamilyLink


def may_see_portal(user: User, child: Child) -> bool:
    return bool(user.is_authenticated and user.is_send_team and user.local_authority_id == child.local_authority_id)


def may_manage_portal(user: User, child: Child) -> bool:
    return bool(user.is_authenticated and user.can_do_casework and user.local_authority_id == child.local_authority_id)


def account_status(account: FamilyAccount | None) -> str:
    """The account's state in a few words, for staff."""
    if account is None:
        return "No account"
    if not account.is_active:
        return "Switched off"
    if account.has_password:
        when = timezone.localtime(account.last_sign_in).strftime("%d/%m/%Y") if account.last_sign_in else ""
        return f"Active, last signed in {when}" if when else "Active, not signed in yet"
    live = [i for i in account.invitations.all() if i.used_at is None and i.revoked_at is None]
    if live and live[0].expires_at > timezone.now():
        return f"Invited, link valid until {timezone.localtime(live[0].expires_at):%d/%m/%Y}"
    return "Invitation expired"


def takes_part(account: FamilyAccount | None, child: Child) -> bool:
    """Whether the account can read and send messages about the child in the portal (so staff may write first)."""
    if account is None or not account.is_active or not account.has_password:
        return False
    found = children_for_family(account, only=child.pk)
    return bool(found) and found[0].scope >= Scope.EVERYTHING


@dataclass(frozen=True)
class MemberRow:
    link: FamilyLink
    account: FamilyAccount | None
    status: str
    can_message: bool = False

    @property
    def can_invite(self) -> bool:
        member = self.link.member
        switched_off = self.account is not None and not self.account.is_active
        return bool(self.link.parental_responsibility and (member.email or self.account) and not switched_off)

    @property
    def has_active_account(self) -> bool:
        return self.account is not None and self.account.is_active and self.account.has_password


@dataclass(frozen=True)
class StaffSection:
    child: Child
    can_manage: bool
    members: list[MemberRow]
    is_young_person: bool
    young_person_account: FamilyAccount | None
    young_person_status: str
    young_person_can_message: bool = False
    requests: list[FamilyAccountRequest] = field(default_factory=list)
    views: list = field(default_factory=list)  # type: ignore[type-arg]
    documents: list[FamilyDocument] = field(default_factory=list)
    responses: list[DraftResponse] = field(default_factory=list)
    review_preferences: list[ReviewPreference] = field(default_factory=list)
    threads: list[MessageThread] = field(default_factory=list)


def staff_section(*, viewer: User, child: Child) -> StaffSection | None:
    """The family portal section of the case page, or None for anyone outside the council's SEND team."""
    if not may_see_portal(viewer, child):
        return None
    invitations = Prefetch("invitations", queryset=FamilyInvitation.objects.order_by("-created_at"))
    links = list(child.family_links.select_related("member").order_by("-main_contact", "member__last_name"))
    accounts = {
        a.family_member_id: a
        for a in FamilyAccount.objects.filter(family_member_id__in=[link.member_id for link in links]).prefetch_related(
            invitations
        )
    }
    young_person_account = FamilyAccount.objects.filter(young_person=child).prefetch_related(invitations).first()
    return StaffSection(
        child=child,
        can_manage=may_manage_portal(viewer, child),
        members=[
            MemberRow(
                link=link,
                account=accounts.get(link.member_id),
                status=account_status(accounts.get(link.member_id)),
                can_message=takes_part(accounts.get(link.member_id), child),
            )
            for link in links
        ],
        is_young_person=rules.is_young_person(child.date_of_birth, today()),
        young_person_account=young_person_account,
        young_person_status=account_status(young_person_account),
        young_person_can_message=takes_part(young_person_account, child),
        requests=list(FamilyAccountRequest.objects.filter(matched_child=child, status=RequestStatus.PENDING)),
        views=list(sent_views_for_staff(child.pk)),
        documents=list(
            FamilyDocument.objects.filter(child=child).select_related("account__family_member", "account__young_person")
        ),
        responses=list(
            DraftResponse.objects.filter(Q(request__child=child) | Q(review__child=child), status=Status.SENT)
            .select_related(
                "request",
                "review",
                "plan_version",
                "preferred_setting",
                "account__family_member",
                "account__young_person",
            )
            .prefetch_related("sections")
        ),
        review_preferences=list(
            ReviewPreference.objects.filter(child=child).select_related(
                "plan", "account__family_member", "account__young_person"
            )
        ),
        threads=list(
            MessageThread.objects.filter(child=child, last_message_at__isnull=False).select_related(
                "account__family_member", "account__young_person"
            )
        ),
    )
