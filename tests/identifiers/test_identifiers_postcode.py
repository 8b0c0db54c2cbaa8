"""UK postcode format (BS 7666 rules) and normalisation to "SW1A 1AA"."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.identifiers import IdentifierError, is_valid_postcode, validate_postcode


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("SW1A 1AA", "SW1A 1AA"),  # AANA
        ("sw1a1aa", "SW1A 1AA"),
        ("  SW1A   1AA ", "SW1A 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),  # AANA
        ("W1A 0AX", "W1A 0AX"),  # ANA
        ("M1 1AE", "M1 1AE"),  # AN
        ("B33 8TH", "B33 8TH"),  # ANN
        ("CR2 6XH", "CR2 6XH"),  # AAN
        ("DN55 1PT", "DN55 1PT"),  # AANN
        ("DT1 1XJ", "DT1 1XJ"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_valid_postcodes_are_normalised(value: str, normalised: str) -> None:
    assert validate_postcode(value) == normalised


@pytest.mark.parametrize(
    "value",
    [
        "SW1A",  # outward code only
        "1AA",
        "QA1 1AA",  # Q never first
        "EJ1 1AA",  # J never second
        "W1I 0AX",  # ANA third letter from a short list
        "SW1C 1AA",  # AANA fourth letter from a short list
        "SW1A 1CA",  # inward letters never C, I, K, M, O, V
        "SW1A 1AAA",
        "SW1A-1AA",
        "BFPO 1234",  # BFPO is not accepted
    ],
)
def test_invalid_postcodes_are_explained(value: str) -> None:
    with pytest.raises(IdentifierError, match="^Enter a postcode in the correct format, like SW1A 1AA$"):
        validate_postcode(value)
    assert not is_valid_postcode(value)


def test_blank_postcode() -> None:
    with pytest.raises(IdentifierError, match="^Enter a postcode$") as caught:
        validate_postcode("   ")
    assert caught.value.identifier == "postcode"


OUTWARD = (
    r"[A-PR-UWYZ][0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]"
)
INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
postcodes = st.tuples(st.from_regex(f"(?:{OUTWARD})", fullmatch=True), st.from_regex(INWARD, fullmatch=True))


@given(postcodes, st.sampled_from(["", " ", "  "]), st.booleans())
def test_any_well_formed_postcode_is_accepted_however_it_is_typed(
    parts: tuple[str, str], gap: str, lower: bool
) -> None:
    outward, inward = parts
    typed = outward + gap + inward
    result = validate_postcode(typed.lower() if lower else typed)
    assert result == f"{outward} {inward}"
    assert validate_postcode(result) == result
    assert re.fullmatch(r"[A-Z0-9]{2,4} [0-9][A-Z]{2}", result)


@given(st.text(max_size=12))
def test_is_valid_postcode_never_raises(value: str) -> None:
    assert is_valid_postcode(value) in {True, False}
