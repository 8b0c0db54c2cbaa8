"""The lists of reviews due per school per term, their CSV, and the command that sends them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from sendcase.audit.models import AuditEvent
from sendcase.notifications.models import OutboxMessage
from sendcase.reviews.exports import school_list_csv
from sendcase.reviews.models import TermListSent
from sendcase.reviews.selectors import reviews_due_in_term
from sendcase.reviews.terms import next_term, term_dates, term_of
from tests.factories import SettingFactory
from tests.reviews.builders import child_with_plan, review

pytestmark = pytest.mark.django_db
D = dt.date


def test_term_dates_and_the_date_each_list_is_due():
    autumn = term_dates("autumn", 2025)
    assert (autumn.starts, autumn.ends, autumn.list_due) == (D(2025, 9, 1), D(2025, 12, 31), D(2025, 8, 18))
    assert term_dates("spring", 2026).list_due == D(2025, 12, 18)
    assert term_of(D(2025, 6, 2)).term == "summer"
    assert next_term(D(2025, 6, 2)) == autumn
    assert next_term(D(2025, 11, 30)) == term_dates("spring", 2026)


@pytest.fixture
def two_schools(la):
    castle = SettingFactory(local_authority=la, name="Castle Primary School", email="senco@castle.example")
    hill = SettingFactory(local_authority=la, name="Hill Academy", email="")
    # Plans issued or last reviewed so that the next review is due...
    child_with_plan(la, born=D(2015, 1, 1), setting=castle, issued=D(2024, 10, 5), first_name="InAutumn")
    child_with_plan(la, born=D(2015, 1, 1), setting=castle, issued=D(2023, 8, 1), first_name="Overdue")
    child_with_plan(la, born=D(2015, 1, 1), setting=castle, issued=D(2025, 1, 20), first_name="InSpring")
    _, reviewed = child_with_plan(
        la, born=D(2015, 1, 1), setting=castle, issued=D(2023, 1, 1), last_review=D(2025, 2, 1), first_name="Done"
    )
    child_with_plan(la, born=D(2012, 1, 1), setting=hill, issued=D(2024, 12, 31), first_name="HillChild")
    _, arranged = child_with_plan(la, born=D(2012, 1, 1), setting=None, issued=D(2024, 9, 15), first_name="NoSchool")
    review(arranged, meeting_on=D(2025, 9, 10))
    return castle, hill


def _names(school_list):
    return [r.child.first_name for r in school_list.rows]


def test_each_school_lists_reviews_due_by_the_end_of_term_including_overdue_ones(officer, two_schools):
    castle, hill = two_schools
    lists = reviews_due_in_term(viewer=officer, term=term_dates("autumn", 2025))
    by_school = {s.school.name if s.school else None: s for s in lists}
    assert set(by_school) == {"Castle Primary School", "Hill Academy", None}
    assert sorted(_names(by_school["Castle Primary School"])) == ["InAutumn", "Overdue"]
    assert by_school["Castle Primary School"].overdue == 1  # due 1 August 2024, before the term
    assert _names(by_school["Hill Academy"]) == ["HillChild"]  # due 31 December 2025, the last day
    assert by_school[None].arranged == 1


def test_an_outsider_sees_no_lists(outsider, two_schools):
    assert reviews_due_in_term(viewer=outsider, term=term_dates("autumn", 2025)) == []


def test_the_csv_has_one_row_per_child_with_the_due_date_and_the_date_the_list_is_due(officer, two_schools):
    castle, _ = two_schools
    term = term_dates("autumn", 2025)
    (castle_list,) = reviews_due_in_term(viewer=officer, term=term, school_id=castle.pk)
    rows = list(csv.DictReader(io.StringIO(school_list_csv(castle_list, term))))
    assert [r["Forename"] for r in rows] == ["Overdue", "InAutumn"]  # oldest due date first
    assert rows[1]["Review due by"] == "2025-10-05"
    assert rows[0]["Overdue before the term starts"] == "Yes"
    assert {r["List due to the school by"] for r in rows} == {"2025-08-18"}
    assert rows[1]["Why it is due then"] == "Section 44(1), Children and Families Act 2014"


def test_the_command_tells_each_school_with_a_mailbox_once_and_writes_the_files(la, two_schools, tmp_path):
    out = io.StringIO()
    call_command("review_lists", term="autumn", year=2025, la=la.code, output_dir=tmp_path, stdout=out)
    (message,) = OutboxMessage.objects.all()
    assert message.recipient == "senco@castle.example"
    assert message.template == "review_list"
    assert "Children on the list: 2" in message.body and "18 August 2025" in message.body
    # The message never names a child.
    for name in ("InAutumn", "Overdue"):
        assert name not in message.body and name not in message.subject
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 3 and all(f.startswith("reviews-autumn-2025-") for f in files)
    assert "Hill Academy" in out.getvalue()  # listed as having no shared mailbox
    # Each child written to a file is an audited export.
    assert AuditEvent.objects.filter(action="export", summary__contains="Autumn term 2025").count() == 4

    call_command("review_lists", term="autumn", year=2025, la=la.code, stdout=io.StringIO())
    assert OutboxMessage.objects.count() == 1
    assert TermListSent.objects.get().children == 2
