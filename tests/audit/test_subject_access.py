"""Subject access export: everything held about one child, as a zip of JSON, a PDF and documents."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import isolate_apps
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit import chain
from sendcase.audit.models import Action, AuditEvent
from sendcase.audit.subject_access import export as export_module
from sendcase.audit.subject_access import subject_access_export, summary
from sendcase.audit.subject_access.discovery import record_types
from sendcase.cases import services
from sendcase.people import services as people_services
from sendcase.people.models import Child, FamilyMember
from tests.factories import ChildFactory, UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(child, officer, request_received, today):
    """A child with a parent, a request decided and advice asked for, an exception and a contact."""
    people_services.family_member_add(
        actor=officer,
        child=child,
        first_name="Grace",
        last_name="Hart",
        relationship="mother",
        parental_responsibility=True,
        email="grace.hart@example.com",
        main_contact=True,
    )
    request = services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=today - dt.timedelta(weeks=1),
        expected_version=None,
    )
    services.advice_request_add(
        actor=officer, request=request, contributor="ep", requested_on=today - dt.timedelta(days=5)
    )
    services.contact_log_add(
        actor=officer,
        child=child,
        occurred_at=dt.datetime(2025, 5, 20, 10, 30, tzinfo=dt.UTC),
        kind="phone",
        direction="in",
        with_whom="Grace Hart",
        summary="Asked when the decision would be made.",
    )
    return child


def _open(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def _json(archive: zipfile.ZipFile, name: str) -> dict:
    return json.loads(archive.read(name))


def test_the_zip_holds_every_record_type_the_pdf_and_a_manifest_that_checks_out(case, manager):
    archive = _open(subject_access_export(actor=manager, child=case))
    names = set(archive.namelist())
    expected = {t.filename for t in record_types()}
    assert {"manifest.json", "summary.pdf", "children.json", "family_members.json", "assessment_requests.json"} <= names
    assert expected <= names
    assert archive.testzip() is None

    manifest = _json(archive, "manifest.json")
    assert manifest["child"]["reference"] == case.reference
    assert manifest["generated_by"]["email"] == manager.email
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == names - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(archive.read(name)).hexdigest(), name
        if name.endswith(".json"):
            assert entry["count"] == len(_json(archive, name)["records"]), name


def test_the_json_gives_back_the_childs_names_family_request_dates_and_who_looked(case, manager, colleague, client_for):
    client_for(colleague).get(reverse("staff:child", args=[case.pk]), REMOTE_ADDR="192.0.2.44")
    archive = _open(subject_access_export(actor=manager, child=case))

    (child,) = _json(archive, "children.json")["records"]
    assert (child["first_name"], child["last_name"]) == ("Amelia", "Hart")
    assert child["date_of_birth"] == case.date_of_birth.isoformat()
    assert child["setting"] == {"id": str(case.setting_id), "label": "Castle Primary School"}
    assert child["sex_display"] == "Female"

    (member,) = _json(archive, "family_members.json")["records"]
    assert (member["first_name"], member["email"]) == ("Grace", "grace.hart@example.com")
    (link,) = _json(archive, "family_links.json")["records"]
    assert link["member"]["id"] == member["id"] and link["relationship_display"] == "Mother"

    (request,) = _json(archive, "assessment_requests.json")["records"]
    assert (request["received_on"], request["assess_decision_on"]) == ("2025-05-05", "2025-05-26")
    (advice,) = _json(archive, "advice_requests.json")["records"]
    assert advice["requested_on"] == "2025-05-28" and advice["request"]["id"] == request["id"]
    assert _json(archive, "contact_log_entries.json")["records"][0]["occurred_at"].startswith("2025-05-20T10:30")
    assert len(_json(archive, "key_worker_assignments.json")["records"]) == 1

    events = _json(archive, "audit_events.json")["records"]
    viewed = [e for e in events if e["summary"] == "Case page viewed"]
    assert viewed and viewed[0]["actor_label"].startswith("Colin Colleague")
    assert viewed[0]["ip_address"] == "192.0.2.44"
    assert dt.datetime.fromisoformat(viewed[0]["occurred_at"]).tzinfo is not None


def test_the_pdf_summary_reads_as_the_childs_record(case, manager):
    archive = _open(subject_access_export(actor=manager, child=case))
    text = pdf_text(archive.read("summary.pdf"))
    assert "Amelia Hart" in text and case.reference in text
    for heading in (
        "Child or young person",
        "Family",
        "School or setting",
        "Requests and assessments",
        "Plans",
        "Contact log",
        "Key workers",
        "Access log",
    ):
        assert heading in text, heading
    assert "Grace Hart" in text and "Castle Primary School" in text
    assert "received 5 May 2025" in text
    assert "Asked when the decision would be made." in text


def test_the_pdf_access_log_puts_a_persons_views_of_a_page_on_one_day_on_one_line(case, manager, colleague, client_for):
    for _ in range(3):
        client_for(colleague).get(reverse("staff:child", args=[case.pk]), REMOTE_ADDR="192.0.2.44")
    text = pdf_text(_open(subject_access_export(actor=manager, child=case)).read("summary.pdf"))
    assert "Viewed 3 times: Case page viewed" in text
    assert "Created: Request received 5 May 2025" in text


def test_a_very_long_access_log_shows_its_newest_lines_and_says_the_rest_are_in_the_json(case, manager, monkeypatch):
    monkeypatch.setattr(summary, "MAX_LOG_ROWS", 2)
    archive = _open(subject_access_export(actor=manager, child=case))
    text = pdf_text(archive.read("summary.pdf"))
    events = len(_json(archive, "audit_events.json")["records"])
    assert f"({events} events)" in text
    assert f"The {events - 2} oldest lines of the log are not shown here" in text
    assert "Phone call logged" in text and "Key worker changed" not in text


def test_the_export_is_audited_with_its_counts_and_the_manifests_hash(case, manager):
    before = AuditEvent.objects.count()
    archive = _open(subject_access_export(actor=manager, child=case))
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert AuditEvent.objects.count() == before + 1
    assert (event.actor, event.child, event.object_id) == (manager, case, str(case.pk))
    manifest = _json(archive, "manifest.json")
    for entry in manifest["files"]:
        if "count" in entry:
            assert event.changes[entry["name"]] == [None, entry["count"]]
    assert event.changes["manifest.json"] == [None, hashlib.sha256(archive.read("manifest.json")).hexdigest()]
    assert "Subject access export" in event.summary
    verdict = chain.verify(AuditEvent.objects.order_by("sequence").values("id", "event_hash", *chain.CHAINED_FIELDS))
    assert verdict.broken is None


def test_a_child_with_no_requests_still_exports(la, manager):
    alone = ChildFactory(local_authority=la, first_name="Noor", last_name="Ali", setting=None)
    archive = _open(subject_access_export(actor=manager, child=alone))
    assert _json(archive, "assessment_requests.json")["records"] == []
    assert _json(archive, "family_members.json")["records"] == []
    text = pdf_text(archive.read("summary.pdf"))
    assert "Noor Ali" in text and "No requests for an assessment recorded" in text


def test_the_manager_downloads_the_zip_from_the_page(case, manager, client_for):
    client = client_for(manager)
    page = client.get(reverse("staff:subject-access", args=[case.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Download the subject access export" in html and 'data-file="family_members.json"' in html
    response = client.post(reverse("staff:subject-access", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    # The page said what the export would hold, file by file.
    for entry in _json(_open(response.content), "manifest.json")["files"]:
        if "count" in entry and entry["name"] != "audit_events.json":  # viewing the page added an event
            row = re.search(rf'data-file="{re.escape(entry["name"])}">.*?numeric">(\d+)</td>', html)
            assert row and int(row[1]) == entry["count"], entry["name"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="sendcase-{case.reference}-subject-access-2025-06-02.zip"'
    )
    assert response["Cache-Control"] == "no-store"
    assert "children.json" in _open(response.content).namelist()
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=manager, child=case).count() == 1


def test_only_managers_and_administrators_see_the_link_on_the_case_page(case, manager, officer, client_for, la):
    link = reverse("staff:subject-access", args=[case.pk])
    assert link in client_for(manager).get(reverse("staff:child", args=[case.pk])).content.decode()
    administrator = UserFactory(local_authority=la, role=Role.ADMINISTRATOR)
    assert link in client_for(administrator).get(reverse("staff:child", args=[case.pk])).content.decode()
    assert link not in client_for(officer).get(reverse("staff:child", args=[case.pk])).content.decode()


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.READ_ONLY, Role.ANALYST])
def test_other_send_team_staff_are_refused(case, client_for, la, role):
    user = UserFactory(local_authority=la, role=role)
    url = reverse("staff:subject-access", args=[case.pk])
    assert client_for(user).get(url).status_code == 403
    assert client_for(user).post(url).status_code == 403
    with pytest.raises(PermissionDenied):
        subject_access_export(actor=user, child=case)
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_another_councils_staff_get_not_found_and_no_data(case, outsider, other_la, client_for):
    other_manager = UserFactory(local_authority=other_la, role=Role.TEAM_MANAGER)
    url = reverse("staff:subject-access", args=[case.pk])
    for user in (outsider, other_manager):
        for response in (client_for(user).get(url), client_for(user).post(url)):
            assert response.status_code == 404
            assert b"Amelia" not in response.content and case.reference.encode() not in response.content
    with pytest.raises(PermissionDenied):
        subject_access_export(actor=other_manager, child=case)
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_the_command_writes_the_export_for_a_manager(case, manager, tmp_path):
    call_command("subject_access_export", child=case.reference, actor=manager.email, output=str(tmp_path))
    written = tmp_path / f"sendcase-{case.reference}-subject-access-2025-06-02.zip"
    assert _json(_open(written.read_bytes()), "children.json")["records"][0]["reference"] == case.reference
    assert written.stat().st_mode & 0o077 == 0
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=manager, child=case).exists()
    with pytest.raises(CommandError, match="already exists"):
        call_command("subject_access_export", child=case.reference, actor=manager.email, output=str(written))


def test_the_command_refuses_a_case_officer_and_an_unknown_child(case, officer, manager, tmp_path):
    with pytest.raises(CommandError, match="managers and administrators"):
        call_command("subject_access_export", child=case.reference, actor=officer.email, output=str(tmp_path))
    with pytest.raises(CommandError, match="No child with the reference SC-0000000"):
        call_command("subject_access_export", child="SC-0000000", actor=manager.email, output=str(tmp_path))
    assert list(tmp_path.iterdir()) == []
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def _models_about_a_child() -> set[str]:
    """Every installed model with a relation path to Child, worked out afresh as a fixed point."""
    user_model = get_user_model()
    reached: set[type[models.Model]] = {Child}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in reached or model is FamilyMember:
                continue
            targets = {
                f.related_model
                for f in model._meta.get_fields()
                if (f.many_to_one or f.one_to_one or f.many_to_many) and f.concrete and f.related_model is not None
            }
            if targets & reached - {user_model}:
                reached.add(model)
                grown = True
    return {m._meta.label_lower for m in reached | {FamilyMember}}


def test_every_model_with_a_path_to_the_child_is_in_the_manifest(case, manager):
    manifest = _json(_open(subject_access_export(actor=manager, child=case)), "manifest.json")
    exported = {entry.get("record_type") for entry in manifest["files"]}
    missing = _models_about_a_child() - exported
    assert not missing, f"Records about a child left out of the subject access export: {sorted(missing)}"


@pytest.mark.django_db(transaction=True)
def test_a_model_added_later_is_exported_with_its_uploaded_files(la, monkeypatch, settings, tmp_path):
    """A new kind of record with a file: found from its foreign key, its file in documents/."""
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "decision.pdf").write_bytes(b"%PDF-1.4 a letter")
    manager = UserFactory(local_authority=la, role=Role.TEAM_MANAGER)
    child = ChildFactory(local_authority=la, first_name="Ivy", last_name="Stone")
    with isolate_apps("sendcase.audit") as test_apps:
        test_apps.register_model("people", Child)

        class Letter(models.Model):
            child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
            file = models.FileField(upload_to="letters")
            lost = models.FileField(upload_to="letters", blank=True)

            class Meta:
                app_label = "audit"
                verbose_name_plural = "letters sent"

            def __str__(self) -> str:
                return self.file.name

        with connection.schema_editor() as editor:
            editor.create_model(Letter)
        try:
            letter = Letter.objects.create(child=child, file="letters/decision.pdf", lost="letters/gone.pdf")
            monkeypatch.setattr(export_module, "record_types", lambda: record_types([*apps.get_models(), Letter]))
            archive = _open(subject_access_export(actor=manager, child=child))
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Letter)
    (row,) = _json(archive, "letters_sent.json")["records"]
    path = f"documents/letters_sent/{letter.pk}/file/decision.pdf"
    assert row["file"] == {"name": "letters/decision.pdf", "document": path}
    assert archive.read(path) == b"%PDF-1.4 a letter"
    manifest = _json(archive, "manifest.json")
    assert {"name": path, "title": "Uploaded document", "sha256": hashlib.sha256(b"%PDF-1.4 a letter").hexdigest()} in (
        manifest["files"]
    )
    assert [m["stored_as"] for m in manifest["documents_missing"]] == ["letters/gone.pdf"]
