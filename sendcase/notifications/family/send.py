"""Telling the family about each step of the EHC process: one notice per parent, on their channel.

Called by the cases services inside the audited transaction that records the step, so the step
and its notices are written together or not at all (and nothing is sent for a step that rolled
back). Per family member with parental responsibility (routing.py):

- **email** or **text message**: through the gateway (`notify`), naming only the kind of update
  and its date, with the reference and a link to the family portal. Never the child's name or
  the decision: the catalogue's field lists make that impossible, and tests check every template.
  The whole notice, as a letter would say it, is kept with the message (`Letter`, no PDF): the
  family reads it on the portal's "Letters from the council" page once signed in.
- **letter** (no internet, or asked for post): the whole notice in plain English, with the
  child's name, the decision, what happens next and by when, the officer's details and, for an
  appealable decision, how to appeal and by when. Kept as a held outbox message with the letter
  attached; the PDF is rendered after commit. A case officer reads it and its plain-English
  check on the letter page and sends it.
- **phone call**: a task for the case officer, "Phone … to tell them …", with what to say (the
  letter's text) and a letter they can post if the call does not get through.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change
from sendcase.notifications.catalogue import template_get
from sendcase.notifications.family.facts import Facts, Notice, facts_for_request, facts_for_review
from sendcase.notifications.family.facts_after_plan import (
    facts_for_cease,
    facts_for_certificate,
    facts_for_decision_notice,
    facts_for_review_step,
    facts_for_tribunal_order,
)
from sendcase.notifications.family.routing import Route, postal_address, routes_for
from sendcase.notifications.letters import letter_date, letter_render
from sendcase.notifications.models import Channel, Letter, OutboxMessage, Status
from sendcase.notifications.services import backend_name, notify

if TYPE_CHECKING:
    import datetime as dt

    from sendcase.accounts.models import User
    from sendcase.appeals.models import CeaseProposal, DecisionNotice, Mediation, TribunalOrder
    from sendcase.cases.models import AdviceRequest, AssessmentRequest, TimescaleException
    from sendcase.people.models import Child
    from sendcase.reviews.models import AnnualReview

# Where the family portal lives; emails and text messages link here, never to the staff side.
FAMILY_PORTAL_PATH = "/family/"


def family_link() -> str:
    return settings.SENDCASE_BASE_URL + FAMILY_PORTAL_PATH


def _officer(child: Child, actor: User | None) -> User | None:
    """Who the letter is from and who makes the calls: the child's key worker, else whoever recorded the step."""
    key_worker = child.key_worker
    if key_worker is not None and key_worker.is_active and key_worker.local_authority_id == child.local_authority_id:
        return key_worker
    if actor is not None and actor.can_do_casework and actor.local_authority_id == child.local_authority_id:
        return actor
    return None


def _fields(facts: Facts) -> dict[str, str]:
    """What an email or text message may say, in the active language."""
    fields = {
        "council": facts.child.local_authority.name,
        "date": letter_date(facts.date),
        "reference": facts.child.reference,
        "link": family_link(),
    }
    fields |= {name: letter_date(day) for name, day in facts.email_fields.items()}
    return fields


def _subject(facts: Facts) -> str:
    template = template_get(facts.notice.template)
    return Template(gettext(template.subject)).render(Context(_fields(facts), autoescape=False)).strip()


def _held_message(*, facts: Facts, route: Route, officer: User | None, channel: str, recipient: str) -> OutboxMessage:
    """A letter waiting to be checked, or a call to make, with the letter that goes with it."""
    child = facts.child
    with translation.override(route.language):
        subject = _subject(facts)
    member = route.member
    if member is None:
        raise ValueError("Only a family member's route is by letter or phone; a young person's is by email")
    if channel == Channel.LETTER:
        status = Status.HELD
        body = f"A letter about: {subject}. It waits on the letter page for a case officer to check and send it."
        shown_subject = subject
        letter_route = route
    else:
        status = Status.TO_DO
        number = recipient or "no phone number recorded"
        shown_subject = f"Phone {member.first_name} {member.last_name} to tell them: {subject}"[:200]
        body = (
            f"Phone {member.first_name} {member.last_name} ({route.relationship.lower()}) on {number} "
            f"to tell them: {subject}. What to tell them is on the task page, with a letter you can post "
            "if you cannot reach them."
        )
        postable = bool(member.address.strip() and member.postcode.strip())
        letter_route = dataclasses.replace(route, channel=Channel.LETTER, to=postal_address(member) if postable else "")
    message = OutboxMessage.objects.create(
        local_authority=child.local_authority,
        channel=channel,
        recipient=recipient or "No phone number recorded",
        template=facts.notice.template,
        personalisation={},
        subject=shown_subject,
        body=body,
        backend=backend_name(),
        status=status,
        child=child,
        notice=facts.notice.value,
        family_member=member,
        language=route.language,
        interpreter_needed=route.interpreter_needed,
        assigned_to=officer,
    )
    rendered = letter_render(facts=facts, route=letter_route, officer=officer)
    Letter.objects.create(message=message, html=rendered.html, text=rendered.text, words_we_use=rendered.words_we_use)
    if channel == Channel.LETTER:
        message_id = str(message.pk)
        transaction.on_commit(lambda: _enqueue_pdf(message_id))
    return message


def _enqueue_pdf(message_id: str) -> None:
    from sendcase.notifications.tasks import render_letter_pdf

    render_letter_pdf.enqueue(message_id)


def family_notices_send(*, actor: User | None, facts: Facts) -> list[OutboxMessage]:
    """Tell each family member with parental responsibility about one step. Call inside the step's transaction."""
    child = facts.child
    officer = _officer(child, actor)
    messages: list[OutboxMessage] = []
    for route in routes_for(child, template_get(facts.notice.template).subject):
        if route.channel in (Channel.EMAIL, Channel.SMS):
            with translation.override(route.language):
                fields = _fields(facts)
            message = notify(
                to=route.to,
                template=facts.notice.template,
                personalisation=fields,
                channel=route.channel,
                about_child=child,
                language=route.language,
                interpreter_needed=route.interpreter_needed,
                family_member=route.member,
                notice=facts.notice.value,
            )
            # The whole notice, kept for the family portal: the email says "sign in to see the details".
            rendered = letter_render(facts=facts, route=route, officer=officer)
            Letter.objects.create(
                message=message, html=rendered.html, text=rendered.text, words_we_use=rendered.words_we_use
            )
        else:
            message = _held_message(
                facts=facts, route=route, officer=officer, channel=route.channel, recipient=route.to
            )
        audit_change(
            actor=actor,
            action=Action.CREATE,
            instance=message,
            child=child,
            summary=f"Family told by {message.get_channel_display().lower()} ({route.who}): {message.subject}",
            changes={"status": [None, message.status], "interpreter_needed": [None, message.interpreter_needed]},
        )
        messages.append(message)
    return messages


def family_notify_step(
    *,
    actor: User | None,
    request: AssessmentRequest,
    notice: Notice,
    advice: AdviceRequest | None = None,
    exception: TimescaleException | None = None,
) -> list[OutboxMessage]:
    """Tell the family about a step just recorded on `request` (see facts.Notice for the steps)."""
    return family_notices_send(
        actor=actor, facts=facts_for_request(notice, request, advice=advice, exception=exception)
    )


def family_notify_review_invitation(
    *, actor: User | None, child: Child, meeting_on: dt.date, meeting_format: str = ""
) -> list[OutboxMessage]:
    """Invite the family to an annual review meeting (for sendcase.reviews to call when invitations go)."""
    return family_notices_send(
        actor=actor, facts=facts_for_review(child=child, meeting_on=meeting_on, meeting_format=meeting_format)
    )


# Steps after the plan. Each is called by the service that records the step, inside its audited
# transaction, once the step is saved.


def family_notify_review_step(*, actor: User | None, review: AnnualReview, notice: Notice) -> list[OutboxMessage]:
    """After a review meeting: the decision (reg 20(10)), proposed amendments (reg 22(2)), the amended
    plan (reg 22(3)) or a decision not to amend after all (reg 22(4))."""
    return family_notices_send(actor=actor, facts=facts_for_review_step(notice, review))


# SEN2 CeaseReason 8: a child or young person who has died. Their family is not sent a notice
# about ending the plan; the case officer writes to them personally.
DECEASED = "8"


def family_notify_cease(*, actor: User | None, proposal: CeaseProposal, notice: Notice) -> list[OutboxMessage]:
    """Ceasing is being considered (reg 31(1)), or the decision on it (reg 31(3)), with appeal rights."""
    if proposal.reason == DECEASED:
        return []
    return family_notices_send(actor=actor, facts=facts_for_cease(notice, proposal))


def family_notify_decision_notice(*, actor: User | None, decision_notice: DecisionNotice) -> list[OutboxMessage]:
    """A notice of an appealable decision, with its reasons, appeal and mediation dates (reg 32)."""
    return family_notices_send(actor=actor, facts=facts_for_decision_notice(decision_notice))


def family_notify_certificate(*, actor: User | None, mediation: Mediation) -> list[OutboxMessage]:
    """A mediation certificate recorded, and the appeal deadline it gives (r.20(1)(c)(ii))."""
    return family_notices_send(actor=actor, facts=facts_for_certificate(mediation))


def family_notify_tribunal_order(*, actor: User | None, order: TribunalOrder) -> list[OutboxMessage]:
    """A Tribunal order: what the council must now do, and by when (reg 44(2))."""
    return family_notices_send(actor=actor, facts=facts_for_tribunal_order(order))
