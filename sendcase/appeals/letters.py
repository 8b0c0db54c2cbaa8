"""The decision letter: its words, composed once when the notice is sent, and its PDF.

Regulation 32 of the SEND Regulations 2014 says what a notice of an appealable decision must tell
the family: the right to appeal and its time limit, the right to mediation and the need to
contact a mediation adviser first, when a mediation certificate is needed, and where to get
disagreement resolution and information, advice and support. The letter says each of these in
plain English with the dates worked out (sendcase.timescales.appeals), and names the law at the
end. The text is stored on the notice as sent; the page and the PDF render that text.

Stored format: blocks separated by a blank line; a block starting "# " is a heading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from sendcase.appeals.models import DecisionAbout
from sendcase.timescales import format_date

if TYPE_CHECKING:
    from sendcase.appeals.models import DecisionNotice

HEADING = "# "
TRIBUNAL = "the First-tier Tribunal (Special Educational Needs and Disability)"
TRIBUNAL_RULES = (
    "rule 20(1)(c) of the Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) "
    "Rules 2008"
)


@dataclass(frozen=True)
class LetterFacts:
    """Everything the letter says, worked out before it is composed."""

    council: str
    child_name: str
    child_first_name: str
    addressee: str
    about: str
    regulation: str
    decided_on: dt.date
    sent_on: dt.date
    reasons: str
    mediation_adviser: str
    appeal_deadline: dt.date
    mediation_deadline: dt.date
    cease_on: dt.date | None = None


def _decision_phrase(facts: LetterFacts) -> str:
    name, first = facts.child_name, facts.child_first_name
    ehc = "education, health and care (EHC)"
    return {
        DecisionAbout.REFUSE_ASSESS: f"not to carry out an {ehc} needs assessment for {name}",
        DecisionAbout.NOT_ISSUE: f"not to issue an {ehc} plan for {name} after the assessment",
        DecisionAbout.PLAN_CONTENTS: f"what {first}'s {ehc} plan says, as set out in the plan",
        DecisionAbout.CEASE: f"to stop maintaining (cease) {first}'s {ehc} plan",
        DecisionAbout.NOT_AMEND: f"not to amend {first}'s {ehc} plan",
    }.get(facts.about, f"about {name}, as set out below")


def letter_title(about: str, child_name: str, *, review: bool = False) -> str:
    if review:
        return f"Decision after the annual review: {_REVIEW_TITLES.get(about, 'the EHC plan')}"
    return _letter_title(about, child_name)


_REVIEW_TITLES = {
    DecisionAbout.PLAN_CONTENTS: "the amended EHC plan",
    DecisionAbout.NOT_AMEND: "the EHC plan is not amended",
}


def _letter_title(about: str, child_name: str) -> str:
    return {
        DecisionAbout.REFUSE_ASSESS: f"Our decision not to carry out an EHC needs assessment for {child_name}",
        DecisionAbout.NOT_ISSUE: f"Our decision not to issue an EHC plan for {child_name}",
        DecisionAbout.PLAN_CONTENTS: f"Our decision about what {child_name}'s EHC plan says",
        DecisionAbout.CEASE: f"Our decision to cease {child_name}'s EHC plan",
        DecisionAbout.NOT_AMEND: f"Our decision not to amend {child_name}'s EHC plan",
    }.get(about, f"Our decision about {child_name}")


def compose(facts: LetterFacts) -> str:
    """The letter's words, as stored on the notice."""
    appeal_by = format_date(facts.appeal_deadline)
    mediate_by = format_date(facts.mediation_deadline)
    blocks: list[str] = [
        f"Dear {facts.addressee}",
        f"{HEADING}Our decision",
        f"On {format_date(facts.decided_on)} {facts.council} decided {_decision_phrase(facts)}.",
        *(part.strip() for part in facts.reasons.strip().split("\n\n") if part.strip()),
    ]
    if facts.about == DecisionAbout.CEASE and facts.cease_on is not None:
        blocks += [
            f"{HEADING}What happens to the plan now",
            f"We will keep maintaining {facts.child_first_name}'s EHC plan until at least {appeal_by}, the last "
            f"day for an appeal. If nobody appeals, the plan will end on {format_date(facts.cease_on)}. If you "
            "appeal, we will keep maintaining the plan until the appeal ends.",
        ]
    blocks += [
        f"{HEADING}You can appeal against this decision",
        f"You can appeal to {TRIBUNAL}. The Tribunal must receive your appeal by {appeal_by}. That is 2 months "
        "after the date we sent this letter. If you get a mediation certificate, you can appeal within 1 month "
        "of the date the certificate is issued instead, if that gives you longer.",
        f"{HEADING}Before you appeal: contact a mediation adviser",
        f"If you are thinking of appealing, you must first contact a mediation adviser by {mediate_by}. "
        f"Contact: {facts.mediation_adviser.strip()}.",
        "You do not have to go to mediation. If you decide not to, the adviser will give you a certificate "
        "to say you have considered it. If you do go to mediation, you will get a certificate when it ends.",
        "You need this certificate to appeal, unless your appeal is only about the school or other "
        "institution named in the plan, the type of school or institution, or that no school or institution "
        "is named. For an appeal only about that, you do not need a certificate.",
        f"{HEADING}Other help",
        "You can also ask us about our disagreement resolution arrangements, which are free and independent. "
        "Your local special educational needs and disabilities information, advice and support service "
        "(SENDIASS) can give you free and impartial advice about this decision and about appealing.",
        f"{HEADING}The law",
        f"We have sent you this notice under {facts.regulation}. The time limit for an appeal is in "
        f"{TRIBUNAL_RULES}. The time limit for contacting a mediation adviser is in regulation 33 of the "
        "Special Educational Needs and Disability Regulations 2014, and when a certificate is needed is in "
        "section 55 of the Children and Families Act 2014.",
        f"Yours sincerely\n{facts.council} SEND team",
    ]
    return "\n\n".join(blocks)


def compose_review_record(facts: LetterFacts) -> str:
    """What the family were told about a decision made in an annual review, stored in place of a letter.

    Keeping the plan as it is, the amended plan, and not amending after all (regs 20(10), 22(3),
    22(4)) are each told to the family in the review's own letter, which gives the appeal and
    mediation deadlines (sendcase.notifications). The notice records the decision so that
    mediation, a certificate or an appeal can be recorded against it; its text says so, so that
    nobody sends the family a second letter about the same decision.
    """
    appeal_by, mediate_by = format_date(facts.appeal_deadline), format_date(facts.mediation_deadline)
    return "\n\n".join(
        [
            f"{HEADING}How the family were told",
            f"{facts.council} told the family about this decision in its letter about {facts.child_first_name}'s "
            f"annual review, sent on {format_date(facts.sent_on)} to each parent on their own channel (email, text "
            "message, letter or phone call). That letter gave the appeal and mediation information below. No "
            "separate decision letter was sent, and none needs to be.",
            f"{HEADING}The decision",
            f"On {format_date(facts.decided_on)} {facts.council} decided {_decision_phrase(facts)}.",
            *(part.strip() for part in facts.reasons.strip().split("\n\n") if part.strip()),
            f"{HEADING}What the family were told about appealing",
            f"The Tribunal ({TRIBUNAL}) must receive an appeal by {appeal_by}, or within 1 month of a mediation "
            "certificate if that is later.",
            f"Before appealing, the family must contact a mediation adviser by {mediate_by}. "
            f"Mediation adviser: {facts.mediation_adviser.strip()}.",
            "An appeal only about the school or other institution named in the plan, its type, or that none is "
            "named, needs no mediation certificate.",
            f"{HEADING}The law",
            f"The notice is required by {facts.regulation}. The time limit for an appeal is in {TRIBUNAL_RULES}; "
            "for contacting a mediation adviser, regulation 33 of the Special Educational Needs and Disability "
            "Regulations 2014.",
        ]
    )


@dataclass(frozen=True)
class Block:
    heading: bool
    text: str


def blocks(letter_text: str) -> list[Block]:
    """The stored letter as headings and paragraphs, for the page and the PDF."""
    parts = [p for p in letter_text.split("\n\n") if p.strip()]
    return [Block(p.startswith(HEADING), p.removeprefix(HEADING)) for p in parts]


def letter_context(notice: DecisionNotice) -> dict[str, Any]:
    child = notice.child
    return {
        "notice": notice,
        "child": child,
        "council": child.local_authority.name,
        "title": letter_title(notice.about, child.full_name, review=notice.told_with_review),
        "sent_on": format_date(notice.sent_on),
        "blocks": blocks(notice.letter_text),
    }


def _refuse_every_url() -> Any:
    """A letter is built from its own text and embedded CSS only: never fetch anything into it."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66 takes a function

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            raise ValueError(f"SENDcase does not fetch {url} into a letter")

        return refuse
    return URLFetcher(allowed_protocols=frozenset())


def letter_pdf(notice: DecisionNotice) -> bytes:
    """The letter as a PDF, from the stored text, with the CSS embedded in the template."""
    from weasyprint import HTML

    html = render_to_string("appeals/letter_pdf.html", letter_context(notice))
    return HTML(string=html, base_url=None, url_fetcher=_refuse_every_url()).write_pdf()  # type: ignore[no-any-return]
