"""Counting a SEN2 file the way the DfE's release counts the return, for comparison with ehcp_statistics.

Written from the SEN2 items alone (sen2-return.md A.4) and the release's variables (its data
guidance), never from SENDcase's records: a return whose counts differ from `ehcp_statistics`
for the same council and year would tell the DfE something else than SENDcase tells the council.

- Requests: the Requests blocks with a ReceivedDate in the calendar year, by RequestOutcome
  (Y decided to assess, N decided not to, A not yet decided, W withdrawn); RYA of those.
- Six weeks: the Y and N decisions with a RequestOutcomeDate in the year, by the days from
  ReceivedDate to it (42 or fewer).
- Decisions not to issue: AssessmentOutcome N dated in the year, by days (112 or fewer).
- Plans issued: AssessmentOutcome Y dated in the year (the issue date), by days from the
  ReceivedDate (140, 364); the `_ex` figures leave out Week20 = 1.
- Ceased: NamedPlan CeaseDate in the year, by CeaseReason.
- Caseload: ActivePlans blocks (plans maintained on the census date), by rank 1 SENneed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from lxml import etree

from sendcase.statistics import dfe

_OUTCOME_OF_REQUEST = {
    "Y": "requests_decided_to_assess",
    "N": "requests_decided_not_to_assess",
    "A": "requests_decision_not_made",
    "W": "requests_withdrawn",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _date(element: etree._Element | None, name: str) -> dt.date | None:
    value = element.findtext(name) if element is not None else None
    return dt.date.fromisoformat(value) if value else None


def _band(days: int) -> str:
    return "within" if days <= dfe.TWENTY_WEEKS else "gt20" if days <= dfe.FIFTY_TWO_WEEKS else "gt1y"


_BANDS = {
    "within": ("plans_issued_within_20_weeks", "plans_issued_20_weeks_ex"),
    "gt20": ("plans_issued_gt20weeks_ltYear", "plans_issued_gt20weeks_ltYear_ex"),
    "gt1y": ("plans_issued_gt_1_year", "plans_issued_gt_1_year_ex"),
}


def dfe_counts(xml: bytes, year: int) -> dict[str, object]:
    """The release's figures for calendar `year` from the return whose activity period it is."""
    start, end = dfe.year_bounds(year)

    def in_year(day: dt.date | None) -> bool:
        return day is not None and start <= day <= end

    n: Counter[str] = Counter()
    needs: Counter[str] = Counter()
    root = etree.fromstring(xml, _PARSER)
    assert root.findtext("Header/CollectionDetails/Year") == str(year + 1), "not the return for this year"
    for block in root.iterfind("Persons/Person/Requests"):
        received = _date(block, "ReceivedDate")
        outcome = block.findtext("RequestOutcome")
        decided = _date(block, "RequestOutcomeDate")
        if in_year(received):
            n["requests_received_in_year"] += 1
            n["requests_rya"] += block.findtext("RYA") == "1"
            if outcome in _OUTCOME_OF_REQUEST:
                n[_OUTCOME_OF_REQUEST[outcome]] += 1
        if outcome in ("Y", "N") and in_year(decided):
            within = (decided - received).days <= dfe.SIX_WEEKS
            n["request_outcome_six_weeks" if within else "request_outcome_over_6_weeks"] += 1
        assessment = block.find("Assessment")
        if assessment is not None:
            result, on = assessment.findtext("AssessmentOutcome"), _date(assessment, "AssessmentOutcomeDate")
            if result == "N" and in_year(on):
                n["assess_not_issued"] += 1
                within = (on - received).days <= dfe.SIXTEEN_WEEKS
                n["outcome_decision_within_time" if within else "outcome_decision_over_time"] += 1
            if result == "Y" and in_year(on):
                exception = assessment.findtext("Week20") == "1"
                band, band_ex = _BANDS[_band((on - received).days)]
                n["plans_issued_den"] += 1
                n[band] += 1
                if not exception:
                    n["plans_issued_den_ex"] += 1
                    n[band_ex] += 1
            named = assessment.find("NamedPlan")
            if named is not None and in_year(_date(named, "CeaseDate")):
                n[dfe.CEASE_COLUMNS[named.findtext("CeaseReason")]] += 1
                n["total_ceased"] += 1
        active = block.find("ActivePlans")
        if active is not None:
            n["ehcplans"] += 1
            ranked = {need.findtext("SENtypeRank"): need.findtext("SENtype") for need in active.iterfind("SENneed")}
            primary = ranked.get("1", "")
            needs[dfe.NEED_COLUMNS.get(primary, "need_unknown")] += 1
    counted = {name: n[name] for name in (*_counted(), *dfe.CEASE_COLUMNS.values())}
    counted |= {f"number_{stem}": needs[stem] for stem in (*dfe.NEED_STEMS, "need_unknown")}
    return counted | _percentages(counted)


def _counted() -> tuple[str, ...]:
    return (
        "requests_received_in_year",
        "requests_rya",
        *_OUTCOME_OF_REQUEST.values(),
        "request_outcome_six_weeks",
        "request_outcome_over_6_weeks",
        "assess_not_issued",
        "outcome_decision_within_time",
        "outcome_decision_over_time",
        "plans_issued_den",
        "plans_issued_den_ex",
        *(name for pair in _BANDS.values() for name in pair),
        "total_ceased",
        "ehcplans",
    )


def _percentages(n: dict[str, int]) -> dict[str, object]:
    pc = dfe.dfe_percentage
    received, timed = n["requests_received_in_year"], n["request_outcome_six_weeks"] + n["request_outcome_over_6_weeks"]
    den, den_ex = n["plans_issued_den"], n["plans_issued_den_ex"]
    refusals = n["outcome_decision_within_time"] + n["outcome_decision_over_time"]
    return {
        "request_assess_pc": pc(n["requests_decided_to_assess"], received),
        "request_not_assess_pc": pc(n["requests_decided_not_to_assess"], received),
        "request_outstanding_pc": pc(n["requests_decision_not_made"], received),
        "request_withdrawn_pc": pc(n["requests_withdrawn"], received),
        "request_outcome_six_weeks_pc": pc(n["request_outcome_six_weeks"], timed),
        "request_outcome_over_6_weeks_pc": pc(n["request_outcome_over_6_weeks"], timed),
        "outcome_decision_within_time_pc": pc(n["outcome_decision_within_time"], refusals),
        "outcome_decision_over_time_pc": pc(n["outcome_decision_over_time"], refusals),
        "pc_plans_issued_within_20_weeks": pc(n["plans_issued_within_20_weeks"], den),
        "pc_plans_issued_gt20weeks_ltYear": pc(n["plans_issued_gt20weeks_ltYear"], den),
        "pc_plans_issued_gt_1_year": pc(n["plans_issued_gt_1_year"], den),
        "PC_plans_issued_20_weeks_ex": pc(n["plans_issued_20_weeks_ex"], den_ex),
        "PC_plans_issued_gt20weeks_ltYear_ex": pc(n["plans_issued_gt20weeks_ltYear_ex"], den_ex),
        "PC_plans_issued_gt_1_year_ex": pc(n["plans_issued_gt_1_year_ex"], den_ex),
    }
