"""Transfers between phases of education, worked out from a date of birth (regs 2(1) and 18).

Regulation 18(1), SEND Regulations 2014 [CONFIRMED], puts a deadline on the amended plan of a
child or young person who moves between phases: before 15 February of the calendar year of the
transfer (31 March for secondary to post-16); see :func:`.reviews.phase_transfer_deadline`.
Which moves count comes from the definition of "transfer between phases" in regulation 2(1):
(a) relevant early years education to school, (b) infant to junior school, (c) primary to middle
school, (d) primary to secondary, (e) middle to secondary, (f) secondary to post-16. Limbs (a) to
(d) are [CONFIRMED]; (e) and (f) are [UNCONFIRMED] (the stored text is cut off).

Year groups follow England's school year, 1 September to 31 August: children born between
1 September and the next 31 August are one cohort, and Reception ("Year R", 0 here) is the
school year in which they turn 5, so a child starts Reception in the September after their
fourth birthday. That is the DfE's national curriculum year convention; shared/domain does not
state it, so it is [UNCONFIRMED] there. Compulsory school age (s.8 Education Act 1996) starts
later, the term after the fifth birthday, and nothing here depends on it.

The year group at which each kind of school ends is SENDcase's assumption, because a setting's
record carries its phase but not its age range [UNCONFIRMED]: infant schools end after Year 2
and first schools after Year 4; middle schools after Year 8 (the 9-13 middle schools of Dorset
and most three-tier areas; an 8-12 middle school would end after Year 7); secondary schools
after Year 11. Pure: no Django.
"""

from __future__ import annotations

import enum
from datetime import date

__all__ = [
    "SchoolStage",
    "TransferKind",
    "national_curriculum_year",
    "phase_transfer_in",
    "school_year_of",
    "transfer_between_phases",
    "year_group_in_september",
]

RECEPTION = 0


class SchoolStage(enum.StrEnum):
    """The kind of setting a child is in now, as far as phase transfer is concerned."""

    EARLY_YEARS = "early_years"
    INFANT = "infant"
    FIRST = "first"
    PRIMARY = "primary"  # also junior schools: both end after Year 6
    MIDDLE = "middle"
    SECONDARY = "secondary"
    ALL_THROUGH = "all_through"  # all-through and all-age special schools: only post-16 is a move
    POST_16 = "post16"
    UNKNOWN = "unknown"  # no setting recorded: the national transfer points apply


class TransferKind(enum.StrEnum):
    """A transfer between phases (reg 2(1)), with the year group the child enters."""

    EARLY_YEARS_TO_SCHOOL = "early_years_to_school"
    INFANT_TO_JUNIOR = "infant_to_junior"
    FIRST_TO_MIDDLE = "first_to_middle"
    PRIMARY_TO_SECONDARY = "primary_to_secondary"
    MIDDLE_TO_SECONDARY = "middle_to_secondary"
    SECONDARY_TO_POST16 = "secondary_to_post16"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def limb(self) -> str:
        """The limb of the reg 2(1) definition, e.g. "2(1)(d)"."""
        return _LABELS[self][1]

    @property
    def entering_year(self) -> int:
        """The national curriculum year the child starts in the September of the transfer."""
        return _ENTERING_YEAR[self]

    @property
    def post16(self) -> bool:
        """True for secondary to post-16, whose deadline is 31 March, not 15 February (reg 18(1)(b))."""
        return self is TransferKind.SECONDARY_TO_POST16


_LABELS = {
    TransferKind.EARLY_YEARS_TO_SCHOOL: ("Early years to school", "2(1)(a)"),
    TransferKind.INFANT_TO_JUNIOR: ("Infant to junior school", "2(1)(b)"),
    TransferKind.FIRST_TO_MIDDLE: ("First to middle school", "2(1)(c)"),
    TransferKind.PRIMARY_TO_SECONDARY: ("Primary to secondary school", "2(1)(d)"),
    TransferKind.MIDDLE_TO_SECONDARY: ("Middle to secondary school", "2(1)(e)"),
    TransferKind.SECONDARY_TO_POST16: ("Secondary school to post-16", "2(1)(f)"),
}
_ENTERING_YEAR = {
    TransferKind.EARLY_YEARS_TO_SCHOOL: RECEPTION,
    TransferKind.INFANT_TO_JUNIOR: 3,
    TransferKind.FIRST_TO_MIDDLE: 5,
    TransferKind.PRIMARY_TO_SECONDARY: 7,
    TransferKind.MIDDLE_TO_SECONDARY: 9,
    TransferKind.SECONDARY_TO_POST16: 12,
}
# Which moves leave each kind of setting. UNKNOWN gets the points every child passes nationally.
_MOVES: dict[SchoolStage, tuple[TransferKind, ...]] = {
    SchoolStage.EARLY_YEARS: (TransferKind.EARLY_YEARS_TO_SCHOOL,),
    SchoolStage.INFANT: (TransferKind.INFANT_TO_JUNIOR,),
    SchoolStage.FIRST: (TransferKind.FIRST_TO_MIDDLE,),
    SchoolStage.PRIMARY: (TransferKind.PRIMARY_TO_SECONDARY,),
    SchoolStage.MIDDLE: (TransferKind.MIDDLE_TO_SECONDARY,),
    SchoolStage.SECONDARY: (TransferKind.SECONDARY_TO_POST16,),
    SchoolStage.ALL_THROUGH: (TransferKind.SECONDARY_TO_POST16,),
    SchoolStage.POST_16: (),
    SchoolStage.UNKNOWN: (
        TransferKind.EARLY_YEARS_TO_SCHOOL,
        TransferKind.PRIMARY_TO_SECONDARY,
        TransferKind.SECONDARY_TO_POST16,
    ),
}


def school_year_of(day: date) -> int:
    """The calendar year in which the school year holding ``day`` began (it runs 1 Sep to 31 Aug)."""
    return day.year if day.month >= 9 else day.year - 1


def year_group_in_september(date_of_birth: date, year: int) -> int:
    """The national curriculum year a child is in from 1 September of ``year`` (Reception is 0).

    The DfE's year-group convention (see the module docstring) [UNCONFIRMED in shared/domain]:
    a child born on 10 October 2014 is in Year 7 from September 2026. Negative numbers are years
    before Reception (-1 is the year before a child starts school).
    """
    return year - school_year_of(date_of_birth) - 5


def national_curriculum_year(date_of_birth: date, on: date) -> int:
    """The national curriculum year a child is in on ``on`` (Reception is 0, Year 1 is 1).

    For use with regulation 18(1) of the SEND Regulations 2014: see the module docstring for the
    convention [UNCONFIRMED in shared/domain]. Over the summer holiday (to 31 August) a child is
    still in the year just finished.
    """
    return year_group_in_september(date_of_birth, school_year_of(on))


def transfer_between_phases(stage: SchoolStage, entering_year: int) -> TransferKind | None:
    """The transfer between phases (reg 2(1)) a child in ``stage`` makes on entering ``entering_year``.

    None when entering that year group is not a move between phases for that kind of setting.
    """
    for kind in _MOVES[stage]:
        if kind.entering_year == entering_year:
            return kind
    return None


def phase_transfer_in(date_of_birth: date, stage: SchoolStage, year: int) -> TransferKind | None:
    """The transfer between phases a child makes in September of ``year``, if any.

    Regulation 18(1), SEND Regulations 2014 [CONFIRMED] then requires the amended plan naming
    the next setting before 15 February of ``year`` (31 March for secondary to post-16): pass
    ``year`` and the kind's ``post16`` to :func:`.reviews.phase_transfer_deadline`. Which moves a
    setting makes rests on the assumptions in the module docstring [UNCONFIRMED].
    """
    return transfer_between_phases(stage, year_group_in_september(date_of_birth, year))
