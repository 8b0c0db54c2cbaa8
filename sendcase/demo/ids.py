"""Identifiers for synthetic records: the same seed always gives the same ones.

Every identifier is built by the pure core's `make_*` functions, so it passes the same
validators as a real one. Uniqueness comes from counters, not luck: a seed run of 850,000
children drawing random 7-character references would expect about ten collisions.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from sendcase import identifiers
from sendcase.people.models import REFERENCE_ALPHABET  # the live references' alphabet

_REFERENCE_BITS = 35  # 7 characters of a 32-letter alphabet
_REFERENCE_MASK = (1 << _REFERENCE_BITS) - 1
_MULTIPLIER = 0x5DEECE66D  # odd, so multiplying is a permutation modulo 2**35

# NHS numbers starting 999 are the range commonly used for test data, so a synthetic number
# never belongs to a real patient. That the whole 999 range is reserved is [UNCONFIRMED]; see
# sendcase.identifiers.nhs.make_nhs_number.
_NHS_TEST_PREFIX = 999_000_000
_NHS_TEST_RANGE = 1_000_000


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from `rng` rather than the operating system."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class CouncilIdentifiers:
    """Child references, UPNs and ULNs for one council, unique within it and across councils."""

    def __init__(self, *, la_code: str, seed: int) -> None:
        self.la = int(la_code)
        self._key = random.Random(f"reference-key:{seed}").getrandbits(_REFERENCE_BITS)

    def reference(self, n: int) -> str:
        """The `n`th child's SENDcase reference: a bijection of (LA, n), so never a repeat."""
        value = ((self.la << 20) + n) & _REFERENCE_MASK
        for _ in range(2):
            value = (value * _MULTIPLIER + self._key) & _REFERENCE_MASK
            value ^= value >> 17
        chars = []
        for _ in range(7):
            value, digit = divmod(value, 32)
            chars.append(REFERENCE_ALPHABET[digit])
        return "SC-" + "".join(chars)

    def upn(self, n: int, date_of_birth: dt.date) -> str:
        """A permanent UPN allocated by this LA in the year the child started school."""
        year2 = (date_of_birth.year + 5) % 100
        return identifiers.make_upn(self.la, 2000 + n // 1000, year2, n % 1000)

    def uln(self, n: int) -> str:
        """A ULN unique to (LA, n), for n below 100,000.

        One nine-digit stem in eleven has no check digit; then the same (LA, n) in the next
        block of 100 million is tried, which no other (LA, n) uses.
        """
        stem = self.la * 100_000 + n % 100_000
        for block in range(500_000_000, 1_000_000_000, 100_000_000):
            try:
                return identifiers.make_uln(block + stem)
            except ValueError:
                continue
        raise ValueError(f"No ULN for LA {self.la}, child {n}")  # pragma: no cover


class NhsNumbers:
    """Valid NHS numbers from the test range, handed out in turn across a whole seed run."""

    def __init__(self, start: int = 0) -> None:
        self._next = start

    def take(self) -> str:
        while True:
            stem = _NHS_TEST_PREFIX + self._next % _NHS_TEST_RANGE
            self._next += 1
            try:
                return identifiers.make_nhs_number(stem)
            except ValueError:  # that stem needs check digit 10, which is never issued
                continue
