"""What every benchmark script shares: production-like settings and percentiles."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
