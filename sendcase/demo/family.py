"""The demo council's family portal sign-ins: a parent whose child's draft plan waits for their reply,
and a young person with their own account.

Both belong to people the demo already made (Faker en_GB names, synthetic addresses); this only
gives them fixed email addresses and accounts, so `make run` can print how to sign in at /family/.
The password is the demo password; the second step is the code SENDcase emails, which in the demo
waits in the outbox, or which `sendcase demo_family_code EMAIL` prints (debug mode, demo council only).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Final

from django.utils import timezone

from sendcase.audit.services import audited_transaction
from sendcase.cases.models import AssessmentRequest, Outcome, Plan, PlanStatus
from sendcase.demo.ids import new_uuid
from sendcase.notifications.family import Notice, family_notify_step
from sendcase.organisations.models import LocalAuthority
from sendcase.people.models import Channel, FamilyLink
from sendcase.portal.models import FamilyAccount
from sendcase.portal.rules import is_young_person
from sendcase.timescales import draft_response_deadline

FAMILY_DOMAIN: Final = "family.sendcase.example"


@dataclass(frozen=True)
class FamilySignIn:
    email: str
    who: str


FAMILY_SIGNINS: Final = (
    FamilySignIn(f"parent@{FAMILY_DOMAIN}", "parent whose child's draft EHC plan is waiting for their reply"),
    FamilySignIn(f"young.person@{FAMILY_DOMAIN}", "young person with their own account, who decides what parents see"),
)


def _draft_out_for_reply(la: LocalAuthority, today: dt.date, officer_id: object) -> AssessmentRequest | None:
    """An open request whose draft plan is within its 15 days (reg 13(1)), the demo officer's first.

    A very small demo may have none inside the window: then the most recent draft still unanswered.
    """
    waiting = (
        AssessmentRequest.objects.filter(
            child__local_authority=la,
            outcome=Outcome.OPEN,
            draft_served_on__isnull=False,
            draft_served_on__lte=today,
            family_response_on__isnull=True,
        )
        .select_related("child")
        .order_by("-draft_served_on", "pk")
    )
    candidates = list(waiting)
    in_window = [r for r in candidates if draft_response_deadline(r.draft_served_on) >= today]  # type: ignore[arg-type]
    for pool in (in_window, candidates):
        for request in sorted(pool, key=lambda r: r.child.key_worker_id != officer_id):
            if _parent_link(request.child_id) is not None:
                return request
    return None


def _parent_link(child_id: object) -> FamilyLink | None:
    return (
        FamilyLink.objects.filter(child_id=child_id, parental_responsibility=True)
        .select_related("member")
        .order_by("-main_contact", "pk")
        .first()
    )


def _young_person(la: LocalAuthority, today: dt.date, officer_id: object) -> Plan | None:
    """A young person (over compulsory school age, under 25) with a plan the council maintains."""
    plans = (
        Plan.objects.filter(
            child__local_authority=la,
            status=PlanStatus.ACTIVE,
            child__date_of_birth__lte=today - dt.timedelta(days=16 * 365),
            child__date_of_birth__gt=today - dt.timedelta(days=25 * 365),
        )
        .select_related("child")
        .order_by("child__reference")
    )
    found = [p for p in plans[:200] if is_young_person(p.child.date_of_birth, today)]
    found.sort(key=lambda p: p.child.key_worker_id != officer_id)
    return found[0] if found else None


def seed_family_accounts(
    *, la: LocalAuthority, today: dt.date, password_hash: str, officer_id: object, rng: random.Random
) -> list[FamilyAccount]:
    """The demo's family accounts, for people already in it; none if the demo has nobody who fits."""
    now = timezone.now()
    accounts: list[FamilyAccount] = []
    parent, young = FAMILY_SIGNINS
    request = _draft_out_for_reply(la, today, officer_id)
    link = _parent_link(request.child_id) if request is not None else None
    if link is not None:
        member = link.member
        # Notices about the child go to the member's own address: make it the account's.
        member.email, member.preferred_channel, member.no_internet = parent.email, Channel.EMAIL, False
        member.save(update_fields=["email", "preferred_channel", "no_internet", "modified_at"])
        accounts.append(
            FamilyAccount(
                id=new_uuid(rng),
                local_authority=la,
                family_member=member,
                email=parent.email,
                password=password_hash,
                email_confirmed_at=now,
            )
        )
    plan = _young_person(la, today, officer_id)
    if plan is not None:
        accounts.append(
            FamilyAccount(
                id=new_uuid(rng),
                local_authority=la,
                young_person=plan.child,
                email=young.email,
                password=password_hash,
                email_confirmed_at=now,
            )
        )
    created = FamilyAccount.objects.bulk_create(accounts)
    if link is not None and request is not None:
        _notices_so_far(request)
    return created


def _notices_so_far(request: AssessmentRequest) -> None:
    """What the family would have been told about each step so far, so the portal's letters have some.

    Sent through the same gateway as every notice (to the demo outbox), for this one family only:
    the rest of the seed writes no notices.
    """
    steps = [
        (Notice.REQUEST_RECEIVED, request.received_on),
        (Notice.ASSESSMENT_DECISION, request.assess_decision_on),
        (Notice.PLAN_DECISION, request.issue_decision_on),
        (Notice.DRAFT_PLAN, request.draft_served_on),
    ]
    with audited_transaction():
        for notice, recorded in steps:
            if recorded is not None:
                family_notify_step(actor=None, request=request, notice=notice)
