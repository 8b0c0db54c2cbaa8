"""Recording a review step by step, and refusing bad input with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from sendcase.audit.models import AuditEvent
from sendcase.cases.models import Plan
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.people.models import Child
from sendcase.reviews import services
from sendcase.reviews.models import AnnualReview

pytestmark = pytest.mark.django_db
D = dt.date


def _refused(call, field: str, text: str) -> None:
    """`call` is refused with `text` on `field`, and writes nothing at all."""
    events = AuditEvent.objects.count()
    rows = list(AnnualReview.objects.values())
    plans = list(Plan.objects.values())
    with pytest.raises(ValidationFailed) as refused:
        call()
    assert text in refused.value.field_errors[field]
    assert AuditEvent.objects.count() == events
    assert list(AnnualReview.objects.values()) == rows
    assert list(Plan.objects.values()) == plans


def test_scheduling_a_review_sets_its_due_date_from_the_plan_and_audits_it(plan, officer):
    review = services.review_schedule(
        actor=officer, plan=plan, meeting_on=D(2025, 6, 5), meeting_format="phone", access_needs="Interpreter: Polish"
    )
    assert review.due_on == D(2025, 6, 10)  # 12 months from the plan's issue (s.44(1))
    assert not review.due_under_local_policy
    event = AuditEvent.objects.filter(object_id=str(review.pk)).get()
    assert event.child_id == plan.child_id
    assert "5 June 2025" in event.summary


def test_a_second_review_cannot_start_while_one_is_open(scheduled, plan, officer):
    _refused(
        lambda: services.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 7, 1)),
        "meeting_on",
        "already has a review in progress",
    )


def test_invitations_less_than_2_weeks_before_the_meeting_are_refused(scheduled, officer):
    _refused(
        lambda: services.review_invitations_send(
            actor=officer, review=scheduled, sent_on=D(2025, 3, 19), expected_version=scheduled.version
        ),
        "sent_on",
        "Invitations must go at least 2 weeks before the meeting (regs 20(2) and 21(2))",
    )


def test_invitations_exactly_2_weeks_before_are_accepted_with_a_warning_about_local_policy(scheduled, officer):
    review = services.review_invitations_send(
        actor=officer, review=scheduled, sent_on=D(2025, 3, 18), expected_version=scheduled.version
    )
    assert review.invitations_sent_on == D(2025, 3, 18)
    assert review.notice_weeks == 8
    warning = services.notice_shortfall(review)
    assert "14 days before the meeting" in warning
    assert "policy asks for 8 weeks (by 4 February 2025)" in warning


def test_invitations_in_line_with_local_policy_carry_no_warning(scheduled, officer):
    review = services.review_invitations_send(
        actor=officer, review=scheduled, sent_on=D(2025, 2, 3), expected_version=scheduled.version
    )
    assert services.notice_shortfall(review) == ""


def test_a_meeting_cannot_be_recorded_before_invitations_were_sent(invited, officer):
    _refused(
        lambda: services.review_meeting_record(
            actor=officer, review=invited, held_on=D(2025, 3, 5), expected_version=invited.version
        ),
        "held_on",
        "on or after the date invitations were sent (10 March 2025)",
    )


def test_a_meeting_without_invitations_is_refused(scheduled, officer):
    _refused(
        lambda: services.review_meeting_record(
            actor=officer, review=scheduled, held_on=D(2025, 4, 1), expected_version=scheduled.version
        ),
        "held_on",
        "Record the invitations first",
    )


def test_a_meeting_in_the_future_is_refused(invited, officer):
    _refused(
        lambda: services.review_meeting_record(
            actor=officer, review=invited, held_on=D(2025, 6, 3), expected_version=invited.version
        ),
        "held_on",
        "must be today or in the past",
    )


def test_holding_the_meeting_moves_the_plans_next_review_and_the_caseload(held, plan, child):
    plan.refresh_from_db()
    assert plan.last_review_on == D(2025, 4, 1)
    child = Child.objects.get(pk=child.pk)
    assert (child.next_due_on, child.next_due_step) == (D(2026, 4, 1), "review")
    assert AuditEvent.objects.filter(object_type="cases.plan", object_id=str(plan.pk), summary__contains="1 April")


def test_a_decision_before_the_meeting_is_refused(held, officer):
    _refused(
        lambda: services.review_decision_record(
            actor=officer, review=held, decision="maintain", sent_on=D(2025, 3, 31), expected_version=held.version
        ),
        "sent_on",
        "on or after the meeting date (1 April 2025)",
    )


def test_a_decision_with_no_meeting_recorded_is_refused(invited, officer):
    _refused(
        lambda: services.review_decision_record(
            actor=officer, review=invited, decision="maintain", sent_on=D(2025, 4, 2), expected_version=invited.version
        ),
        "sent_on",
        "Record the review meeting before the decision",
    )


def test_keeping_the_plan_finishes_the_review_with_sen2_outcome_m(held, officer):
    review = services.review_decision_record(
        actor=officer, review=held, decision="maintain", sent_on=D(2025, 4, 20), expected_version=held.version
    )
    assert (review.outcome, review.completed_on, review.is_open) == ("M", D(2025, 4, 20), False)


def test_proposed_amendments_need_a_decision_to_amend(held, officer):
    _refused(
        lambda: services.review_amendments_send(
            actor=officer, review=held, sent_on=D(2025, 4, 20), expected_version=held.version
        ),
        "sent_on",
        "follow a decision to amend",
    )


def test_proposals_give_the_family_15_days_counting_the_day_sent(proposed):
    assert proposed.representations_by == D(2025, 5, 4)  # reg 22(2)
    assert proposed.outcome == "A"
    assert proposed.is_open


def test_an_amended_plan_without_proposed_amendments_is_refused(amending, officer):
    _refused(
        lambda: services.review_amended_plan_issue(
            actor=officer, review=amending, issued_on=D(2025, 5, 20), expected_version=amending.version
        ),
        "issued_on",
        "An amended plan needs proposed amendments sent first (reg 22)",
    )


def test_an_amended_plan_inside_the_familys_15_days_is_refused(proposed, officer):
    _refused(
        lambda: services.review_amended_plan_issue(
            actor=officer, review=proposed, issued_on=D(2025, 5, 1), expected_version=proposed.version
        ),
        "issued_on",
        "The family has until 4 May 2025 to comment",
    )


def test_issuing_the_amended_plan_freezes_version_3_and_finishes_the_review(versioned_plan, proposed, officer):
    # Version 2 is the proposed amendments, frozen as a draft when they were sent (docs/plans.md).
    assert (versioned_plan.versions.get(number=2).kind, versioned_plan.versions.get(number=2).issued_on) == (
        "draft",
        D(2025, 4, 20),
    )
    review = services.review_amended_plan_issue(
        actor=officer, review=proposed, issued_on=D(2025, 5, 20), expected_version=proposed.version
    )
    assert (review.amended_plan_issued_on, review.completed_on) == (D(2025, 5, 20), D(2025, 5, 20))
    assert review.amended_plan_version == 3
    version = versioned_plan.versions.get(number=3)
    assert (version.kind, version.issued_on) == ("amended", D(2025, 5, 20))
    versioned_plan.refresh_from_db()
    assert versioned_plan.last_review_on == D(2025, 4, 1)


def test_when_the_plan_cannot_be_issued_the_review_is_left_as_it_was(proposed, plan, officer):
    # No issued version and no content yet: sendcase.plans refuses, and the review records nothing.
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed):
        services.review_amended_plan_issue(
            actor=officer, review=proposed, issued_on=D(2025, 5, 20), expected_version=proposed.version
        )
    assert AuditEvent.objects.count() == events
    assert AnnualReview.objects.get(pk=proposed.pk).amended_plan_issued_on is None


def test_telling_the_family_the_plan_will_not_be_amended_finishes_the_review(proposed, officer):
    review = services.review_no_amendment_record(
        actor=officer, review=proposed, notified_on=D(2025, 5, 10), expected_version=proposed.version
    )
    assert (review.decision_not_to_amend_on, review.is_open) == (D(2025, 5, 10), False)


def test_a_stale_form_is_refused_and_writes_nothing(invited, officer):
    events = AuditEvent.objects.count()
    with pytest.raises(EditConflict):
        services.review_meeting_record(
            actor=officer, review=invited, held_on=D(2025, 4, 1), expected_version=invited.version - 1
        )
    assert AuditEvent.objects.count() == events
    assert AnnualReview.objects.get(pk=invited.pk).meeting_held_on is None


def test_read_only_staff_cannot_record_a_step(scheduled, read_only):
    with pytest.raises(PermissionDenied):
        services.review_invitations_send(
            actor=read_only, review=scheduled, sent_on=D(2025, 3, 10), expected_version=scheduled.version
        )


def test_several_problems_are_named_together(plan, officer):
    with pytest.raises(ValidationFailed) as refused:
        services.review_schedule(
            actor=officer, plan=plan, meeting_on=None, meeting_format="carrier pigeon", is_phase_transfer=True
        )
    errors = refused.value.field_errors
    assert set(errors) >= {"meeting_on", "meeting_format", "transfer_kind", "transfer_year"}


def test_under_5s_are_due_sooner_when_the_council_says_so(plan, child, officer, settings):
    settings.SENDCASE_UNDER5_REVIEW_MONTHS = 6
    Child.objects.filter(pk=child.pk).update(date_of_birth=D(2022, 1, 1))
    plan.child.refresh_from_db()
    review = services.review_schedule(actor=officer, plan=plan, meeting_on=D(2024, 12, 1))
    assert (review.due_on, review.due_under_local_policy) == (D(2024, 12, 10), True)


def test_a_meeting_held_at_short_notice_is_recorded_and_says_so(invited, officer):
    # Invitations went on 10 March for a meeting on 1 April; it was brought forward to 18 March.
    review = services.review_meeting_record(
        actor=officer, review=invited, held_on=D(2025, 3, 18), expected_version=invited.version
    )
    assert review.meeting_held_on == D(2025, 3, 18)
    assert review.short_notice == "Held with 8 days' notice, fewer than the 2 weeks regulations 20(2) and 21(2) require"
    event = AuditEvent.objects.filter(object_id=str(review.pk)).latest("sequence")
    assert "Held with 8 days' notice" in event.summary


def test_a_meeting_exactly_2_weeks_after_the_invitations_had_enough_notice(invited, officer):
    review = services.review_meeting_record(
        actor=officer, review=invited, held_on=D(2025, 3, 24), expected_version=invited.version
    )
    assert review.short_notice == ""
    assert "notice" not in AuditEvent.objects.filter(object_id=str(review.pk)).latest("sequence").summary
