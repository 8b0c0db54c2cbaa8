"""Every family notice template: no child's name in any email or text message, and plain English throughout."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.cases import services
from sendcase.notifications.catalogue import FAMILY_TEMPLATES
from sendcase.notifications.family import family_notify_review_invitation
from sendcase.notifications.models import Channel, OutboxMessage
from sendcase.notifications.services import notify
from sendcase.plainenglish import check_plain_english
from tests.factories import ChildFactory
from tests.notifications.family_builders import add_letter_parent, walk_whole_process

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("template", [t.name for t in FAMILY_TEMPLATES])
@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.SMS])
def test_each_email_and_text_message_names_the_update_and_date_never_the_child(template, channel, child):
    fields = {
        "council": "Dorset Council",
        "date": "14 March 2025",
        "reference": child.reference,
        "link": "https://sendcase.example/family/",
    }
    if "reply_by" in next(t for t in FAMILY_TEMPLATES if t.name == template).fields:
        fields["reply_by"] = "28 March 2025"
    message = notify(
        to="parent@family.example" if channel == Channel.EMAIL else "07700900123",
        template=template,
        personalisation=fields,
        channel=channel,
        about_child=child,
    )
    text = f"{message.subject}\n{message.body}"
    for name in (child.first_name, child.last_name, child.full_name):
        assert name not in text
    assert fields.get("reply_by", fields["date"]) in text  # the date that matters to the family
    assert child.reference in message.body and "https://sendcase.example/family/" in message.body
    report = check_plain_english(message.body if channel == Channel.SMS else text)
    assert report.problems == (), (template, channel, report.problems)


def _letters(officer, la, setting, today, django_capture_on_commit_callbacks):
    """A family with no internet taken through every step and outcome; returns every letter written."""

    def child_with_letters():
        child = ChildFactory(local_authority=la, first_name="Zebedee", last_name="Quinton")
        services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
        add_letter_parent(officer, child)
        child.refresh_from_db()
        return child

    with django_capture_on_commit_callbacks(execute=False):
        walk_whole_process(officer=officer, child=child_with_letters(), setting=setting, today=today)
        for decision, step in (("not_assess", "assess"), ("not_issue", "issue")):
            child = child_with_letters()
            request = services.request_create(
                actor=officer, child=child, received_on=today - dt.timedelta(weeks=10), source="parent"
            )
            request = services.assess_decision_record(
                actor=officer,
                request=request,
                decision="assess" if step == "issue" else decision,
                decided_on=today - dt.timedelta(weeks=5),
                expected_version=None,
            )
            if step == "issue":
                services.issue_decision_record(
                    actor=officer, request=request, decision=decision, decided_on=today, expected_version=None
                )
        child = child_with_letters()
        services.request_withdraw(
            actor=officer,
            request=services.request_create(actor=officer, child=child, received_on=today, source="parent"),
            withdrawn_on=today,
            reason="Family asked",
            expected_version=None,
        )
        for kind in ("reg-10-4-a", "reg-10-4-b", "reg-10-4-d", "reg-5-4-a"):
            child = child_with_letters()
            request = services.request_create(
                actor=officer, child=child, received_on=today - dt.timedelta(weeks=3), source="parent"
            )
            services.exception_add(actor=officer, request=request, kind=kind, start_on=today)
        family_notify_review_invitation(
            actor=officer, child=child, meeting_on=today + dt.timedelta(weeks=4), meeting_format="in person"
        )
    return list(OutboxMessage.objects.filter(channel=Channel.LETTER).select_related("letter"))


def test_every_letter_reads_as_plain_english(officer, la, setting, today, django_capture_on_commit_callbacks):
    letters = _letters(officer, la, setting, today, django_capture_on_commit_callbacks)
    notices = {m.notice for m in letters}
    assert notices == {
        "request_received",
        "assessment_decision",
        "advice_requested",
        "exception",
        "plan_decision",
        "draft_plan",
        "final_plan",
        "request_withdrawn",
        "review_invitation",
    }
    headlines = set()
    for message in letters:
        report = check_plain_english(message.letter.text, words_we_use=message.letter.words_we_use)
        headline = message.letter.text.splitlines()[0]
        headlines.add(headline)
        assert report.problems == (), (headline, report.problems)
        assert report.readable, (headline, report.score)
        assert "Zebedee Quinton" in message.letter.text  # a letter names the child
    assert {
        "We have decided not to carry out an assessment",
        "We have decided not to write an EHC plan",
        "We will write an EHC plan",
        "Zebedee's EHC plan is ready",
    } <= headlines
