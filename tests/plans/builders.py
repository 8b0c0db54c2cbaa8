"""Plans with content, for the plan tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.cases.models import Plan
from sendcase.plans import services
from sendcase.plans.models import PlanDraftContent

OUTCOME_1 = "Amelia will read a short story aloud to her class with confidence"
OUTCOME_2 = "Amelia will travel to school on the bus with a friend"


def plan_for(child, setting, *, issued_on=dt.date(2024, 3, 1)) -> Plan:
    return Plan.objects.create(child=child, issued_on=issued_on, named_setting=setting)


def complete_content(setting, today: dt.date) -> dict:
    """Every section A to K, valid on `today`, with two outcomes and provision linked to them."""
    o1, o2 = "0b5b6c3e-4a0e-4c47-9f55-1f8a5c2d0e11", "6f0a4e9e-3a36-4b8b-8a0b-2c1d9e7f4a22"
    later = today + dt.timedelta(days=365)
    return {
        "a": {
            "child_views": "I like drawing dinosaurs and playing football at break.",
            "family_views": "We want Amelia to feel safe and happy at school.",
            "aspirations": "To be a vet.",
            "family_roles": "Mum will read with Amelia for ten minutes every evening, supported by the SENCo.",
            "young_person_role": "Amelia will tell her teacher when she needs a break.",
        },
        "b": {
            "items": [
                {"area": "communication", "text": "Difficulty following spoken instructions of more than two steps."},
                {"area": "cognition", "text": "Reading age two years below her age."},
            ]
        },
        "c": {"items": [{"area": "", "text": "Mild hearing loss in the left ear."}]},
        "d": {"items": []},
        "e": {
            "items": [
                {
                    "id": o1,
                    "area": "cognition",
                    "outcome": OUTCOME_1,
                    "measure": "Class teacher observation each half term",
                    "by_when": later,
                    "steps": "Read a sentence aloud to an adult\nRead a page to a small group",
                },
                {
                    "id": o2,
                    "area": "pfa_independent_living",
                    "outcome": OUTCOME_2,
                    "measure": "Attendance and the family's diary",
                    "by_when": later,
                    "steps": "",
                },
            ]
        },
        "f": {
            "items": [
                {
                    "outcomes": [o1],
                    "what": "Precision teaching of reading",
                    "how_often": "Three times a week, 20 minutes",
                    "by_whom": "Teaching assistant trained by the SENCo",
                    "duration": "Until the next annual review",
                    "start_on": None,
                    "end_on": None,
                    "group_size": "1:1",
                }
            ]
        },
        "g": {
            "items": [
                {
                    "outcomes": [],
                    "what": "Hearing review",
                    "how_often": "Once a year",
                    "by_whom": "Audiology",
                    "duration": "",
                    "start_on": today,
                    "end_on": later,
                    "group_size": "",
                }
            ]
        },
        "h1": {"items": []},
        "h2": {"items": []},
        "i": {"setting_id": str(setting.pk), "setting_name": "", "setting_type": "mainstream"},
        "j": {"amount": "", "arrangements": "", "direct_payment": False},
        "k": {
            "items": [
                {"contributor": "Educational psychology", "date": today - dt.timedelta(days=30), "title": "EP advice"}
            ]
        },
    }


def proposals_sent(plan: Plan, *, sent_on: dt.date | None = dt.date(2025, 5, 1), decision="amend"):
    """An annual review of `plan` that decided to amend it and sent the proposals on `sent_on` (reg 22(2)).

    Made as a row, as the review pages would leave it, so a plan test can issue the amended
    version itself (the review's own service is tested in tests/reviews). Sent on 1 May 2025,
    the family's 15 days ended on 15 May 2025, before today (2 June 2025).
    """
    from sendcase import timescales
    from sendcase.reviews.models import AnnualReview

    held = (sent_on or dt.date(2025, 5, 1)) - dt.timedelta(days=14)
    return AnnualReview.objects.create(
        plan=plan,
        child=plan.child,
        due_on=held,
        meeting_on=held,
        invitations_sent_on=held - dt.timedelta(days=21),
        meeting_held_on=held,
        decision=decision,
        decision_sent_on=held,
        outcome="A",
        proposed_amendments_sent_on=sent_on,
        representations_by=timescales.amendment_representations_deadline(sent_on) if sent_on else None,
    )


def tribunal_order_to_amend(officer, plan: Plan, *, made_on=dt.date(2025, 5, 12)):
    """The Tribunal's order to amend the plan's content (reg 44(2)(e)): its outstanding "amended_plan" step."""
    from sendcase.appeals import services as appeals
    from sendcase.people.models import FamilyLink, FamilyMember

    if not FamilyLink.objects.filter(child=plan.child).exists():
        member = FamilyMember.objects.create(
            local_authority=plan.child.local_authority, first_name="Joanna", last_name="Hart"
        )
        FamilyLink.objects.create(child=plan.child, member=member, relationship="mother", main_contact=True)
    notice = appeals.decision_notice_send(
        actor=officer,
        child=plan.child,
        about="plan_contents",
        decided_on=dt.date(2025, 3, 7),
        sent_on=dt.date(2025, 3, 10),
        reasons="Section F sets out 20 hours of support from a teaching assistant each week.",
        mediation_adviser="Dorset Mediation Service, 01305 000000",
        plan=plan,
    )
    appeal = appeals.tribunal_appeal_lodge(
        actor=officer, notice=notice, lodged_on=dt.date(2025, 3, 20), grounds="needs_provision"
    )
    order = appeals.tribunal_order_record(actor=officer, appeal=appeal, kind="amend_content", made_on=made_on)
    return order.steps.get(step="amended_plan")


def write_content(officer, plan: Plan | None, content: dict, *, request=None) -> PlanDraftContent:
    """Write every section through the service, as an officer would one page at a time.

    `request` instead of `plan`: the draft plan of an assessment request, before its plan exists.
    """
    draft = None
    owner = {"plan": plan} if plan is not None else {"request": request}
    for code, data in content.items():
        version = draft.version if draft else None
        draft = services.plan_content_update(actor=officer, **owner, section=code, data=data, version=version)
    return draft


@pytest.fixture
def plan(child, setting):
    return plan_for(child, setting)


@pytest.fixture
def written_plan(officer, plan, setting, today):
    write_content(officer, plan, complete_content(setting, today))
    return plan


@pytest.fixture
def may_amend(plan):
    """The plan's proposed amendments went to the family on 1 May 2025 and their 15 days have ended."""
    return proposals_sent(plan)
