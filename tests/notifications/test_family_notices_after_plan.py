"""Family notices after the plan: reviews, ceasing, decision notices, mediation and Tribunal orders.

Each step tells every parent on their own channel (email, text message, a letter checked as a
PDF, a phone call), in the step's transaction; emails and texts never name the child or the decision.
"""

from __future__ import annotations

import re

import pytest

from sendcase import timescales
from sendcase.notifications.models import Channel, OutboxMessage, Status
from sendcase.people.models import Channel as Preferred
from tests.notifications.after_plan_builders import CEASE_REASONS, CONTENTS_REASONS, D, walk_after_plan
from tests.notifications.family_builders import add_letter_parent, add_parent, letter_text, messages_for

pytestmark = pytest.mark.django_db

STEPS = (
    "transferred_in",
    "review_moved",
    "review_report",
    "review_decision",
    "amendments_proposed",
    "amended_plan",
    "no_amendment",
    "decision_notice",
    "mediation_certificate",
    "tribunal_order",
    "cease_proposed",
    "cease_decision",
    "plan_ended",
)


@pytest.fixture
def family(officer, child):
    return {
        "email": add_parent(officer, child, "Grace", "Hart", main_contact=True),
        "sms": add_parent(
            officer,
            child,
            "Sam",
            "Hart",
            relationship="father",
            email="",
            mobile="07700900123",
            preferred_channel=Preferred.SMS,
        ),
        "letter": add_letter_parent(officer, child),
        "phone": add_parent(
            officer,
            child,
            "Maya",
            "Hart",
            relationship="step_parent",
            email="",
            mobile="07700900777",
            preferred_channel=Preferred.PHONE,
        ),
    }


@pytest.fixture
def walk(officer, child, setting, family, django_capture_on_commit_callbacks):
    # The PDFs are made after commit; the tests that read one render it when they open it.
    with django_capture_on_commit_callbacks(execute=False):
        return walk_after_plan(officer=officer, child=child, setting=setting)


def _letter(walk, family, notice):
    return messages_for(walk.by_notice[notice], family["letter"])[0]


def _text(message) -> str:
    return letter_text(message)


def test_every_step_after_the_plan_tells_each_parent_once_on_their_own_channel(walk, family):
    for notice in STEPS:
        sent = walk.by_notice[notice]
        for channel, member in family.items():
            mine = messages_for(sent, member)
            assert [m.channel for m in mine] == [channel], (notice, channel)
        assert {m.notice for m in sent} == {notice}
    letter = _letter(walk, family, "review_decision")
    assert letter.status == Status.HELD  # waits for the case officer to check and send it
    call = messages_for(walk.by_notice["cease_decision"], family["phone"])[0]
    assert call.status == Status.TO_DO
    assert call.subject == "Phone Maya Hart to tell them: A decision about the plan has been made"
    assert "We have decided to end the plan" in call.letter.text  # what to tell them


def test_no_email_or_text_message_names_the_child_or_the_decision(walk, child, setting):
    sent = OutboxMessage.objects.filter(notice__in=STEPS, channel__in=[Channel.EMAIL, Channel.SMS])
    assert {m.notice for m in sent} == set(STEPS)
    for message in sent:
        words = f"{message.subject}\n{message.body}".lower()
        for secret in (
            child.first_name,
            child.last_name,
            setting.name,
            "cease",
            "ceas",
            "end the plan",
            "keep",
            "dismiss",
            "not to",
            "will not",
            "refus",
        ):
            assert secret.lower() not in words, (message.notice, message.channel, secret)
        assert child.reference in message.body
    assert all(len(m.body) <= 306 for m in sent if m.channel == Channel.SMS)


def test_the_emails_give_the_date_and_for_proposed_changes_the_reply_by_date(walk, family, settings):
    proposed = messages_for(walk.by_notice["amendments_proposed"], family["email"])[0]
    # Reg 22(2): at least 15 days, counting the day they were sent (20 April 2025).
    assert proposed.subject == "We have sent you changes to the plan: reply by 4 May 2025"
    assert "20 April 2025" in proposed.body and f"{settings.SENDCASE_BASE_URL}/family/" in proposed.body
    text = messages_for(walk.by_notice["amendments_proposed"], family["sms"])[0]
    assert "4 May 2025" in text.body
    decision = messages_for(walk.by_notice["review_decision"], family["email"])[0]
    assert decision.subject == "A decision after the annual review has been made"
    assert "20 March 2025" in decision.body


def test_keeping_the_plan_after_a_review_is_a_decision_with_appeal_rights(walk, family, child):
    text = _text(_letter(walk, family, "review_decision"))
    assert "We will keep the plan as it is" in text
    assert f"About: {child.full_name}" in text  # a letter names the child
    assert "The date of this decision is 20 March 2025." in text
    # Sent 20 March 2025: the mediation adviser (reg 33) and the tribunal (r.20(1)(c)) by 20 May.
    assert "Please do this by 20 May 2025" in text
    assert "The tribunal must receive your appeal by 20 May 2025" in text
    # The next review: 12 months from the meeting of 3 March 2025 (s.44(1)).
    review_by = timescales.format_date(timescales.annual_review_due(D(2025, 3, 3)))
    assert f"We will review the plan again by {review_by}" in text


def test_proposed_amendments_give_the_reply_by_date_and_when_the_amended_plan_is_due(walk, family):
    text = _text(_letter(walk, family, "amendments_proposed"))
    assert "Please tell us what you think by 4 May 2025." in text
    due = timescales.amended_plan_due(D(2025, 4, 20), D(2025, 4, 1))
    assert f"The amended plan must be ready by {timescales.format_date(due)}" in text
    assert "appeal" not in text.lower()  # nothing to appeal yet


def test_the_amended_plan_letter_names_the_school_and_the_appeal_deadline(walk, family, setting):
    text = _text(_letter(walk, family, "amended_plan"))
    assert "amended plan is ready" in text
    assert f"The plan names {setting.name} in section I." in text
    assert "The tribunal must receive your appeal by 20 July 2025" in text  # 2 months after 20 May 2025
    assert "you can appeal without contacting a mediation adviser" in text


def test_not_amending_after_all_carries_appeal_rights(walk, family):
    text = _text(_letter(walk, family, "no_amendment"))
    assert "We will not change the plan after all" in text
    assert "On 23 May 2025 we decided not to make the changes." in text
    assert "The tribunal must receive your appeal by 23 July 2025" in text


def test_a_proposal_to_cease_asks_for_views_and_says_why(walk, family):
    text = _text(_letter(walk, family, "cease_proposed"))
    assert "We are thinking about ending the plan" in text
    assert "We have not decided yet." in text
    assert "can meet their needs without a plan" in text  # SEN2 reason 2, in plain words
    assert "We would like your views" in text
    assert "The tribunal must receive" not in text  # appeal rights come with the decision


def test_the_decision_to_cease_gives_the_appeal_deadline_and_the_date_the_plan_is_kept_until(walk, family):
    decided = walk.by_notice["cease_decision"]
    assert decided
    text = _text(_letter(walk, family, "cease_decision"))
    assert "We have decided to end the plan" in text
    # Sent 10 March 2025: the plan is kept until the appeal deadline, and may end the day after.
    assert "We will keep the plan in place until at least 10 May 2025. This is the last day to appeal." in text
    assert "If nobody appeals, the plan will end on 11 May 2025." in text
    assert "Please do this by 10 May 2025" in text  # the mediation adviser, reg 33
    for paragraph in CEASE_REASONS.split("\n\n"):
        assert paragraph in text  # the council's reasons, as the officer wrote them


def test_a_decision_notice_gives_the_reasons_and_its_appeal_dates(walk, family):
    text = _text(_letter(walk, family, "decision_notice"))
    assert "Our decision about what" in text and "plan says" in text
    assert CONTENTS_REASONS in text
    assert "We sent you this notice of it on 22 May 2025." in text
    assert "Please do this by 22 July 2025" in text


def test_a_mediation_certificate_moves_the_appeal_deadline_in_the_letter(walk, family):
    text = _text(_letter(walk, family, "mediation_certificate"))
    # Sent 22 May: 2 months is 22 July; the certificate of 28 May adds 1 month, 28 June: the later counts.
    assert "The tribunal must receive your appeal by 22 July 2025." in text
    assert "you did not wish to take part in mediation" in text


def test_a_tribunal_order_says_what_the_council_must_do_and_by_when(walk, family):
    text = _text(_letter(walk, family, "tribunal_order"))
    assert "What happens after the tribunal's decision" in text
    # Reg 44(2)(e): the amended plan within 5 weeks of the order of 2 June 2025.
    assert "Send you the amended plan by 7 July 2025." in text


def test_the_letter_lists_every_duty_of_an_order_to_make_a_plan(officer, child, setting, family):
    from sendcase.appeals import services as appeals

    notice = appeals.decision_notice_send(
        actor=officer,
        child=child,
        about="not_issue",
        decided_on=D(2025, 5, 1),
        sent_on=D(2025, 5, 2),
        reasons="We think the school can meet the needs.",
        mediation_adviser="Dorset Mediation",
        request=_not_issued(officer, child),
    )
    appeal = appeals.tribunal_appeal_lodge(actor=officer, notice=notice, lodged_on=D(2025, 5, 9), grounds="not_issue")
    appeals.tribunal_order_record(actor=officer, appeal=appeal, kind="make_plan", made_on=D(2025, 6, 2))
    letter = OutboxMessage.objects.get(notice="tribunal_order", family_member=family["letter"]).letter
    assert "Send you a draft of the plan by 7 July 2025." in letter.text  # 5 weeks, reg 44(2)(c)
    assert "Send you the final plan by 18 August 2025." in letter.text  # 11 weeks


def _not_issued(officer, child):
    from sendcase.cases import services

    request = services.request_create(actor=officer, child=child, received_on=D(2025, 1, 6), source="parent")
    request = services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=D(2025, 2, 10), expected_version=None
    )
    return services.issue_decision_record(
        actor=officer, request=request, decision="not_issue", decided_on=D(2025, 4, 25), expected_version=None
    )


def test_every_letter_after_the_plan_has_its_appeal_section_only_when_appealable(walk, family):
    appealable = {"review_decision", "amended_plan", "no_amendment", "decision_notice", "cease_decision"}
    for notice in STEPS:
        text = _letter(walk, family, notice).letter.text
        has_section = "If you disagree" in text
        assert has_section == (notice in appealable), notice
        assert re.search(r"\b\d{1,2} [A-Z][a-z]+ 2025\b", text), notice  # every letter gives a real date
