"""The demo's appeals rows follow the same rules as the services: the services accept what comes next."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from sendcase import timescales
from sendcase.appeals import services
from sendcase.appeals.demo import seed_appeals
from sendcase.appeals.models import CeaseProposal, DecisionNotice, Mediation, TribunalAppeal, TribunalOrderStep
from sendcase.cases.models import Plan, PlanStatus
from sendcase.core.errors import ValidationFailed
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(la, officer, today):
    children = [ChildFactory(local_authority=la, key_worker=officer) for _ in range(7)]
    plans = {c.pk: Plan.objects.create(child=c, issued_on=dt.date(2022, 9, 1)) for c in children}
    totals = seed_appeals(
        children=children,
        active_plans=plans,
        open_cases=set(),
        main_contacts={},
        officer_id=officer.pk,
        council=la.name,
        rng=random.Random("test"),
        today=today,
    )
    return totals


def test_the_demo_has_each_state_and_its_clocks_agree_with_the_rules(seeded, today):
    assert (seeded.notices, seeded.proposals, seeded.appeals) == (5, 4, 2)
    for notice in DecisionNotice.objects.all():
        certificate = Mediation.objects.filter(notice=notice).values_list("certificate_issued_on", flat=True).first()
        assert notice.appeal_deadline_on == timescales.appeal_deadline(notice.sent_on, certificate)
        assert notice.mediation_contact_by == timescales.mediation_contact_deadline(notice.sent_on)
    moved = Mediation.objects.get(certificate_kind="after_mediation").notice
    assert moved.appeal_deadline_on > timescales.appeal_deadline(moved.sent_on)
    assert Plan.objects.filter(status=PlanStatus.ACTIVE).count() == 7
    step = TribunalOrderStep.objects.get()
    assert step.due_on > today and step.order.order_kind.rule.status == "secondary"


def test_the_services_take_the_demo_further(seeded, officer, today):
    ready = CeaseProposal.objects.get(cease_effective_on__lte=today)
    services.plan_cease_finalise(actor=officer, proposal=ready, ceased_on=today, expected_version=ready.version)
    assert Plan.objects.get(pk=ready.plan_id).status == PlanStatus.CEASED

    held = TribunalAppeal.objects.get(status="hearing_listed").notice.cease_proposal
    with pytest.raises(ValidationFailed):
        services.plan_cease_finalise(actor=officer, proposal=held, ceased_on=today, expected_version=held.version)

    waiting = CeaseProposal.objects.get(decision="")
    services.cease_decide(
        actor=officer,
        proposal=waiting,
        decision="continue",
        decided_on=today,
        expected_version=waiting.version,
    )
