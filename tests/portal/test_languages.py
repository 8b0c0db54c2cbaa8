"""The languages on offer are the languages SENDcase has translated: no language is offered untranslated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

import sendcase.notifications
import sendcase.portal

pytestmark = pytest.mark.django_db

PORTAL_LOCALE = Path(sendcase.portal.__file__).parent / "locale"
NOTICES_LOCALE = Path(sendcase.notifications.__file__).parent / "locale"


def _entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry of a catalogue, header and obsolete entries left out."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        text = "\n".join(lines)
        msgid = re.search(r'^msgid "(.*)"$', text, re.M)
        msgstr = re.search(r'^msgstr "(.*)"$', text, re.M)
        if msgid and msgstr and msgid.group(1):
            found.append((msgid.group(1), msgstr.group(1), "fuzzy" in text.split("msgid")[0]))
    return found


def test_every_portal_language_but_english_has_a_complete_compiled_catalogue():
    offered = [code for code, _name in settings.LANGUAGES if not code.startswith("en")]
    assert offered == ["pl"]
    for code in offered:
        po = PORTAL_LOCALE / code / "LC_MESSAGES" / "django.po"
        assert (po.with_suffix(".mo")).exists(), code
        entries = _entries(po)
        assert len(entries) > 300
        untranslated = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
        assert untranslated == [], (code, untranslated[:5])


def test_notices_are_written_in_english_unless_the_council_supplies_a_catalogue():
    assert settings.SENDCASE_FAMILY_LANGUAGES == ["en"]
    # The template a council translates ships; no half-translated language does.
    assert (NOTICES_LOCALE / "django.pot").exists()
    assert not [p for p in NOTICES_LOCALE.iterdir() if p.is_dir()]


def test_the_new_password_pages_are_in_polish_for_a_polish_family(client: Client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    page = client.get(reverse("portal:forgotten-password")).content.decode()
    assert '<html lang="pl"' in page and "Nie pamiętasz hasła?" in page
    sign_in = client.get(reverse("portal:sign-in")).content.decode()
    assert "Nie pamiętasz hasła?" in sign_in
