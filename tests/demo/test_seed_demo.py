"""The demo loader: the same seed gives the same council, and the council obeys the services' rules."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F, Q

from sendcase import identifiers, timescales
from sendcase.accounts.models import Role, User
from sendcase.appeals.models import (
    CeaseProposal,
    DecisionNotice,
    Mediation,
    TribunalAppeal,
    TribunalOrder,
    TribunalOrderStep,
)
from sendcase.cases import services
from sendcase.cases.models import (
    AdviceRequest,
    AssessmentRequest,
    Outcome,
    Plan,
    PlanStatus,
    SettingConsultation,
    TimescaleException,
)
from sendcase.cases.services.caseload import caseload_summary
from sendcase.organisations.models import Locality, Organisation
from sendcase.people.models import Child, FamilyMember, KeyWorkerAssignment, Stage

# Decisions and appeals protect the plans and children they are about: removed first, children first.
APPEALS_RECORDS = (TribunalOrderStep, TribunalOrder, TribunalAppeal, Mediation, CeaseProposal, DecisionNotice)
# A tenth of the Dorset-sized council: the same shape, fast enough for every test run.
SMALL = ("--fraction", "0.1")


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--scale", "la", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        "children": list(
            Child.objects.order_by("reference").values_list(
                "pk",
                "reference",
                "first_name",
                "last_name",
                "date_of_birth",
                "upn",
                "uln",
                "nhs_number",
                "postcode",
                "primary_need",
                "setting__urn",
                "stage",
                "next_due_on",
                "next_due_step",
                "key_worker__email",
            )
        ),
        "requests": list(
            AssessmentRequest.objects.order_by("child__reference", "received_on").values_list(
                "pk",
                "child__reference",
                "kind",
                "received_on",
                "assess_decision",
                "assess_decision_on",
                "issue_decision_on",
                "draft_served_on",
                "family_response_on",
                "final_issued_on",
                "outcome",
                "closed_on",
            )
        ),
        "advice": list(
            AdviceRequest.objects.order_by("pk").values_list("pk", "contributor", "requested_on", "received_on")
        ),
        "plans": list(
            Plan.objects.order_by("pk").values_list("pk", "issued_on", "status", "last_review_on", "cease_reason")
        ),
        "family": list(
            FamilyMember.objects.order_by("pk").values_list(
                "pk", "first_name", "last_name", "postcode", "preferred_channel", "language"
            )
        ),
        "staff": list(User.objects.order_by("email").values_list("email", "first_name", "last_name", "role")),
    }


class _Discard(Exception):
    pass


def seeded_snapshot(*args: str) -> dict:
    """What `seed_demo` with `args` writes, rolled back afterwards (the audit trail cannot be deleted)."""
    taken: dict = {}
    try:
        with transaction.atomic():
            seed(*args)
            taken = snapshot()
            raise _Discard
    except _Discard:
        pass
    assert not Child.objects.exists()
    return taken


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    first = seeded_snapshot(*SMALL)
    assert len(first["children"]) > 300 and len(first["requests"]) > 150
    assert seeded_snapshot(*SMALL) == first
    assert seeded_snapshot(*SMALL, "--seed", "7")["children"] != first["children"]


@pytest.mark.django_db
def test_every_identifier_and_postcode_is_valid():
    seed(*SMALL)
    children = list(Child.objects.all())
    assert all(identifiers.is_valid_postcode(c.postcode) for c in children)
    assert all(identifiers.is_valid_upn(c.upn) for c in children if c.upn)
    assert all(identifiers.is_valid_uln(c.uln) for c in children if c.uln)
    assert all(identifiers.is_valid_nhs_number(c.nhs_number) for c in children if c.nhs_number)
    assert all(c.upn[1:4] == "838" for c in children if c.upn)  # allocated by the demo LA
    # UPNunknown is the reason a child has neither a UPN nor a ULN (SEN2-R022, R023), and only then.
    assert all(c.upn_unknown for c in children if not c.upn and not c.uln)
    assert not any(c.upn_unknown for c in children if c.upn or c.uln)
    upns = [c.upn for c in children if c.upn]
    assert len(upns) == len(set(upns)) > 0.8 * len(children)
    assert all(identifiers.is_valid_postcode(m.postcode) for m in FamilyMember.objects.all())
    for school in Organisation.objects.filter(kind="setting"):
        identifiers.validate_urn(school.urn)
        assert school.laestab or school.ukprn
        if school.laestab:
            identifiers.validate_laestab(school.laestab)
        if school.ukprn:
            identifiers.validate_ukprn(school.ukprn)


@pytest.mark.django_db
def test_statutory_steps_are_in_order_and_the_caseload_matches_the_clock(today):
    seed(*SMALL)
    requests = AssessmentRequest.objects.all()
    assert not requests.filter(assess_decision_on__lt=F("received_on")).exists()
    assert not requests.filter(issue_decision_on__lt=F("assess_decision_on")).exists()
    assert not requests.filter(draft_served_on__lt=F("issue_decision_on")).exists()
    assert not requests.filter(family_response_on__lt=F("draft_served_on")).exists()
    assert not requests.filter(final_issued_on__lt=F("draft_served_on")).exists()
    assert not requests.filter(closed_on__gt=today).exists()
    assert not requests.filter(outcome=Outcome.OPEN).exclude(closed_on=None).exists()
    assert not AdviceRequest.objects.filter(requested_on__lt=F("request__assess_decision_on")).exists()
    assert not AdviceRequest.objects.filter(received_on__lt=F("requested_on")).exists()
    assert not TimescaleException.objects.filter(start_on__lt=F("request__received_on")).exists()
    assert not SettingConsultation.objects.filter(
        Q(sent_on__lt=F("request__draft_served_on")) | Q(responded_on__lt=F("sent_on"))
    ).exists()
    for request in requests.exclude(final_issued_on=None):
        # The family's 15 days are over, or they answered, before the final plan (reg 13(1)).
        assert request.family_response_on or request.final_issued_on >= timescales.draft_response_deadline(
            request.draft_served_on
        )
    for child in Child.objects.all():
        assert (child.stage, child.next_due_on, child.next_due_step) == caseload_summary(child), child.reference
        assert child.requests.filter(outcome=Outcome.OPEN).count() <= 1
        assert child.plans.filter(status=PlanStatus.ACTIVE).count() <= 1
    assert all(k.ended_at is None or k.ended_at >= k.started_at for k in KeyWorkerAssignment.objects.all())


@pytest.mark.django_db
def test_the_demo_officer_can_decide_a_new_request(today):
    seed(*SMALL)
    officer = User.objects.get(email="officer@sendcase.example")
    assert officer.role == Role.CASE_OFFICER and officer.check_password("demo-password-2025")
    waiting = Child.objects.filter(
        key_worker=officer, stage=Stage.REQUEST, next_due_step="decision", next_due_on__gte=today
    ).first()
    assert waiting is not None
    request = waiting.requests.get(outcome=Outcome.OPEN)
    services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=today, expected_version=request.version
    )
    waiting.refresh_from_db()
    assert waiting.stage == Stage.ASSESSMENT


@pytest.mark.django_db
def test_if_empty_leaves_a_loaded_council_alone():
    seed(*SMALL)
    before = (Child.objects.count(), AssessmentRequest.objects.count(), User.objects.count())
    assert "nothing to do" in seed(*SMALL, "--if-empty")
    assert (Child.objects.count(), AssessmentRequest.objects.count(), User.objects.count()) == before
    with pytest.raises(CommandError, match="already in this database"):
        seed(*SMALL)


@pytest.mark.django_db
def test_the_la_scale_is_a_council_the_size_of_dorset(today):
    out = seed()
    assert "Seeded the la scale" in out
    assert 2700 <= Plan.objects.filter(status=PlanStatus.ACTIVE).count() <= 2900
    three_years_ago = today - dt.timedelta(days=3 * 365)
    assert 1500 <= AssessmentRequest.objects.filter(received_on__gte=three_years_ago, kind="initial").count() <= 2100
    assert Organisation.objects.filter(kind="setting").count() == 150
    assert Locality.objects.count() == 6
    officers = User.objects.filter(role=Role.CASE_OFFICER)
    assert officers.count() == 14
    caseloads = [Child.objects.filter(key_worker=o).exclude(stage=Stage.CLOSED).count() for o in officers]
    assert all(170 <= n <= 260 for n in caseloads), caseloads
    demo = Child.objects.filter(key_worker__email="officer@sendcase.example")
    demo_stages = set(demo.values_list("stage", flat=True))
    assert {Stage.REQUEST, Stage.ASSESSMENT, Stage.DRAFT, Stage.PLAN} <= demo_stages
    decided = AssessmentRequest.objects.exclude(assess_decision_on=None)
    on_time = sum(r.assess_decision_on <= timescales.decision_to_assess_due(r.received_on) for r in decided)
    assert 0.7 <= on_time / decided.count() <= 0.9
    issued = AssessmentRequest.objects.filter(kind="initial").exclude(final_issued_on=None)
    within_20 = sum(r.final_issued_on <= timescales.final_plan_due(r.received_on) for r in issued)
    assert 0.35 <= within_20 / issued.count() <= 0.65
