"""Taking the weekly snapshot: the only write the scorecard makes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.organisations.models import LocalAuthority
from sendcase.scorecard.figures import computed_by, fingerprint, scorecard_figures
from sendcase.scorecard.models import ScorecardSnapshot
from sendcase.scorecard.periods import Period

if TYPE_CHECKING:
    from sendcase.accounts.models import User


def snapshot_take(
    *, actor: User | None, local_authority: LocalAuthority, today: dt.date
) -> tuple[ScorecardSnapshot, bool]:
    """This ISO week's snapshot of the council's scorecard: the one already taken, or a new one.

    Idempotent within the week, so a timer that fires twice, or a person who runs the command
    again, publishes nothing new. The figures cover January to the current month, the table the
    councillors receive, with the caseload, overdue steps and advice as they stand today.
    Returns (snapshot, created).
    """
    iso_year, iso_week, _ = today.isocalendar()
    existing = ScorecardSnapshot.objects.filter(
        local_authority=local_authority, iso_year=iso_year, iso_week=iso_week
    ).first()
    if existing is not None:
        return existing, False
    period = Period.year_to_date(today)
    # Computed before the write transaction: the reads are long, the audit chain lock is not.
    figures = scorecard_figures(local_authority=local_authority, period=period, today=today)
    try:
        with audited_transaction():
            snapshot = ScorecardSnapshot.objects.create(
                local_authority=local_authority,
                taken_on=today,
                iso_year=iso_year,
                iso_week=iso_week,
                period_from=period.first,
                period_to=period.end,
                figures=figures,
                computed_by=computed_by(),
                sha256=fingerprint(figures),
                taken_by=actor,
            )
            audit_change(
                actor=actor,
                action=Action.CREATE,
                instance=snapshot,
                summary=f"Scorecard published for week {iso_week} of {iso_year} ({local_authority.name})",
                changes={"sha256": [None, snapshot.sha256], "computed_by": [None, snapshot.computed_by]},
            )
    except IntegrityError:
        # Another run took this week's snapshot between our check and our write: that one stands.
        return ScorecardSnapshot.objects.get(
            local_authority=local_authority, iso_year=iso_year, iso_week=iso_week
        ), False
    return snapshot, True


def snapshots_take_weekly(*, today: dt.date, codes: list[str] | None = None) -> list[tuple[ScorecardSnapshot, bool]]:
    """This week's snapshot for every council (or those with the DfE numbers in `codes`)."""
    councils = LocalAuthority.objects.order_by("code")
    if codes:
        councils = councils.filter(code__in=codes)
    return [snapshot_take(actor=None, local_authority=la, today=today) for la in councils]
