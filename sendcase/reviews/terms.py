"""School terms, for the lists of reviews the council sends each school before a term starts.

Code of Practice 9.172 asks councils to give schools the list of children whose plans need a
review at least two weeks before the start of each term [SECONDARY]. Term dates differ by
council and year, and shared/domain gives none, so SENDcase uses fixed terms [UNCONFIRMED]:
autumn 1 September to 31 December, spring 1 January to 31 March (Easter moves; this is an
approximation), summer 1 April to 31 August. A council with its own term dates would set them
here. Pure: no Django.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from sendcase.timescales.reviews import review_list_due


class Term(enum.StrEnum):
    AUTUMN = "autumn"
    SPRING = "spring"
    SUMMER = "summer"

    @property
    def label(self) -> str:
        return self.value.capitalize()


_BOUNDS = {
    Term.AUTUMN: ((9, 1), (12, 31)),
    Term.SPRING: ((1, 1), (3, 31)),
    Term.SUMMER: ((4, 1), (8, 31)),
}


@dataclass(frozen=True)
class TermDates:
    term: Term
    year: int  # the calendar year the term starts in
    starts: date
    ends: date

    @property
    def label(self) -> str:
        return f"{self.term.label} term {self.year}"

    @property
    def list_due(self) -> date:
        """Last day to send schools the list: 2 weeks before the term starts (CoP 9.172 [SECONDARY])."""
        return review_list_due(self.starts)

    def holds(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def term_dates(term: Term | str, year: int) -> TermDates:
    """The fixed dates SENDcase uses for `term` starting in calendar `year` [UNCONFIRMED]."""
    term = Term(term)
    (sm, sd), (em, ed) = _BOUNDS[term]
    return TermDates(term=term, year=year, starts=date(year, sm, sd), ends=date(year, em, ed))


def term_of(day: date) -> TermDates:
    """The term `day` falls in."""
    for term in Term:
        dates = term_dates(term, day.year)
        if dates.holds(day):
            return dates
    raise AssertionError(f"{day} is in no term")  # pragma: no cover: the terms cover the year


def next_term(day: date) -> TermDates:
    """The term after the one `day` is in: the one whose list is sent next."""
    current = term_of(day)
    return term_of(date(current.ends.year + (current.ends.month == 12), current.ends.month % 12 + 1, 1))
