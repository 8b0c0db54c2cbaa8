"""Every family notice template: no child's name in any email or text message, and plain English throughout."""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase import timescales
from sendcase.cases import services
from sendcase.notifications.catalogue import FAMILY_TEMPLATES
from sendcase.notifications.family import Facts, Notice, family_notify_review_invitation
from sendcase.notifications.family.routing import Route
from sendcase.notifications.letters import letter_render
from sendcase.notifications.models import Channel, OutboxMessage
from sendcase.notifications.services import notify
from sendcase.plainenglish import check_plain_english
from sendcase.timescales import TribunalOrderKind
from tests.factories import ChildFactory
from tests.notifications.after_plan_builders import walk_after_plan
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
        walk_after_plan(officer=officer, child=child_with_letters(), setting=setting)
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
        *AFTER_PLAN,
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


AFTER_PLAN = {
    "transferred_in",
    "review_moved",
    "review_report",
    "plan_ended",
    "review_decision",
    "amendments_proposed",
    "amended_plan",
    "no_amendment",
    "cease_proposed",
    "cease_decision",
    "decision_notice",
    "mediation_certificate",
    "tribunal_order",
}

# Every wording of the letters after the plan: each outcome, each reason for ceasing, each order.
BRANCHES = [
    *((Notice.REVIEW_DECISION, {"outcome": outcome}) for outcome in ("maintain", "amend", "cease")),
    (Notice.AMENDMENTS_PROPOSED, {}),
    (Notice.AMENDED_PLAN, {"named_setting": "Castle Primary School"}),
    (Notice.NO_AMENDMENT, {}),
    *((Notice.CEASE_PROPOSED, {"cease_reason": code}) for code in ("1", "2", "3", "4", "6", "7", "9")),
    (Notice.CEASE_DECISION, {"outcome": "cease", "cease_reason": "6", "reasons": "You told us you have a job."}),
    (Notice.CEASE_DECISION, {"outcome": "continue", "cease_reason": "2"}),
    *(
        (Notice.DECISION_NOTICE, {"outcome": about, "reasons": "We read every report.", "mediation_adviser": "Kim"})
        for about in ("refuse_assess", "not_issue", "plan_contents", "not_amend", "other")
    ),
    *((Notice.MEDIATION_CERTIFICATE, {"exception_kind": kind}) for kind in ("not_wish", "after_mediation")),
    (Notice.TRIBUNAL_ORDER, {"outcome": "dismiss_cease", "steps": (("cease", dt.date(2025, 6, 2)),)}),
    *(
        (
            Notice.TRIBUNAL_ORDER,
            {"outcome": kind, "steps": tuple(timescales.tribunal_order_deadlines(kind, dt.date(2025, 6, 2)).items())},
        )
        for kind in (TribunalOrderKind.ASSESS, TribunalOrderKind.MAKE_PLAN, TribunalOrderKind.AMEND_CONTENT)
    ),
]
DATES = ("review_by", "amended_by", "reply_by", "mediation_by", "appeal_by", "decided_on", "ends_on", "made_on")


@pytest.mark.parametrize(("notice", "details"), BRANCHES)
def test_every_wording_of_the_letters_after_the_plan_reads_as_plain_english(notice, details, officer, child):
    member = add_letter_parent(officer, child)
    facts = Facts(
        notice, child=child, date=dt.date(2025, 5, 20), dates=dict.fromkeys(DATES, dt.date(2025, 7, 1)), **details
    )
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
    assert ("If you disagree" in letter.text) == facts.appealable
    assert "20 May 2025" in letter.text  # the step's own date
