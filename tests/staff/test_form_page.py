"""The form page every app's staff forms share (sendcase.staff.views.form_page).

When someone else saved the record after the page was opened, the person is told so above the
form, what they typed is still in the form, and nothing of theirs is saved. A saved change goes
back to the case page's panel with the service's message.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.urls import reverse

from sendcase.appeals import services as appeals
from sendcase.appeals.models import CeaseProposal
from sendcase.cases.models import Plan
from sendcase.reviews import services as reviews
from sendcase.reviews.models import AnnualReview
from sendcase.teams.models import TeamMembership
from tests.teams.builders import HEALTH, on_team, organisation, partner

pytestmark = pytest.mark.django_db
D = dt.date


def _date(prefix: str, day: dt.date) -> dict[str, int]:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def plan(child, setting):
    return Plan.objects.create(child=child, issued_on=D(2024, 6, 10), named_setting=setting)


def test_a_review_changed_by_a_colleague_meanwhile_keeps_what_was_typed(client_for, officer, colleague, child, plan):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 6, 30))
    url = reverse("reviews:review-step", args=[child.pk, "arrangements"])
    client = client_for(officer)
    assert client.get(url).status_code == 200
    reviews.review_arrangements_change(
        actor=colleague,
        review=review,
        meeting_on=D(2025, 7, 7),
        meeting_format="online",
        access_needs="",
        is_phase_transfer=False,
        transfer_kind="",
        transfer_year=None,
        post16_transfer_on=None,
        next_setting=None,
        expected_version=review.version,
    )

    response = client.post(
        url,
        {**_date("meeting_on", D(2025, 7, 1)), "access_needs": "A hearing loop", "version": review.version},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Someone else changed" in html
    assert "A hearing loop" in html
    saved = AnnualReview.objects.get(pk=review.pk)
    assert (saved.meeting_on, saved.access_needs) == (D(2025, 7, 7), "")


def test_a_cease_consultation_recorded_meanwhile_is_not_overwritten(client_for, officer, colleague, child, plan):
    proposal = appeals.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=D(2025, 5, 1))
    url = reverse("appeals:cease-consultation", args=[child.pk, proposal.pk])
    appeals.cease_consultation_record(
        actor=colleague,
        proposal=proposal,
        family_consulted_on=D(2025, 5, 6),
        setting_consulted_on=D(2025, 5, 7),
        expected_version=proposal.version,
    )

    response = client_for(officer).post(
        url,
        {
            **_date("family_consulted_on", D(2025, 5, 9)),
            **_date("setting_consulted_on", D(2025, 5, 9)),
            "notes": "Phoned the mother twice",
            "version": proposal.version,
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed" in html
    assert "Phoned the mother twice" in html
    assert CeaseProposal.objects.get(pk=proposal.pk).family_consulted_on == D(2025, 5, 6)


def test_a_team_member_changed_meanwhile_is_not_ended(client_for, officer, child, la, today):
    paediatrician = partner(organisation(la, HEALTH, "Dorset Community Paediatrics"), first_name="Pat")
    membership, _ = on_team(child, officer, paediatrician, started_on=today - dt.timedelta(days=30))
    # Someone else saved the membership after the officer opened the form.
    TeamMembership.objects.filter(pk=membership.pk).update(version=F("version") + 1)

    response = client_for(officer).post(
        reverse("teams:team-member-end", args=[child.pk, membership.pk]),
        {"version": membership.version, **_date("ended_on", today)},
    )

    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    assert TeamMembership.objects.get(pk=membership.pk).ended_on is None


@pytest.mark.parametrize(
    ("panel", "message"),
    [("reviews", "Review scheduled"), ("appeals", "Proposal to cease the plan recorded")],
)
def test_a_saved_form_goes_back_to_its_panel_of_the_case_page_with_the_message(
    client_for, officer, child, plan, panel, message
):
    client = client_for(officer)
    if panel == "reviews":
        url, data = reverse("reviews:review-new", args=[child.pk]), _date("meeting_on", D(2025, 6, 30))
    else:
        url, data = (
            reverse("appeals:cease-new", args=[child.pk]),
            {"reason": "2", **_date("proposed_on", D(2025, 6, 2))},
        )

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("staff:child", args=[child.pk]) + f"#{panel}"
    assert message in client.get(response["Location"]).content.decode()
