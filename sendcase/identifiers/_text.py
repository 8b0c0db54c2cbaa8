"""Small text helpers shared by the validators."""

from __future__ import annotations

import re

# str.isdigit() and a bare \d accept other scripts' digits ("٣", "³"), which int() would then
# quietly convert; identifiers are ASCII, so only 0-9 count.
_ASCII_DIGITS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[\s-]+")


def is_ascii_digits(text: str, length: int | None = None) -> bool:
    """True if ``text`` is only the digits 0-9 (and exactly ``length`` of them, if given)."""
    return _ASCII_DIGITS.fullmatch(text) is not None and (length is None or len(text) == length)


def without_separators(value: str) -> str:
    """Remove spaces, tabs and hyphens, which people type to group digits."""
    return _SEPARATORS.sub("", value)
