"""The weekly published scorecard: once per council per ISO week, never changed afterwards."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sendcase.audit.models import AuditEvent
from sendcase.scorecard.figures import canonical_json, fingerprint
from sendcase.scorecard.models import ScorecardSnapshot
from sendcase.scorecard.services import snapshot_take
from sendcase.scorecard.tasks import take_weekly_snapshots
from tests.scorecard import builders

pytestmark = pytest.mark.django_db


def test_one_snapshot_per_council_per_iso_week_however_often_it_runs(la, other_la, march, today, settings):
    first, created = snapshot_take(actor=None, local_authority=la, today=today)
    assert created
    # Later the same ISO week (Monday 2 June to Sunday 8 June 2025): the same snapshot comes back.
    again, created_again = snapshot_take(actor=None, local_authority=la, today=dt.date(2025, 6, 8))
    assert not created_again and again.pk == first.pk

    out = io.StringIO()
    call_command("scorecard_snapshot", stdout=out)
    assert "1 new snapshot, 1 already taken this week." in out.getvalue()  # other_la's is new
    assert ScorecardSnapshot.objects.count() == 2

    settings.SENDCASE_TODAY = "2025-06-09"  # the next ISO week
    assert take_weekly_snapshots.enqueue().return_value == {"councils": 2, "created": 2}
    assert ScorecardSnapshot.objects.filter(local_authority=la).count() == 2


def test_a_snapshot_records_the_figures_their_fingerprint_and_who_computed_them(la, march, today):
    snapshot, _ = snapshot_take(actor=None, local_authority=la, today=today)
    snapshot.refresh_from_db()
    assert (snapshot.taken_on, snapshot.iso_year, snapshot.iso_week) == (today, 2025, 23)
    assert (snapshot.period_from, snapshot.period_to) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    march_figures = next(m for m in snapshot.figures["months"] if m["month"] == "2025-03")
    assert march_figures["decisions"]["within_6_weeks"] == 2
    assert {"caseload", "overdue", "advice", "year_to_date", "previous_year"} <= set(snapshot.figures)
    assert snapshot.sha256 == fingerprint(snapshot.figures) and len(snapshot.sha256) == 64
    assert canonical_json(snapshot.figures).startswith('{"advice":')  # sorted keys, no spaces
    assert snapshot.computed_by.startswith("SENDcase ") and "scorecard method 3" in snapshot.computed_by
    event = AuditEvent.objects.get(object_type="scorecard.scorecardsnapshot")
    assert event.object_id == str(snapshot.pk) and event.changes["sha256"] == [None, snapshot.sha256]


def test_a_published_snapshot_cannot_be_changed_or_deleted(la, today):
    snapshot, _ = snapshot_take(actor=None, local_authority=la, today=today)
    snapshot.figures = {"months": []}
    with pytest.raises(PermissionError):
        snapshot.save()
    with pytest.raises(PermissionError):
        snapshot.delete()
    with pytest.raises(PermissionError):
        ScorecardSnapshot.objects.filter(pk=snapshot.pk).update(sha256="0" * 64)
    with pytest.raises(PermissionError):
        ScorecardSnapshot.objects.filter(pk=snapshot.pk).delete()
    stored = ScorecardSnapshot.objects.get(pk=snapshot.pk)
    assert stored.figures != {"months": []} and stored.sha256 == fingerprint(stored.figures)


def test_the_page_shows_a_snapshot_as_published_even_after_the_records_change(client_for, manager, la, march, today):
    snapshot, _ = snapshot_take(actor=manager, local_authority=la, today=today)
    # A decision recorded late, after publication, for a request received in March.
    builders.request(la, received=dt.date(2025, 3, 10), decided=dt.date(2025, 3, 31))
    client = client_for(manager)

    listing = client.get(reverse("scorecard:scorecard")).content.decode()
    link = reverse("scorecard:snapshot", args=[snapshot.pk])
    assert f'href="{link}"' in listing and snapshot.sha256[:12] in listing

    page = client.get(link)
    html = page.content.decode()
    assert "Scorecard as published on 2 June 2025" in html
    assert snapshot.sha256 in html and "Figures match their fingerprint" in html
    published_march = next(m for m in page.context["figures"]["months"] if m["month"] == "2025-03")
    assert published_march["decisions"]["made"] == 3
    live = client.get(reverse("scorecard:scorecard")).context["figures"]
    assert next(m for m in live["months"] if m["month"] == "2025-03")["decisions"]["made"] == 4

    download = client.get(reverse("scorecard:snapshot-download", args=[snapshot.pk, "decisions", "xlsx"]))
    book = load_workbook(io.BytesIO(download.content))
    assert book["Decisions whether to assess"]["B4"].value == 3  # March, as published
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["SHA-256 of the figures"] == snapshot.sha256


def test_another_councils_snapshot_is_not_found(client_for, la, other_manager, officer, today):
    snapshot, _ = snapshot_take(actor=None, local_authority=la, today=today)
    url = reverse("scorecard:snapshot", args=[snapshot.pk])
    assert client_for(other_manager).get(url).status_code == 404
    assert (
        client_for(other_manager)
        .get(reverse("scorecard:snapshot-download", args=[snapshot.pk, "summary", "csv"]))
        .status_code
        == 404
    )
    assert client_for(officer).get(url).status_code == 403
