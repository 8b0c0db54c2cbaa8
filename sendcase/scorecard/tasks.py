"""The weekly scorecard snapshot as a background task (django-tasks).

Enqueue it from the weekly schedule (`take_weekly_snapshots.enqueue()`), or run
`sendcase scorecard_snapshot` from a cron job or systemd timer: both call the same service, and
both are safe to repeat within a week (docs/scorecard.md).
"""

from __future__ import annotations

from django_tasks import task

from sendcase.core.clock import today
from sendcase.scorecard.services import snapshots_take_weekly


@task()
def take_weekly_snapshots() -> dict[str, int]:
    """Take this ISO week's snapshot for every council; report how many were new."""
    results = snapshots_take_weekly(today=today())
    created = sum(1 for _, was_created in results if was_created)
    return {"councils": len(results), "created": created}
