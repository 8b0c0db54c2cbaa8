"""Families taking part: views as drafts until sent, documents, the review meeting, messages."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services as case_services
from sendcase.core.errors import ValidationFailed
from sendcase.notifications.models import OutboxMessage
from sendcase.portal import services
from sendcase.portal.access import child_get_for_family
from sendcase.portal.models import FamilyAuditEvent, FamilyDocument, FamilyViews, Message, ReviewPreference, Status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The first bytes of a Windows program: what an .exe renamed to .pdf still starts with.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.SENDCASE_UPLOAD_DIR = tmp_path / "uploads"
    settings.SENDCASE_UPLOAD_SCAN_COMMAND = ""
    return tmp_path / "uploads"


def stored_files(upload_dir):
    return [p for p in upload_dir.rglob("*") if p.is_file()] if upload_dir.exists() else []


def views_url(child):
    return reverse("portal:views", args=[child.pk])


def test_views_stay_a_draft_only_the_family_sees_until_they_are_sent(
    family_client, parent_account, child, client_for, officer
):
    client = family_client(parent_account)
    client.post(views_url(child), {"child_views": "Amelia loves trains.", "action": "save"})
    draft = FamilyViews.objects.get()
    assert draft.status == Status.DRAFT and draft.sent_at is None
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Amelia loves trains." not in case_page

    page = client.get(views_url(child)).content.decode()
    assert "Amelia loves trains." in page  # the draft comes back to carry on with
    client.post(
        views_url(child),
        {"child_views": "Amelia loves trains.", "aspirations": "To go to college", "action": "send", "version": 1},
    )
    sent = FamilyViews.objects.get()
    assert sent.status == Status.SENT and sent.sent_at is not None and sent.aspirations == "To go to college"
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Amelia loves trains." in case_page and "To go to college" in case_page


def test_sent_views_cannot_be_changed(parent_account, child):
    family_child = child_get_for_family(parent_account, child.pk)
    sent = services.views_save(
        account=parent_account,
        family_child=family_child,
        views=None,
        child_views="First",
        family_views="",
        aspirations="",
        send=True,
        expected_version=None,
    )
    with pytest.raises(ValidationFailed):
        services.views_save(
            account=parent_account,
            family_child=family_child,
            views=sent,
            child_views="Changed",
            family_views="",
            aspirations="",
            send=False,
            expected_version=sent.version,
        )
    sent.refresh_from_db()
    assert sent.child_views == "First"


def test_empty_views_cannot_be_sent(family_client, parent_account, child):
    page = family_client(parent_account).post(views_url(child), {"action": "send"}).content.decode()
    assert "Write something in at least one of the boxes" in page
    assert not FamilyViews.objects.exists()


def upload(client, child, name, content):
    return client.post(
        reverse("portal:documents", args=[child.pk]),
        {"documents": SimpleUploadedFile(name, content), "description": "Letter"},
    )


def test_a_pdf_is_stored_outside_the_web_root_and_the_officer_can_download_it(
    family_client, parent_account, child, upload_dir, client_for, officer
):
    upload(family_client(parent_account), child, "paediatrician.pdf", PDF)
    document = FamilyDocument.objects.get()
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    [path] = stored_files(upload_dir)
    assert path.read_bytes() == PDF and "paediatrician" not in str(path)
    response = client_for(officer).get(reverse("portal_staff:document", args=[child.pk, document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(actor=officer, action="export", summary__contains="paediatrician.pdf").exists()


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_written(family_client, parent_account, child, upload_dir):
    page = upload(family_client(parent_account), child, "report.pdf", EXE).content.decode()
    assert "report.pdf is not really a PDF, Word (.docx), JPEG or PNG file" in page
    assert not FamilyDocument.objects.exists()
    assert stored_files(upload_dir) == []


def test_an_oversized_file_is_refused_and_nothing_is_written(
    family_client, parent_account, child, upload_dir, settings
):
    settings.SENDCASE_UPLOAD_MAX_BYTES = 1024
    page = upload(family_client(parent_account), child, "scan.pdf", PDF + b"0" * 2048).content.decode()
    assert "scan.pdf is 2.0\xa0KB: the file must be smaller than 1.0\xa0KB" in html.unescape(page)
    assert not FamilyDocument.objects.exists()
    assert stored_files(upload_dir) == []


def test_another_familys_document_cannot_be_downloaded_through_this_child(
    family_client, parent_account, child, other_child, client_for, outsider, officer
):
    upload(family_client(parent_account), child, "paediatrician.pdf", PDF)
    document = FamilyDocument.objects.get()
    assert (
        client_for(officer).get(reverse("portal_staff:document", args=[other_child.pk, document.pk])).status_code == 404
    )
    assert client_for(outsider).get(reverse("portal_staff:document", args=[child.pk, document.pk])).status_code == 404


@pytest.fixture
def plan(officer, child):
    return case_services.transfer_in_record(
        actor=officer,
        child=child,
        from_la="865",
        plan_issued_on=dt.date(2024, 9, 1),
        transferred_on=dt.date(2025, 1, 6),
        named_setting=None,
    )


def test_the_family_chooses_how_the_review_meeting_is_held(
    family_client, parent_account, child, plan, client_for, officer
):
    client = family_client(parent_account)
    page = client.get(reverse("portal:review", args=[child.pk])).content.decode()
    assert "The plan must be reviewed by 1 September 2025" in page
    client.post(
        reverse("portal:review", args=[child.pk]),
        {"meeting_format": "online", "access_needs": "A Polish interpreter", "views": "Going well"},
    )
    preference = ReviewPreference.objects.get()
    assert preference.plan == plan and preference.meeting_format == "online"
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "A Polish interpreter" in case_page


def test_without_a_plan_there_is_no_review_to_choose_for(family_client, parent_account, child):
    client = family_client(parent_account)
    page = client.post(reverse("portal:review", args=[child.pk]), {"meeting_format": "phone"}).content.decode()
    assert "There is no EHC plan to review yet" in page
    assert not ReviewPreference.objects.exists()


def test_messages_go_both_ways_and_the_emails_say_only_that_there_is_one(
    family_client, parent_account, child, client_for, officer
):
    family = family_client(parent_account)
    family.post(reverse("portal:messages", args=[child.pk]), {"body": "Can we meet before the draft?"})
    message = Message.objects.get()
    assert message.from_family
    to_officer = OutboxMessage.objects.get(template="family_message_for_staff")
    assert to_officer.recipient == officer.email
    assert to_officer.subject == "You have a new message in SENDcase"
    assert "meet" not in to_officer.body and "Amelia" not in to_officer.body

    thread_url = reverse("portal_staff:thread", args=[child.pk, message.thread_id])
    staff = client_for(officer)
    assert "Can we meet before the draft?" in staff.get(thread_url).content.decode()
    staff.post(thread_url, {"body": "Yes, on Tuesday at 10."})
    to_family = OutboxMessage.objects.get(template="family_new_message")
    assert to_family.recipient == parent_account.email
    assert "Tuesday" not in to_family.body and "You have a new message in SENDcase" in to_family.body
    assert "Yes, on Tuesday at 10." in family.get(reverse("portal:messages", args=[child.pk])).content.decode()

    assert FamilyAuditEvent.objects.filter(account=parent_account, event__summary__contains="Message sent").exists()
    assert AuditEvent.objects.filter(actor=officer, summary__contains="Message sent to Jane Hart").exists()
    assert AuditEvent.objects.filter(actor=officer, summary__contains="messages with Jane Hart read").exists()


def test_read_only_staff_can_read_but_not_reply(family_client, parent_account, child, client_for, read_only):
    family_client(parent_account).post(reverse("portal:messages", args=[child.pk]), {"body": "Hello"})
    thread_url = reverse("portal_staff:thread", args=[child.pk, Message.objects.get().thread_id])
    assert client_for(read_only).post(thread_url, {"body": "Hi"}).status_code == 403
    assert Message.objects.count() == 1


def test_each_parent_has_their_own_conversation(family_client, parent_account, la, child):
    from tests.portal.conftest import link, make_account, make_member

    dad = make_member(la, first="Tom", last="Hart", email="tom.hart@family.example")
    link(child, dad)
    dads_account = make_account(la=la, email=dad.email, member=dad)
    family_client(parent_account).post(reverse("portal:messages", args=[child.pk]), {"body": "From Jane only"})
    page = family_client(dads_account).get(reverse("portal:messages", args=[child.pk])).content.decode()
    assert "From Jane only" not in page


def test_an_officer_of_another_council_cannot_read_or_answer_the_messages(
    family_client, parent_account, child, client_for, outsider
):
    family_client(parent_account).post(reverse("portal:messages", args=[child.pk]), {"body": "Private words"})
    thread_url = reverse("portal_staff:thread", args=[child.pk, Message.objects.get().thread_id])
    for method in ("get", "post"):
        response = getattr(client_for(outsider), method)(thread_url, {"body": "Hi"})
        assert response.status_code == 404 and "Private words" not in response.content.decode()
    assert Message.objects.count() == 1
