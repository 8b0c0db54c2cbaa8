"""An amended plan needs proposals and the family's 15 days (reg 22) or a Tribunal order (reg 44).

Refused otherwise, with a message that says which route issues it, and nothing written; proposals
sent from the review are frozen as a draft version for the family to read.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals.models import TribunalOrderStep
from sendcase.audit.models import AuditEvent
from sendcase.core.errors import ValidationFailed
from sendcase.plans import amending, services
from sendcase.plans.models import PlanDraftContent, PlanVersion
from sendcase.reviews import services as reviews
from sendcase.reviews.models import AnnualReview
from tests.plans.builders import proposals_sent, tribunal_order_to_amend

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def issued(officer, written_plan, today):
    """The plan with version 1 issued today (2 June 2025)."""
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=D(2025, 3, 1))
    return written_plan


def _refused(call, field: str) -> str:
    events, versions = AuditEvent.objects.count(), PlanVersion.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        call()
    assert AuditEvent.objects.count() == events
    assert PlanVersion.objects.count() == versions
    return refused.value.field_errors[field]


def _amend(officer, plan, on, **kwargs):
    return lambda: services.plan_version_issue(actor=officer, plan=plan, kind="amended", issued_on=on, **kwargs)


def test_an_amended_plan_without_a_proposal_is_refused_and_nothing_is_written(officer, issued, today):
    message = _refused(_amend(officer, issued, today), "kind")
    assert message == amending.NO_AUTHORITY
    assert "reg 22" in message and "Tribunal order" in message


def test_a_decision_to_amend_without_proposals_sent_is_refused(officer, issued, today):
    proposals_sent(issued, sent_on=None)
    assert _refused(_amend(officer, issued, today), "kind") == amending.SEND_PROPOSALS_FIRST


def test_an_amended_plan_inside_the_familys_15_days_is_refused(officer, issued, settings):
    proposals_sent(issued, sent_on=D(2025, 5, 26))  # the family has until 9 June 2025
    message = _refused(_amend(officer, issued, D(2025, 6, 2)), "issued_on")
    assert message.startswith("The family has until 9 June 2025 to comment on the proposed amendments (reg 22(2))")
    # The last day is still the family's.
    settings.SENDCASE_TODAY = "2025-06-09"
    _refused(_amend(officer, issued, D(2025, 6, 9)), "issued_on")


def test_the_plan_pages_send_the_officer_to_the_review_to_issue_it(officer, issued, today):
    proposals_sent(issued)  # sent 1 May 2025, the family's 15 days over
    message = _refused(_amend(officer, issued, today, through_review=False), "kind")
    assert message == amending.THROUGH_THE_REVIEW
    # The review's own service, which records the amended plan on the review, may.
    assert _amend(officer, issued, today)().kind == "amended"


def test_a_tribunal_order_to_amend_lets_the_plan_pages_issue_it_and_records_the_step(officer, issued, today):
    step = tribunal_order_to_amend(officer, issued, made_on=D(2025, 5, 12))
    assert amending.outstanding_order_step(issued) == step
    refused = _refused(_amend(officer, issued, D(2025, 5, 11), order_step=step), "issued_on")
    assert refused == "The date must be on or after the date of the Tribunal's order (12 May 2025)"

    version = _amend(officer, issued, today, order_step=step, through_review=False)()
    assert (version.kind, version.number) == ("amended", 2)
    assert TribunalOrderStep.objects.get(pk=step.pk).complied_on == today
    event = AuditEvent.objects.get(object_type="plans.planversion", object_id=str(version.pk))
    assert event.summary == "EHC plan version 2 (amended) issued under the Tribunal's order"
    # A step done is no authority for another amended plan.
    assert amending.outstanding_order_step(issued) is None
    assert _refused(_amend(officer, issued, today, order_step=step), "kind") == amending.NOT_AN_ORDER_TO_AMEND


def _date(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def _issue(client, child, plan, kind, on):
    url = reverse("plans:version-issue", kwargs={"child_id": child.pk, "plan_id": plan.pk})
    version = PlanDraftContent.objects.get(plan=plan).version
    return client.post(url, {"version": version, "kind": kind, **_date("issued_on", on)})


def test_the_issue_page_refuses_an_amended_plan_with_no_proposal(client_for, officer, child, issued, today):
    events = AuditEvent.objects.count()
    response = _issue(client_for(officer), child, issued, "amended", today)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Neither is recorded for this plan" in page.replace("&#x27;", "'")
    assert PlanVersion.objects.filter(plan=issued).count() == 1
    assert AuditEvent.objects.count() == events


def test_the_issue_page_points_to_the_review_for_an_amended_plan(client_for, officer, child, issued, today):
    proposals_sent(issued)
    response = _issue(client_for(officer), child, issued, "amended", today)
    page = response.content.decode()
    assert "Issue this amended plan from the annual review" in page
    assert reverse("reviews:review-step", args=[child.pk, "amended-plan"]) in page
    assert PlanVersion.objects.filter(plan=issued).count() == 1


def test_the_issue_page_carries_out_a_tribunal_order(client_for, officer, child, issued, today):
    step = tribunal_order_to_amend(officer, issued)
    client = client_for(officer)
    url = reverse("plans:version-issue", kwargs={"child_id": child.pk, "plan_id": issued.pk})
    assert "as the Tribunal ordered on 12 May 2025" in client.get(url).content.decode()
    response = _issue(client, child, issued, "amended", today)
    assert response.status_code == 302
    assert PlanVersion.objects.get(plan=issued, number=2).kind == "amended"
    assert TribunalOrderStep.objects.get(pk=step.pk).complied_on == today


def _review_to_proposals(officer, plan, sent_on=dt.date(2025, 4, 20)):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 4, 1), meeting_format="online")
    review = reviews.review_invitations_send(
        actor=officer, review=review, sent_on=D(2025, 3, 10), expected_version=None
    )
    review = reviews.review_meeting_record(actor=officer, review=review, held_on=D(2025, 4, 1), expected_version=None)
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=D(2025, 4, 20), expected_version=None
    )
    return reviews.review_amendments_send(actor=officer, review=review, sent_on=sent_on, expected_version=None)


def test_sending_the_proposals_freezes_them_as_a_draft_version(officer, issued):
    draft = PlanDraftContent.objects.get(plan=issued)
    a = dict(draft.content["a"], aspirations="To be a vet or a zookeeper.")
    services.plan_content_update(actor=officer, plan=issued, section="a", data=a, version=draft.version)
    review = _review_to_proposals(officer, issued)
    proposed = PlanVersion.objects.get(plan=issued, number=2)
    assert (proposed.kind, proposed.issued_on) == ("draft", D(2025, 4, 20))
    assert proposed.content["a"]["aspirations"] == "To be a vet or a zookeeper."
    from sendcase.plans.selectors import proposed_amendments_version

    assert proposed_amendments_version(review) == proposed

    # Later edits do not change what the family was sent; the amended plan is version 3.
    draft = PlanDraftContent.objects.get(plan=issued)
    a = dict(draft.content["a"], aspirations="To be a zookeeper.")
    services.plan_content_update(actor=officer, plan=issued, section="a", data=a, version=draft.version)
    review = reviews.review_amended_plan_issue(
        actor=officer, review=review, issued_on=D(2025, 5, 20), expected_version=None
    )
    assert review.amended_plan_version == 3
    assert PlanVersion.objects.get(plan=issued, number=2).content["a"]["aspirations"] == "To be a vet or a zookeeper."


def test_proposals_for_incomplete_content_are_refused_and_the_review_is_unchanged(officer, plan):
    # Content held in SENDcase but without its outcomes: it cannot be sent as a version.
    services.plan_content_update(
        actor=officer, plan=plan, section="a", data={"aspirations": "To be a vet."}, version=None
    )
    with pytest.raises(ValidationFailed) as refused:
        _review_to_proposals(officer, plan)
    assert refused.value.field_errors["e"] == "Section E: add at least one outcome"
    review = AnnualReview.objects.get(plan=plan)
    assert review.proposed_amendments_sent_on is None
    assert not PlanVersion.objects.filter(plan=plan).exists()


def test_a_plan_whose_content_is_not_in_sendcase_sends_proposals_with_no_version(officer, plan):
    review = _review_to_proposals(officer, plan)
    assert review.proposed_amendments_sent_on == D(2025, 4, 20)
    assert not PlanVersion.objects.filter(plan=plan).exists()


def test_once_the_family_has_replied_the_amended_plan_may_follow_inside_the_15_days(officer, la, child, issued):
    from sendcase.portal.models import DraftResponse, Status
    from tests.portal.conftest import link, make_account, make_member

    review = proposals_sent(issued, sent_on=D(2025, 5, 26))  # the family has until 9 June 2025
    parent = make_member(la)
    link(child, parent)
    account = make_account(la=la, email=parent.email, member=parent)
    DraftResponse.objects.create(review=review, account=account, status=Status.DRAFT)
    assert not amending.family_replied(review)  # a draft is not a reply
    _refused(_amend(officer, issued, D(2025, 6, 2)), "issued_on")

    DraftResponse.objects.filter(review=review).update(status=Status.SENT)
    assert amending.family_replied(review)
    version = _amend(officer, issued, D(2025, 6, 2))()
    assert (version.kind, version.number) == ("amended", 2)
