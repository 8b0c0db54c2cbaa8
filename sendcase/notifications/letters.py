"""Letters to families as A4 PDFs: rendered from Django templates by WeasyPrint, kept with the message.

The letter's HTML is rendered in the same transaction as the statutory step (templates only, a
few milliseconds) and stored on `Letter`; the PDF is rendered from that HTML after the
transaction commits (`letter_pdf_render` task), because WeasyPrint takes a large fraction of a
second and every audited write waits on the audit chain's lock until commit.

The page follows GOV.UK Notify's layout for letters it posts as they are (precompiled letters):
A4, nothing within 15 mm of the left and right edges or 5 mm of the top and bottom; the council's
name and address in the box from 125 mm across and 5 to 95 mm down; the recipient's address from
24.6 mm across and 39.5 mm down, at most 95.4 mm wide and 26.8 mm high; the letter itself from
95 mm down. The measurements are those Notify's letter checker uses (alphagov
notifications-template-preview); check them against Notify's current letter specification
before going live [UNCONFIRMED]. The template embeds its CSS and loads nothing from outside.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import formats, translation

from sendcase.core.clock import today
from sendcase.notifications.models import CouncilContact, Letter
from sendcase.plainenglish import glossary

if TYPE_CHECKING:
    import datetime as dt

    from sendcase.accounts.models import User
    from sendcase.notifications.family.facts import Facts
    from sendcase.notifications.family.routing import Route

# Which family explanation a letter gives for each kind of exception (timescales.ExceptionKind).
EXCEPTION_EXPLANATIONS = {
    "reg-10-4-a": "school_closed",
    "reg-5-4-a": "school_closed",
    "reg-10-4-b": "early_years_closed",
    "reg-10-4-c": "personal",
    "reg-10-4-d": "away",
    "reg-8-2-a": "advice_personal",
    "reg-8-2-b": "advice_away",
    "reg-8-2-c": "missed_appointment",
}


@dataclass(frozen=True)
class RenderedLetter:
    html: str
    text: str
    words_we_use: list[str]


class _TextOf(HTMLParser):
    """The text of an HTML fragment, a line per paragraph, heading or list item."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "li", "dt", "dd", "div", "br", "tr", "ul", "ol", "dl"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(fragment: str) -> str:
    parser = _TextOf()
    parser.feed(fragment)
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def letter_date(day: dt.date) -> str:
    """A date in the active language, like "2 June 2025" ("2 Mehefin 2025" in Welsh, "2 czerwca 2025" in
    Polish: "E" is the month's form for a full date, as the family portal writes dates)."""
    return formats.date_format(day, "j E Y")


def contact_for(local_authority: Any) -> CouncilContact:
    """The council's letter details, or an unsaved blank set (the letter then says to phone us)."""
    contact = CouncilContact.objects.filter(local_authority=local_authority).first()
    return contact or CouncilContact(local_authority=local_authority)


def officer_details(officer: User | None, contact: CouncilContact) -> dict[str, str]:
    if officer is None:
        return {"name": contact.team_name, "title": "", "phone": contact.phone, "email": contact.email}
    return {
        "name": officer.get_full_name() or officer.email,
        "title": officer.job_title or translation.gettext("Case officer"),
        "phone": officer.phone or contact.phone,
        "email": officer.email or contact.email,
    }


def _salutation(route: Route) -> str:
    member = route.member
    if member is None:
        return route.who
    if member.title:
        return f"{member.title} {member.last_name}"
    return f"{member.first_name} {member.last_name}"


def letter_context(*, facts: Facts, route: Route, officer: User | None, contact: CouncilContact) -> dict[str, Any]:
    """Everything the letter templates show. Call inside translation.override(route.language)."""
    from sendcase.notifications.family.interpreter import help_line

    child = facts.child
    interpreter = None
    if route.interpreter_needed:
        interpreter = help_line(
            spoken=route.spoken,
            phone=contact.phone or officer_details(officer, contact)["phone"],
            council=child.local_authority.name,
            letter=True,
        )
    return {
        "facts": facts,
        "notice_template": facts.notice.letter_template,
        "council": child.local_authority.name,
        "contact": contact,
        "contact_address": [line.strip() for line in contact.address.splitlines() if line.strip()],
        "reference": child.reference,
        "letter_date": letter_date(today()),
        "recipient_lines": route.to.splitlines() if route.channel == "letter" else [],
        "salutation": _salutation(route),
        "child_name": child.full_name,
        "first": child.known_as or child.first_name,
        "dob": letter_date(child.date_of_birth),
        "date": letter_date(facts.date),
        "d": {name: letter_date(day) for name, day in facts.dates.items()},
        "outcome": facts.outcome,
        "appealable": facts.appealable,
        "explanation": EXCEPTION_EXPLANATIONS.get(facts.exception_kind, ""),
        # The council's reasons for a decision, as staff wrote them: paragraphs split on blank lines.
        "reasons": [part.strip() for part in facts.reasons.split("\n\n") if part.strip()],
        "steps": [(code, letter_date(day)) for code, day in facts.steps],
        "officer": officer_details(officer, contact),
        "interpreter_needed": route.interpreter_needed,
        # How to get the letter explained, in the reader's language where SENDcase has the line.
        "interpreter": interpreter,
        "language": route.language,
    }


def letter_render(*, facts: Facts, route: Route, officer: User | None) -> RenderedLetter:
    """The letter for one family member about one step, in their language, with its plain text."""
    contact = contact_for(facts.child.local_authority)
    with translation.override(route.language):
        context = letter_context(facts=facts, route=route, officer=officer, contact=contact)
        body = render_to_string("notifications/letters/_body.html", context)
        text = html_to_text(body)
        terms = glossary().terms_in(text)
        html = render_to_string(
            "notifications/letters/letter.html", context | {"body": body, "terms": terms, "text": text}
        )
    return RenderedLetter(html=html, text=text, words_we_use=[t.term for t in terms])


_BODY = re.compile(r"<!-- letter-body -->(.*)<!-- /letter-body -->", re.DOTALL)


def letter_body(html: str) -> str:
    """The letter itself from its stored page (no address block or page styles): rendered by our templates."""
    match = _BODY.search(html)
    return match.group(1) if match else ""


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
    raise ValueError(f"A letter loads nothing from outside: {url}")


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads its native libraries on first use

    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def letter_pdf(letter: Letter) -> bytes:
    """The letter's PDF, rendered from its stored HTML and kept the first time it is asked for."""
    if letter.pdf:
        return bytes(letter.pdf)
    pdf = pdf_from_html(letter.html)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) or None
    # A conditional update: two processes rendering at once store the same bytes, once.
    Letter.objects.filter(pk=letter.pk, pdf__isnull=True).update(
        pdf=pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest(), pdf_pages=pages
    )
    letter.pdf, letter.pdf_sha256, letter.pdf_pages = pdf, hashlib.sha256(pdf).hexdigest(), pages
    return pdf


def letter_pdf_render(*, message_id: str) -> bool:
    """Render and keep the PDF of one letter (the task run after the step commits); False if none."""
    letter = Letter.objects.filter(pk=message_id).first()
    if letter is None:
        return False
    letter_pdf(letter)
    return True


def pdf_filename(letter: Letter) -> str:
    child = letter.message.child
    reference = child.reference if child else "letter"
    return (
        f"Letter-{reference}-{letter.message.notice or letter.message.template}-{letter.message.created_at:%Y%m%d}.pdf"
    )
