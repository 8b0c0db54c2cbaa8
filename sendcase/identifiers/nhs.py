"""NHS number: 10 digits with a mod-11 check digit.

Source: shared/domain/identifiers.md C.3 [CONFIRMED: NHS Connecting for Health check-digit
specification as quoted; python-stdnum gb/nhs.py]. Not a SEN2 field; held to link health data.
"""

from __future__ import annotations

from ._text import is_ascii_digits, without_separators
from .errors import IdentifierError

_NAME = "NHS number"


def validate_nhs_number(value: str) -> str:
    """Return ``value`` as 10 digits with spaces and hyphens removed, or raise IdentifierError.

    The check digit is 11 minus (digits 1-9 weighted 10, 9, ..., 2, summed, mod 11), with 11
    written as 0. A remainder that would need check digit 10 means the number is never issued.
    Which ranges are issued in which nation is not checked [UNCONFIRMED].
    """
    digits = without_separators(value)
    if not digits:
        raise IdentifierError(_NAME, "Enter an NHS number")
    if not is_ascii_digits(digits, 10):
        raise IdentifierError(_NAME, "Enter an NHS number with 10 digits")
    if _check_digit(digits[:9]) != digits[9]:
        raise IdentifierError(_NAME, "Enter a valid NHS number – check it has been copied correctly")
    return digits


def is_valid_nhs_number(value: str) -> bool:
    """True if ``value`` is a valid NHS number (spaces and hyphens allowed)."""
    try:
        validate_nhs_number(value)
    except IdentifierError:
        return False
    return True


def format_nhs_number(value: str) -> str:
    """Return a valid NHS number in the 3-3-4 display format, like "943 476 5919"."""
    digits = validate_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def make_nhs_number(nine_digits: int) -> str:
    """Append the check digit to a number of up to 9 digits (zero-padded) to make a valid one.

    Raises ValueError when those nine digits would need check digit 10, which is never issued.
    A valid check digit does not make a number synthetic: demo data must still not use the NHS
    number of a real person. Which ranges are reserved for testing is [UNCONFIRMED] here.
    """
    if not 0 <= nine_digits <= 999_999_999:
        raise ValueError(f"nine_digits must be between 0 and 999999999, got {nine_digits}")
    body = f"{nine_digits:09d}"
    check = _check_digit(body)
    if check is None:
        raise ValueError(f"No NHS number starts with {body}: it would need check digit 10")
    return body + check


def _check_digit(nine: str) -> str | None:
    check = 11 - sum((10 - i) * int(d) for i, d in enumerate(nine)) % 11
    if check == 10:
        return None
    return "0" if check == 11 else str(check)
