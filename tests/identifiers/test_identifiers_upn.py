"""UPN: check letter, permanent and temporary forms, and what the check letter catches."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.identifiers import (
    UPN_ALPHABET,
    IdentifierError,
    is_temporary_upn,
    is_valid_upn,
    make_upn,
    upn_check_letter,
    validate_upn,
)

DIGITS = "0123456789"


def test_known_valid_upn() -> None:
    # identifiers.md C.1: weights 2..13 over 8,0,1,2,0,0,0,0,5,0,0,1 give
    # 16 + 4 + 10 + 50 + 13 = 93; 93 mod 23 = 1, which is B.
    assert validate_upn("B801200005001") == "B801200005001"
    assert upn_check_letter("801200005001") == "B"


def test_wrong_check_letter_is_refused_without_suggesting_a_letter() -> None:
    with pytest.raises(IdentifierError) as caught:
        validate_upn("A801200005001")
    assert str(caught.value) == (
        "The UPN's check letter does not match the rest of the UPN – check the whole number has been copied correctly"
    )
    assert caught.value.identifier == "UPN"
    assert not is_valid_upn("A801200005001")


def test_temporary_upn_ends_in_a_letter() -> None:
    # Final A counts as 0: 16 + 4 + 10 + 50 = 80; 80 mod 23 = 11, which is M.
    assert validate_upn("M80120000500A") == "M80120000500A"
    assert is_temporary_upn("M80120000500A")
    assert not is_temporary_upn("B801200005001")


def test_upn_is_stripped_and_upper_cased() -> None:
    assert validate_upn("  b801200005001\n") == "B801200005001"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a UPN"),
        ("   ", "Enter a UPN"),
        ("B80120000500", "Enter a UPN with 13 characters"),
        ("B8012000050011", "Enter a UPN with 13 characters"),
        ("B8012 0005001", "Characters 2 to 12 of a UPN must be numbers"),
        ("1801200005001", "A UPN must start with a letter"),
        ("O801200005001", "A UPN cannot start with I, O or S"),
        ("B80120000X001", "Characters 2 to 12 of a UPN must be numbers"),
        ("B80120000500S", "The last character of a UPN must be a number or a letter other"),
        ("B80120000500-", "The last character of a UPN must be a number or a letter other"),
        # Arabic-Indic digit three: str.isdigit() would accept it.
        ("B80120000500\u0663", "The last character of a UPN must be a number"),
    ],
)
def test_badly_formed_upns_are_explained(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=f"^{message}"):
        validate_upn(value)


def test_make_upn_builds_the_known_example() -> None:
    assert make_upn(801, 2000, 5, 1) == "B801200005001"


@pytest.mark.parametrize("args", [(1000, 0, 0, 0), (0, 10000, 0, 0), (0, 0, 100, 0), (0, 0, 0, 1000), (-1, 0, 0, 0)])
def test_make_upn_rejects_numbers_that_do_not_fit(args: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="at most"):
        make_upn(*args)


def test_check_letter_rejects_a_bad_body() -> None:
    with pytest.raises(IdentifierError):
        upn_check_letter("80120000500")
    with pytest.raises(IdentifierError):
        upn_check_letter("8012000050O1")


def test_known_blind_spot_final_digit_and_its_letter_twin() -> None:
    # A temporary UPN's final letter counts as its index (B = 1), so swapping a final 1 for B
    # keeps the sum: "B80120000500B" is a valid temporary UPN. Documented in docs/identifiers.md.
    assert is_valid_upn("B80120000500B")


upn_bodies = st.builds(
    lambda la, estab, year, serial: f"{la:03d}{estab:04d}{year:02d}{serial:03d}",
    st.integers(0, 999),
    st.integers(0, 9999),
    st.integers(0, 99),
    st.integers(0, 999),
)
temporary_bodies = st.builds(
    lambda digits, letter: digits + letter,
    st.text(DIGITS, min_size=11, max_size=11),
    st.sampled_from(UPN_ALPHABET),
)


@given(st.integers(0, 999), st.integers(0, 9999), st.integers(0, 99), st.integers(0, 999))
def test_make_upn_always_validates(la: int, estab: int, year2: int, serial: int) -> None:
    upn = make_upn(la, estab, year2, serial)
    assert validate_upn(upn) == upn
    assert upn[1:4] == f"{la:03d}"
    assert not is_temporary_upn(upn)


@given(st.one_of(upn_bodies, temporary_bodies))
def test_check_letter_is_never_i_o_or_s(body: str) -> None:
    assert upn_check_letter(body) not in "IOS"
    assert is_valid_upn(upn_check_letter(body) + body)


@given(upn_bodies, st.integers(0, 11), st.sampled_from(DIGITS))
def test_changing_one_digit_always_fails(body: str, position: int, digit: str) -> None:
    # The change alters the sum by weight x difference, with weight 2..13 and difference 1..9;
    # 23 is prime and larger than both, so the product is never a multiple of 23.
    if body[position] == digit:
        digit = DIGITS[(DIGITS.index(digit) + 1) % 10]
    upn = upn_check_letter(body) + body
    changed = upn[: position + 1] + digit + upn[position + 2 :]
    assert not is_valid_upn(changed)


@given(temporary_bodies, st.sampled_from(UPN_ALPHABET))
def test_changing_a_temporary_upns_final_letter_always_fails(body: str, letter: str) -> None:
    # Weight 13 x a difference of 1..22 is never a multiple of 23.
    if body[-1] == letter:
        letter = UPN_ALPHABET[(UPN_ALPHABET.index(letter) + 1) % 23]
    upn = upn_check_letter(body) + body
    assert not is_valid_upn(upn[:-1] + letter)


@given(st.one_of(upn_bodies, temporary_bodies), st.sampled_from(UPN_ALPHABET))
def test_changing_the_check_letter_always_fails(body: str, letter: str) -> None:
    valid = upn_check_letter(body)
    if letter == valid:
        letter = UPN_ALPHABET[(UPN_ALPHABET.index(letter) + 1) % 23]
    assert not is_valid_upn(letter + body)


@given(st.text(max_size=20))
def test_is_valid_upn_never_raises(value: str) -> None:
    assert is_valid_upn(value) in {True, False}


def test_no_single_substitution_can_leave_the_mod_23_sum_unchanged() -> None:
    # The arithmetic behind the property tests above, checked exhaustively: weights 2..13 and
    # value differences 1..22 (digits differ by up to 9, final letters by up to 22).
    assert all((weight * diff) % 23 for weight in range(2, 14) for diff in range(1, 23))
