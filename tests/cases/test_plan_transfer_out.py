"""A maintained plan handed on to the council the child moved to (SEN2 CeaseReason 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import services as appeals
from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.models import Plan, PlanStatus
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.notifications.models import OutboxMessage
from sendcase.people import services as people_services
from sendcase.statistics.ehcp import ehcp_statistics

pytestmark = pytest.mark.django_db

MOVED = dt.date(2025, 5, 12)
MOVED_FIELDS = {"moved_on_0": "12", "moved_on_1": "5", "moved_on_2": "2025"}


@pytest.fixture
def plan(child, officer, setting):
    return services.transfer_in_record(
        actor=officer,
        child=child,
        from_la="936",
        plan_issued_on=dt.date(2023, 9, 1),
        transferred_on=dt.date(2024, 4, 1),
        named_setting=setting,
    )


@pytest.fixture
def parent(child, officer):
    return people_services.family_member_add(
        actor=officer,
        child=child,
        first_name="Rosa",
        last_name="Hart",
        relationship="mother",
        parental_responsibility=True,
        email="rosa.hart@example.com",
    )


def _written():
    return (
        AuditEvent.objects.count(),
        OutboxMessage.objects.count(),
        list(Plan.objects.values_list("status", "ceased_on", "cease_reason", "transferred_out_to", "version")),
    )


def test_the_plan_moves_to_the_new_council_and_the_family_is_told_who_maintains_it(plan, parent, child, officer):
    moved = services.plan_transfer_out(
        actor=officer, plan=plan, moved_on=MOVED, to_la="865", expected_version=plan.version
    )
    moved.refresh_from_db()
    assert (moved.status, moved.ceased_on, moved.cease_reason, moved.transferred_out_to) == (
        PlanStatus.TRANSFERRED_OUT,
        MOVED,
        "5",
        "865",
    )
    event = AuditEvent.objects.filter(object_id=str(plan.pk)).latest("occurred_at")
    assert "transferred to LA 865" in event.summary
    assert event.changes["status"] == ["active", "transferred_out"]
    # The family hears which council maintains the plan now, on their own channel, without the child's name.
    email = OutboxMessage.objects.get(child=child, notice="transferred_out", channel="email")
    assert email.recipient == "rosa.hart@example.com"
    assert "Amelia" not in email.body and "Hart" not in email.body
    child.refresh_from_db()
    assert child.next_due_on is None  # no annual review is due here any more


def test_the_move_counts_as_a_plan_transferred_in_the_year(plan, officer, la):
    before = ehcp_statistics(year=2025, la=la).as_json()
    services.plan_transfer_out(actor=officer, plan=plan, moved_on=MOVED, to_la="865", expected_version=plan.version)
    after = ehcp_statistics(year=2025, la=la).as_json()
    assert (after["transfer"], after["total_ceased"]) == (before["transfer"] + 1, before["total_ceased"] + 1)
    assert after["ehcplans"] == before["ehcplans"] - 1


@pytest.mark.parametrize(
    ("moved_on", "to_la", "field", "words"),
    [
        (None, "865", "moved_on", "Enter the date the child moved"),
        (dt.date(2023, 8, 1), "865", "moved_on", "date the plan was issued"),
        (dt.date(2025, 7, 1), "865", "moved_on", "today or in the past"),
        (MOVED, "Wilts", "to_la", "3-digit DfE number"),
        (MOVED, "838", "to_la", "not this council"),
    ],
)
def test_a_bad_move_is_refused_and_nothing_is_written(plan, parent, officer, moved_on, to_la, field, words):
    before = _written()
    with pytest.raises(ValidationFailed) as refused:
        services.plan_transfer_out(
            actor=officer, plan=plan, moved_on=moved_on, to_la=to_la, expected_version=plan.version
        )
    assert words in refused.value.field_errors[field]
    assert _written() == before


def test_a_plan_already_moved_or_being_ceased_cannot_move(plan, child, officer):
    appeals.cease_propose(actor=officer, plan=plan, reason="6", proposed_on=dt.date(2025, 5, 1))
    before = _written()
    with pytest.raises(ValidationFailed) as refused:
        services.plan_transfer_out(actor=officer, plan=plan, moved_on=MOVED, to_la="865", expected_version=plan.version)
    assert "Ceasing this plan is under way" in refused.value.field_errors["moved_on"]
    assert _written() == before


def test_a_second_officer_with_the_old_page_is_told_someone_else_changed_the_plan(plan, officer, colleague):
    seen = plan.version
    services.plan_transfer_out(actor=officer, plan=plan, moved_on=MOVED, to_la="865", expected_version=seen)
    plan.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:
        services.plan_transfer_out(actor=colleague, plan=plan, moved_on=MOVED, to_la="865", expected_version=seen)
    assert "transferred to another council" in refused.value.field_errors["moved_on"]
    stale = Plan.objects.get(pk=plan.pk)
    stale.status = PlanStatus.ACTIVE  # as the colleague's page still showed it
    with pytest.raises(EditConflict):
        services.plan_transfer_out(actor=colleague, plan=stale, moved_on=MOVED, to_la="865", expected_version=seen)


def test_the_case_page_records_the_move_and_shows_where_the_plan_went(plan, child, officer, client_for):
    client = client_for(officer)
    case_page = reverse("staff:child", kwargs={"child_id": child.pk})
    url = reverse("staff:plan-transfer-out", kwargs={"child_id": child.pk, "plan_id": plan.pk})
    assert url in client.get(case_page).content.decode()
    refused = client.post(url, {**MOVED_FIELDS, "to_la": "83", "version": plan.version})
    assert refused.status_code == 200
    assert "Enter the 3-digit DfE number" in refused.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    saved = client.post(
        url,
        {**MOVED_FIELDS, "to_la": "865", "version": plan.version},
        follow=True,
    )
    page = saved.content.decode()
    assert "the plan is now maintained by the council the child moved to" in page
    assert "Moved to LA 865 on 12 May 2025" in page
    assert url not in page  # a moved plan cannot move again
