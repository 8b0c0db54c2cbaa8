"""A contributor answers a request for advice through SENDcase (reg 8(1)), and what refuses it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.clock import request_steps
from sendcase.cases.models import AdviceRequest, TimescaleException
from sendcase.core.errors import ValidationFailed
from sendcase.timescales import StepState

pytestmark = pytest.mark.django_db
pytest_plugins = ("tests.cases.advice_fixtures",)


def advice_step(request, advice, today):
    return {s.code: s for s in request_steps(request, today=today)}[f"advice:{advice.pk}"]


def test_submitting_advice_marks_the_step_done_and_moves_the_caseload_on(ep_advice, ep, child, today):
    child.refresh_from_db()
    # Before: the EP advice (due 24 June, reg 8(1)) is the next statutory date on the caseload.
    assert child.next_due_on == dt.date(2025, 6, 24)
    assert child.next_due_step == f"advice:{ep_advice.pk}"

    services.advice_submit(
        actor=ep,
        advice=ep_advice,
        needs="Amelia finds working memory tasks hard.",
        provision_recommended="Weekly 30-minute sessions with a teaching assistant.",
        expected_version=ep_advice.version,
    )
    ep_advice.refresh_from_db()
    child.refresh_from_db()
    assert ep_advice.received_on == today
    assert ep_advice.submitted_by == ep
    assert advice_step(ep_advice.request, ep_advice, today).status.state == StepState.DONE_ON_TIME
    # After: the next date is the 16-week decision whether to issue (reg 10(1)), 25 August 2025.
    assert child.next_due_step == "issue"
    assert child.next_due_on == dt.date(2025, 8, 25)
    event = AuditEvent.objects.filter(object_id=str(ep_advice.pk), action="update").latest("sequence")
    assert event.actor == ep
    assert event.changes["received_on"] == [None, "2025-06-02"]
    assert event.changes["needs"][1] == "Amelia finds working memory tasks hard."


def test_an_empty_submission_is_refused_and_nothing_is_written(ep_advice, ep):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.advice_submit(actor=ep, advice=ep_advice, needs="   ", expected_version=ep_advice.version)
    assert refused.value.field_errors["needs"] == "Enter your advice, or attach a document with it"
    ep_advice.refresh_from_db()
    assert ep_advice.received_on is None and ep_advice.submitted_at is None
    assert AuditEvent.objects.count() == events


def test_advice_cannot_be_submitted_twice(ep_advice, ep):
    services.advice_submit(actor=ep, advice=ep_advice, needs="First answer", expected_version=ep_advice.version)
    ep_advice.refresh_from_db()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.advice_submit(actor=ep, advice=ep_advice, needs="Second answer", expected_version=ep_advice.version)
    assert "already received on 2 June 2025" in refused.value.field_errors["needs"]
    ep_advice.refresh_from_db()
    assert ep_advice.needs == "First answer"
    assert AuditEvent.objects.count() == events


def test_a_stale_page_cannot_submit_over_advice_already_sent(ep_advice, ep):
    stale = AdviceRequest.objects.get(pk=ep_advice.pk)
    services.advice_submit(actor=ep, advice=ep_advice, needs="First answer", expected_version=ep_advice.version)
    with pytest.raises(ValidationFailed):
        services.advice_submit(actor=ep, advice=stale, needs="Second answer", expected_version=None)
    assert AdviceRequest.objects.get(pk=ep_advice.pk).needs == "First answer"


def test_advice_dated_in_the_future_or_before_the_request_is_refused(ep_advice, officer, today):
    with pytest.raises(ValidationFailed) as refused:
        services.advice_submit(
            actor=officer,
            advice=ep_advice,
            needs="Typed in from a letter",
            received_on=today + dt.timedelta(days=1),
            expected_version=None,
        )
    assert refused.value.field_errors["received_on"] == "The date of the advice must be today or in the past"
    with pytest.raises(ValidationFailed) as refused:
        services.advice_submit(
            actor=officer, advice=ep_advice, needs="x", received_on=dt.date(2025, 5, 1), expected_version=None
        )
    assert "on or after the date it was requested (13 May 2025)" in refused.value.field_errors["received_on"]
    assert AdviceRequest.objects.get(pk=ep_advice.pk).received_on is None


def test_a_colleague_cannot_answer_a_request_assigned_to_someone_else(ep_advice, ep_colleague, ep_admin):
    for person in (ep_colleague, ep_admin):
        with pytest.raises(PermissionDenied):
            services.advice_submit(actor=person, advice=ep_advice, needs="Not mine", expected_version=None)
    assert AdviceRequest.objects.get(pk=ep_advice.pk).received_on is None


def test_the_organisation_administrator_assigns_the_shared_inbox_to_a_colleague(
    unassigned_advice, ep_admin, ep, ep_colleague, outsider
):
    with pytest.raises(PermissionDenied):
        services.advice_assign(actor=ep, advice=unassigned_advice, assignee=ep_colleague, expected_version=None)
    with pytest.raises(ValidationFailed) as refused:
        services.advice_assign(actor=ep_admin, advice=unassigned_advice, assignee=outsider, expected_version=None)
    assert "does not work for Dorset Educational Psychology" in refused.value.field_errors["assignee"]

    services.advice_assign(
        actor=ep_admin, advice=unassigned_advice, assignee=ep, expected_version=unassigned_advice.version
    )
    unassigned_advice.refresh_from_db()
    assert unassigned_advice.assigned_to == ep
    with pytest.raises(ValidationFailed):
        services.advice_assign(actor=ep_admin, advice=unassigned_advice, assignee=ep_colleague, expected_version=None)


def test_the_contributor_records_a_missed_appointment_which_excuses_the_six_weeks(ep_advice, ep, ep_colleague):
    exception = services.advice_exception_record(
        actor=ep,
        advice=ep_advice,
        kind="reg-8-2-c",
        start_on=dt.date(2025, 5, 28),
        note="The family did not attend the appointment on 28 May",
    )
    assert exception.advice_request == ep_advice
    assert exception.request == ep_advice.request
    # A missed appointment is one day, not a period still going on.
    assert exception.end_on == dt.date(2025, 5, 28)
    # After the due date (24 June), the advice is excused rather than overdue (reg 8(2)(c)).
    step = advice_step(ep_advice.request, ep_advice, dt.date(2025, 7, 1))
    assert step.status.state == StepState.EXCEPTION
    assert "missed appointment (reg 8(2)(c))" in step.status.describe()

    with pytest.raises(PermissionDenied):
        services.advice_exception_record(
            actor=ep_colleague, advice=ep_advice, kind="reg-8-2-c", start_on=dt.date(2025, 5, 28)
        )
    with pytest.raises(ValidationFailed) as refused:
        services.advice_exception_record(actor=ep, advice=ep_advice, kind="reg-10-4-c", start_on=dt.date(2025, 5, 28))
    assert refused.value.field_errors["kind"] == "Select why the advice is delayed"
    with pytest.raises(ValidationFailed) as refused:
        services.advice_exception_record(actor=ep, advice=ep_advice, kind="reg-8-2-c", start_on=dt.date(2025, 6, 9))
    assert refused.value.field_errors["start_on"] == "The date must be today or in the past"
    assert TimescaleException.objects.count() == 1


def test_a_contributor_cannot_record_an_exception_on_the_request_itself(ep_advice, ep):
    with pytest.raises(PermissionDenied):
        services.exception_add(actor=ep, request=ep_advice.request, kind="reg-10-4-c", start_on=dt.date(2025, 5, 20))
