from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.cases.models import AssessmentRequest, Plan
from sendcase.organisations.models import LocalAuthority, Organisation
from sendcase.people.models import Child
from sendcase.sen2.export import return_settings_save, sen2_export
from sendcase.sen2.models import ImportedPerson, ImportedRequest, ReturnSettings
from tests.factories import UserFactory

# A fixed time for the header's DateTime, so two exports can be compared byte for byte.
GENERATED_AT = dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def analyst(la):
    return UserFactory(local_authority=la, role=Role.ANALYST, first_name="Ana", last_name="Lyst")


def seed_small_council() -> LocalAuthority:
    """The demo council (LA 838) at a twentieth of its size: every kind of case, quickly."""
    call_command("seed_demo", "--scale", "la", "--fraction", "0.05", stdout=io.StringIO())
    return LocalAuthority.objects.get(code="838")


def export_bytes(la: LocalAuthority, year: int = 2025, **kwargs) -> bytes:
    if not ReturnSettings.objects.filter(local_authority=la, year=year).exists():
        return_settings_save(actor=None, la=la, year=year, dmo="Y", dco="N")
    return b"".join(sen2_export(actor=None, la=la, year=year, generated_at=GENERATED_AT, **kwargs))


def write(tmp_path: Path, text: str | bytes, name: str = "sen2.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def row_counts() -> dict[str, int]:
    """How many rows an import could have written, to check that a refused file wrote none."""
    models = (Child, AssessmentRequest, Plan, Organisation, ImportedPerson, ImportedRequest, ReturnSettings)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts
