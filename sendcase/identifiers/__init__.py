"""Validators for the identifiers SEND data uses: UPN, ULN, NHS number, postcode and references.

Each ``validate_*`` function returns the normalised value or raises :class:`IdentifierError`,
whose message can be shown to a user as it is. Each ``is_valid_*`` function returns a bool, and
each ``make_*`` function builds a valid value for synthetic data. No Django imports: this is the
pure core. See docs/identifiers.md.
"""

from .errors import IdentifierError
from .nhs import format_nhs_number, is_valid_nhs_number, make_nhs_number, validate_nhs_number
from .postcode import is_valid_postcode, validate_postcode
from .references import validate_la_code, validate_laestab, validate_ukprn, validate_urn
from .uln import is_valid_uln, make_uln, validate_uln
from .upn import (
    UPN_ALPHABET,
    is_temporary_upn,
    is_valid_upn,
    make_upn,
    upn_check_letter,
    validate_upn,
)

__all__ = [
    "UPN_ALPHABET",
    "IdentifierError",
    "format_nhs_number",
    "is_temporary_upn",
    "is_valid_nhs_number",
    "is_valid_postcode",
    "is_valid_uln",
    "is_valid_upn",
    "make_nhs_number",
    "make_uln",
    "make_upn",
    "upn_check_letter",
    "validate_la_code",
    "validate_laestab",
    "validate_nhs_number",
    "validate_postcode",
    "validate_ukprn",
    "validate_uln",
    "validate_upn",
    "validate_urn",
]
