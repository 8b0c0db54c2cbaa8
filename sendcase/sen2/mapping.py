"""Small translations between SEN2 items and SENDcase values.

RequestSource: the 2025 return asks for the "source of request for an EHC needs assessment",
but its DfE code list was not found (shared/domain/sen2-return.md A.4: [UNCONFIRMED]). SENDcase
records the source with its own choices (sendcase.cases.models.RequestSource). The numbers
below are SENDCASE'S PROVISIONAL CODES, in the order of those choices, NOT DfE codes: replace
them from the DfE 2025 technical specification before submitting a return (docs/sen2.md).
"""

from __future__ import annotations

import datetime as dt
import functools

# [UNCONFIRMED] provisional codes: see the module docstring.
REQUEST_SOURCE_CODES: dict[str, str] = {
    "parent": "1",
    "young_person": "2",
    "setting": "3",
    "health": "4",
    "social_care": "5",
    "other": "6",
}
REQUEST_SOURCE_BY_CODE: dict[str, str] = {code: source for source, code in REQUEST_SOURCE_CODES.items()}

_TRUE = frozenset({"1", "true", "TRUE"})


def yes_no(value: bool) -> str:
    """SEN2 booleans are written 1 (yes) and 0 (no), as the DfE guide codes them."""
    return "1" if value else "0"


def is_yes(text: str | None) -> bool:
    """Read a SEN2 boolean: 1/true/TRUE are yes, anything else no (the schema allows 0/false/FALSE)."""
    return text in _TRUE


def iso(day: dt.date) -> str:
    return day.isoformat()


# A return holds a few thousand different days among hundreds of thousands of dates.
@functools.lru_cache(maxsize=1 << 16)
def parse_date(text: str | None) -> dt.date | None:
    """A date the schema has already accepted (YYYY-MM-DD); None when absent."""
    if not text:
        return None
    return dt.date.fromisoformat(text.strip()[:10])
