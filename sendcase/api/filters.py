"""The list filters every endpoint shares: `modified_since` and `child`. A bad value is a 400 naming it."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sendcase.api.errors import FieldErrors

_DATE_AND_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")


def parse_modified_since(raw: str | None) -> dt.datetime | None:
    """An ISO 8601 date and time; one without an offset is read as UK time."""
    if raw is None:
        return None
    message = "Enter an ISO 8601 date and time, like 2025-06-02T09:30:00Z"
    value = None
    # A date and a time: a bare date would leave clients guessing which midnight it meant.
    if _DATE_AND_TIME.match(raw.strip()):
        try:
            value = parse_datetime(raw.strip())
        except ValueError:
            value = None
    if value is None:
        raise FieldErrors({"modified_since": message})
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        # Compared in UTC: PostgreSQL refuses offsets past 15:59, which ISO 8601 allows up to 23:59.
        value = value.astimezone(dt.UTC)
    except (ValueError, OverflowError) as exc:
        raise FieldErrors({"modified_since": message}) from exc
    return value


def parse_child(raw: str | None) -> uuid.UUID | None:
    if raw is None:
        return None
    try:
        return uuid.UUID(raw.strip())
    except ValueError as exc:
        raise FieldErrors(
            {"child": "Enter a child's id as the API gives it: a UUID such as 0b6f0c1e-2d4b-4c8e-9a57-1f3e5d7c9b21"}
        ) from exc
