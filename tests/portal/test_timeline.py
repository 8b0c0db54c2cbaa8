""" "Where we are": the statutory steps in plain English, with the dates the clock computed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import services as appeals
from sendcase.cases import services as case_services
from sendcase.cases.models import Plan
from sendcase.portal.models import ParentsSee
from sendcase.reviews import services as reviews
from sendcase.reviews.clock import review_steps
from sendcase.reviews.models import AnnualReview
from sendcase.timescales import ExceptionKind
from tests.notifications.after_plan_builders import versioned_plan
from tests.portal.conftest import make_account, page_text

pytestmark = pytest.mark.django_db


def raw_timeline(client, child) -> str:
    response = client.get(reverse("portal:timeline", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def timeline(client, child) -> str:
    """The page's words as a family reads them: the glossary's markup (links, abbreviations) taken out."""
    return page_text(raw_timeline(client, child))


def test_the_next_step_has_its_legal_date_and_the_key_worker_how_to_reach_them(
    family_client, parent_account, child, request_received, officer
):
    officer.phone, officer.job_title = "01305 221000", "SEND case officer"
    officer.save()
    html = raw_timeline(family_client(parent_account), child)
    page = page_text(html)
    assert "Request for an EHC needs assessment, received on 5 May 2025" in page
    assert "The council must decide whether to assess by 16 June 2025." in page
    assert "The law: Regulation 5(1), SEND Regulations 2014" in page
    assert "Your key worker is Olive Officer." in page
    assert 'href="tel:01305221000"' in html and f'href="mailto:{officer.email}"' in html


def test_a_late_step_says_so_and_apologises(family_client, parent_account, child, officer):
    case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 3, 3), source="parent")
    page = timeline(family_client(parent_account), child)
    assert "This should have happened by 14 April 2025. The council is late" in page
    assert "We are sorry." in page


def test_a_step_done_late_says_by_how_much(family_client, parent_account, child, officer):
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 3, 3), source="parent")
    case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=dt.date(2025, 4, 17), expected_version=None
    )
    page = timeline(family_client(parent_account), child)
    assert "On 17 April 2025 the council told you it will carry out an EHC needs assessment." in page
    assert "This was 3 days later than the law allows." in page


def test_an_exception_is_explained_kindly(family_client, parent_account, child, officer):
    request = case_services.request_create(actor=officer, child=child, received_on=dt.date(2025, 1, 6), source="parent")
    request = case_services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=dt.date(2025, 2, 10), expected_version=None
    )
    case_services.exception_add(
        actor=officer, request=request, kind=ExceptionKind.SCHOOL_CLOSURE.value, start_on=dt.date(2025, 4, 1)
    )
    page = timeline(family_client(parent_account), child)
    assert (
        "Because a school or college the council asked for advice was closed for 4 weeks or more, for example "
        "for the summer holidays, the council has longer than usual for this step." in page
    )
    assert "It must still be done as soon as it can. The usual date was 28 April 2025." in page
    assert "More time allowed" in page


def test_advice_asked_for_shows_who_and_by_when(family_client, parent_account, child, request_received, officer):
    request = case_services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=None,
    )
    case_services.advice_request_add(
        actor=officer, request=request, contributor="ep", requested_on=dt.date(2025, 5, 21)
    )
    page = timeline(family_client(parent_account), child)
    assert "The council has asked an educational psychologist for advice. It must be sent by 2 July 2025." in page
    assert "If the council decides not to issue an EHC plan, it must tell you by 25 August 2025." in page
    assert "The council must send you the final EHC plan by 22 September 2025." in page


def test_a_closed_request_says_how_it_ended_and_has_nothing_next(
    family_client, parent_account, child, request_received, officer
):
    case_services.request_withdraw(
        actor=officer,
        request=request_received,
        withdrawn_on=dt.date(2025, 5, 30),
        reason="Family moved school",
        expected_version=None,
    )
    page = timeline(family_client(parent_account), child)
    assert "The request was withdrawn." in page
    assert "What happens next" not in page


def test_a_parent_may_choose_another_language(family_client, parent_account, child, request_received):
    client = family_client(parent_account)
    url = reverse("portal:timeline", args=[child.pk])
    response = client.post(reverse("portal:language"), {"language": "pl", "next": url})
    assert response["Location"] == url
    page = timeline(client, child)
    assert '<html lang="pl"' in raw_timeline(client, child)
    assert "Gdzie jesteśmy" in page  # "Where we are"
    assert "czerwca 2025" in page  # the month in the date, in Polish
    # A language SENDcase does not offer changes nothing.
    client.post(reverse("portal:language"), {"language": "xx", "next": url})
    assert '<html lang="pl"' in raw_timeline(client, child)


def test_staff_pages_stay_in_english_whatever_the_family_chose(client_for, officer, child):
    client = client_for(officer)
    client.cookies["django_language"] = "pl"
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert '<html lang="en-GB"' in page and "Family portal" in page


# --- After the plan: annual reviews, ceasing, decisions with appeal rights, mediation and appeals -------


@pytest.fixture
def plan(child, setting):
    """A plan issued on 10 June 2024: its first annual review is due by 10 June 2025 (s.44(1))."""
    return Plan.objects.create(child=child, issued_on=dt.date(2024, 6, 10), named_setting=setting)


def held(officer, plan, *, meeting: dt.date, invited: dt.date):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=meeting, meeting_format="in_person")
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=invited, expected_version=None)
    return reviews.review_meeting_record(actor=officer, review=review, held_on=meeting, expected_version=None)


def stage(client, child, heading: str) -> str:
    """The words of the one part of the timeline (a review, ceasing, a decision) whose heading starts so."""
    parts = raw_timeline(client, child).split('<section aria-labelledby="')[1:]
    found = [page_text("<" + part.split("</section>")[0]) for part in parts]
    matching = [text for text in found if text.strip().startswith(heading)]
    assert len(matching) == 1, (heading, [text[:80] for text in found])
    return matching[0]


def test_a_review_being_arranged_shows_the_invitations_and_meeting_dates_from_the_review_clock(
    family_client, parent_account, child, plan, officer
):
    reviews.review_schedule(actor=officer, plan=plan, meeting_on=dt.date(2025, 7, 1), meeting_format="online")
    page = stage(family_client(parent_account), child, "Annual review of the EHC plan, meeting on 1 July 2025")
    assert "The council must invite you to the review meeting by 17 June 2025, at least 2 weeks before it." in page
    assert "The law: Regulations 20(2) and 21(2), SEND Regulations 2014" in page
    assert (
        "The annual review meeting is planned for 1 July 2025. The law says the plan must be reviewed by "
        "10 June 2025." in page
    )
    assert "The law: Section 44(1), Children and Families Act 2014" in page


def test_after_the_meeting_the_decision_is_due_4_weeks_later(family_client, parent_account, child, plan, officer):
    held(officer, plan, meeting=dt.date(2025, 5, 20), invited=dt.date(2025, 5, 2))
    page = stage(family_client(parent_account), child, "Annual review of the EHC plan")
    assert "The annual review meeting was held on 20 May 2025." in page
    assert (
        "The council must tell you by 17 June 2025 whether it will keep the plan as it is, change it or stop "
        "keeping it. That is 4 weeks after the meeting." in page
    )
    assert "The law: Regulation 20(10), SEND Regulations 2014" in page
    assert "The report of the review meeting must be sent to the council and to you by 3 June 2025" in page


def test_a_late_review_decision_says_so_and_apologises(family_client, parent_account, child, plan, officer):
    held(officer, plan, meeting=dt.date(2025, 4, 1), invited=dt.date(2025, 3, 10))
    page = stage(family_client(parent_account), child, "Annual review of the EHC plan")
    assert "This should have happened by 29 April 2025. The council is late" in page and "We are sorry." in page


def test_proposed_amendments_give_the_familys_reply_by_date_and_the_amended_plan_due_date(
    family_client, parent_account, child, plan, officer
):
    review = held(officer, plan, meeting=dt.date(2025, 5, 12), invited=dt.date(2025, 4, 25))
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=dt.date(2025, 5, 25), expected_version=None
    )
    reviews.review_amendments_send(actor=officer, review=review, sent_on=dt.date(2025, 5, 25), expected_version=None)
    page = stage(family_client(parent_account), child, "Annual review of the EHC plan")
    assert "On 25 May 2025 the council told you it wants to change (amend) the EHC plan." in page
    assert "The council sent you the changes it proposes to the plan on 25 May 2025." in page
    # 15 days counting the day they were sent (reg 22(2)), as stored on the review.
    assert (
        "You have until 8 June 2025 to tell the council what you think of the proposed changes, ask for a school "
        "or college, or ask to meet an officer." in page
    )
    assert "The law: Regulation 22(2), SEND Regulations 2014" in page
    # 8 weeks after the proposals (reg 22(3)), or 12 weeks after the meeting (Devon), whichever the clock says.
    due = review_steps(AnnualReview.objects.get(pk=review.pk), today=dt.date(2025, 6, 2))[-1].status.due
    assert f"The council must send you the amended plan by {due.day} {due:%B %Y}." in page


def test_a_reply_window_that_has_ended_and_an_amended_plan_issued(
    family_client, parent_account, child, officer, setting
):
    plan = versioned_plan(officer, child, setting)
    review = held(officer, plan, meeting=dt.date(2025, 4, 1), invited=dt.date(2025, 3, 10))
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=dt.date(2025, 4, 20), expected_version=None
    )
    review = reviews.review_amendments_send(
        actor=officer, review=review, sent_on=dt.date(2025, 4, 20), expected_version=None
    )
    reviews.review_amended_plan_issue(
        actor=officer, review=review, issued_on=dt.date(2025, 5, 20), expected_version=None
    )
    page = stage(family_client(parent_account), child, "Annual review of the EHC plan")
    assert "The time to reply to the proposed changes ended on 4 May 2025." in page
    assert "The council issued the amended plan on 20 May 2025." in page
    assert "This review finished on 20 May 2025." in page
    assert "What happens next" not in page


@pytest.fixture
def cease_notice_open(officer, plan):
    """A decision to cease the plan sent on 20 May 2025: appeal and mediation by 20 July 2025."""
    proposal = appeals.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 4, 7))
    proposal = appeals.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=dt.date(2025, 4, 14),
        setting_consulted_on=dt.date(2025, 4, 15),
        expected_version=proposal.version,
    )
    return appeals.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=dt.date(2025, 5, 19),
        sent_on=dt.date(2025, 5, 20),
        reasons="The school can meet the needs from its own budget.",
        mediation_adviser="Dorset Mediation Service, 01305 000000",
        expected_version=proposal.version,
    )


def test_ceasing_shows_the_proposal_the_decision_and_the_day_the_plan_may_end(
    family_client, parent_account, child, cease_notice_open
):
    client = family_client(parent_account)
    page = timeline(client, child)
    ceasing = stage(client, child, "Ending the EHC plan: the council's proposal of 7 April 2025")
    assert "On 7 April 2025 the council told you it is thinking of stopping keeping (ceasing) the EHC plan." in ceasing
    assert "The council asked what you think about ending the plan on 14 April 2025." in ceasing
    assert "On 19 May 2025 the council decided to stop keeping (cease) the EHC plan." in ceasing
    assert "If nobody appeals, the plan may end from 21 July 2025." in ceasing
    assert "The law: Section 45, Children and Families Act 2014" in ceasing
    assert "The school can meet the needs from its own budget." not in page  # the reasons stay in the letter
    notice = stage(client, child, "The council's decision to stop keeping (cease) the EHC plan, sent on 20 May 2025")
    assert "If you disagree, contact the mediation adviser by 20 July 2025." in notice
    assert "If you disagree, you can appeal to the tribunal. It must receive your appeal by 20 July 2025." in notice
    assert "The law: Regulation 33, SEND Regulations 2014" in notice
    assert "The law: Rule 20(1)(c), Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008" in notice


def test_once_the_time_to_appeal_has_ended_the_plan_may_end(family_client, parent_account, child, officer, plan):
    proposal = appeals.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=dt.date(2025, 1, 13))
    proposal = appeals.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=dt.date(2025, 1, 27),
        setting_consulted_on=dt.date(2025, 1, 28),
        expected_version=proposal.version,
    )
    appeals.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=dt.date(2025, 3, 7),
        sent_on=dt.date(2025, 3, 10),
        reasons="Every outcome has been met.",
        mediation_adviser="Dorset Mediation Service",
        expected_version=proposal.version,
    )
    page = timeline(family_client(parent_account), child)
    assert "The time to appeal has ended. The plan may end from 11 May 2025." in page
    assert "The time to appeal to the tribunal ended on 10 May 2025." in page
    assert "The time to contact the mediation adviser ended on 10 May 2025." in page


def test_a_plan_ended_because_the_child_died_is_not_told_as_a_proposal(
    family_client, parent_account, child, officer, plan
):
    appeals.cease_propose(actor=officer, plan=plan, reason="8", proposed_on=dt.date(2025, 5, 28))
    page = timeline(family_client(parent_account), child)
    assert "Ending the EHC plan" not in page and "thinking of stopping" not in page


def test_a_certificate_moves_the_appeal_deadline_and_an_order_gives_the_councils_deadline(
    family_client, parent_account, child, officer, plan
):
    notice = appeals.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=dt.date(2025, 4, 1),
        sent_on=dt.date(2025, 4, 2),
        reasons="Section F gives 20 hours a week of help.",
        mediation_adviser="Dorset Mediation Service",
        plan=plan,
    )
    mediation = appeals.mediation_record(actor=officer, notice=notice, contacted_adviser_on=dt.date(2025, 5, 23))
    appeals.certificate_record(
        actor=officer, mediation=mediation, issued_on=dt.date(2025, 5, 28), kind="not_wish", expected_version=None
    )
    client = family_client(parent_account)
    page = stage(client, child, "The council's decision about what the EHC plan says, sent on 2 April 2025")
    assert "You contacted the mediation adviser on 23 May 2025." in page
    assert "The mediation adviser issued your mediation certificate on 28 May 2025." in page
    # 1 month from the certificate is later than 2 months from the notice (r.20(1)(c)(ii)).
    assert "It must receive your appeal by 28 June 2025." in page

    notice.refresh_from_db()
    appeal = appeals.tribunal_appeal_lodge(
        actor=officer, notice=notice, lodged_on=dt.date(2025, 5, 29), grounds="needs_provision"
    )
    appeals.tribunal_order_record(actor=officer, appeal=appeal, kind="amend_content", made_on=dt.date(2025, 6, 2))
    page = stage(client, child, "The council's decision about what the EHC plan says")
    assert "The tribunal received your appeal on 29 May 2025." in page
    assert "On 2 June 2025 the tribunal ordered the council to change what the plan says about needs or help." in page
    assert "The council must send you the amended plan by 7 July 2025." in page  # 5 weeks (reg 44(2)(e))
    assert "The law: Regulation 44(2)(e), SEND Regulations 2014" in page
    assert "It must receive your appeal by" not in page  # the appeal is in


def test_what_happens_next_on_the_home_page_includes_the_stages_after_the_plan(
    family_client, parent_account, child, cease_notice_open
):
    page = page_text(family_client(parent_account).get(reverse("portal:home")).content.decode())
    assert "What happens next: If you disagree, contact the mediation adviser by 20 July 2025." in page


def test_a_parent_the_young_person_lets_see_only_the_timeline_sees_the_dates_but_no_way_to_take_part(
    family_client, la, child, parent_account, plan, officer
):
    child.date_of_birth = dt.date(2007, 3, 1)
    child.save()
    young_person = make_account(la=la, email="amelia@family.example", young_person=child)
    young_person.parents_see = ParentsSee.TIMELINE
    young_person.save()
    reviews.review_schedule(actor=officer, plan=plan, meeting_on=dt.date(2025, 7, 1), meeting_format="online")
    html = raw_timeline(family_client(parent_account), child)
    assert "The annual review meeting is planned for 1 July 2025." in page_text(html)
    assert reverse("portal:review", args=[child.pk]) not in html
    assert reverse("portal:messages", args=[child.pk]) not in html


def test_the_stages_after_the_plan_are_in_polish_for_a_polish_family(
    family_client, parent_account, child, cease_notice_open, settings
):
    client = family_client(parent_account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    page = timeline(client, child)
    assert "21 lipca 2025" in page  # the day the plan may end, with the Polish month
    assert "If nobody appeals" not in page
    assert "The law: " not in page and "Section 45, Children and Families Act 2014" in page  # names stay English
