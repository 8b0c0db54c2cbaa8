"""`sendcase sen2_export` and `sendcase sen2_validate`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree

from sendcase.audit.models import AuditEvent
from sendcase.sen2 import schema
from tests.factories import SettingFactory
from tests.sen2.helpers import child_with_plan


def _export(*args):
    out = io.StringIO()
    call_command("sen2_export", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_export_writes_a_valid_file_and_audits_it_once(tmp_path, la, setting):
    child = child_with_plan(la, setting)
    path = tmp_path / "sen2.xml"

    out = _export("--year", "2025", "--output", str(path), "--la", "838", "--dmo", "Y", "--dco", "N")

    assert "1 persons" in out
    document = etree.parse(str(path))
    assert schema.schema().validate(document)
    assert document.findtext("Persons/Person/UPN") == child.upn
    assert document.findtext("Header/Source/DMO") == "Y"
    event = AuditEvent.objects.get(action="export")
    assert "SEN2 return 2025 exported: 1 persons" in event.summary
    assert event.changes["active_plans"] == [None, 1]
    assert not (tmp_path / "sen2.xml.partial").exists()


@pytest.mark.django_db
def test_export_needs_the_header_answers_first(tmp_path, la, setting):
    child_with_plan(la, setting)
    with pytest.raises(CommandError, match="--dmo"):
        _export("--year", "2025", "--output", str(tmp_path / "sen2.xml"), "--la", "838")
    assert not (tmp_path / "sen2.xml").exists()


@pytest.mark.django_db
def test_export_of_several_councils_writes_one_file_each(tmp_path, la, other_la, setting):
    ours = child_with_plan(la, setting)
    theirs = child_with_plan(other_la, SettingFactory(local_authority=other_la))

    _export("--year", "2025", "--output", str(tmp_path / "returns"), "--dmo", "Y", "--dco", "Y")

    for council, child in ((la, ours), (other_la, theirs)):
        document = etree.parse(str(tmp_path / "returns" / f"sen2-2025-{council.code}.xml"))
        assert document.findtext("Header/Source/LEA") == council.code
        assert [p.findtext("UPN") for p in document.iterfind("Persons/Person")] == [child.upn]
    assert AuditEvent.objects.filter(action="export").count() == 2


@pytest.mark.django_db
def test_export_refuses_a_year_it_cannot_write(tmp_path, la):
    with pytest.raises(CommandError, match="not for 2019"):
        _export("--year", "2019", "--output", str(tmp_path / "x.xml"), "--la", "838", "--dmo", "Y", "--dco", "Y")


@pytest.mark.django_db
def test_validate_lists_each_issue_with_the_child_and_fails(la, setting):
    child_with_plan(la, setting)
    no_need = child_with_plan(la, setting, primary_need="")
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("sen2_validate", "--year", "2025", stdout=out)
    assert failed.value.returncode == 1
    lines = [line for line in out.getvalue().splitlines() if "SEN2-R073" in line]
    assert len(lines) == 1 and str(no_need.pk) in lines[0]


@pytest.mark.django_db
def test_validate_passes_clean_data(la, setting):
    child_with_plan(la, setting)
    out = io.StringIO()
    call_command("sen2_validate", "--year", "2025", "--la", "838", stdout=out)
    assert "No errors in the 2025 return" in out.getvalue()


@pytest.mark.django_db
def test_every_council_in_one_pass_gives_the_same_files_as_one_council_at_a_time(la, other_la, setting):
    from sendcase.sen2.export import return_settings_save, sen2_export, sen2_export_every_council
    from tests.sen2.conftest import GENERATED_AT

    for council in (la, other_la):
        return_settings_save(actor=None, la=council, year=2025, dmo="Y", dco="N")
        for n in range(3):
            child_with_plan(council, SettingFactory(local_authority=council), last_name=f"Person{n}")
    one_pass = {
        council.code: b"".join(chunks)
        for council, chunks, _ in sen2_export_every_council(actor=None, year=2025, generated_at=GENERATED_AT)
    }
    for council in (la, other_la):
        alone = b"".join(sen2_export(actor=None, la=council, year=2025, generated_at=GENERATED_AT))
        assert one_pass[council.code] == alone
        assert alone.count(b"<Person>") == 3


def test_the_return_being_prepared_is_this_years_until_march_then_next_years():
    import datetime as dt

    from sendcase.sen2.collection import current_year

    assert current_year(dt.date(2025, 3, 31)) == 2025
    assert current_year(dt.date(2025, 4, 1)) == 2026
    assert current_year(dt.date(2031, 6, 1)) == 2027
