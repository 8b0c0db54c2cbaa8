"""Everything one scorecard shows, as one JSON document, and how that document is fingerprinted.

The page, the downloads, the `sendcase scorecard` command and the weekly snapshot all start from
`scorecard_figures` (or its monthly part), so a number can only be computed one way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from sendcase.organisations.models import LocalAuthority, Locality
from sendcase.scorecard.agencies import advice_timeliness
from sendcase.scorecard.monthly import monthly_figures
from sendcase.scorecard.periods import Period
from sendcase.scorecard.reviews import review_figures
from sendcase.scorecard.workload import caseload_by_officer, overdue_by_step

Figures = dict[str, Any]

# Bump when a definition changes (what counts as a request, a decision, on time...), so a
# published snapshot says which definitions its numbers followed. Method 2 added the annual
# review measures ("reviews"); snapshots of method 1 have none. Method 3 rounds every percentage
# and average half up to one decimal place, as the DfE release does (6.25% is 6.3%, where
# method 2's round() gave 6.2).
METHOD = 3


def scorecard_figures(
    *, local_authority: LocalAuthority, period: Period, today: dt.date, locality: Locality | None = None
) -> Figures:
    """The monthly figures plus today's caseload, overdue steps, advice per agency and annual reviews."""
    figures = monthly_figures(local_authority=local_authority, period=period, today=today, locality=locality)
    figures["method"] = METHOD
    figures["caseload"] = caseload_by_officer(local_authority=local_authority, today=today, locality=locality)
    figures["overdue"] = overdue_by_step(local_authority=local_authority, today=today, locality=locality)
    figures["advice"] = advice_timeliness(
        local_authority=local_authority, from_date=period.first, to_date=period.end, today=today, locality=locality
    )
    figures["reviews"] = review_figures(local_authority=local_authority, period=period, today=today, locality=locality)
    return figures


def canonical_json(figures: Figures) -> str:
    """The one byte-for-byte form of a figures document: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def fingerprint(figures: Figures) -> str:
    """SHA-256 of the canonical JSON, in hex: quote it and anyone can check a published figure."""
    return hashlib.sha256(canonical_json(figures).encode("utf-8")).hexdigest()


def computed_by() -> str:
    """Which SENDcase produced a snapshot: package version, commit and scorecard method."""
    try:
        version = importlib.metadata.version("sendcase")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"SENDcase {version}, commit {_commit()}, scorecard method {METHOD}"


def _commit() -> str:
    # Deployments set SENDCASE_COMMIT (an image has no .git); a checkout reads its own HEAD.
    commit = os.environ.get("SENDCASE_COMMIT", "").strip()
    if commit:
        return commit[:40]
    git = Path(settings.BASE_DIR) / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:40]
        ref = head[5:]
        loose = git / ref
        if loose.exists():
            return loose.read_text().strip()[:40]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0][:40]
    except OSError:
        pass
    return "unknown"
