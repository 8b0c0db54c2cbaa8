"""Building families and walking a request through every statutory step, for the family notice tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sendcase.cases import services
from sendcase.notifications.letters import letter_pdf
from sendcase.notifications.models import OutboxMessage
from sendcase.people import services as people_services
from sendcase.people.models import Channel
from tests.pdf import pdf_text


def add_parent(officer, child, first_name, last_name, **kwargs):
    """A parent with parental responsibility; by email unless told otherwise."""
    defaults = {
        "relationship": "mother",
        "parental_responsibility": True,
        "email": f"{first_name.lower()}@family.example",
        "preferred_channel": Channel.EMAIL,
    }
    return people_services.family_member_add(
        actor=officer, child=child, first_name=first_name, last_name=last_name, **(defaults | kwargs)
    )


def add_letter_parent(officer, child, first_name="Dennis", last_name="Hart", **kwargs):
    """A parent with no internet: every notice comes by post."""
    return add_parent(
        officer,
        child,
        first_name,
        last_name,
        relationship="father",
        email="",
        preferred_channel=Channel.POST,
        no_internet=True,
        address="12 Mill Lane\nDorchester",
        postcode="DT1 1AA",
        **kwargs,
    )


def messages_for(step_messages, member):
    return [m for m in step_messages if m.family_member_id == member.pk]


@dataclass
class Process:
    request: object
    received: dt.date
    by_notice: dict[str, list[OutboxMessage]]


def walk_whole_process(*, officer, child, setting, today: dt.date) -> Process:
    """Record every step from request to final plan, and collect the family notices each wrote."""
    by_notice: dict[str, list[OutboxMessage]] = {}

    def new(notice: str) -> None:
        by_notice[notice] = list(OutboxMessage.objects.filter(notice=notice, child=child).order_by("created_at"))

    received = today - dt.timedelta(weeks=19)
    request = services.request_create(actor=officer, child=child, received_on=received, source="parent")
    new("request_received")
    request = services.assess_decision_record(
        actor=officer,
        request=request,
        decision="assess",
        decided_on=received + dt.timedelta(weeks=5),
        expected_version=None,
    )
    new("assessment_decision")
    services.advice_request_add(
        actor=officer, request=request, contributor="ep", requested_on=received + dt.timedelta(weeks=5, days=1)
    )
    services.advice_request_add(
        actor=officer, request=request, contributor="health", requested_on=received + dt.timedelta(weeks=5, days=1)
    )
    new("advice_requested")
    services.exception_add(
        actor=officer,
        request=request,
        kind="reg-10-4-c",
        start_on=received + dt.timedelta(weeks=7),
        end_on=received + dt.timedelta(weeks=8),
    )
    new("exception")
    request.refresh_from_db()
    request = services.issue_decision_record(
        actor=officer,
        request=request,
        decision="issue",
        decided_on=received + dt.timedelta(weeks=14),
        expected_version=None,
    )
    new("plan_decision")
    request = services.draft_plan_serve(
        actor=officer, request=request, served_on=received + dt.timedelta(weeks=15), expected_version=None
    )
    new("draft_plan")
    services.final_plan_issue(
        actor=officer,
        request=request,
        issued_on=received + dt.timedelta(weeks=18),
        named_setting=setting,
        expected_version=None,
    )
    new("final_plan")
    request.refresh_from_db()
    return Process(request=request, received=received, by_notice=by_notice)


def letter_text(message: OutboxMessage) -> str:
    """The words of the letter posted with `message` (tests.pdf.pdf_text)."""
    pdf = letter_pdf(message.letter)
    assert pdf.startswith(b"%PDF")
    return pdf_text(pdf)
