"""The statistics page's comparison: the council's own figures beside the published ones.

For each key measure, one row per area and source: the council as SENDcase counts its records,
the council as the DfE published it, England, the council's region and the comparator councils,
each over the years either source covers. Aggregate figures only: no child is identified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from django.db.models import Min, Q
from django.db.models.functions import ExtractYear

from sendcase.cases.models import AssessmentRequest, RequestKind
from sendcase.core.clock import today
from sendcase.organisations.models import LocalAuthority
from sendcase.statistics.ehcp import EhcpStatistics, Figure, ehcp_statistics
from sendcase.statistics.models import DfePublishedFigure, GeographicLevel

DEFAULT_COMPARATORS: Final = 5
MAX_COMPARATORS: Final = 10
# SENDcase figures are shown for at most this many completed years.
MAX_YEARS: Final = 7


@dataclass(frozen=True)
class Measure:
    slug: str
    title: str
    dataset: str
    variable: str
    is_percentage: bool
    explanation: str
    sheet: str  # the XLSX sheet name: at most 31 characters


MEASURES: Final = (
    Measure(
        "requests",
        "Requests for an EHC needs assessment",
        "requests",
        "requests_received_in_year",
        False,
        "Requests for an EHC needs assessment received in the calendar year (not re-assessments).",
        "Requests",
    ),
    Measure(
        "within-20-weeks",
        "EHC plans issued within 20 weeks, including exceptions",
        "timeliness_20_week",
        "pc_plans_issued_within_20_weeks",
        True,
        "Of the final plans issued in the year, the percentage issued on or before 20 weeks (140 days) "
        "after the request was received, counting every plan.",
        "Within 20 weeks",
    ),
    Measure(
        "within-20-weeks-excluding-exceptions",
        "EHC plans issued within 20 weeks, excluding exceptions",
        "timeliness_20_week",
        "PC_plans_issued_20_weeks_ex",
        True,
        "The DfE's headline measure: as above, leaving out plans where an exception to the 20-week "
        "limit applied (regulation 13(3)). Blank where every plan had an exception.",
        "Within 20 weeks excl exceptions",
    ),
    Measure(
        "plans",
        "EHC plans maintained at the January census",
        "caseload",
        "ehcplans",
        False,
        "Plans the council maintained on the census date, the third Thursday of January after the year: "
        "the 2024 column is January 2025.",
        "Plans at the census",
    ),
    Measure(
        "ceased",
        "EHC plans that ceased",
        "ceased_plans",
        "total_ceased",
        False,
        "Plans that ended in the calendar year, for any reason, including transfers to another council.",
        "Plans ceased",
    ),
)
MEASURES_BY_SLUG: Final = {measure.slug: measure for measure in MEASURES}


@dataclass(frozen=True)
class Council:
    code: str
    name: str
    region_code: str
    region_name: str
    plans: Decimal | None


@dataclass
class Series:
    key: str
    area: str
    source: str
    kind: str  # own, own_published, england, region, comparator
    values: dict[int, Figure] = field(default_factory=dict)
    markers: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MeasureTable:
    measure: Measure
    years: tuple[int, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Comparison:
    council: LocalAuthority
    region_code: str
    region_name: str
    comparators: tuple[Council, ...]
    default_comparators: tuple[str, ...]
    choices: tuple[Council, ...]
    tables: tuple[MeasureTable, ...]
    sendcase_years: tuple[int, ...]
    has_published: bool


def published_councils() -> dict[str, Council]:
    """Every council in the latest published caseload, with its region and number of plans."""
    latest = (
        DfePublishedFigure.objects.filter(dataset="caseload", variable="ehcplans")
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if latest is None:
        return {}
    rows = DfePublishedFigure.objects.filter(
        dataset="caseload", variable="ehcplans", year=latest, geographic_level=GeographicLevel.LOCAL_AUTHORITY
    ).values_list("la_code", "la_name", "region_code", "region_name", "value")
    return {
        code: Council(code, name, region_code, region_name, value)
        for code, name, region_code, region_name, value in rows
    }


def default_comparators(
    *, council: LocalAuthority, directory: dict[str, Council], own_plans: Figure
) -> tuple[str, ...]:
    """The 5 other councils of the same region whose number of plans is nearest the council's.

    The DfE's statistical neighbours (or the CIPFA nearest neighbours) are not in the sources
    SENDcase builds on, so this is SENDcase's own rule. [UNCONFIRMED: statistical neighbours]
    """
    own = directory.get(council.code)
    region = own.region_code if own else ""
    plans = own.plans if own and own.plans is not None else own_plans
    if not region or plans is None:
        return ()
    same_region = [
        c for c in directory.values() if c.region_code == region and c.code != council.code and c.plans is not None
    ]
    same_region.sort(key=lambda c: (abs(Decimal(c.plans) - Decimal(plans)), c.name))  # type: ignore[arg-type]
    return tuple(c.code for c in same_region[:DEFAULT_COMPARATORS])


def sendcase_years(*, council: LocalAuthority, now: dt.date) -> tuple[int, ...]:
    """Completed calendar years since the council's first request recorded in SENDcase (at most 7)."""
    first = (
        AssessmentRequest.objects.filter(child__local_authority=council, kind=RequestKind.INITIAL)
        .aggregate(first=Min(ExtractYear("received_on")))
        .get("first")
    )
    if first is None:
        return ()
    return tuple(range(max(first, now.year - MAX_YEARS), now.year))


def statistics_comparison(
    *, council: LocalAuthority, comparators: list[str] | None, directory: dict[str, Council] | None = None
) -> Comparison:
    """Everything the statistics page shows for ``council``; ``comparators`` None means the default set."""
    directory = published_councils() if directory is None else directory
    years = sendcase_years(council=council, now=today())
    computed: dict[int, EhcpStatistics] = {year: ehcp_statistics(year=year, la=council) for year in years}
    own_plans = computed[years[-1]].figures["ehcplans"] if years else None
    defaults = default_comparators(council=council, directory=directory, own_plans=own_plans)
    chosen = [code for code in (defaults if comparators is None else comparators) if code in directory]
    own = directory.get(council.code)
    region_code = own.region_code if own else ""
    region_name = own.region_name if own else council.region
    if not region_code and council.region:
        region_code = (
            DfePublishedFigure.objects.filter(geographic_level=GeographicLevel.REGIONAL, region_name=council.region)
            .values_list("region_code", flat=True)
            .first()
            or ""
        )
    published = _published(region_code=region_code, la_codes=[council.code, *chosen])
    tables = []
    for measure in MEASURES:
        rows = [
            Series("sendcase", council.name, "SENDcase records", "own"),
            Series("council", council.name, "DfE published", "own_published"),
            Series("england", "England", "DfE published", "england"),
        ]
        if region_code:
            rows.append(Series("region", region_name or "Region", "DfE published", "region"))
        rows += [Series(f"la-{code}", directory[code].name, "DfE published", "comparator") for code in chosen]
        for year, result in computed.items():
            rows[0].values[year] = result.value(measure.dataset, measure.variable)
        by_key = {row.key: row for row in rows}
        measure_years = set(computed)
        for (dataset, variable, key, year), (value, marker) in published.items():
            if (dataset, variable) == (measure.dataset, measure.variable) and key in by_key:
                by_key[key].values[year] = value
                by_key[key].markers[year] = marker
                measure_years.add(year)
        tables.append(MeasureTable(measure, tuple(sorted(measure_years)), tuple(rows)))
    return Comparison(
        council=council,
        region_code=region_code,
        region_name=region_name,
        comparators=tuple(directory[code] for code in chosen),
        default_comparators=defaults,
        choices=tuple(sorted((c for c in directory.values() if c.code != council.code), key=lambda c: c.name)),
        tables=tuple(tables),
        sendcase_years=years,
        has_published=bool(directory),
    )


def _published(*, region_code: str, la_codes: list[str]) -> dict[tuple[str, str, str, int], tuple[Figure, str]]:
    """Published figures of the key measures for England, the region and the given councils, in one query."""
    wanted = Q()
    for measure in MEASURES:
        wanted |= Q(dataset=measure.dataset, variable=measure.variable)
    where = Q(geographic_level=GeographicLevel.NATIONAL) | Q(
        geographic_level=GeographicLevel.LOCAL_AUTHORITY, la_code__in=la_codes
    )
    if region_code:
        where |= Q(geographic_level=GeographicLevel.REGIONAL, region_code=region_code)
    own = la_codes[0]
    figures: dict[tuple[str, str, str, int], tuple[Figure, str]] = {}
    rows = DfePublishedFigure.objects.filter(wanted & where).values_list(
        "dataset", "variable", "geographic_level", "la_code", "year", "value", "marker"
    )
    for dataset, variable, level, la_code, year, value, marker in rows:
        if level == GeographicLevel.NATIONAL:
            key = "england"
        elif level == GeographicLevel.REGIONAL:
            key = "region"
        else:
            key = "council" if la_code == own else f"la-{la_code}"
        number = (
            int(value) if value is not None and value == value.to_integral_value() and not _is_pc(variable) else value
        )
        figures[(dataset, variable, key, year)] = (number, marker)
    return figures


def _is_pc(variable: str) -> bool:
    return variable.lower().startswith("pc_") or variable.endswith("_pc")
