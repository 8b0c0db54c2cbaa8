"""`sendcase sen2_import`: bad files get a clear report, exit code 1 and nothing written."""

from __future__ import annotations

import io
import itertools
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.sen2.conftest import row_counts, write
from tests.sen2.sample import UPN_HART, UPN_MOSS, sample

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Message><Header>&lol9;</Header></Message>
"""

BAD_FILES = {
    "malformed": (sample()[:2000], "SEN2-R001", "not well-formed XML"),
    "external entity": (
        sample()
        .replace("<Message>", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Message>')
        .replace("<Surname>Hart", "<Surname>&e;Hart"),
        "SEN2-R002",
        "DOCTYPE",
    ),
    "billion laughs": (BILLION_LAUGHS, "SEN2-R002", "DOCTYPE"),
    "billion laughs behind a comment": (
        BILLION_LAUGHS.replace("<!DOCTYPE", "<!-- exported by another system -->\n<?pi x?>\n<!DOCTYPE"),
        "SEN2-R002",
        "line 4",
    ),
    "unknown code": (sample().replace("<Ethnicity>WBRI", "<Ethnicity>WXYZ"), "SEN2-R011", "Ethnicity 'WXYZ'"),
    "impossible date": (
        sample().replace("<ReceivedDate>2024-01-15", "<ReceivedDate>2025-02-30"),
        "SEN2-R013",
        "ReceivedDate '2025-02-30' is not a real date",
    ),
    "birth date in the future": (
        sample().replace("<PersonBirthDate>2015-03-04", "<PersonBirthDate>2031-01-01"),
        "SEN2-R020",
        "after the census date",
    ),
    "duplicated UPN": (sample().replace(f"<UPN>{UPN_MOSS}", f"<UPN>{UPN_HART}"), "SEN2-R031", f"UPN {UPN_HART}"),
    "not SEN2": ("<html><body>Hello</body></html>", "SEN2-R003", "not Message"),
    "empty": ("", "SEN2-R001", "not well-formed"),
    "stray element": (
        sample().replace("    </Person>\n    <Person>", "    </Person>\n    <Note>hello</Note>\n    <Person>", 1),
        "SEN2-R003",
        "Persons holds Note",
    ),
}


def _run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("sen2_import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_reported_and_nothing_is_written(kind, tmp_path, la):
    text, rule, words = BAD_FILES[kind]
    path = write(tmp_path, text)
    before = row_counts()
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("sen2_import", str(path), stdout=io.StringIO(), stderr=err)
    assert refused.value.returncode == 1
    assert "Nothing was written" in str(refused.value)
    report = err.getvalue()
    assert rule in report and words in report, report
    assert "Traceback" not in report
    assert row_counts() == before


@pytest.mark.django_db
def test_the_external_entity_is_never_read(tmp_path, la):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = sample().replace("<Message>", f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>\n<Message>')
    text = text.replace("<Surname>Hart", "<Surname>&e;Hart")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("sen2_import", str(write(tmp_path, text)), stdout=io.StringIO(), stderr=err)
    assert "TOP-SECRET-VALUE" not in err.getvalue()


@pytest.mark.django_db
def test_every_problem_is_listed_with_person_element_and_line(tmp_path, la):
    text = (
        sample()
        .replace("<Sex>F", "<Sex>Q", 1)
        .replace("<RequestOutcomeDate>2024-04-10", "<RequestOutcomeDate>2024-02-01")
        .replace("<CeaseReason>3</CeaseReason>", "")
    )
    with pytest.raises(CommandError) as refused:
        _run(write(tmp_path, text))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("sen2_import", str(write(tmp_path, text)), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "3 errors" in str(refused.value)
    assert any(
        "SEN2-R011" in line and "line 25" in line and "Amelia Hart" in line and "Person[1]/Sex" in line
        for line in lines
    )
    assert any("SEN2-R043" in line and "Ivy Lee" in line and "RequestOutcomeDate" in line for line in lines)
    assert any("SEN2-R061" in line and "Owen Moss" in line and "CeaseDate" in line for line in lines)


@pytest.mark.django_db
def test_a_dry_run_of_a_valid_file_writes_nothing(tmp_path, la):
    before = row_counts()
    out, _ = _run(write(tmp_path, sample()), "--dry-run")
    assert "4 persons" in out and "nothing was written" in out
    assert row_counts() == before


@pytest.mark.django_db
def test_a_valid_file_is_imported_into_the_council_its_header_names(tmp_path, la):
    out, _ = _run(write(tmp_path, sample()))
    assert "4 created, 0 changed, 0 unchanged" in out
    assert la.children.count() == 4
    out, _ = _run(write(tmp_path, sample()))
    assert "0 created, 0 changed, 4 unchanged" in out


@pytest.mark.django_db
def test_a_file_for_a_council_not_in_senDcase_is_refused(tmp_path, other_la):
    with pytest.raises(CommandError):
        _run(write(tmp_path, sample(la_code="838")))


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("sen2_import", str(tmp_path / "nowhere.xml"), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db
def test_two_persons_with_the_same_name_and_birth_date_stay_two_children(tmp_path, la):
    lee = sample().split("    <Person>")[3].split("    </Person>")[0]
    twin = lee.replace("<RequestOutcome>N</RequestOutcome>", "<RequestOutcome>W</RequestOutcome>")
    twin = twin.replace("        <RequestOutcomeDate>2024-04-10</RequestOutcomeDate>\n", "")
    text = sample().replace("  </Persons>", f"    <Person>{twin}    </Person>\n  </Persons>")
    path = write(tmp_path, text)

    out, err = _run(path)

    assert "SEN2-R028 warning" in err
    assert "5 created" in out
    assert la.children.filter(first_name="Ivy", last_name="Lee").count() == 2
    out, _ = _run(path)
    assert "0 created, 0 changed, 5 unchanged" in out


@pytest.mark.django_db
def test_a_reference_already_taken_is_drawn_again(tmp_path, la, child, monkeypatch):
    from sendcase.sen2 import store

    draws = iter([child.reference, child.reference])
    fresh = store._reference
    monkeypatch.setattr(store, "_reference", lambda: next(draws, None) or fresh())

    out, _ = _run(write(tmp_path, sample()))

    assert "4 created" in out
    assert len(set(la.children.values_list("reference", flat=True))) == 5


@pytest.mark.django_db
def test_a_reference_taken_in_a_later_batch_is_drawn_again_and_settings_are_read_once(
    tmp_path, la, other_la, monkeypatch
):
    # A first import (nobody in the council yet) of two batches, with settings already in the
    # directory. The second batch's first reference belongs to a child of another council: on
    # PostgreSQL the writing thread rolls back to its savepoint while this thread builds on, so
    # this thread must not be using the connection then. It reads the directory once, up front.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sendcase.sen2 import store
    from tests.factories import ChildFactory, SettingFactory

    SettingFactory(local_authority=la, name="Castle Primary School", urn="100001")
    taken = ChildFactory(local_authority=other_la).reference
    monkeypatch.setattr(store, "BATCH", 2)
    fresh, draws = store._reference, itertools.count()
    monkeypatch.setattr(store, "_reference", lambda: taken if next(draws) == 2 else fresh())

    with CaptureQueriesContext(connection) as queries:
        out, _ = _run(write(tmp_path, sample()))

    assert "4 created" in out
    assert next(draws) > 4  # the taken reference was drawn, and others after it
    assert la.children.count() == 4
    assert la.children.filter(setting__urn="100001").exists()
    assert sum('FROM "organisations_organisation"' in q["sql"] for q in queries.captured_queries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("ended_first", [False, True], ids=["while-running", "before-it-was-given-the-councils"])
def test_a_checking_process_that_dies_leaves_nothing_written(tmp_path, la, monkeypatch, ended_first):
    # A fault in SENDcase, not in the file: the command says so, and nothing is written, even
    # when the child has ended before the import writes to it (the pipe is broken by then).
    from sendcase.sen2 import checking

    monkeypatch.setattr(checking.sys, "executable", "/bin/false")
    if ended_first:
        popen = subprocess.Popen

        def popen_and_wait(*args, **kwargs):
            child = popen(*args, **kwargs)
            child.wait()
            return child

        monkeypatch.setattr(checking.subprocess, "Popen", popen_and_wait)
    before = row_counts()

    with pytest.raises(CommandError, match="stopped before the end of the file.*Nothing was written"):
        _run(write(tmp_path, sample()))

    assert row_counts() == before


@pytest.mark.django_db
def test_a_write_that_fails_part_way_leaves_nothing_written(tmp_path, la, child, monkeypatch):
    # Every reference drawn is already taken: the batch is refused while being stored (on
    # PostgreSQL by the thread that stores it), and the whole import is undone.
    from sendcase.sen2 import store

    fresh, draws = store._reference, itertools.count()
    # Taken and new in turn: each draw of the batch holds the taken one, and never twice in a row.
    monkeypatch.setattr(store, "_reference", lambda: fresh() if next(draws) % 2 else child.reference)
    before = row_counts()

    with pytest.raises(CommandError, match="Nothing was written"):
        _run(write(tmp_path, sample()))

    assert row_counts() == before
