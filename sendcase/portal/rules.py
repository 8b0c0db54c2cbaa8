"""When a child becomes a young person, who then decides for themselves. Pure: no Django imports.

Under the Children and Families Act 2014 s.83(2) a "young person" is over compulsory school age
and under 25. A child stops being of compulsory school age on the school leaving date: the last
Friday in June of the school year (1 September to 31 August) in which they turn 16, even if
their birthday falls in the summer holidays after it (Education Act 1996 s.8(3)-(4) and the
Education (School Leaving Date) Order 1997, SI 1997/1970).

[UNCONFIRMED] This rule is not in shared/domain/statutory-timescales.md, which SENDcase treats as
its source of statutory facts: it is taken from the Education Act 1996 and SI 1997/1970 as
commonly cited, and is used only to decide who may hold a young person's portal account and set
what their parents see (docs/portal.md).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

YOUNG_PERSON_UPPER_AGE = 25


def _birthday(date_of_birth: date, years: int) -> date:
    year = date_of_birth.year + years
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not calendar.isleap(year):
        # In England someone born on 29 February reaches an age on 1 March in other years.
        return date(year, 3, 1)
    return date_of_birth.replace(year=year)


def last_friday_of_june(year: int) -> date:
    """The last Friday in June of `year`."""
    day = date(year, 6, 30)
    return day - timedelta(days=(day.weekday() - calendar.FRIDAY) % 7)


def school_leaving_date(date_of_birth: date) -> date:
    """The last day of compulsory school age: the last Friday in June of the school year of the 16th birthday.

    The school year runs 1 September to 31 August, so a 16th birthday from September to
    August of the next year gives the same leaving date (SI 1997/1970, [UNCONFIRMED] above).
    """
    sixteenth = _birthday(date_of_birth, 16)
    school_year_ends = sixteenth.year if sixteenth.month <= 8 else sixteenth.year + 1
    return last_friday_of_june(school_year_ends)


def is_young_person(date_of_birth: date, on: date) -> bool:
    """True if, on `on`, the person is over compulsory school age and under 25 (CFA 2014 s.83(2))."""
    return school_leaving_date(date_of_birth) < on < _birthday(date_of_birth, YOUNG_PERSON_UPPER_AGE)
