"""Language for every channel: a notice SENDcase cannot write in the reader's language says how to get it
explained, in their language where SENDcase has the line, and the case officer gets a call to make with an
interpreter. A council's own catalogue is used when it supplies one; young people are treated the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.notifications.letters import letter_body
from sendcase.notifications.models import Channel, CouncilContact, OutboxMessage, Status, YoungPersonContact
from sendcase.people.models import Channel as Preferred
from sendcase.plainenglish import check_plain_english
from tests.factories import ChildFactory
from tests.notifications.family_builders import add_letter_parent, add_parent
from tests.notifications.test_family_language import write_mo
from tests.portal.conftest import family_client, make_account  # noqa: F401 (family_client is a fixture)

pytestmark = pytest.mark.django_db

POLISH_LINE = "Jeśli potrzebujesz pomocy, aby zrozumieć tę wiadomość w swoim języku, zadzwoń pod numer 01305 221000."
SUBJECT = "A decision about the assessment has been made"


@pytest.fixture(autouse=True)
def team_phone(la):
    return CouncilContact.objects.create(local_authority=la, phone="01305 221000")


def decide(officer, child, today):
    request = services.request_create(
        actor=officer, child=child, received_on=today - dt.timedelta(weeks=3), source="parent"
    )
    services.assess_decision_record(
        actor=officer, request=request, decision="assess", decided_on=today, expected_version=None
    )
    return OutboxMessage.objects.filter(notice="assessment_decision")


def test_a_polish_speaker_s_email_opens_in_polish_and_the_officer_gets_a_call_to_make(officer, child, today):
    ola = add_parent(officer, child, "Ola", "Nowak", language="Polish", mobile="07700900456")
    sent = decide(officer, child, today).filter(family_member=ola)
    email = sent.get(channel=Channel.EMAIL)
    assert (email.language, email.interpreter_needed) == ("en", True)
    assert email.body.startswith(POLISH_LINE)
    assert "Bezpłatnie zapewnimy Ci tłumacza." in email.body
    assert "has made a decision about the assessment" in email.body  # the notice itself is in English
    assert email.personalisation["interpreter"].startswith("Jeśli")  # a GOV.UK Notify template gets it too
    call = sent.get(channel=Channel.PHONE)
    assert (call.status, call.assigned_to, call.recipient) == (Status.TO_DO, officer, "07700900456")
    assert call.subject == f"Call Ola Nowak with a Polish interpreter about: {SUBJECT}"
    assert "was sent an email in English" in call.body
    assert "We will carry out an assessment" in call.letter.text  # what to explain to them
    assert AuditEvent.objects.filter(child=child, summary__startswith="Family told by phone call (Ola Nowak)").exists()


def test_a_language_sendcase_has_no_line_for_gets_it_in_english(officer, child, today):
    member = add_parent(officer, child, "Hodan", "Ali", language="Somali", mobile="07700900321")
    sent = decide(officer, child, today).filter(family_member=member)
    email = sent.get(channel=Channel.EMAIL)
    line = "If you need help to understand this message in your language, phone 01305 221000."
    assert email.body.startswith(line)
    assert check_plain_english(email.body).problems == ()
    call = sent.get(channel=Channel.PHONE)
    assert call.subject == f"Call Hodan Ali with a Somali interpreter about: {SUBJECT}"
    assert call.recipient == "07700900321"


def test_without_a_team_phone_number_the_line_names_the_team(team_phone, officer, child, today):
    team_phone.delete()
    member = add_parent(officer, child, "Hodan", "Ali", language="Somali")
    email = decide(officer, child, today).get(family_member=member, channel=Channel.EMAIL)
    assert email.body.startswith(
        "If you need help to understand this message in your language, phone the special educational needs team "
        "at Dorset Council (test)."
    )


def test_a_text_message_stays_short_and_the_officer_calls_them(officer, child, today):
    member = add_parent(
        officer, child, "Ola", "Nowak", language="pl", email="", mobile="07700900456", preferred_channel=Preferred.SMS
    )
    sent = decide(officer, child, today).filter(family_member=member)
    sms = sent.get(channel=Channel.SMS)
    assert "Jeśli" not in sms.body and "interpreter" not in sms.personalisation
    assert len(sms.body) <= 306
    call = sent.get(channel=Channel.PHONE)
    assert call.subject == f"Call Ola Nowak with a Polish interpreter about: {SUBJECT}"
    assert "was sent a text message in English" in call.body


def test_nobody_else_gets_a_line_or_a_call(officer, child, today):
    add_parent(officer, child, "Grace", "Hart")
    sent = decide(officer, child, today)
    assert [m.channel for m in sent] == [Channel.EMAIL]
    assert sent.get().personalisation["interpreter"] == ""
    assert sent.get().body.startswith("The special educational needs team")


def test_a_phone_contact_who_needs_an_interpreter_is_phoned_with_one(officer, child, today):
    member = add_parent(
        officer,
        child,
        "Ola",
        "Nowak",
        language="Polish",
        email="",
        mobile="07700900456",
        preferred_channel=Preferred.PHONE,
    )
    sent = decide(officer, child, today).filter(family_member=member)
    assert [m.channel for m in sent] == [Channel.PHONE]  # one call, not two
    assert sent.get().subject == f"Phone Ola Nowak with a Polish interpreter to tell them: {SUBJECT}"


def test_a_posted_letter_opens_with_the_line_in_polish(officer, child, today):
    member = add_letter_parent(officer, child, language="Polish")
    letter = decide(officer, child, today).get(family_member=member).letter
    assert 'lang="pl"' in letter.html
    assert "Jeśli potrzebujesz pomocy, aby przeczytać ten list w swoim języku, zadzwoń pod numer 01305 221000" in (
        letter.html
    )
    assert "Jeśli" not in letter.text  # the plain-English check reads the English letter only


def test_the_portal_letters_page_keeps_the_interpreter_line(family_client, la, officer, child, today):  # noqa: F811
    member = add_parent(officer, child, "Ola", "Nowak", language="Polish")
    email = decide(officer, child, today).get(family_member=member, channel=Channel.EMAIL)
    line = "Jeśli potrzebujesz pomocy, aby przeczytać ten list w swoim języku, zadzwoń pod numer 01305 221000."
    assert line in letter_body(email.letter.html)
    account = make_account(la=la, email=member.email, member=member)
    page = family_client(account).get(reverse("portal:letters", args=[child.pk])).content.decode()
    assert line in page and 'lang="pl"' in page
    assert "We will carry out an assessment" in page


@pytest.fixture
def young_person(la, officer):
    """Born 1 March 2008: a young person on 2 June 2025, holding their own account."""
    person = ChildFactory(local_authority=la, first_name="Ella", last_name="Brook", date_of_birth=dt.date(2008, 3, 1))
    services.key_worker_assign(actor=officer, child=person, officer=officer, expected_version=None)
    make_account(la=la, email="ella.brook@family.example", young_person=person)
    return person


def test_a_young_person_s_language_is_used_the_same_way(officer, young_person, today):
    YoungPersonContact.objects.create(child=young_person, language="Polish", phone="07700900999")
    sent = decide(officer, young_person, today).filter(family_member__isnull=True)
    email = sent.get(channel=Channel.EMAIL)
    assert email.recipient == "ella.brook@family.example"
    assert (email.language, email.interpreter_needed) == ("en", True)
    assert email.body.startswith(POLISH_LINE)
    assert "Ella" not in email.body and "Brook" not in email.body
    call = sent.get(channel=Channel.PHONE)
    assert call.subject == f"Call Ella Brook with a Polish interpreter about: {SUBJECT}"
    assert (call.recipient, call.assigned_to) == ("07700900999", officer)
    assert "We will carry out an assessment" in call.letter.text


def test_a_young_person_with_no_language_recorded_is_written_to_in_english(officer, young_person, today):
    sent = decide(officer, young_person, today).filter(family_member__isnull=True)
    assert [(m.channel, m.interpreter_needed) for m in sent] == [(Channel.EMAIL, False)]


# A council's own catalogue (docs/notifications.md, "Languages"): stand-in translations, enough to tell.
POLISH = {
    SUBJECT: "[pl] Podjęto decyzję w sprawie oceny",
    "The special educational needs team at %(council)s has made a decision about the assessment. "
    "The date of the decision is %(date)s.": "[pl] Decyzja %(council)s z %(date)s.",
    "We will carry out an assessment": "[pl] Przeprowadzimy ocenę",
}


@pytest.fixture
def council_catalogue(tmp_path, settings):
    def supply(code, messages):
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        write_mo(folder / "django.mo", messages)
        settings.LOCALE_PATHS = [str(tmp_path)]
        settings.SENDCASE_FAMILY_LANGUAGES = ["en", code]

    return supply


def test_with_the_council_s_catalogue_the_notice_goes_in_that_language_with_no_call(
    council_catalogue, officer, child, young_person, today
):
    council_catalogue("pl", POLISH)
    parent = add_parent(officer, child, "Ola", "Nowak", language="Polish")
    letter_parent = add_letter_parent(officer, child, language="Polish")
    YoungPersonContact.objects.create(child=young_person, language="Polish")
    sent = decide(officer, child, today)
    email = sent.get(family_member=parent)  # only the email: nothing to explain, so no call
    assert (email.language, email.interpreter_needed, email.subject) == (
        "pl",
        False,
        "[pl] Podjęto decyzję w sprawie oceny",
    )
    assert email.body.startswith("[pl] Decyzja Dorset Council (test) z 2 czerwca 2025.")
    letter = sent.get(family_member=letter_parent)
    assert letter.language == "pl" and "[pl] Przeprowadzimy ocenę" in letter.letter.text
    assert "Jeśli" not in letter.letter.html  # no interpreter line when it is written in their language
    own = decide(officer, young_person, today).get(family_member__isnull=True)
    assert (own.language, own.subject) == ("pl", "[pl] Podjęto decyzję w sprawie oceny")


def test_a_council_catalogue_that_translates_the_line_is_used_for_it(council_catalogue, officer, child, today):
    council_catalogue(
        "cy",
        {
            "If you need help to understand this message in your language, phone %(phone)s. "
            "We will arrange an interpreter for you, free of charge.": "[cy] Ffoniwch %(phone)s am help."
        },
    )
    member = add_parent(officer, child, "Gwen", "Hart", language="Welsh")
    email = decide(officer, child, today).get(family_member=member, channel=Channel.EMAIL)
    # The notice itself is not translated, so it goes in English, opening with the council's own line.
    assert (email.language, email.interpreter_needed) == ("en", True)
    assert email.body.startswith("[cy] Ffoniwch 01305 221000 am help.")


def page(child) -> str:
    return reverse("notifications:young-person", args=[child.pk])


def test_the_send_team_records_how_to_write_to_a_young_person(client_for, officer, young_person):
    client = client_for(officer)
    case = client.get(reverse("staff:child", args=[young_person.pk])).content.decode()
    assert 'data-testid="young-person-contact"' in case and "written in English" in case
    assert page(young_person) in case
    response = client.post(
        page(young_person), {"language": "Polish", "needs_interpreter": "on", "phone": "07700 900999"}
    )
    assert response.status_code == 302
    saved = YoungPersonContact.objects.get(child=young_person)
    assert (saved.language, saved.needs_interpreter, saved.phone) == ("Polish", True, "07700 900999")
    assert AuditEvent.objects.filter(child=young_person, summary="How to write to the young person changed").exists()


def test_a_bad_phone_number_is_refused_and_nothing_is_written(client_for, officer, young_person):
    events = AuditEvent.objects.count()
    response = client_for(officer).post(page(young_person), {"language": "Polish", "phone": "call me"})
    assert response.status_code == 200
    assert "Enter a phone number, like 01632 960 001" in response.content.decode()
    assert not YoungPersonContact.objects.exists()
    assert AuditEvent.objects.count() == events


def test_only_the_child_s_council_may_change_it(client_for, outsider, read_only, young_person):
    assert client_for(outsider).get(page(young_person)).status_code == 404
    assert client_for(read_only).post(page(young_person), {"language": "Polish"}).status_code == 403
    assert not YoungPersonContact.objects.exists()


@pytest.mark.parametrize(
    ("language", "says"),
    [("Ukrainian", "a Ukrainian interpreter"), ("Urdu", "an Urdu interpreter"), ("tr", "a Turkish interpreter")],
)
def test_the_call_names_the_interpreter_as_people_say_it(officer, child, today, language, says):
    member = add_parent(officer, child, "Ola", "Nowak", language=language)
    call = decide(officer, child, today).get(family_member=member, channel=Channel.PHONE)
    assert call.subject == f"Call Ola Nowak with {says} about: {SUBJECT}"
