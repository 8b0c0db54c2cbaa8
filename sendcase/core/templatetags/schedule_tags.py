"""Times on the schedule page, in UK time ("Monday 2 June 2025 at 06:00")."""

from __future__ import annotations

import datetime as dt

from django import template

from sendcase.core.schedule import moment_text

register = template.Library()

TAG_COLOURS = {
    "ok": "green",
    "running": "blue",
    "failed": "red",
    "missed": "orange",
    "never": "yellow",
    "paused": "grey",
}


@register.filter
def moment(value: dt.datetime | None) -> str:
    return moment_text(value)


@register.filter
def seconds(value: dt.timedelta | None) -> str:
    return f"{value.total_seconds():,.1f} seconds" if value is not None else ""


@register.filter
def health_colour(health: str) -> str:
    return TAG_COLOURS.get(health, "grey")
