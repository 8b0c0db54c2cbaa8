"""The steps that used to tell the family nothing: moves between councils, a review meeting moved after the
invitations went, the review report, and the plan ending. Each tells every parent on their own channel."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.appeals import services as appeals
from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.models import Plan
from sendcase.core.errors import ValidationFailed
from sendcase.notifications.family import Facts, Notice, family_notify_plan_transfer_out
from sendcase.notifications.family.routing import Route
from sendcase.notifications.letters import letter_render
from sendcase.notifications.models import Channel, OutboxMessage
from sendcase.people.models import Channel as Preferred
from sendcase.plainenglish import check_plain_english
from sendcase.reviews import services as reviews
from tests.notifications.family_builders import add_letter_parent, add_parent, messages_for
from tests.notifications.moves_builders import move_away

pytestmark = pytest.mark.django_db

D = dt.date


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
    }


def _notices(child, notice):
    return list(OutboxMessage.objects.filter(child=child, notice=notice).order_by("created_at"))


def _assert_each_parent_told_once(sent, family):
    for channel, member in family.items():
        assert [m.channel for m in messages_for(sent, member)] == [channel], channel


def _assert_emails_say_nothing_about_the_child(sent, child, *secrets):
    for message in sent:
        if message.channel in (Channel.EMAIL, Channel.SMS):
            words = f"{message.subject}\n{message.body}".lower()
            for secret in (child.first_name, child.last_name, *secrets):
                assert secret.lower() not in words, (message.notice, message.channel, secret)
            assert child.reference in message.body


def test_a_child_who_moved_away_before_the_assessment_finished_is_told_who_to_contact(
    officer, child, family, other_la, today
):
    sent = move_away(officer=officer, child=child, moved_on=today)
    _assert_each_parent_told_once(sent, family)
    _assert_emails_say_nothing_about_the_child(sent, child, other_la.name, "wiltshire")
    email = messages_for(sent, family["email"])[0]
    assert email.subject == "An update about a move to another council"
    assert "2 June 2025" in email.body
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "On 2 June 2025 we closed the request for an education, health and care needs assessment" in letter
    assert "We did this because Amelia has moved to the area of Wiltshire Council (test)." in letter
    assert "Wiltshire Council (test) is now the council to ask about help for Amelia." in letter
    assert "Olive Officer" in letter  # and who to contact here meanwhile


def test_a_move_to_a_council_sendcase_does_not_hold_says_the_new_council(officer, child, family, today):
    sent = move_away(officer=officer, child=child, moved_on=today)  # no LA 865 in this database
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "Amelia has moved to the area of another council." in letter
    assert "Your new council is now the council to ask about help for Amelia." in letter


def test_a_refused_move_tells_nobody(officer, child, family, today):
    request = services.request_create(actor=officer, child=child, received_on=today, source="parent")
    with pytest.raises(ValidationFailed):
        services.request_transfer_out(
            actor=officer, request=request, moved_on=today, to_la=child.local_authority.code, expected_version=None
        )
    assert not _notices(child, "transferred_out")


def test_a_plan_taken_over_from_another_council_tells_the_family_who_looks_after_it_now(
    officer, child, family, other_la, setting
):
    services.transfer_in_record(
        actor=officer,
        child=child,
        from_la=other_la.code,
        plan_issued_on=D(2024, 6, 10),
        transferred_on=D(2025, 5, 19),
        named_setting=setting,
    )
    sent = _notices(child, "transferred_in")
    _assert_each_parent_told_once(sent, family)
    _assert_emails_say_nothing_about_the_child(sent, child, other_la.name, setting.name)
    email = messages_for(sent, family["email"])[0]
    assert email.subject == "We now look after the plan"
    assert "19 May 2025" in email.body
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "was made by Wiltshire Council (test). From 19 May 2025, Dorset Council (test) looks after" in letter
    assert "The plan has not changed. It names Castle Primary School in section I." in letter
    assert "please contact us about the plan, not the council that made it" in letter


def test_a_refused_transfer_in_tells_nobody(officer, child, family, setting):
    with pytest.raises(ValidationFailed):
        services.transfer_in_record(
            actor=officer,
            child=child,
            from_la="86",
            plan_issued_on=D(2024, 6, 10),
            transferred_on=D(2025, 5, 19),
            named_setting=setting,
        )
    assert not _notices(child, "transferred_in")
    assert not Plan.objects.filter(child=child).exists()


def test_a_plan_moved_to_another_council_says_which_council_maintains_it(officer, child, family, other_la):
    plan = Plan.objects.create(child=child, issued_on=D(2024, 6, 10))
    sent = family_notify_plan_transfer_out(actor=officer, plan=plan, moved_on=D(2025, 5, 30), to_la=other_la.code)
    _assert_each_parent_told_once(sent, family)
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "From 30 May 2025, Wiltshire Council (test) looks after Amelia's education" in letter
    assert "please ask the special educational needs team at Wiltshire Council (test) about the plan" in letter


@pytest.fixture
def plan(officer, child, setting):
    return Plan.objects.create(child=child, issued_on=D(2024, 6, 10), named_setting=setting)


def _change(officer, review, meeting_on, **changes):
    arrangements = {
        "meeting_format": "in_person",
        "access_needs": "",
        "is_phase_transfer": False,
        "transfer_kind": "",
        "transfer_year": None,
        "post16_transfer_on": None,
        "next_setting": None,
    } | changes
    return reviews.review_arrangements_change(
        actor=officer, review=review, meeting_on=meeting_on, expected_version=None, **arrangements
    )


def test_a_review_meeting_moved_after_the_invitations_went_tells_everyone_invited(officer, child, family, plan):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 6, 23), meeting_format="in_person")
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=D(2025, 6, 2), expected_version=None)
    invited = _notices(child, "review_invitation")
    _change(officer, review, D(2025, 6, 30))
    sent = _notices(child, "review_moved")
    # Everyone the invitation went to hears of the move, on the same channel.
    assert sorted((m.family_member_id, m.channel) for m in sent) == sorted(
        (m.family_member_id, m.channel) for m in invited
    )
    _assert_each_parent_told_once(sent, family)
    _assert_emails_say_nothing_about_the_child(sent, child)
    email = messages_for(sent, family["email"])[0]
    assert email.subject == "The review meeting has moved to 30 June 2025"
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "We invited you to a meeting on 23 June 2025 to review Amelia's education" in letter
    assert "The meeting is now on 30 June 2025." in letter


def test_changing_the_meeting_before_the_invitations_or_without_moving_it_tells_nobody(officer, child, family, plan):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 6, 23), meeting_format="in_person")
    review = _change(officer, review, D(2025, 6, 30))  # not invited yet: the invitation gives the new date
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=D(2025, 6, 2), expected_version=None)
    _change(officer, review, D(2025, 6, 30), meeting_format="online", access_needs="A quiet room")
    assert not _notices(child, "review_moved")


def test_a_meeting_moved_too_close_to_the_invitations_is_refused_and_tells_nobody(officer, child, family, plan):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 6, 23), meeting_format="in_person")
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=D(2025, 6, 2), expected_version=None)
    with pytest.raises(ValidationFailed):
        _change(officer, review, D(2025, 6, 9))
    assert not _notices(child, "review_moved")


def _held_review(officer, plan):
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 5, 12), meeting_format="in_person")
    review = reviews.review_invitations_send(
        actor=officer, review=review, sent_on=D(2025, 4, 22), expected_version=None
    )
    return reviews.review_meeting_record(actor=officer, review=review, held_on=D(2025, 5, 12), expected_version=None)


def test_the_review_report_tells_the_family_it_is_ready_and_when_the_decision_is_due(officer, child, family, plan):
    review = _held_review(officer, plan)
    reviews.review_report_record(actor=officer, review=review, received_on=D(2025, 5, 20), expected_version=None)
    sent = _notices(child, "review_report")
    _assert_each_parent_told_once(sent, family)
    _assert_emails_say_nothing_about_the_child(sent, child)
    assert messages_for(sent, family["email"])[0].subject == "The report of the review meeting is ready"
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "was on 12 May 2025. We received the report of the meeting on 20 May 2025." in letter
    # Regs 20(7)-(8): to everyone invited within 2 weeks; reg 20(10): the decision within 4 weeks.
    assert "Everyone invited to the meeting should get a copy by 26 May 2025." in letter
    assert "By 9 June 2025 we will tell you whether we will keep the plan as it is, change it, or end it." in letter


def test_a_report_refused_tells_nobody(officer, child, family, plan):
    review = _held_review(officer, plan)
    with pytest.raises(ValidationFailed):
        reviews.review_report_record(actor=officer, review=review, received_on=D(2025, 5, 1), expected_version=None)
    assert not _notices(child, "review_report")


def _ceased(officer, plan, reason="2"):
    proposal = appeals.cease_propose(actor=officer, plan=plan, reason=reason, proposed_on=D(2025, 1, 13))
    if reason == "8":
        return proposal
    proposal = appeals.cease_consultation_record(
        actor=officer,
        proposal=proposal,
        family_consulted_on=D(2025, 1, 27),
        setting_consulted_on=D(2025, 1, 28),
        expected_version=proposal.version,
    )
    return appeals.cease_decide(
        actor=officer,
        proposal=proposal,
        decision="cease",
        decided_on=D(2025, 3, 7),
        sent_on=D(2025, 3, 10),
        reasons="The school can meet the needs from its own budget.",
        mediation_adviser="Dorset Mediation, 01305 000000",
        expected_version=proposal.version,
    )


def test_the_plan_ending_tells_the_family_the_date_what_happens_now_and_who_to_contact(officer, child, family, plan):
    proposal = _ceased(officer, plan)
    appeals.plan_cease_finalise(actor=officer, proposal=proposal, ceased_on=D(2025, 5, 12), expected_version=None)
    sent = _notices(child, "plan_ended")
    _assert_each_parent_told_once(sent, family)
    _assert_emails_say_nothing_about_the_child(sent, child, "has ended", "cease", "end the plan")
    assert messages_for(sent, family["email"])[0].subject == "An update about the plan"
    letter = messages_for(sent, family["letter"])[0].letter.text
    assert "Amelia's education, health and care plan (EHC plan) ended on 12 May 2025." in letter
    assert "This is called SEN support." in letter
    assert "If Amelia's needs change, you can ask us for a new assessment." in letter
    assert "If you have any questions, please contact me." in letter
    assert AuditEvent.objects.filter(child=child, summary__startswith="Family told by letter").exists()


def test_ending_the_plan_too_early_is_refused_and_tells_nobody(officer, child, family, plan):
    proposal = _ceased(officer, plan)
    with pytest.raises(ValidationFailed):
        appeals.plan_cease_finalise(actor=officer, proposal=proposal, ceased_on=D(2025, 4, 1), expected_version=None)
    assert not _notices(child, "plan_ended")


def test_nothing_is_sent_when_the_plan_ends_because_the_child_died(officer, child, family, plan):
    proposal = _ceased(officer, plan, reason="8")
    appeals.plan_cease_finalise(actor=officer, proposal=proposal, ceased_on=D(2025, 1, 20), expected_version=None)
    plan.refresh_from_db()
    assert plan.status == "ceased"
    assert not OutboxMessage.objects.filter(child=child).exclude(notice="").exists()


# Every wording of the new letters reads as plain English.
BRANCHES = [
    (Notice.TRANSFERRED_OUT, {"outcome": "request", "other_council": "Wiltshire Council"}),
    (Notice.TRANSFERRED_OUT, {"outcome": "request"}),
    (Notice.TRANSFERRED_OUT, {"outcome": "plan", "other_council": "Wiltshire Council"}),
    (Notice.TRANSFERRED_OUT, {"outcome": "plan"}),
    (Notice.TRANSFERRED_IN, {"other_council": "Wiltshire Council", "named_setting": "Castle Primary School"}),
    (Notice.TRANSFERRED_IN, {}),
    (Notice.REVIEW_MOVED, {}),
    (Notice.REVIEW_REPORT, {}),
    *((Notice.PLAN_ENDED, {"cease_reason": code}) for code in ("1", "2", "3", "4", "6", "7", "9", "")),
]
DATES = ("meeting_on", "was_on", "report_by", "decision_by", "issued_on")


@pytest.mark.parametrize(("notice", "details"), BRANCHES)
def test_every_wording_of_the_new_letters_reads_as_plain_english(notice, details, officer, child):
    member = add_letter_parent(officer, child)
    facts = Facts(notice, child=child, date=D(2025, 5, 20), dates=dict.fromkeys(DATES, D(2025, 7, 1)), **details)
    route = Route(
        member=member,
        relationship="Father",
        channel=Channel.LETTER,
        to="Dennis Hart\nDT1 1AA",
        language="en",
        interpreter_needed=False,
    )
    letter = letter_render(facts=facts, route=route, officer=officer)
    report = check_plain_english(letter.text, words_we_use=letter.words_we_use)
    assert report.problems == (), (notice, details, report.problems)
    assert report.readable, (notice, details, report.score)
    assert "If you disagree" not in letter.text  # none of these is a decision to appeal
    assert "May 2025" in letter.text or "July 2025" in letter.text
