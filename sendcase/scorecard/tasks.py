"""The weekly scorecard snapshot as scheduled work.

`publish_weekly_snapshots` is the schedule's weekly job (sendcase.core.schedule, Monday 06:00):
each council on its own, so one council's failure does not stop the others' scorecards. The
django-tasks task `take_weekly_snapshots` and `sendcase scorecard_snapshot` call the same
service; all are safe to repeat within a week (docs/scorecard.md).
"""

from __future__ import annotations

import logging

from django_tasks import task

from sendcase.core.clock import today
from sendcase.organisations.models import LocalAuthority
from sendcase.scorecard.services import snapshot_take, snapshots_take_weekly

logger = logging.getLogger(__name__)


class SnapshotsFailed(Exception):
    """Some councils' scorecards could not be published; the others were."""


def publish_weekly_snapshots() -> str:
    """Take this ISO week's snapshot of every council; raise naming the councils that failed."""
    day = today()
    published = already = 0
    failed: list[str] = []
    for council in LocalAuthority.objects.order_by("code"):
        try:
            _, created = snapshot_take(actor=None, local_authority=council, today=day)
        except Exception as error:  # noqa: BLE001 - the other councils' scorecards must still be published
            logger.exception("Scorecard snapshot of %s failed", council.code)
            failed.append(f"{council.code} {council.name}: {type(error).__name__}: {error}")
            continue
        published += created
        already += not created
    iso_year, iso_week, _ = day.isocalendar()
    summary = f"Week {iso_week} of {iso_year}: {published} published, {already} already published this week."
    if failed:
        raise SnapshotsFailed(f"{summary} {len(failed)} failed: " + "; ".join(failed))
    return summary


@task()
def take_weekly_snapshots() -> dict[str, int]:
    """Take this ISO week's snapshot for every council; report how many were new."""
    results = snapshots_take_weekly(today=today())
    created = sum(1 for _, was_created in results if was_created)
    return {"councils": len(results), "created": created}
