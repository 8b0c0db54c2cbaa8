"""ULN (Unique Learner Number): 10 digits with a mod-11 check digit.

Source: shared/domain/identifiers.md C.2 [CONFIRMED: HESA ULN field definition; school census
error 1575].
"""

from __future__ import annotations

from ._text import is_ascii_digits, without_separators
from .errors import IdentifierError

_NAME = "ULN"


def validate_uln(value: str) -> str:
    """Return ``value`` as a 10-digit ULN, or raise IdentifierError.

    Spaces and hyphens are ignored. The first digit must not be 0, and with weights 10, 9, ..., 1
    over the ten digits the weighted sum mod 11 must be 10.
    """
    uln = without_separators(value)
    if not uln:
        raise IdentifierError(_NAME, "Enter a ULN")
    if not is_ascii_digits(uln, 10):
        raise IdentifierError(_NAME, "Enter a ULN with 10 digits")
    if uln[0] == "0":
        raise IdentifierError(_NAME, "A ULN cannot start with 0")
    if _weighted_sum(uln) % 11 != 10:
        raise IdentifierError(_NAME, "Enter a valid ULN – check the number has been copied correctly")
    return uln


def is_valid_uln(value: str) -> bool:
    """True if ``value`` is a valid ULN."""
    try:
        validate_uln(value)
    except IdentifierError:
        return False
    return True


def make_uln(nine_digits: int) -> str:
    """Append the check digit to a 9-digit number (100000000-999999999) to make a valid ULN.

    Raises ValueError when the first nine digits have no valid check digit (their weighted sum is
    a multiple of 11): no ULN starts with them.
    """
    if not 100_000_000 <= nine_digits <= 999_999_999:
        raise ValueError(f"nine_digits must be 9 digits not starting with 0, got {nine_digits}")
    body = str(nine_digits)
    remainder = _weighted_sum(body) % 11
    if remainder == 0:
        raise ValueError(f"No ULN starts with {body}: it would need check digit 10")
    return body + str(10 - remainder)


def _weighted_sum(digits: str) -> int:
    # Weights run 10, 9, ... from the first digit; the check digit (if present) has weight 1.
    return sum((10 - i) * int(d) for i, d in enumerate(digits))
