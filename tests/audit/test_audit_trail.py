from __future__ import annotations

import pytest

from sendcase.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_audit_trail_cannot_be_edited_or_deleted(request_received):
    event = AuditEvent.objects.first()
    event.summary = "Nothing happened"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(summary="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(summary="Nothing happened").count() == 0
