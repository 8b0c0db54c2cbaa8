"""A school's own list of the reviews due next term, and when each school was told (CoP 9.172).

TODAY is 2 June 2025, so the next term is autumn 2025 (1 September to 31 December), whose lists
are due to schools by 18 August 2025.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.notifications.models import OutboxMessage
from sendcase.organisations.models import OrganisationKind
from sendcase.reviews.models import TermListSent
from tests.factories import SettingFactory, UserFactory
from tests.reviews.builders import child_with_plan
from tests.teams.builders import on_team, organisation, partner

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def schools(la, officer, colleague):
    castle = SettingFactory(local_authority=la, name="Castle Primary School", email="senco@castle.example")
    hill = SettingFactory(local_authority=la, name="Hill Academy", email="")
    due, _ = child_with_plan(la, born=D(2015, 1, 1), setting=castle, issued=D(2024, 10, 5), first_name="Ada")
    due.key_worker = officer
    due.save()
    child_with_plan(la, born=D(2015, 1, 1), setting=castle, issued=D(2023, 8, 1), first_name="Overdue")
    child_with_plan(la, born=D(2015, 1, 1), setting=castle, issued=D(2025, 3, 20), first_name="NextYear")
    elsewhere, _ = child_with_plan(la, born=D(2012, 1, 1), setting=hill, issued=D(2024, 11, 1), first_name="Hilda")
    elsewhere.key_worker = colleague
    elsewhere.save()
    return castle, hill, elsewhere


@pytest.fixture
def senco(schools):
    return partner(schools[0], first_name="Sian", last_name="Senco")


def test_a_school_sees_its_children_due_next_term_with_due_dates_and_the_named_officer(client_for, senco, schools):
    client = client_for(senco)
    response = client.get(reverse("reviews:school-reviews"))
    assert response.status_code == 200
    page = response.content.decode()
    table = page.split('data-testid="school-reviews"')[1].split("</table>")[0]
    assert "Annual reviews due: Autumn term 2025" in page
    assert "Ada" in table and "5 October 2025" in table and "Olive Officer" in table
    assert "Overdue" in table and "1 August 2024" in table  # overdue before the term: still on the list
    assert "NextYear" not in table  # due in March 2026
    assert "Hilda" not in page  # another school's child


def test_a_child_the_school_can_see_for_another_reason_is_not_on_its_list(client_for, senco, schools, officer, today):
    # On Hilda's team, with her family's consent: the SENCo may open her record, but Hill educates her.
    on_team(schools[2], officer, senco, role="senco", started_on=today, consent_on=today)
    page = client_for(senco).get(reverse("reviews:school-reviews")).content.decode()
    assert "Hilda" not in page


def test_viewing_and_downloading_the_list_write_access_events_per_child(client_for, senco, schools):
    client = client_for(senco)
    client.get(reverse("reviews:school-reviews"))
    views = AuditEvent.objects.filter(actor=senco, action="view", summary__contains="Reviews due at Castle")
    assert sorted(e.child.first_name for e in views) == ["Ada", "Overdue"]

    response = client.get(reverse("reviews:school-reviews"), {"term": "autumn", "year": 2025, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["Forename"], r["Review due by"], r["Key worker"]) for r in rows] == [
        ("Overdue", "2024-08-01", ""),
        ("Ada", "2025-10-05", "Olive Officer"),
    ]
    exports = AuditEvent.objects.filter(actor=senco, action="export")
    assert sorted(e.child.first_name for e in exports) == ["Ada", "Overdue"]


def test_another_term_can_be_chosen(client_for, senco, schools):
    page = client_for(senco).get(reverse("reviews:school-reviews"), {"term": "spring", "year": 2026}).content.decode()
    assert "NextYear" in page and "20 March 2026" in page


def test_only_a_schools_staff_have_the_page(client_for, la, officer, schools):
    health = organisation(la, OrganisationKind.HEALTH, "Community Paediatrics")
    for user in (officer, partner(health), UserFactory(local_authority=None, role=Role.PROFESSIONAL)):
        assert client_for(user).get(reverse("reviews:school-reviews")).status_code == 403


def test_a_schools_staff_find_the_page_from_their_home_page(client_for, senco, schools):
    page = client_for(senco).get(reverse("teams:children")).content.decode()
    assert reverse("reviews:school-reviews") in page


def test_the_message_links_to_the_schools_page_and_the_day_it_went_is_recorded(la, schools, today):
    out = io.StringIO()
    call_command("review_lists", term="autumn", year=2025, la=la.code, stdout=out)
    (message,) = OutboxMessage.objects.all()
    assert reverse("reviews:school-reviews") + "?term=autumn&year=2025" in message.body
    assert "Ada" not in message.body
    sent = TermListSent.objects.get()
    assert (sent.organisation, sent.sent_on, sent.late) == (schools[0], today, False)
    assert "Sent late" not in out.getvalue() and "Not sent" not in out.getvalue()


def test_the_command_reports_lists_sent_late_and_not_sent_once_the_two_weeks_have_passed(la, schools, settings):
    settings.SENDCASE_TODAY = "2025-08-25"  # a week after the lists were due
    out = io.StringIO()
    call_command("review_lists", term="autumn", year=2025, la=la.code, stdout=out)
    text = out.getvalue()
    assert "Sent late: Castle Primary School, told on 25 August 2025 (due by 18 August 2025)" in text
    assert "Not sent, due by 18 August 2025: Hill Academy (no shared mailbox" in text
    assert TermListSent.objects.get().late

    # Run again: nothing is sent twice, and the late list is still reported.
    again = io.StringIO()
    call_command("review_lists", term="autumn", year=2025, la=la.code, stdout=again)
    assert OutboxMessage.objects.count() == 1
    assert "Sent late: Castle Primary School, told on 25 August 2025" in again.getvalue()


def test_the_send_teams_page_shows_which_schools_were_told_and_which_late(client_for, officer, la, schools, settings):
    settings.SENDCASE_TODAY = "2025-08-20"
    call_command("review_lists", term="autumn", year=2025, la=la.code, stdout=io.StringIO())
    page = client_for(officer).get(reverse("reviews:home"), {"term": "autumn", "year": 2025}).content.decode()
    rows = page.split('data-testid="school-lists"')[1].split("</table>")[0].split("<tr")[2:]
    castle = next(r for r in rows if "Castle Primary School" in r)
    hill = next(r for r in rows if "Hill Academy" in r)
    assert "20 August 2025" in castle and "Sent late" in castle
    assert "Not sent" in hill
    assert "2 schools were told late or have not been told" in page


def test_before_the_lists_are_due_an_untold_school_is_not_yet_late(client_for, officer, schools):
    page = client_for(officer).get(reverse("reviews:home"), {"term": "autumn", "year": 2025}).content.decode()
    hill = next(r for r in page.split("<tr")[1:] if "Hill Academy" in r)
    assert "Not yet" in hill and "Not sent" not in hill
    assert 'data-testid="late-lists"' not in page
