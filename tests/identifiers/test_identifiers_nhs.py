"""NHS number: 10 digits, modulus 11 check digit, shown as 3-3-4."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sendcase.identifiers import (
    IdentifierError,
    format_nhs_number,
    is_valid_nhs_number,
    make_nhs_number,
    validate_nhs_number,
)

DIGITS = "0123456789"


def test_known_valid_nhs_number() -> None:
    # identifiers.md C.3: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    assert validate_nhs_number("943 476 5919") == "9434765919"


def test_943_476_5870_is_valid_despite_looking_like_a_typo() -> None:
    # 90+36+24+28+42+30+20+24+14 = 308 = 28 x 11, so r = 0 and 11 - 0 = 11 is written as 0.
    # identifiers.md C.3 records it as valid (verified against python-stdnum).
    assert is_valid_nhs_number("943 476 5870")


def test_wrong_check_digit_is_invalid() -> None:
    with pytest.raises(IdentifierError) as caught:
        validate_nhs_number("943 476 5871")
    assert str(caught.value) == "Enter a valid NHS number – check it has been copied correctly"
    assert caught.value.identifier == "NHS number"


@pytest.mark.parametrize("value", ["9434765919", "943-476-5919", " 943 476 5919 ", "943\t4765919"])
def test_spaces_and_dashes_are_accepted(value: str) -> None:
    assert validate_nhs_number(value) == "9434765919"
    assert format_nhs_number(value) == "943 476 5919"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter an NHS number"),
        (" - ", "Enter an NHS number"),
        ("943 476 591", "Enter an NHS number with 10 digits"),
        ("943 476 59199", "Enter an NHS number with 10 digits"),
        ("943 476 591O", "Enter an NHS number with 10 digits"),
        ("\u0669434765919", "Enter an NHS number with 10 digits"),
    ],
)
def test_badly_formed_nhs_numbers_are_explained(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=f"^{message}$"):
        validate_nhs_number(value)


def test_nine_digits_needing_check_digit_10_are_never_issued() -> None:
    # 6 x 2 = 12; 12 mod 11 = 1; 11 - 1 = 10, which is never issued.
    with pytest.raises(ValueError, match="check digit 10"):
        make_nhs_number(6)
    assert not any(is_valid_nhs_number(f"000000006{d}") for d in DIGITS)


def test_make_nhs_number_pads_and_appends_the_check_digit() -> None:
    assert make_nhs_number(943476591) == "9434765919"
    assert make_nhs_number(943476587) == "9434765870"
    with pytest.raises(ValueError, match="between"):
        make_nhs_number(1_000_000_000)


def check_digit_is_10(nine: int) -> bool:
    return sum((10 - i) * int(d) for i, d in enumerate(f"{nine:09d}")) % 11 == 1


nine_digit_numbers = st.integers(0, 999_999_999)


@given(nine_digit_numbers)
def test_make_nhs_number_always_validates(nine: int) -> None:
    assume(not check_digit_is_10(nine))
    number = make_nhs_number(nine)
    assert validate_nhs_number(number) == number
    assert format_nhs_number(number).replace(" ", "") == number


@given(nine_digit_numbers, st.integers(0, 9), st.sampled_from(DIGITS))
def test_changing_one_digit_always_fails(nine: int, position: int, digit: str) -> None:
    # Weight 1..10 x difference 1..9 is never a multiple of the prime 11.
    assume(not check_digit_is_10(nine))
    number = make_nhs_number(nine)
    if number[position] == digit:
        digit = DIGITS[(DIGITS.index(digit) + 1) % 10]
    assert not is_valid_nhs_number(number[:position] + digit + number[position + 1 :])


@given(st.text(max_size=14))
def test_is_valid_nhs_number_never_raises(value: str) -> None:
    assert is_valid_nhs_number(value) in {True, False}


def test_no_single_digit_change_can_leave_the_mod_11_sum_unchanged() -> None:
    # The arithmetic behind the property test above (and the ULN's), checked exhaustively:
    # weights 1..10 and digit differences 1..9.
    assert all((weight * diff) % 11 for weight in range(1, 11) for diff in range(1, 10))
