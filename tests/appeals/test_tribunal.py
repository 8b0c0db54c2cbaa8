"""Tribunal appeals and the reg 44(2) clocks of the orders that follow them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendcase.appeals import services
from sendcase.appeals.models import TribunalAppeal, TribunalOrder
from sendcase.core.errors import ValidationFailed
from sendcase.timescales import TribunalOrderKind

pytestmark = pytest.mark.django_db


def _refused(call, field):
    with pytest.raises(ValidationFailed) as caught:
        call()
    assert field in caught.value.field_errors, caught.value.field_errors
    return caught.value.field_errors[field]


@pytest.fixture
def appeal(officer, contents_notice):
    return services.tribunal_appeal_lodge(
        actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 20), grounds="needs_provision"
    )


def _steps(order):
    return {s.step: s for s in order.steps.all()}


def test_an_appeal_lodged_before_the_decision_was_sent_is_refused_and_nothing_written(
    officer, contents_notice, audit_count
):
    before = audit_count()
    message = _refused(
        lambda: services.tribunal_appeal_lodge(
            actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 9), grounds="needs_provision"
        ),
        "lodged_on",
    )
    assert message == (
        "The date the Tribunal received the appeal must be on or after the date the decision was sent (10 March 2025)"
    )
    assert audit_count() == before
    assert not TribunalAppeal.objects.exists()


def test_an_appeal_must_be_about_the_decision_in_the_notice(officer, contents_notice):
    message = _refused(
        lambda: services.tribunal_appeal_lodge(
            actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 20), grounds="refuse_assess"
        ),
        "grounds",
    )
    assert "special educational needs or provision" in message


def test_only_one_open_appeal_per_decision(officer, contents_notice, appeal):
    _refused(
        lambda: services.tribunal_appeal_lodge(
            actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 21), grounds="school_named"
        ),
        "lodged_on",
    )


def test_an_order_to_amend_the_plan_gives_five_weeks_and_ends_the_appeal(officer, appeal):
    # Reg 44(2)(e) [SECONDARY]: an order of 12 May 2025 gives until 16 June 2025 for the amended plan.
    order = services.tribunal_order_record(
        actor=officer, appeal=appeal, kind="amend_content", made_on=dt.date(2025, 5, 12)
    )
    assert {s: x.due_on for s, x in _steps(order).items()} == {"amended_plan": dt.date(2025, 6, 16)}
    assert order.order_kind.rule.code == "reg-44-2-e"
    appeal.refresh_from_db()
    assert (appeal.status, appeal.outcome, appeal.concluded_on) == ("concluded", "allowed", dt.date(2025, 5, 12))


def test_an_order_to_assess_starts_three_clocks_and_one_branch_closes_the_other(officer, child, plan, mother):
    # Reg 44(2)(b): order of 3 March 2025: notify by 17 March; not to issue by 12 May; final plan by 9 June.
    notice = services.decision_notice_send(
        actor=officer,
        child=child,
        about="other",
        decided_on=dt.date(2025, 1, 6),
        sent_on=dt.date(2025, 1, 6),
        reasons="The council will not carry out a re-assessment.",
        mediation_adviser="Mediation service",
        plan=plan,
    )
    lodged = services.tribunal_appeal_lodge(
        actor=officer, notice=notice, lodged_on=dt.date(2025, 2, 3), grounds="refuse_reassess"
    )
    order = services.tribunal_order_record(actor=officer, appeal=lodged, kind="assess", made_on=dt.date(2025, 3, 3))
    steps = _steps(order)
    assert {s: x.due_on for s, x in steps.items()} == {
        "notify_assessment": dt.date(2025, 3, 17),
        "decision_not_to_issue": dt.date(2025, 5, 12),
        "final_plan": dt.date(2025, 6, 9),
    }
    services.tribunal_order_step_comply(
        actor=officer,
        step=steps["final_plan"],
        complied_on=dt.date(2025, 5, 30),
        expected_version=steps["final_plan"].version,
    )
    steps = _steps(TribunalOrder.objects.get(pk=order.pk))
    assert steps["final_plan"].complied_on == dt.date(2025, 5, 30)
    assert steps["decision_not_to_issue"].not_needed
    assert steps["notify_assessment"].is_outstanding


def test_an_order_must_fit_the_appeal(officer, appeal):
    message = _refused(
        lambda: services.tribunal_order_record(
            actor=officer, appeal=appeal, kind="make_plan", made_on=dt.date(2025, 5, 12)
        ),
        "kind",
    )
    assert "amend" in message


def test_a_step_done_before_the_order_is_refused(officer, appeal, audit_count):
    order = services.tribunal_order_record(
        actor=officer, appeal=appeal, kind="amend_content", made_on=dt.date(2025, 5, 12)
    )
    step = order.steps.get()
    before = audit_count()
    _refused(
        lambda: services.tribunal_order_step_comply(
            actor=officer, step=step, complied_on=dt.date(2025, 5, 1), expected_version=step.version
        ),
        "complied_on",
    )
    assert audit_count() == before


def test_the_outcome_needs_its_date(officer, appeal):
    _refused(
        lambda: services.tribunal_appeal_update(
            actor=officer,
            appeal=appeal,
            hearing_on=None,
            concluded_on=None,
            outcome="dismissed",
            expected_version=appeal.version,
        ),
        "concluded_on",
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from([TribunalOrderKind.AMEND_CONTENT, TribunalOrderKind.AMEND_SCHOOL_ONLY]),
    days=st.integers(0, 70),
)
def test_every_order_step_is_due_on_or_after_the_order(officer, contents_notice, kind, days):
    from django.db import transaction

    made = dt.date(2025, 3, 20) + dt.timedelta(days=days)
    with transaction.atomic():
        lodged = services.tribunal_appeal_lodge(
            actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 20), grounds="needs_provision"
        )
        order = services.tribunal_order_record(actor=officer, appeal=lodged, kind=kind, made_on=made)
        assert all(made < s.due_on <= made + dt.timedelta(weeks=14) for s in order.steps.all())
        transaction.set_rollback(True)
