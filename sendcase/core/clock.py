"""The date statutory clocks are measured against."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    """Today in England. SENDCASE_TODAY pins it for reproducible demos, screenshots and tests."""
    pinned = getattr(settings, "SENDCASE_TODAY", "")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return timezone.localdate()


def now() -> dt.datetime:
    """This moment (timezone-aware). The schedule reads the time here, so a test can set it."""
    return timezone.now()
