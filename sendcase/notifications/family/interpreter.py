"""The line that tells a family member how to get a notice explained in their own language.

A notice SENDcase cannot write in the reader's language goes in English, flagged "interpreter
needed" (routing.py). So that the reader knows what to do with it, the email and the letter open
with one line, in the reader's language where SENDcase has that line, else in English: phone us
and we will arrange an interpreter, free of charge. The case officer also gets a task to call
them with an interpreter (send.py).

Which language the line is in:

1. a council's own catalogue (docs/notifications.md, "Languages"), when it translates the line;
2. else the lines below, for the languages SENDcase has (the family portal ships Polish,
   sendcase/portal/locale). They were written with SENDcase, like the portal's Polish, and have not
   been checked by a professional translator: a council should have them checked before relying
   on them [UNCONFIRMED];
3. else English.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_noop

from sendcase.notifications.family.routing import ENGLISH, language_code

MESSAGE_PHONE = gettext_noop(
    "If you need help to understand this message in your language, phone %(phone)s. "
    "We will arrange an interpreter for you, free of charge."
)
MESSAGE_TEAM = gettext_noop(
    "If you need help to understand this message in your language, phone the special educational needs "
    "team at %(council)s. We will arrange an interpreter for you, free of charge."
)
LETTER_PHONE = gettext_noop(
    "If you need help to read this letter in your language, phone %(phone)s. "
    "We will arrange an interpreter for you, free of charge."
)
LETTER_TEAM = gettext_noop(
    "If you need help to read this letter in your language, phone the special educational needs "
    "team at %(council)s. We will arrange an interpreter for you, free of charge."
)

# The lines in the languages SENDcase has, used when the council's catalogue has none of its own.
BUILT_IN: dict[str, dict[str, str]] = {
    "pl": {
        MESSAGE_PHONE: "Jeśli potrzebujesz pomocy, aby zrozumieć tę wiadomość w swoim języku, zadzwoń pod numer "
        "%(phone)s. Bezpłatnie zapewnimy Ci tłumacza.",
        MESSAGE_TEAM: "Jeśli potrzebujesz pomocy, aby zrozumieć tę wiadomość w swoim języku, zadzwoń do zespołu "
        "do spraw specjalnych potrzeb edukacyjnych (%(council)s). Bezpłatnie zapewnimy Ci tłumacza.",
        LETTER_PHONE: "Jeśli potrzebujesz pomocy, aby przeczytać ten list w swoim języku, zadzwoń pod numer "
        "%(phone)s. Bezpłatnie zapewnimy Ci tłumacza.",
        LETTER_TEAM: "Jeśli potrzebujesz pomocy, aby przeczytać ten list w swoim języku, zadzwoń do zespołu "
        "do spraw specjalnych potrzeb edukacyjnych (%(council)s). Bezpłatnie zapewnimy Ci tłumacza.",
    },
}


@dataclass(frozen=True)
class HelpLine:
    text: str
    language: str  # the code of the language `text` is in, for the letter's lang attribute


def help_line(*, spoken: str, phone: str, council: str, letter: bool) -> HelpLine:
    """The line for someone who speaks `spoken` (as staff recorded it: "Polish", "pl", "Somali")."""
    msgids = (LETTER_PHONE, LETTER_TEAM) if letter else (MESSAGE_PHONE, MESSAGE_TEAM)
    msgid = msgids[0] if phone else msgids[1]
    values = {"phone": phone, "council": council}
    code = language_code(spoken or "English")
    if code and code != ENGLISH:
        with translation.override(code):
            translated = translation.gettext(msgid)
        if translated != msgid:
            return HelpLine(translated % values, code)
        if code in BUILT_IN:
            return HelpLine(BUILT_IN[code][msgid] % values, code)
    return HelpLine(msgid % values, ENGLISH)
