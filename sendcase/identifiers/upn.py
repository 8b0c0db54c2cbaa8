"""UPN (Unique Pupil Number): 13 characters with a mod-23 check letter.

Source: shared/domain/identifiers.md C.1 [CONFIRMED: DfE GovTalk "Unique Pupil Number v2.0",
CBDS rules 1510-1550 as implemented for the CIN census].
"""

from __future__ import annotations

from .errors import IdentifierError

# 23 letters: I, O and S are never used, so they cannot be mistaken for 1, 0 and 5.
UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
_DIGITS = "0123456789"
_NAME = "UPN"
# What each character counts for in the check letter's sum: a digit itself, a letter its index.
_VALUES = {**{char: int(char) for char in _DIGITS}, **{char: i for i, char in enumerate(UPN_ALPHABET)}}


def upn_check_letter(body12: str) -> str:
    """Return the check letter for the 12 characters that follow it in a UPN.

    Character ``p`` of the UPN (2..13) has weight ``p``. A digit counts as itself and a
    temporary UPN's final letter as its index in :data:`UPN_ALPHABET` (A=0, B=1, ...). The
    weighted sum mod 23 indexes :data:`UPN_ALPHABET`.
    """
    body = body12.upper()
    _check_body(body)
    total = sum(map(int.__mul__, range(2, 14), map(_VALUES.__getitem__, body)))
    return UPN_ALPHABET[total % 23]


def validate_upn(value: str) -> str:
    """Return ``value`` as a valid UPN, upper-cased and stripped, or raise IdentifierError.

    Accepts permanent UPNs (letter + 12 digits) and temporary ones (letter + 11 digits +
    letter). Characters 2-4 are the LA number of the LA that allocated the UPN. They are **not**
    checked against a list of LA codes: the only list we have (CBDS rule 1530, quoted from a
    CIN validator) is a snapshot that predates later LA reorganisations, so it would reject
    genuine UPNs from newer LAs. That check belongs in the SEN2 return validator, as a warning.
    """
    upn = value.strip().upper()
    if not upn:
        raise IdentifierError(_NAME, "Enter a UPN")
    if len(upn) != 13:
        raise IdentifierError(_NAME, "Enter a UPN with 13 characters: a check letter followed by 12 characters")
    first = upn[0]
    if first in "IOS":
        raise IdentifierError(_NAME, "A UPN cannot start with I, O or S")
    if first not in UPN_ALPHABET:
        raise IdentifierError(_NAME, "A UPN must start with a letter")
    _check_body(upn[1:])
    expected = upn_check_letter(upn[1:])
    if first != expected:
        raise IdentifierError(
            _NAME,
            # Naming the expected letter would invite "fixing" the letter when the mistake is
            # usually a mistyped digit, so the message only says the UPN does not add up.
            "The UPN's check letter does not match the rest of the UPN – "
            "check the whole number has been copied correctly",
        )
    return upn


def is_valid_upn(value: str) -> bool:
    """True if ``value`` is a valid permanent or temporary UPN."""
    try:
        validate_upn(value)
    except IdentifierError:
        return False
    return True


def is_temporary_upn(value: str) -> bool:
    """True if ``value`` is a valid temporary UPN (its last character is a letter)."""
    return is_valid_upn(value) and value.strip()[-1].isalpha()


def make_upn(la: int, estab: int, year2: int, serial: int) -> str:
    """Build a valid permanent UPN, for synthetic data and tests.

    ``la`` is the 3-digit LA number, ``estab`` the 4-digit establishment number, ``year2`` the
    last two digits of the academic year of allocation and ``serial`` a 3-digit serial number.
    """
    for name, number, digits in (("la", la, 3), ("estab", estab, 4), ("year2", year2, 2)):
        if not 0 <= number < 10**digits:
            raise ValueError(f"{name} must have at most {digits} digits, got {number}")
    if not 0 <= serial < 1000:
        raise ValueError(f"serial must have at most 3 digits, got {serial}")
    body = f"{la:03d}{estab:04d}{year2:02d}{serial:03d}"
    return upn_check_letter(body) + body


def _check_body(body: str) -> None:
    if len(body) != 12:
        raise IdentifierError(_NAME, "Enter a UPN with 13 characters: a check letter followed by 12 characters")
    if any(char not in _DIGITS for char in body[:11]):
        raise IdentifierError(_NAME, "Characters 2 to 12 of a UPN must be numbers")
    last = body[11]
    if last not in _DIGITS and last not in UPN_ALPHABET:
        raise IdentifierError(_NAME, "The last character of a UPN must be a number or a letter other than I, O or S")
