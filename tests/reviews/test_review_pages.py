"""The review pages: the case page's panel, the step forms, the lists, the tracker and performance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.reviews import services
from sendcase.reviews.models import AnnualReview
from tests.factories import SettingFactory, UserFactory
from tests.reviews.builders import child_with_plan

pytestmark = pytest.mark.django_db
D = dt.date


def _date(prefix: str, day: dt.date) -> dict[str, int]:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_the_case_page_offers_to_schedule_the_review_and_then_shows_its_steps(client_for, officer, child, plan):
    client = client_for(officer)
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert 'data-testid="review-panel"' in page
    assert "Schedule the annual review" in page

    response = client.post(
        reverse("reviews:review-new", args=[child.pk]),
        {**_date("meeting_on", D(2025, 6, 30)), "meeting_format": "in_person", "access_needs": "Step-free access"},
    )
    assert response.status_code == 302
    review = AnnualReview.objects.get(plan=plan)
    assert (review.meeting_on, review.meeting_format) == (D(2025, 6, 30), "in_person")

    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "in person (the family's choice). Access needs: Step-free access." in page
    assert "Send the invitations to the review meeting" in page
    assert "Regulations 20(2) and 21(2), SEND Regulations 2014" in page
    assert "Due in 14 days, by 16 June 2025" in page
    assert "by 5 May 2025" in page  # the council's 8 weeks
    assert reverse("reviews:review-step", args=[child.pk, "invitations"]) in page


def test_short_notice_is_refused_on_the_form_and_nothing_is_saved(client_for, officer, child, scheduled):
    events = AuditEvent.objects.count()
    response = client_for(officer).post(
        reverse("reviews:review-step", args=[child.pk, "invitations"]),
        {**_date("sent_on", D(2025, 3, 25)), "version": scheduled.version},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Invitations must go at least 2 weeks before the meeting (regs 20(2) and 21(2))" in page
    assert AuditEvent.objects.count() == events
    assert AnnualReview.objects.get(pk=scheduled.pk).invitations_sent_on is None


def test_recording_invitations_with_less_than_the_policy_says_so(client_for, officer, child, scheduled):
    response = client_for(officer).post(
        reverse("reviews:review-step", args=[child.pk, "invitations"]),
        {**_date("sent_on", D(2025, 3, 12)), "version": scheduled.version},
        follow=True,
    )
    page = response.content.decode()
    assert "Invitations recorded" in page
    assert "council&#x27;s policy asks for 8 weeks" in page


def test_step_pages_need_an_open_review_and_a_known_step(client_for, officer, child, plan, scheduled):
    client = client_for(officer)
    case_page = reverse("staff:child", args=[child.pk]) + "#reviews"
    response = client.get(reverse("reviews:review-step", args=[child.pk, "no-such-step"]))
    assert (response.status_code, response["Location"]) == (302, case_page)
    assert client.get(reverse("reviews:review-step", args=[child.pk, "meeting"])).status_code == 200
    AnnualReview.objects.filter(pk=scheduled.pk).update(completed_on=D(2025, 5, 1))
    response = client.get(reverse("reviews:review-step", args=[child.pk, "meeting"]), follow=True)
    assert "There is no review in progress for that step" in response.content.decode()
    assert "Important" in response.content.decode()


def test_scheduling_for_a_child_with_no_plan_explains_why_not(client_for, officer, child):
    response = client_for(officer).get(reverse("reviews:review-new", args=[child.pk]), follow=True)
    assert "has no plan the council maintains" in response.content.decode()


def test_read_only_staff_see_the_panel_but_cannot_open_a_form(client_for, read_only, child, scheduled):
    client = client_for(read_only)
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Send the invitations to the review meeting" in page
    assert "Record this step" not in page.split('data-testid="review-panel"')[1].split("</section>")[0]
    assert client.get(reverse("reviews:review-step", args=[child.pk, "invitations"])).status_code == 403
    assert client.get(reverse("reviews:review-new", args=[child.pk])).status_code == 403


def test_the_term_lists_page_and_a_schools_csv(client_for, officer, la):
    school = SettingFactory(local_authority=la, name="Castle Primary School")
    child, _ = child_with_plan(la, born=D(2015, 1, 1), setting=school, issued=D(2024, 10, 5), first_name="Ada")
    client = client_for(officer)
    page = client.get(reverse("reviews:home"), {"term": "autumn", "year": 2025}).content.decode()
    assert "Castle Primary School" in page
    assert "18 August 2025" in page
    assert "[UNCONFIRMED]" not in page  # said in plain words on the page instead
    url = reverse("reviews:school-list")
    response = client.get(url, {"school": school.pk, "term": "autumn", "year": 2025, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "Ada" in response.content.decode()
    assert AuditEvent.objects.filter(actor=officer, action="export", child=child).exists()
    assert "Ada" in client.get(url, {"school": school.pk, "term": "autumn", "year": 2025}).content.decode()


def test_another_councils_school_list_is_not_found(client_for, outsider, officer, la):
    school = SettingFactory(local_authority=la)
    client = client_for(outsider)
    assert client.get(reverse("reviews:school-list"), {"school": school.pk}).status_code == 404
    assert client_for(officer).get(reverse("reviews:school-list"), {"school": "not-a-uuid"}).status_code == 404


def test_the_tracker_and_performance_are_for_managers(client_for, officer, manager, la):
    child_with_plan(la, born=D(2014, 10, 10), setting=SettingFactory(local_authority=la), first_name="Ada")
    for name in ("reviews:phase-transfers", "reviews:performance"):
        assert client_for(officer).get(reverse(name)).status_code == 403
        assert client_for(manager).get(reverse(name)).status_code == 200
    page = client_for(manager).get(reverse("reviews:phase-transfers"), {"year": 2026}).content.decode()
    assert "Ada" in page and "Primary to secondary school" in page and "14 February 2026" in page


def test_partners_cannot_open_the_review_lists(client_for, la):
    professional = UserFactory(local_authority=None, role=Role.PROFESSIONAL)
    assert client_for(professional).get(reverse("reviews:home")).status_code == 403


def test_send_staff_have_reviews_in_the_navigation(client_for, officer):
    page = client_for(officer).get(reverse("staff:caseload")).content.decode()
    assert f'href="{reverse("reviews:home")}"' in page


def test_the_review_panel_marks_rules_from_secondary_sources_as_the_appeals_panel_does(
    client_for, officer, child, proposed
):
    """Devon's 12 weeks and reg 22(4)'s 8 weeks come from summaries, not the text: [SECONDARY] beside them."""
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    panel = page.split('data-testid="review-panel"')[1].split("</section>")[0]
    amendments = panel.split('data-review-step="amendments"')[1].split("</li>")[0]
    assert "R (L, M, P) v Devon County Council [2022] EWHC 493 (Admin) [SECONDARY]:" in amendments
    assert '<strong class="govuk-tag govuk-tag--yellow">[SECONDARY]</strong>' in amendments
    # A rule confirmed in the Regulations carries no label.
    decision = panel.split('data-review-step="decision"')[1].split("</li>")[0]
    assert "Regulation 20(10), SEND Regulations 2014:" in decision
    assert "[SECONDARY]" not in decision


def test_the_option_not_to_amend_after_all_names_reg_22_4_as_secondary(client_for, officer, child, proposed):
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    panel = page.split('data-testid="review-panel"')[1].split("</section>")[0]
    option = panel.split('data-testid="no-amendment"')[1].split("</p>")[0]
    assert "The plan will not be amended after all" in option
    # Proposals sent 20 April 2025: the family must be told within 8 weeks, by 15 June 2025.
    assert "by 15 June 2025" in option
    assert "Regulation 22(4), SEND Regulations 2014 [SECONDARY]" in option


def test_a_meeting_held_at_short_notice_is_shown_on_the_panel(client_for, officer, child, invited):
    response = client_for(officer).post(
        reverse("reviews:review-step", args=[child.pk, "meeting"]),
        {**_date("held_on", D(2025, 3, 18)), "version": invited.version},
        follow=True,
    )
    page = response.content.decode()
    banner = page.split('class="govuk-notification-banner__heading">')[1].split("</p>")[0]
    assert "Held with 8 days&#x27; notice, fewer than the 2 weeks regulations 20(2) and 21(2) require" in banner
    meeting = page.split('data-review-step="meeting"')[1].split("</li>")[0]
    assert "Held with 8 days&#x27; notice" in meeting and "not counted as held on time" in meeting
    # The invitations step measures the notice against the day the meeting was held.
    invitations = page.split('data-review-step="invitations"')[1].split("</li>")[0]
    assert "Done on 10 March 2025, 6 days late" in invitations


def test_an_earlier_review_held_at_short_notice_still_says_so(client_for, officer, child, invited):
    held = services.review_meeting_record(
        actor=officer, review=invited, held_on=D(2025, 3, 18), expected_version=invited.version
    )
    services.review_decision_record(
        actor=officer, review=held, decision="maintain", sent_on=D(2025, 3, 25), expected_version=held.version
    )
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    earlier = page.split("Earlier reviews")[1].split("</ul>")[0]
    assert "Meeting 18 March 2025 (held with 8 days&#x27; notice, fewer than the 2 weeks" in earlier
