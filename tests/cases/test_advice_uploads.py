"""Documents sent with advice: checked by their contents, stored outside the web root, downloads audited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.models import AdviceDocument, AdviceRequest
from sendcase.core.errors import ValidationFailed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
pytest_plugins = ("tests.cases.advice_fixtures",)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# The first bytes of a Windows program: what an .exe renamed to .pdf still starts with.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.SENDCASE_UPLOAD_DIR = tmp_path / "uploads"
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = ""
    return tmp_path / "uploads"


def stored_files(upload_dir):
    return [p for p in upload_dir.rglob("*") if p.is_file()] if upload_dir.exists() else []


def submit(ep, advice, *files):
    return services.advice_submit(actor=ep, advice=advice, documents=list(files), expected_version=advice.version)


def test_pdf_word_jpeg_and_png_are_kept_outside_the_web_root_with_their_checksums(ep, ep_advice, upload_dir, settings):
    submit(
        ep,
        ep_advice,
        SimpleUploadedFile("EP report.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("notes.docx", docx_bytes(), content_type="application/octet-stream"),
        SimpleUploadedFile("drawing.PNG", PNG, content_type="image/png"),
    )
    documents = {d.original_name: d for d in AdviceDocument.objects.filter(advice=ep_advice)}
    assert set(documents) == {"EP report.pdf", "notes.docx", "drawing.PNG"}
    # The content type is what SENDcase found inside the file, not what the browser claimed.
    assert documents["notes.docx"].content_type.endswith("wordprocessingml.document")
    import hashlib

    assert documents["EP report.pdf"].sha256 == hashlib.sha256(PDF).hexdigest()
    assert documents["EP report.pdf"].size == len(PDF)
    files = stored_files(upload_dir)
    assert len(files) == 3
    assert not any(str(settings.STATIC_ROOT) in str(f) for f in files)
    # Stored under random names: nothing about the child or the file reaches the disk.
    assert not any("report" in f.name for f in files)
    assert AdviceRequest.objects.get(pk=ep_advice.pk).received_on is not None


def test_a_program_renamed_pdf_is_refused_and_nothing_is_written(ep, ep_advice, upload_dir):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.advice_submit(
            actor=ep,
            advice=ep_advice,
            needs="See the attached report",
            documents=[SimpleUploadedFile("report.pdf", EXE, content_type="application/pdf")],
            expected_version=ep_advice.version,
        )
    assert refused.value.field_errors["documents"] == (
        "report.pdf is not really a PDF, Word (.docx), JPEG or PNG file: its contents do not match its name"
    )
    assert stored_files(upload_dir) == []
    assert not AdviceDocument.objects.exists()
    assert AdviceRequest.objects.get(pk=ep_advice.pk).received_on is None
    assert AuditEvent.objects.count() == events


def test_other_kinds_of_file_are_refused_by_name(ep, ep_advice, upload_dir):
    with pytest.raises(ValidationFailed) as refused:
        submit(ep, ep_advice, SimpleUploadedFile("setup.exe", EXE))
    assert refused.value.field_errors["documents"] == "setup.exe must be a PDF, Word (.docx), JPEG or PNG file"
    assert stored_files(upload_dir) == []


def test_an_oversized_file_is_refused_and_nothing_is_written(ep, ep_advice, upload_dir, settings):
    settings.SENDCASE_UPLOAD_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationFailed) as refused:
        submit(ep, ep_advice, SimpleUploadedFile("fine.pdf", PDF), big)
    assert refused.value.field_errors["documents"] == "scan.pdf is 2 MB: the file must be smaller than 1 MB"
    assert stored_files(upload_dir) == []
    assert not AdviceDocument.objects.exists()


def test_the_virus_scan_hook_rejects_a_file_when_the_scanner_says_so(ep, ep_advice, upload_dir, settings):
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = "false"  # a scanner that finds a problem in everything
    with pytest.raises(ValidationFailed) as refused:
        submit(ep, ep_advice, SimpleUploadedFile("report.pdf", PDF))
    assert refused.value.field_errors["documents"] == "report.pdf was rejected by the virus check"
    assert stored_files(upload_dir) == []
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = "true"  # a scanner that finds nothing
    submit(ep, ep_advice, SimpleUploadedFile("report.pdf", PDF))
    assert AdviceDocument.objects.count() == 1


def test_a_scanner_that_cannot_run_rejects_the_file(ep, ep_advice, upload_dir, settings):
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = "/nonexistent/clamdscan --no-summary"
    with pytest.raises(ValidationFailed) as refused:
        submit(ep, ep_advice, SimpleUploadedFile("report.pdf", PDF))
    assert "could not be checked for viruses" in refused.value.field_errors["documents"]
    assert stored_files(upload_dir) == []


def test_the_upload_page_refuses_a_renamed_program_with_the_error_summary(client_for, ep, ep_advice, upload_dir):
    response = client_for(ep).post(
        reverse("staff:advice-detail", args=[ep_advice.pk]),
        {
            "version": ep_advice.version,
            "needs": "Report attached",
            "documents": [SimpleUploadedFile("report.pdf", EXE)],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "its contents do not match its name" in html
    assert stored_files(upload_dir) == []


def test_the_case_officer_downloads_a_document_and_the_download_is_audited(client_for, ep, officer, ep_advice, child):
    submit(ep, ep_advice, SimpleUploadedFile("EP report.pdf", PDF))
    document = AdviceDocument.objects.get()
    url = reverse("staff:advice-document", args=[ep_advice.pk, document.pk])
    html = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert url in html
    response = client_for(officer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="EP report.pdf"' in response["Content-Disposition"]
    event = AuditEvent.objects.filter(actor=officer, action="export").latest("sequence")
    assert event.child == child and "EP report.pdf" in event.summary
    # The contributor who sent it may download it too; a stranger cannot find it.
    assert client_for(ep).get(url).status_code == 200
    stranger = UserFactory(local_authority=None, role="professional")
    assert client_for(stranger).get(url).status_code == 404
