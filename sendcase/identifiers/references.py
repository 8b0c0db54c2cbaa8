"""Establishment and LA reference numbers: URN, UKPRN, LAESTAB and LA code.

None of these has a check digit, so only the format is checked. Source: shared/domain/
identifiers.md C.4 [CONFIRMED: SEN2 XSD patterns; NPD documentation].
"""

from __future__ import annotations

import re

from ._text import is_ascii_digits
from .errors import IdentifierError

_LAESTAB = re.compile(r"([0-9]{3})\s*/?\s*([0-9]{4})")


def validate_urn(value: str) -> str:
    """Return a school's 6-digit unique reference number (GIAS URN), or raise IdentifierError."""
    urn = value.strip()
    if not urn:
        raise IdentifierError("URN", "Enter a URN")
    if not is_ascii_digits(urn, 6):
        raise IdentifierError("URN", "Enter a URN with 6 digits")
    return urn


def validate_ukprn(value: str) -> str:
    """Return an 8-digit UK Provider Reference Number, or raise IdentifierError.

    UKPRNs are said to start with 1, but that is [UNCONFIRMED], so it is not checked.
    """
    ukprn = value.strip()
    if not ukprn:
        raise IdentifierError("UKPRN", "Enter a UKPRN")
    if not is_ascii_digits(ukprn, 8):
        raise IdentifierError("UKPRN", "Enter a UKPRN with 8 digits")
    return ukprn


def validate_laestab(value: str) -> str:
    """Return a 7-digit LAESTAB ("DfE number"), accepting "LLL/EEEE" or "LLLEEEE".

    The result has no slash: the 3-digit LA number followed by the 4-digit establishment
    number. Establishment-number ranges by school type are [UNCONFIRMED], so they are not
    checked.
    """
    text = value.strip()
    if not text:
        raise IdentifierError("LAESTAB", "Enter a DfE number (LAESTAB)")
    match = _LAESTAB.fullmatch(text)
    if match is None:
        raise IdentifierError(
            "LAESTAB",
            "Enter a DfE number (LAESTAB) with 7 digits, like 8012000 or 801/2000",
        )
    return match.group(1) + match.group(2)


def validate_la_code(value: str) -> str:
    """Return a 3-digit DfE LA number such as "201", or raise IdentifierError.

    Not checked against a list of LAs: the list we have is a dated snapshot (see
    :func:`sendcase.identifiers.validate_upn`), and LA numbers change when councils reorganise.
    """
    code = value.strip()
    if not code:
        raise IdentifierError("LA code", "Enter an LA code")
    if not is_ascii_digits(code, 3):
        raise IdentifierError("LA code", "Enter an LA code with 3 digits, like 201")
    return code
