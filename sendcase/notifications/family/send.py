"""Telling the family about a step: one notice per parent (and young person), on their channel.

Called (through steps.py) by the services inside the audited transaction that records the step,
so the step and its notices are written together or not at all (and nothing is sent for a step
that rolled back). Per family member with parental responsibility (routing.py):

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

Someone SENDcase cannot write to in their language (routing.py) is sent the English notice with
`interpreter_needed`; their email opens with how to get it explained (interpreter.py), and for an
email or text message the case officer also gets a task: "Call … with an interpreter about: …".

Text an officer typed (a decision's reasons) is checked for plain English on the letter page
before a letter goes. By email it goes with the step, so the check is run here: its problems
warn (kept on the notice and audited, shown on the case page), never stop the statutory notice.
The forms where officers type that text show the same check before they save
(views_check.py).
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
from sendcase.notifications.family.facts import Facts
from sendcase.notifications.family.interpreter import help_line
from sendcase.notifications.family.routing import Route, language_name, postal_address, routes_for
from sendcase.notifications.letters import contact_for, letter_date, letter_render
from sendcase.notifications.models import Channel, Letter, OutboxMessage, Status
from sendcase.notifications.services import backend_name, notify
from sendcase.plainenglish import check_plain_english

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

# Where the family portal lives; emails and text messages link here, never to the staff side.
FAMILY_PORTAL_PATH = "/family/"
NO_NUMBER = "No phone number recorded"


def family_link() -> str:
    return settings.SENDCASE_BASE_URL + FAMILY_PORTAL_PATH


def officer_for(child: Child, actor: User | None) -> User | None:
    """Who the letter is from and who makes the calls: the child's key worker, else whoever recorded the step."""
    key_worker = child.key_worker
    if key_worker is not None and key_worker.is_active and key_worker.local_authority_id == child.local_authority_id:
        return key_worker
    if actor is not None and actor.can_do_casework and actor.local_authority_id == child.local_authority_id:
        return actor
    return None


def _help_phone(child: Child, officer: User | None) -> str:
    """The number an interpreter line gives: the team's, as the letter heading prints it, else the officer's."""
    return contact_for(child.local_authority).phone or (officer.phone if officer else "")


def _fields(facts: Facts, route: Route, officer: User | None) -> dict[str, str]:
    """What an email or text message may say, in the active language."""
    council = facts.child.local_authority.name
    fields = {
        "council": council,
        "date": letter_date(facts.date),
        "reference": facts.child.reference,
        "link": family_link(),
    }
    fields |= {name: letter_date(day) for name, day in facts.email_fields.items()}
    if route.interpreter_needed and route.channel == Channel.EMAIL:
        phone = _help_phone(facts.child, officer)
        fields["interpreter"] = help_line(spoken=route.spoken, phone=phone, council=council, letter=False).text
    return fields


def _subject(facts: Facts) -> str:
    template = template_get(facts.notice.template)
    fields = {
        "council": facts.child.local_authority.name,
        "date": letter_date(facts.date),
        "reference": facts.child.reference,
    } | {name: letter_date(day) for name, day in facts.email_fields.items()}
    return Template(gettext(template.subject)).render(Context(fields, autoescape=False)).strip()


def _letter_route(route: Route) -> Route:
    """The route a task's letter is written for: posted to them, if they have an address, when a call fails."""
    member, person = route.member, route.young_person
    if member is not None:
        postable = bool(member.address.strip() and member.postcode.strip())
        return dataclasses.replace(route, channel=Channel.LETTER, to=postal_address(member) if postable else "")
    if person is not None and person.address.strip() and person.postcode.strip():
        lines = [line.strip() for line in person.address.replace(",", "\n").splitlines() if line.strip()]
        return dataclasses.replace(route, channel=Channel.LETTER, to="\n".join([route.who, *lines, person.postcode]))
    return dataclasses.replace(route, channel=Channel.LETTER, to="")


def _task(
    *, facts: Facts, route: Route, officer: User | None, subject: str, body: str, recipient: str
) -> OutboxMessage:
    """A call for the case officer to make, with the letter that says what to tell them."""
    child = facts.child
    message = OutboxMessage.objects.create(
        local_authority=child.local_authority,
        channel=Channel.PHONE,
        recipient=recipient or NO_NUMBER,
        template=facts.notice.template,
        personalisation={},
        subject=subject[:200],
        body=body,
        backend=backend_name(),
        status=Status.TO_DO,
        child=child,
        notice=facts.notice.value,
        family_member=route.member,
        language=route.language,
        interpreter_needed=route.interpreter_needed,
        assigned_to=officer,
    )
    rendered = letter_render(facts=facts, route=_letter_route(route), officer=officer)
    Letter.objects.create(message=message, html=rendered.html, text=rendered.text, words_we_use=rendered.words_we_use)
    return message


def _held_message(*, facts: Facts, route: Route, officer: User | None) -> OutboxMessage:
    """A letter waiting to be checked, or a call to make, with the letter that goes with it."""
    child = facts.child
    with translation.override(route.language):
        subject = _subject(facts)
    if route.member is None:
        raise ValueError("Only a family member's route is by letter or phone; a young person's is by email")
    if route.channel != Channel.LETTER:
        return _phone_task(facts=facts, route=route, officer=officer, subject=subject)
    message = OutboxMessage.objects.create(
        local_authority=child.local_authority,
        channel=Channel.LETTER,
        recipient=route.to,
        template=facts.notice.template,
        personalisation={},
        subject=subject,
        body=f"A letter about: {subject}. It waits on the letter page for a case officer to check and send it.",
        backend=backend_name(),
        status=Status.HELD,
        child=child,
        notice=facts.notice.value,
        family_member=route.member,
        language=route.language,
        interpreter_needed=route.interpreter_needed,
        assigned_to=officer,
    )
    rendered = letter_render(facts=facts, route=route, officer=officer)
    Letter.objects.create(message=message, html=rendered.html, text=rendered.text, words_we_use=rendered.words_we_use)
    message_id = str(message.pk)
    transaction.on_commit(lambda: _enqueue_pdf(message_id))
    return message


def _a(words: str) -> str:
    """ "a" or "an" before `words`, by how they sound: "an Urdu", "a Ukrainian", "an email"."""
    start = words.lower()
    vowel = start[:1] in "aeiou" and not start.startswith(("uk", "uni", "eu", "one"))
    return f"{'an' if vowel else 'a'} {words}"


def _with_interpreter(route: Route) -> str:
    spoken = language_name(route.spoken)
    if not spoken or spoken.lower() == "english":
        return "an interpreter"
    return _a(f"{spoken} interpreter")


def _phone_task(*, facts: Facts, route: Route, officer: User | None, subject: str) -> OutboxMessage:
    """Someone who asked for phone calls: the officer phones them (with an interpreter if they need one)."""
    number = route.to or NO_NUMBER.lower()
    interpreter = f" with {_with_interpreter(route)}" if route.interpreter_needed else ""
    return _task(
        facts=facts,
        route=route,
        officer=officer,
        subject=f"Phone {route.who}{interpreter} to tell them: {subject}",
        body=(
            f"Phone {route.who} ({route.relationship.lower()}) on {number}{interpreter} to tell them: {subject}. "
            "What to tell them is on the task page, with a letter you can post if you cannot reach them."
        ),
        recipient=route.to,
    )


def _interpreter_call(*, facts: Facts, route: Route, officer: User | None, sent: OutboxMessage) -> OutboxMessage:
    """An email or text message went in English to someone who needs an interpreter: the officer calls them."""
    channel = sent.get_channel_display().lower()
    number = route.phone or NO_NUMBER.lower()
    return _task(
        facts=facts,
        route=route,
        officer=officer,
        subject=f"Call {route.who} with {_with_interpreter(route)} about: {sent.subject}",
        body=(
            f"{route.who} ({route.relationship.lower()}) was sent {_a(channel)} in English about: {sent.subject}. "
            f"Call them on {number} with {_with_interpreter(route)} to explain it. What it says is on the task "
            "page, with a letter you can post if you cannot reach them."
        ),
        recipient=route.phone,
    )


def _enqueue_pdf(message_id: str) -> None:
    from sendcase.notifications.tasks import render_letter_pdf

    render_letter_pdf.enqueue(message_id)


def _typed_text_problems(facts: Facts, letter: Letter) -> int | None:
    """For a notice carrying an officer's own words, how many plain-English problems its text has; else None."""
    if not (facts.reasons.strip() or facts.mediation_adviser.strip()):
        return None
    return len(check_plain_english(letter.text, words_we_use=letter.words_we_use).problems)


def _audit(*, actor: User | None, child: Child, route: Route, message: OutboxMessage, warnings: str = "") -> None:
    audit_change(
        actor=actor,
        action=Action.CREATE,
        instance=message,
        child=child,
        summary=f"Family told by {message.get_channel_display().lower()} ({route.who}){warnings}: {message.subject}",
        changes={"status": [None, message.status], "interpreter_needed": [None, message.interpreter_needed]},
    )


def family_notices_send(*, actor: User | None, facts: Facts) -> list[OutboxMessage]:
    """Tell each family member with parental responsibility about one step. Call inside the step's transaction.

    Returns every message written: the notices, and any call the officer must make with an interpreter.
    """
    child = facts.child
    officer = officer_for(child, actor)
    messages: list[OutboxMessage] = []
    for route in routes_for(child, template_get(facts.notice.template).subject):
        if route.channel not in (Channel.EMAIL, Channel.SMS):
            message = _held_message(facts=facts, route=route, officer=officer)
            _audit(actor=actor, child=child, route=route, message=message)
            messages.append(message)
            continue
        with translation.override(route.language):
            fields = _fields(facts, route, officer)
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
        letter = Letter(message=message, html=rendered.html, text=rendered.text, words_we_use=rendered.words_we_use)
        letter.plain_english_problems = _typed_text_problems(facts, letter)
        letter.save()
        problems = letter.plain_english_problems
        warnings = f" with {problems} plain-English warning{'s' if problems != 1 else ''}" if problems else ""
        _audit(actor=actor, child=child, route=route, message=message, warnings=warnings)
        messages.append(message)
        if route.interpreter_needed:
            call = _interpreter_call(facts=facts, route=route, officer=officer, sent=message)
            _audit(actor=actor, child=child, route=route, message=call)
            messages.append(call)
    return messages
