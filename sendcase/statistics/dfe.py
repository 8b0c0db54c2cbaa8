"""The DfE 'Education, health and care plans' release: its variables, dates and rounding.

Facts from shared/domain/national-statistics.md, shared/domain/sen2-return.md and the release's
data guidance (shared/data/dfe-ehcp-statistics-2025/data-guidance.txt). Pure Python, no Django.

- Each release reports activity in calendar year Y-1 (time_period "2024") and the caseload at
  the January census of year Y (time_period "202425"). [CONFIRMED: data guidance]
- The census dates 2015-2027 are those listed in sen2-return.md A.2 [CONFIRMED: S6]. All but
  2021 (14 January, the second Thursday) are the third Thursday of January, so later years
  fall back to the third Thursday. [UNCONFIRMED for years after 2027]
- The release applies no suppression or rounding to counts; "z" is not applicable and "x"
  unavailable. Percentages have one decimal place, written without trailing zeros ("44",
  "55.1"). Halves round up: 45/144 = 31.25% is published as 31.3. [CONFIRMED by reading the
  published rows: of about 700 percentages whose exact value ends in 5 at the second decimal,
  all but a handful round half up]
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

# Markers the release (and other EES releases) use in place of a number.
MARKERS: Final = frozenset({"c", "x", "z", ":", "u", "low", "k", "~"})

# Statutory and published week lines, as days after the request was received (day 0).
SIX_WEEKS: Final = 42
SIXTEEN_WEEKS: Final = 112
TWENTY_WEEKS: Final = 140
# "Issued after 52 weeks" / "between 20 and 52 weeks": the release does not say on which side
# of the line a plan issued on day 364 falls. [UNCONFIRMED] SENDcase counts day 364 as within
# 52 weeks, the same way the 20-week line counts day 140 as within 20 weeks.
FIFTY_TWO_WEEKS: Final = 364

ONE_DECIMAL: Final = Decimal("0.1")


def dfe_percentage(numerator: int, denominator: int) -> Decimal | None:
    """``numerator`` as a percentage of ``denominator``, rounded as the release rounds it.

    None when there is no denominator: the release prints "x" there, and 0 would be a claim.
    """
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def dfe_round(value: Decimal | int | float) -> Decimal:
    """``value`` to one decimal place, halves up, as the release rounds.

    A float is read through its shortest decimal form (12.25, not 12.2499999...), so a figure
    already rounded to one place keeps its value.
    """
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def percentage_text(value: Decimal | int | float) -> str:
    """A percentage as the release prints it, with a % sign: "31.3%", "44%" (no ".0"), "1,000%"."""
    return f"{dfe_round(value):,.1f}".removesuffix(".0") + "%"


CENSUS_DATES: Final = {
    date.year: date
    for date in (
        dt.date(2015, 1, 15),
        dt.date(2016, 1, 21),
        dt.date(2017, 1, 19),
        dt.date(2018, 1, 18),
        dt.date(2019, 1, 17),
        dt.date(2020, 1, 16),
        dt.date(2021, 1, 14),
        dt.date(2022, 1, 20),
        dt.date(2023, 1, 19),
        dt.date(2024, 1, 18),
        dt.date(2025, 1, 16),
        dt.date(2026, 1, 15),
        dt.date(2027, 1, 21),
    )
}


def census_date(year: int) -> dt.date:
    """The SEN2 census date of January ``year``: the published date, else the third Thursday."""
    if year in CENSUS_DATES:
        return CENSUS_DATES[year]
    first = dt.date(year, 1, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(days=14)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of calendar ``year``: the period of the release's activity figures."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def activity_year(time_period: str) -> int:
    """The calendar year of activity a published time period belongs with.

    "2024" is calendar year 2024. "202425" is the census of January 2025, which closes the
    activity of calendar 2024 in the same release, so it belongs with 2024.
    """
    if len(time_period) == 4 and time_period.isdigit():
        return int(time_period)
    if len(time_period) == 6 and time_period.isdigit():
        return int(time_period[:4])
    raise ValueError(f"Unknown time period {time_period!r}: expected 4 digits (2024) or 6 (202425)")


def census_time_period(year: int) -> str:
    """The time_period of the census that closes calendar ``year``: 2024 gives "202425"."""
    return f"{year}{(year + 1) % 100:02d}"


# SEN2 primary need (SENtype) to the release's column stem. Down syndrome, a need from the 2025
# return, is counted under "other difficulty/disability" (sen_needs_all_plans.csv footnote 1).
NEED_COLUMNS: Final = {
    "ASD": "asd",
    "HI": "hi",
    "MLD": "mld",
    "MSI": "msi",
    "OTH": "oth",
    "DS": "oth",
    "PD": "pd",
    "PMLD": "pmld",
    "SEMH": "semh",
    "SLCN": "slcn",
    "SLD": "sld",
    "SPLD": "spld",
    "VI": "vi",
}
NEED_STEMS: Final = ("asd", "hi", "mld", "msi", "oth", "pd", "pmld", "semh", "slcn", "sld", "spld", "vi")

# SEN2 CeaseReason code to the ceased_plans.csv column. The data guidance describes "not_rec"
# as "ceased for other reasons" and "other" as "reason is not recorded", but the column names
# say the opposite, and in England 2022 "other" is 2,193 and "not_rec" 5, which fits code 9
# ("other") being common and a missing reason rare. SENDcase follows the column names.
# [UNCONFIRMED: the guidance's two descriptions look swapped]
CEASE_COLUMNS: Final = {
    "1": "max_age",
    "2": "needs_met",
    "3": "he",
    "4": "employ",
    "5": "transfer",
    "6": "no_engage",
    "7": "moved_outside_eng",
    "8": "deceased",
    "9": "other",
}

# The variables SENDcase computes, by the release file (dataset) that publishes them, in the
# file's column order. sen_need_newplans shares its names with sen_needs_all_plans, so it is
# reported as a nested object.
DATASET_VARIABLES: Final[dict[str, tuple[str, ...]]] = {
    "requests": (
        "requests_received_in_year",
        "requests_rya",
        "requests_decided_to_assess",
        "requests_decided_not_to_assess",
        "requests_decision_not_made",
        "requests_withdrawn",
        "request_assess_pc",
        "request_not_assess_pc",
        "request_outstanding_pc",
        "request_withdrawn_pc",
        "request_outcome_six_weeks",
        "request_outcome_over_6_weeks",
        "request_outcome_six_weeks_pc",
        "request_outcome_over_6_weeks_pc",
    ),
    "assessments": (
        "assess_not_issued",
        "outcome_decision_within_time",
        "outcome_decision_over_time",
        "outcome_decision_within_time_pc",
        "outcome_decision_over_time_pc",
    ),
    "timeliness_20_week": (
        "plans_issued_den",
        "plans_issued_den_ex",
        "plans_issued_within_20_weeks",
        "plans_issued_20_weeks_ex",
        "pc_plans_issued_within_20_weeks",
        "PC_plans_issued_20_weeks_ex",
        "plans_issued_gt20weeks_ltYear",
        "plans_issued_gt20weeks_ltYear_ex",
        "pc_plans_issued_gt20weeks_ltYear",
        "PC_plans_issued_gt20weeks_ltYear_ex",
        "plans_issued_gt_1_year",
        "plans_issued_gt_1_year_ex",
        "pc_plans_issued_gt_1_year",
        "PC_plans_issued_gt_1_year_ex",
    ),
    "newplans": ("new_ehc_plans",),
    "ceased_plans": (*CEASE_COLUMNS.values(), "not_rec", "total_ceased"),
    "caseload": ("ehcplans",),
    "sen_needs_all_plans": (
        "ehc_plans",
        *(f"number_{stem}" for stem in NEED_STEMS),
        "number_need_unknown",
        *(f"{stem}_pc" for stem in NEED_STEMS),
        "unknown_pc",
    ),
}
DATASET_VARIABLES["sen_need_newplans"] = DATASET_VARIABLES["sen_needs_all_plans"]
NESTED_DATASETS: Final = frozenset({"sen_need_newplans"})
# Which release file each flat key comes from, for comparing with the published figures.
FLAT_DATASET_OF: Final = {
    variable: dataset
    for dataset, variables in DATASET_VARIABLES.items()
    if dataset not in NESTED_DATASETS
    for variable in variables
}
# Datasets whose time_period is the January census (academic-year style "202425").
CENSUS_DATASETS: Final = frozenset({"caseload", "sen_needs_all_plans"})
