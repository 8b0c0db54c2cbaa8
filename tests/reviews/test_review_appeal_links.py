"""A review's decisions carry on into ceasing the plan and the appeals records, without a second letter.

The `held` review (tests/reviews/conftest.py) had its meeting on 1 April 2025. TODAY is 2 June 2025.
Before: a decision to cease closed the review and the officer started ceasing separately, so the
family were sent "we are thinking about ending the plan" twice; keeping the plan, the amended plan
and not amending after all carried appeal dates in their letters but left nothing in the appeals
records to record a mediation or an appeal against.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import services as appeals
from sendcase.appeals.models import CeaseProposal, DecisionNotice
from sendcase.audit.models import AuditEvent
from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import OutboxMessage
from sendcase.reviews import services
from sendcase.reviews.models import AnnualReview
from tests.notifications.family_builders import add_letter_parent, add_parent

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def parents(officer, child):
    return add_parent(officer, child, "Maya", "Hart"), add_letter_parent(officer, child)


def _notices(child) -> dict[str, int]:
    counts: dict[str, int] = {}
    for notice in OutboxMessage.objects.filter(child=child).values_list("notice", flat=True):
        counts[notice] = counts.get(notice, 0) + 1
    return counts


def _cease(officer, review, **kwargs):
    return services.review_decision_record(
        actor=officer,
        review=review,
        decision="cease",
        sent_on=D(2025, 4, 20),
        expected_version=review.version,
        **kwargs,
    )


def test_a_decision_to_cease_starts_ceasing_the_plan_with_one_letter_to_the_family(
    held, officer, child, parents, setting
):
    before = _notices(child)
    review = _cease(officer, held, cease_reason="2")

    proposal = CeaseProposal.objects.get(plan=review.plan)
    assert (proposal.review, proposal.reason, proposal.proposed_on) == (review, "2", D(2025, 4, 20))
    assert not review.is_open
    # Each parent hears once, in the review's decision letter ("we are thinking about ending the
    # plan ... we will ask for your views"): that is the reg 31(1) step, so no second letter.
    after = _notices(child)
    assert after.get("review_decision", 0) - before.get("review_decision", 0) == 2
    assert after.get("cease_proposed", 0) == before.get("cease_proposed", 0) == 0
    assert AuditEvent.objects.filter(object_id=str(proposal.pk), summary__contains="annual review").exists()

    # Ceasing then carries on from the proposal: consultation, and a decision with appeal rights.
    proposal = appeals.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=D(2025, 4, 28),
        setting_consulted_on=D(2025, 4, 29),
        expected_version=proposal.version,
    )
    decided = appeals.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=D(2025, 5, 12),
        sent_on=D(2025, 5, 12),
        reasons="Amelia's needs are now met from the school's own resources.",
        mediation_adviser="Dorset Mediation Service, 01305 000000",
        expected_version=proposal.version,
    )
    assert decided.notice.appeal_deadline_on == D(2025, 7, 12)
    assert _notices(child)["cease_decision"] == 2
    assert "cease_proposed" not in _notices(child)


def test_a_decision_to_cease_joins_ceasing_already_under_way(held, officer, child, parents):
    started = appeals.cease_propose(actor=officer, plan=held.plan, reason="4", proposed_on=D(2025, 3, 1))
    review = _cease(officer, held)  # no reason needed: the proposal keeps its own

    assert list(CeaseProposal.objects.filter(plan=review.plan)) == [started]
    started.refresh_from_db()
    assert (started.review, started.reason) == (review, "4")


def _nothing_written(call, field: str, text: str) -> None:
    counts = (
        AuditEvent.objects.count(),
        CeaseProposal.objects.count(),
        DecisionNotice.objects.count(),
        OutboxMessage.objects.count(),
    )
    reviews = list(AnnualReview.objects.values())
    with pytest.raises(ValidationFailed) as refused:
        call()
    assert text in refused.value.field_errors[field]
    assert counts == (
        AuditEvent.objects.count(),
        CeaseProposal.objects.count(),
        DecisionNotice.objects.count(),
        OutboxMessage.objects.count(),
    )
    assert list(AnnualReview.objects.values()) == reviews


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("", "Select the reason for ceasing the plan"),
        ("5", "A plan that moves to another council is transferred, not ceased"),
        ("8", "When a child or young person has died"),
    ],
)
def test_a_decision_to_cease_needs_a_reason_for_ceasing(held, officer, parents, reason, text):
    _nothing_written(lambda: _cease(officer, held, cease_reason=reason), "cease_reason", text)


def test_keeping_the_plan_records_its_appeal_rights_for_mediation_and_an_appeal(held, officer, child, parents):
    review = services.review_decision_record(
        actor=officer, review=held, decision="maintain", sent_on=D(2025, 4, 20), expected_version=held.version
    )
    notice = DecisionNotice.objects.get(review=review)
    assert (notice.about, notice.plan, notice.sent_on) == ("not_amend", review.plan, D(2025, 4, 20))
    # The same deadline as the family's letter: "The tribunal must receive your appeal by 20 June 2025".
    assert (notice.appeal_deadline_on, notice.mediation_contact_by) == (D(2025, 6, 20), D(2025, 6, 20))
    letter = OutboxMessage.objects.get(child=child, notice="review_decision", channel="letter").letter
    assert "The tribunal must receive your appeal by 20 June 2025" in letter.text
    assert "decision_notice" not in _notices(child)  # no second notice of the same decision

    mediation = appeals.mediation_record(actor=officer, notice=notice, contacted_adviser_on=D(2025, 5, 1))
    appeals.certificate_record(
        actor=officer, mediation=mediation, issued_on=D(2025, 6, 1), kind="not_wish", expected_version=mediation.version
    )
    notice.refresh_from_db()
    assert notice.appeal_deadline_on == D(2025, 7, 1)  # 1 month from the certificate, the later date
    appeal = appeals.tribunal_appeal_lodge(actor=officer, notice=notice, lodged_on=D(2025, 6, 2), grounds="not_amend")
    assert appeal.notice == notice
    assert "decision_notice" not in _notices(child)


def test_the_amended_plan_records_its_appeal_rights(versioned_plan, proposed, officer, child, parents):
    review = services.review_amended_plan_issue(
        actor=officer, review=proposed, issued_on=D(2025, 5, 20), expected_version=proposed.version
    )
    notice = DecisionNotice.objects.get(review=review)
    assert (notice.about, notice.sent_on, notice.appeal_deadline_on) == (
        "plan_contents",
        D(2025, 5, 20),
        D(2025, 7, 20),
    )
    # Version 1 was in force and version 2 froze the proposals; the amended plan the family may
    # appeal against is the version the review issued.
    assert review.amended_plan_version == 3
    assert f"(version {review.amended_plan_version})" in notice.reasons
    appeal = appeals.tribunal_appeal_lodge(
        actor=officer, notice=notice, lodged_on=D(2025, 6, 1), grounds="school_named"
    )
    assert appeal.grounds == "school_named"
    assert "decision_notice" not in _notices(child)


def test_not_amending_after_all_records_its_appeal_rights(proposed, officer, child, parents):
    review = services.review_no_amendment_record(
        actor=officer, review=proposed, notified_on=D(2025, 5, 10), expected_version=proposed.version
    )
    notice = DecisionNotice.objects.get(review=review)
    assert (notice.about, notice.appeal_deadline_on) == ("not_amend", D(2025, 7, 10))
    assert "20 April 2025" in notice.reasons


def test_a_decision_to_amend_is_not_itself_appealable(held, officer, parents):
    review = services.review_decision_record(
        actor=officer, review=held, decision="amend", sent_on=D(2025, 4, 20), expected_version=held.version
    )
    assert not DecisionNotice.objects.filter(review=review).exists()
    assert not CeaseProposal.objects.exists()


def test_an_amended_plan_refused_by_the_plans_app_records_no_notice(proposed, officer, parents):
    with pytest.raises(ValidationFailed):
        services.review_amended_plan_issue(
            actor=officer, review=proposed, issued_on=D(2025, 5, 20), expected_version=proposed.version
        )
    assert not DecisionNotice.objects.exists()


def test_the_case_page_shows_the_notice_as_told_with_the_review_and_offers_no_letter_to_send(
    client_for, held, officer, child, parents
):
    review = services.review_decision_record(
        actor=officer, review=held, decision="maintain", sent_on=D(2025, 4, 20), expected_version=held.version
    )
    notice = DecisionNotice.objects.get(review=review)
    client = client_for(officer)
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    section = page.split(f'data-notice="{notice.pk}"')[1].split("</section>")[0]
    assert "the family were told, with the appeal deadlines, in the review's letter of 20 April 2025" in section
    assert reverse("appeals:letter-pdf", args=[child.pk, notice.pk]) not in section
    assert reverse("appeals:mediation", args=[child.pk, notice.pk]) in section
    earlier = page.split("Earlier reviews")[1].split("</ul>")[0]
    assert "the family can appeal until 20 June 2025" in earlier

    record = client.get(reverse("appeals:letter", args=[child.pk, notice.pk])).content.decode()
    assert "This is a record of what the family were told, not a letter to send." in record
    assert "No separate decision letter was sent, and none needs to be." in record
    assert client.get(reverse("appeals:letter-pdf", args=[child.pk, notice.pk])).status_code == 404


def test_partners_see_no_appeal_details_on_the_review_panel(client_for, held, officer, child, parents, setting):
    from tests.teams.builders import partner

    services.review_decision_record(
        actor=officer, review=held, decision="maintain", sent_on=D(2025, 4, 20), expected_version=held.version
    )
    senco = partner(setting, first_name="Sam", last_name="Senco")
    page = client_for(senco).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Earlier reviews" in page
    assert "can appeal until" not in page
