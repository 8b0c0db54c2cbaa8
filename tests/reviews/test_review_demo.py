"""The demo council has reviews in every state, keeping the services' rules."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from sendcase.accounts.models import Role, User
from sendcase.reviews.models import AnnualReview
from sendcase.reviews.selectors import reviews_due_in_term
from sendcase.reviews.terms import next_term
from sendcase.reviews.tracker import phase_transfers
from sendcase.timescales import amendment_representations_deadline, review_invitations_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(today):
    call_command("seed_demo", "--scale", "la", "--fraction", "0.1", stdout=io.StringIO())
    return User.objects.filter(role=Role.TEAM_MANAGER).first()


def test_the_demo_has_reviews_at_every_stage_and_lists_and_transfers_to_show(demo, today):
    reviews = AnnualReview.objects.all()
    assert reviews.filter(meeting_held_on__isnull=True, invitations_sent_on__isnull=True).exists()
    assert reviews.filter(meeting_held_on__isnull=True, invitations_sent_on__isnull=False).exists()
    assert reviews.filter(meeting_held_on__isnull=False, decision="").exists()
    assert reviews.filter(decision="maintain", completed_on__isnull=False).exists()
    assert reviews.filter(decision="amend", amended_plan_issued_on__isnull=True).exists()
    assert reviews.filter(amended_plan_issued_on__isnull=False).exists()
    assert reviews.filter(is_phase_transfer=True).exists()
    assert reviews_due_in_term(viewer=demo, term=next_term(today))
    assert phase_transfers(viewer=demo, year=today.year + 1, today=today).rows


def test_the_demo_reviews_keep_the_services_rules(demo, today):
    reviews = AnnualReview.objects.all()
    assert not reviews.filter(
        Q(invitations_sent_on__gt=today) | Q(meeting_held_on__gt=today) | Q(decision_sent_on__gt=today)
    ).exists()
    for review in reviews.exclude(invitations_sent_on=None):
        # At least 2 weeks' notice (reg 20(2)), as review_invitations_send insists.
        assert review.invitations_sent_on <= review_invitations_due(review.meeting_held_on or review.meeting_on)
    assert not reviews.filter(amended_plan_issued_on__lt=F("representations_by")).exists()
    assert not reviews.values("plan").filter(completed_on__isnull=True).annotate(n=Count("pk")).filter(n__gt=1)
    for review in reviews.exclude(proposed_amendments_sent_on=None)[:50]:
        assert review.representations_by == amendment_representations_deadline(review.proposed_amendments_sent_on)
    # A held review's meeting is the plan's last review, as review_meeting_record keeps it.
    assert not reviews.filter(meeting_held_on__isnull=False).exclude(plan__last_review_on=F("meeting_held_on"))
