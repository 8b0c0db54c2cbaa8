"""ULN: 10 digits, weights 10..1, weighted sum mod 11 must be 10."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sendcase.identifiers import IdentifierError, is_valid_uln, make_uln, validate_uln

DIGITS = "0123456789"


def test_known_valid_uln() -> None:
    # identifiers.md C.2: 90+18+56+42+18+0+32+18+16+6 = 296; 296 mod 11 = 10.
    assert validate_uln("9276308686") == "9276308686"
    assert make_uln(927630868) == "9276308686"


def test_spaces_are_ignored() -> None:
    assert validate_uln(" 92763 08686 ") == "9276308686"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a ULN"),
        ("927630868", "Enter a ULN with 10 digits"),
        ("927630868X", "Enter a ULN with 10 digits"),
        ("927630868\u0666", "Enter a ULN with 10 digits"),
        ("0276308686", "A ULN cannot start with 0"),
        ("9276308687", "Enter a valid ULN – check the number has been copied correctly"),
    ],
)
def test_bad_ulns_are_explained(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=f"^{message}"):
        validate_uln(value)
    assert not is_valid_uln(value)


def test_make_uln_appends_the_check_digit() -> None:
    # 1x10 + 1x2 = 12; 12 mod 11 = 1; check digit 10 - 1 = 9.
    assert make_uln(100000001) == "1000000019"


def test_make_uln_refuses_nine_digits_that_would_need_check_digit_10() -> None:
    # 1x10 + 6x2 = 22, a multiple of 11: r = 0, so no check digit works.
    with pytest.raises(ValueError, match="check digit 10"):
        make_uln(100000006)
    assert not any(is_valid_uln(f"100000006{d}") for d in DIGITS)


@pytest.mark.parametrize("number", [99999999, 1000000000, 0])
def test_make_uln_needs_nine_digits(number: int) -> None:
    with pytest.raises(ValueError, match="9 digits"):
        make_uln(number)


def weighted_remainder(nine: int) -> int:
    return sum((10 - i) * int(d) for i, d in enumerate(str(nine))) % 11


nine_digit_numbers = st.integers(100_000_000, 999_999_999)


@given(nine_digit_numbers)
def test_make_uln_always_validates(nine: int) -> None:
    assume(weighted_remainder(nine) != 0)
    uln = make_uln(nine)
    assert validate_uln(uln) == uln
    assert uln.startswith(str(nine))


@given(nine_digit_numbers, st.integers(1, 9), st.sampled_from(DIGITS))
def test_changing_one_digit_always_fails(nine: int, position: int, digit: str) -> None:
    # Weight 1..10 x difference 1..9 is never a multiple of the prime 11. Position 0 is left
    # alone so the change never just produces a leading zero.
    assume(weighted_remainder(nine) != 0)
    uln = make_uln(nine)
    if uln[position] == digit:
        digit = DIGITS[(DIGITS.index(digit) + 1) % 10]
    assert not is_valid_uln(uln[:position] + digit + uln[position + 1 :])


@given(st.text(max_size=14))
def test_is_valid_uln_never_raises(value: str) -> None:
    assert is_valid_uln(value) in {True, False}
