"""Who in the family is told, how (email, text message, letter or a phone call), and in which language.

- Everyone linked to the child with parental responsibility gets their own notice.
- On their preferred channel. A family member with no internet, or who asked for post, gets a
  letter. Someone who asked for phone calls gets a call from the case officer (a task in the
  officer's list). When the preferred channel cannot be used (no email address recorded), the
  next that can: text message, then letter, then a phone call.
- In their language when the council writes to families in it (SENDCASE_FAMILY_LANGUAGES) and
  SENDcase has the translation of this notice; otherwise in English, flagged "interpreter needed"
  so staff arrange one. A family member recorded as needing an interpreter is always flagged.
- A young person (over compulsory school age, CFA 2014 s.83(2)) who holds their own family portal
  account gets their own notice, by email to that account, in their language the same way (as
  the SEND team recorded it: YoungPersonContact). They decide what their parents see
  (FamilyAccount.parents_see, sendcase/portal/access.py): if they chose "nothing", their parents
  are told nothing either, since a letter or email about a step would show what the portal hides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation

from sendcase.notifications.models import Channel
from sendcase.people.models import Channel as Preferred
from sendcase.people.models import FamilyLink

if TYPE_CHECKING:
    from sendcase.people.models import Child, FamilyMember
    from sendcase.portal.models import FamilyAccount

ENGLISH = "en"

# The language names staff type on the family form, mapped to their ISO 639-1 codes. A code typed
# directly ("cy") works too. Names not here cannot be translated, so they get English plus an
# interpreter.
LANGUAGE_CODES = {
    "english": "en",
    "welsh": "cy",
    "cymraeg": "cy",
    "polish": "pl",
    "romanian": "ro",
    "arabic": "ar",
    "urdu": "ur",
    "bengali": "bn",
    "portuguese": "pt",
    "lithuanian": "lt",
    "turkish": "tr",
    "punjabi": "pa",
    "somali": "so",
    "ukrainian": "uk",
    "farsi": "fa",
    "persian": "fa",
    "spanish": "es",
    "french": "fr",
    "italian": "it",
    "chinese": "zh-hans",
    "mandarin": "zh-hans",
    "cantonese": "zh-hant",
    "gujarati": "gu",
    "tamil": "ta",
    "russian": "ru",
    "hungarian": "hu",
    "bulgarian": "bg",
    "albanian": "sq",
    "pashto": "ps",
    "tigrinya": "ti",
    "kurdish": "ku",
    "british sign language": "bsl",
}


@dataclass(frozen=True)
class Route:
    """How one family member, or the young person themselves, hears about one step."""

    member: FamilyMember | None  # None: the young person's own account
    relationship: str
    channel: str  # a notifications Channel
    to: str  # email address, mobile number, postal address lines, or phone number
    language: str
    interpreter_needed: bool
    young_person: Child | None = None
    spoken: str = ""  # the language as staff recorded it ("Polish"), for the interpreter line and task
    phone: str = ""  # a number to call them on, for a call with an interpreter

    @property
    def who(self) -> str:
        if self.member is not None:
            return str(self.member)
        person = self.young_person
        return f"{person.first_name} {person.last_name}" if person is not None else "the young person"


def language_code(name: str) -> str:
    """The code of a language as staff recorded it ("Welsh", "cy", "Polish"), or "" if unknown."""
    key = name.strip().lower()
    if key in LANGUAGE_CODES:
        return LANGUAGE_CODES[key]
    if key in LANGUAGE_CODES.values():
        return key
    return ""


def language_name(recorded: str) -> str:
    """A language as people say it ("Polish"), however staff recorded it ("Polish", "polish", "pl")."""
    key = recorded.strip().lower()
    if key in LANGUAGE_CODES:
        return recorded.strip()[:1].upper() + recorded.strip()[1:]
    names = [name for name, code in LANGUAGE_CODES.items() if code == key]
    return names[0].title() if names else recorded.strip()


def council_languages() -> list[str]:
    return [code.strip().lower() for code in settings.SENDCASE_FAMILY_LANGUAGES if code.strip()]


def translation_exists(code: str, msgid: str) -> bool:
    """True if SENDcase's catalogue has `msgid` (a notice's subject) translated into `code`.

    Translators translate a notice as a whole, subject first, so a translated subject is taken
    to mean the notice's email, text message and letter are translated too.
    """
    if code == ENGLISH:
        return True
    with translation.override(code):
        return translation.gettext(msgid) != msgid


def choose_language(member: FamilyMember, msgid: str) -> tuple[str, bool]:
    """The language to write to `member` in, and whether the message needs an interpreter flag."""
    return language_for(member.language, member.needs_interpreter, msgid)


def language_for(recorded: str, needs_interpreter: bool, msgid: str) -> tuple[str, bool]:
    """The language to write in for someone recorded as speaking `recorded`, and the interpreter flag."""
    code = language_code(recorded or "English")
    if code == ENGLISH:
        return ENGLISH, needs_interpreter
    if code and code in council_languages() and translation_exists(code, msgid):
        return code, needs_interpreter
    return ENGLISH, True


def postal_address(member: FamilyMember) -> str:
    """The name and address lines of a letter, the postcode last (GOV.UK Notify needs 3 to 7 lines)."""
    name = " ".join(part for part in (member.title, member.first_name, member.last_name) if part)
    lines = [line.strip().rstrip(",") for line in member.address.replace(",", "\n").splitlines() if line.strip()]
    if member.postcode and (not lines or lines[-1].replace(" ", "").upper() != member.postcode.replace(" ", "")):
        lines.append(member.postcode)
    return "\n".join([name, *lines])


def choose_channel(member: FamilyMember) -> tuple[str, str]:
    """The channel and address to reach `member` by: their preference, or the next that works."""
    can_post = bool(member.address.strip() and member.postcode.strip())
    phone = member.phone or member.mobile
    if member.no_internet or member.preferred_channel == Preferred.POST:
        if can_post:
            return Channel.LETTER, postal_address(member)
        return Channel.PHONE, phone
    if member.preferred_channel == Preferred.PHONE:
        return Channel.PHONE, phone
    if member.preferred_channel == Preferred.EMAIL and member.email:
        return Channel.EMAIL, member.email
    if member.preferred_channel == Preferred.SMS and member.mobile:
        return Channel.SMS, member.mobile
    for channel, address in ((Channel.EMAIL, member.email), (Channel.SMS, member.mobile)):
        if address:
            return channel, address
    if can_post:
        return Channel.LETTER, postal_address(member)
    return Channel.PHONE, phone


def young_person_account(child: Child) -> FamilyAccount | None:
    """The young person's own family portal account, if it is set up and they are a young person now."""
    from sendcase.portal.access import young_person_account_is_live
    from sendcase.portal.models import FamilyAccount

    account = FamilyAccount.objects.select_related("young_person").filter(young_person=child).first()
    return account if young_person_account_is_live(account) else None


def routes_for(child: Child, msgid: str) -> list[Route]:
    """One route per family member with parental responsibility for `child`, main contact first.

    And first of all the young person themselves, when they hold their own account; their
    parents then only when the young person lets them see something (see the module docstring).
    """
    routes: list[Route] = []
    account = young_person_account(child)
    if account is not None:
        from sendcase.notifications.models import YoungPersonContact

        own = YoungPersonContact.objects.filter(child=child).first() or YoungPersonContact(child=child)
        language, interpreter = language_for(own.language, own.needs_interpreter, msgid)
        routes.append(
            Route(
                member=None,
                relationship="Young person",
                channel=Channel.EMAIL,
                to=account.email,
                language=language,
                interpreter_needed=interpreter,
                young_person=child,
                spoken=own.language,
                phone=own.phone,
            )
        )
        from sendcase.portal.models import ParentsSee

        if account.parents_see == ParentsSee.NOTHING:
            return routes
    links = (
        FamilyLink.objects.filter(child=child, parental_responsibility=True)
        .select_related("member")
        .order_by("-main_contact", "member__last_name", "member__first_name")
    )
    for link in links:
        member = link.member
        channel, to = choose_channel(member)
        language, interpreter = choose_language(member, msgid)
        routes.append(
            Route(
                member=member,
                relationship=link.get_relationship_display(),
                channel=channel,
                to=to,
                language=language,
                interpreter_needed=interpreter,
                spoken=member.language,
                phone=member.phone or member.mobile,
            )
        )
    return routes
