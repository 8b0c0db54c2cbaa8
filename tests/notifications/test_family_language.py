"""Language: a family member is written to in their language when the council provides it and it is translated."""

from __future__ import annotations

import array
import datetime as dt
import struct

import pytest

from sendcase.cases import services
from sendcase.notifications.models import Channel, OutboxMessage
from tests.notifications.family_builders import add_letter_parent, add_parent

pytestmark = pytest.mark.django_db

# Stand-in translations for the test catalogue: enough of one notice to tell which language was used.
WELSH = {
    "A decision about the assessment has been made": "[cy] Mae penderfyniad am yr asesiad",
    "The special educational needs team at %(council)s has made a decision about the assessment. "
    "The date of the decision is %(date)s.": "[cy] Penderfyniad gan %(council)s ar %(date)s.",
    "We will carry out an assessment": "[cy] Byddwn yn cynnal asesiad",
}


def write_mo(path, messages: dict[str, str]) -> None:
    """A GNU gettext .mo catalogue (the format msgfmt writes), so the test needs no gettext tools."""
    catalogue = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(k.encode() for k in catalogue)
    values = {k.encode(): v.encode() for k, v in catalogue.items()}
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(values[key])))
        ids += key + b"\0"
        strs += values[key] + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    table = [n for o1, l1, _, _ in offsets for n in (l1, o1 + key_start)]
    table += [n for _, _, o2, l2 in offsets for n in (l2, o2 + value_start)]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    path.write_bytes(header + array.array("i", table).tobytes() + ids + strs)


@pytest.fixture
def welsh_catalogue(tmp_path, settings):
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    write_mo(folder / "django.mo", WELSH)
    settings.LOCALE_PATHS = [str(tmp_path)]
    settings.SENDCASE_FAMILY_LANGUAGES = ["en", "cy"]


def decide(officer, child, today):
    request = services.request_create(
        actor=officer, child=child, received_on=today - dt.timedelta(weeks=3), source="parent"
    )
    services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=today, expected_version=None
    )
    return OutboxMessage.objects.filter(notice="assessment_decision")


def test_a_welsh_speaker_gets_the_translated_email_and_letter(welsh_catalogue, officer, child, today):
    email_parent = add_parent(officer, child, "Gwen", "Hart", language="Welsh")
    letter_parent = add_letter_parent(officer, child, language="Cymraeg")
    sent = decide(officer, child, today)
    email = sent.get(family_member=email_parent)
    assert (email.language, email.interpreter_needed) == ("cy", False)
    assert email.subject == "[cy] Mae penderfyniad am yr asesiad"
    assert "[cy] Penderfyniad gan Dorset Council (test) ar 2 Mehefin 2025." in email.body  # Welsh month too
    letter = sent.get(family_member=letter_parent)
    assert letter.channel == Channel.LETTER and letter.language == "cy"
    assert "[cy] Byddwn yn cynnal asesiad" in letter.letter.text
    assert 'lang="cy"' in letter.letter.html


def test_a_language_the_council_does_not_provide_gets_english_and_an_interpreter_flag(
    welsh_catalogue, settings, officer, child, today
):
    settings.SENDCASE_FAMILY_LANGUAGES = ["en"]
    member = add_letter_parent(officer, child, language="Welsh")
    letter = decide(officer, child, today).get(family_member=member)
    assert (letter.language, letter.interpreter_needed) == ("en", True)
    assert "We will carry out an assessment" in letter.letter.text
    assert "We will arrange an interpreter for you" in letter.letter.html


def test_a_language_without_a_translation_gets_english_and_an_interpreter_flag(officer, child, today):
    polish = add_parent(officer, child, "Ola", "Nowak", language="Polish")
    welsh = add_parent(officer, child, "Gwen", "Hart", language="Welsh")  # SENDcase ships no Welsh catalogue
    english = add_parent(officer, child, "Grace", "Hart")
    sent = decide(officer, child, today)
    for member in (polish, welsh):
        message = sent.get(family_member=member, channel=Channel.EMAIL)  # and a call with an interpreter
        assert (message.language, message.interpreter_needed) == ("en", True)
        assert message.subject == "A decision about the assessment has been made"
    assert sent.get(family_member=english).interpreter_needed is False


def test_someone_recorded_as_needing_an_interpreter_is_always_flagged(welsh_catalogue, officer, child, today):
    member = add_parent(officer, child, "Gwen", "Hart", language="Welsh", needs_interpreter=True)
    message = decide(officer, child, today).get(family_member=member, channel=Channel.EMAIL)
    assert (message.language, message.interpreter_needed) == ("cy", True)


def test_the_letter_page_warns_staff_that_an_interpreter_is_needed(client_for, officer, child, today):
    member = add_letter_parent(officer, child, language="Somali")
    letter = decide(officer, child, today).get(family_member=member)
    html = client_for(officer).get(f"/notifications/letters/{letter.pk}/").content.decode()
    assert 'data-testid="interpreter-needed"' in html and "Somali" in html
