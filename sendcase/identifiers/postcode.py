"""UK postcodes: format check and normalisation to "SW1A 1AA".

Source: shared/domain/identifiers.md C.6 [CONFIRMED as the widely published BS 7666-derived
rules]. This checks the format only: whether a postcode exists needs the ONS Postcode Directory.
"""

from __future__ import annotations

import re

from .errors import IdentifierError

_NAME = "postcode"

# Applied to the postcode with all whitespace removed. Outward codes: AN, ANN, AAN, AANN, ANA,
# AANA with the letter restrictions of BS 7666; inward code NAA without C, I, K, M, O or V.
_POSTCODE = re.compile(
    r"GIR0AA|"
    r"(?:[A-PR-UWYZ][0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2}"
)
_WHITESPACE = re.compile(r"\s+")


def validate_postcode(value: str) -> str:
    """Return ``value`` as a normalised UK postcode ("SW1A 1AA"), or raise IdentifierError.

    Case and spacing are forgiven: "sw1a1aa" and " SW1A  1AA " both give "SW1A 1AA". BFPO,
    overseas territory and other non-geographic codes are not accepted [they need extra rules
    that are not in the domain notes].
    """
    compact = _WHITESPACE.sub("", value).upper()
    if not compact:
        raise IdentifierError(_NAME, "Enter a postcode")
    if _POSTCODE.fullmatch(compact) is None:
        raise IdentifierError(_NAME, "Enter a postcode in the correct format, like SW1A 1AA")
    # The inward code is always the last three characters, so the space goes before them.
    return f"{compact[:-3]} {compact[-3:]}"


def is_valid_postcode(value: str) -> bool:
    """True if ``value`` is a UK postcode in a valid format."""
    try:
        validate_postcode(value)
    except IdentifierError:
        return False
    return True
