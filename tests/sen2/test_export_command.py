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

    from sendcase.sen2.collection import available_years, collection_for, current_year

    assert current_year(dt.date(2025, 3, 31)) == 2025
    assert current_year(dt.date(2025, 4, 1)) == 2026
    assert current_year(dt.date(2024, 6, 1)) == 2025  # nothing before the first year SENDcase writes
    # After the last published census date the year goes on, with the third Thursday of January.
    assert current_year(dt.date(2027, 3, 31)) == 2027
    assert current_year(dt.date(2027, 4, 1)) == 2028
    assert current_year(dt.date(2031, 6, 1)) == 2032
    assert collection_for(2027).census == dt.date(2027, 1, 21) and collection_for(2027).census_published
    later = collection_for(2028)
    assert later.census == dt.date(2028, 1, 20) and later.census.weekday() == 3 and not later.census_published
    assert (later.period_start, later.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert available_years(dt.date(2025, 6, 1)) == [2025, 2026, 2027]
    assert available_years(dt.date(2031, 6, 1)) == list(range(2025, 2033))


def _export_checked(*args):
    """`sen2_export ... --validate`: (stdout, stderr, the CommandError it ended with, if any)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("sen2_export", *args, "--validate", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.mark.django_db
def test_validate_checks_the_written_demo_return_and_finds_nothing_wrong(tmp_path):
    from tests.sen2.conftest import seed_small_council

    seed_small_council()
    path = tmp_path / "sen2.xml"

    out, err, failed = _export_checked(
        "--year", "2025", "--output", str(path), "--la", "838", "--dmo", "Y", "--dco", "N"
    )

    assert failed is None, err
    persons = etree.parse(str(path)).getroot().findall("Persons/Person")
    assert f"Checked {len(persons):,} persons in 1 file against the schema and every rule" in out
    assert "0 errors" in out and err == ""


@pytest.mark.django_db
def test_validate_reports_each_problem_in_the_written_file_with_its_place_and_fails(tmp_path, la, setting):
    import datetime as dt

    from sendcase.cases.models import Plan
    from sendcase.people.models import Child
    from tests.factories import ChildFactory

    child_with_plan(la, setting, last_name="Fine")
    good = child_with_plan(la, setting, last_name="Checkletter").upn
    wrong = next(letter for letter in "ABCDEFGHJKLMNPQRTUVWXYZ" if letter != good[0]) + good[1:]
    Child.objects.filter(upn=good).update(upn=wrong)  # a business rule: SEN2-R030
    odd = ChildFactory(local_authority=la, last_name="Oddsex", sex="X", primary_need="ASD")  # the schema: R011
    Plan.objects.create(child=odd, issued_on=dt.date(2023, 5, 2), named_setting=setting)
    path = tmp_path / "sen2.xml"

    out, err, failed = _export_checked(
        "--year", "2025", "--output", str(path), "--la", "838", "--dmo", "Y", "--dco", "N"
    )

    assert failed is not None and failed.returncode == 1
    assert "2 errors" in str(failed)
    lines = path.read_text().splitlines()  # the file is kept, to be looked at
    for rule, surname, item, value in (("SEN2-R030", "Checkletter", "UPN", wrong), ("SEN2-R011", "Oddsex", "Sex", "X")):
        reported = next(line for line in err.splitlines() if rule in line)
        assert reported.startswith(f"sen2.xml: {rule} error (line ") and surname in reported
        assert "/Persons/Person[" in reported and reported.split(": ")[1].endswith(f"/{item})")
        line = int(reported.split("(line ")[1].split(";")[0])
        assert lines[line - 1].strip() == f"<{item}>{value}</{item}>"
    assert "3 persons checked, 2 errors" in out


@pytest.mark.django_db
def test_live_issues_name_no_line_of_a_file(la, setting):
    from sendcase.sen2.live import sen2_live_issues

    child_with_plan(la, setting, primary_need="")
    report, _ = sen2_live_issues(la=la, year=2025)
    assert report.problems and all(problem.line is None for problem in report.problems)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("sen2_validate", "--year", "2025", stdout=out)
    issue = next(line for line in out.getvalue().splitlines() if "SEN2-R073" in line)
    assert "line " not in issue and "Person[1]/Requests[1]/ActivePlans" in issue
