"""The information-governance page: managers search who changed or looked at a child's record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_manager_sees_who_viewed_and_changed_a_childs_record(client_for, manager, colleague, child, request_received):
    client_for(colleague).get(reverse("staff:child", args=[child.pk]))
    html = client_for(manager).get(reverse("staff:audit"), {"child": child.reference}).content.decode()
    assert "Colin Colleague" in html and "Case page viewed" in html
    assert "Request received 5 May 2025 (EHC needs assessment)" in html
    # Searching for a child is itself recorded on the child's record.
    assert AuditEvent.objects.filter(actor=manager, child=child, summary="Audit trail searched for this child").exists()


def test_the_audit_trail_never_shows_another_councils_events(client_for, manager, outsider, other_la):
    from tests.factories import ChildFactory

    elsewhere = ChildFactory(local_authority=other_la, last_name="Faraway")
    client_for(outsider).get(reverse("staff:child", args=[elsewhere.pk]))
    html = client_for(manager).get(reverse("staff:audit")).content.decode()
    assert "Otto Outsider" not in html and elsewhere.reference not in html
    html = client_for(manager).get(reverse("staff:audit"), {"child": elsewhere.reference}).content.decode()
    assert "No child with that UPN or SENDcase reference is on your records" in html


def test_case_officers_cannot_read_the_audit_trail(client_for, officer):
    assert client_for(officer).get(reverse("staff:audit")).status_code == 403


def test_a_backwards_date_range_is_refused(client_for, manager):
    html = (
        client_for(manager)
        .get(
            reverse("staff:audit"),
            {"since_0": "10", "since_1": "5", "since_2": "2025", "until_0": "1", "until_1": "5", "until_2": "2025"},
        )
        .content.decode()
    )
    assert "The date to search to must be on or after the date to search from" in html
