"""What every benchmark script shares: production-like settings and percentiles."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Static files are not what is measured: no collectstatic manifest, which DEBUG off would want.
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def configure() -> None:
    """Production-like settings: DEBUG off (no query log, cached templates), before Django loads."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["SENDCASE_DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile of `samples` (share 0.5 for the median, 0.95 for p95)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextlib.contextmanager
def counting() -> Iterator[list[str]]:
    """Every SQL statement run inside, however many requests reset Django's own query log."""
    from django.db import connection

    seen: list[str] = []

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen
