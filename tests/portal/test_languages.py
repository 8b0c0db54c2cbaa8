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


# --- Nothing a family reads leaks in English: uploads, conflicts, pages not found ------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture
def polish(settings, tmp_path):
    settings.SENDCASE_UPLOAD_DIR = tmp_path / "uploads"
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = ""

    def client_in_polish(client: Client) -> Client:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
        return client

    return client_in_polish


def _upload(client: Client, child, name: str, content: bytes) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("portal:documents", args=[child.pk]), {"documents": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "english"),
    [
        ("report.pdf", EXE, "is not really a PDF"),
        ("report.exe", EXE, "must be a PDF, Word"),
    ],
)
def test_a_refused_upload_is_explained_in_polish(polish, family_client, parent_account, child, name, content, english):
    from sendcase.portal.models import FamilyDocument

    page = _upload(polish(family_client(parent_account)), child, name, content)
    assert "govuk-error-summary" in page and name in page
    assert english not in page
    assert not FamilyDocument.objects.exists()


def test_an_empty_upload_is_refused_in_polish_too(polish, family_client, parent_account, child):
    page = _upload(polish(family_client(parent_account)), child, "empty.pdf", b"")
    assert "govuk-error-summary" in page and "The submitted file is empty" not in page


def test_an_oversized_upload_and_a_virus_check_refusal_are_explained_in_polish(
    polish, family_client, parent_account, child, settings
):
    from sendcase.portal.models import FamilyDocument

    client = polish(family_client(parent_account))
    settings.SENDCASE_UPLOAD_MAX_BYTES = 1024
    page = _upload(client, child, "scan.pdf", PDF + b"0" * 2048)
    assert "scan.pdf" in page and "the file must be smaller than" not in page
    settings.SENDCASE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = "false"  # a scanner that rejects everything
    page = _upload(client, child, "letter.pdf", PDF)
    assert "letter.pdf" in page and "virus check" not in page
    assert not FamilyDocument.objects.exists()


def test_a_family_writes_over_a_change_made_meanwhile_and_is_told_in_polish(
    polish, family_client, parent_account, child
):
    from sendcase.portal.models import FamilyViews

    client = polish(family_client(parent_account))
    url = reverse("portal:views", args=[child.pk])
    client.post(url, {"child_views": "Pierwsza wersja", "action": "save"})
    page = client.post(url, {"child_views": "Druga", "action": "save", "version": 99}).content.decode()
    assert "govuk-error-summary" in page and "Someone else changed" not in page and "Your changes" not in page
    assert FamilyViews.objects.get().child_views == "Pierwsza wersja"


def test_another_familys_child_is_a_page_not_found_in_the_familys_language(
    polish, family_client, other_parent_account, child
):
    response = polish(family_client(other_parent_account)).get(reverse("portal:timeline", args=[child.pk]))
    page = response.content.decode()
    assert response.status_code == 404 and '<html lang="pl"' in page
    assert "Page not found" not in page and "Amelia" not in page
