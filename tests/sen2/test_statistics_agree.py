"""The SEN2 return and `ehcp_statistics` tell the same story about the same records.

Records of every kind that meets a line of the DfE's counting are built for one council (a
decision to issue in December with the plan in January, a re-assessment, exceptions and a
lookalike that is not one, ceased and transferred plans, a decision after the period but before
the census), the year's return is exported, counted the way the DfE counts a return
(tests/sen2/dfe_count.py), and every count and percentage must equal what `ehcp_statistics`
gives for that council and year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from lxml import etree

from sendcase.cases.models import AssessmentRequest, Plan, TimescaleException
from sendcase.people.models import Child
from sendcase.sen2 import collection
from sendcase.sen2.export import check_written
from sendcase.sen2.importer import sen2_import
from sendcase.statistics import dfe
from sendcase.statistics.ehcp import ehcp_statistics
from sendcase.timescales import ExceptionKind
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory
from tests.sen2.conftest import export_bytes, write
from tests.sen2.dfe_count import dfe_counts

YEAR = 2026  # calendar year of activity: the 2027 return, census 21 January 2027
D = dt.date


class Records:
    def __init__(self, la, setting):
        self.la, self.setting = la, setting

    def child(self, name: str, **fields) -> Child:
        return ChildFactory(local_authority=self.la, setting=self.setting, last_name=name, primary_need="ASD", **fields)

    def request(self, child: Child, received: dt.date, **fields) -> AssessmentRequest:
        return AssessmentRequest.objects.create(child=child, received_on=received, source="parent", **fields)

    def issued(self, name: str, received, assessed, decided, issued, **fields) -> AssessmentRequest:
        """An initial request that ended in a plan issued on `issued`, still maintained."""
        child = self.child(name)
        request = self.request(
            child,
            received,
            assess_decision="assess",
            assess_decision_on=assessed,
            issue_decision="issue",
            issue_decision_on=decided,
            final_issued_on=issued,
            outcome="plan_issued",
            closed_on=issued,
            **fields,
        )
        Plan.objects.create(child=child, request=request, issued_on=issued, named_setting=self.setting)
        return request

    def plan(self, name: str, issued, **fields) -> Plan:
        return Plan.objects.create(child=self.child(name), issued_on=issued, named_setting=self.setting, **fields)


def build(la, setting) -> Records:
    r = Records(la, setting)
    # The decision to issue came in December 2025, the plan in January 2026: issued in 2026.
    r.issued("December", D(2025, 8, 1), D(2025, 9, 5), D(2025, 12, 10), D(2026, 1, 26))
    # ... and one issued before the 2026 census, within 20 weeks of the request (day 136).
    r.issued("Before census", D(2025, 8, 25), D(2025, 9, 20), D(2025, 12, 15), D(2026, 1, 8))
    # On time, in the year; the request made while the child was in youth accommodation.
    youth = {"in_relevant_youth_accommodation": True}
    r.issued("Timely", D(2026, 2, 2), D(2026, 3, 10), D(2026, 5, 20), D(2026, 6, 15), **youth)
    # Late, but an exception to the 20-week limit (reg 10(4)(c)) applied: Week20 = 1.
    late = r.issued("Excepted", D(2026, 3, 2), D(2026, 4, 1), D(2026, 6, 1), D(2026, 9, 1))
    TimescaleException.objects.create(
        request=late, kind=ExceptionKind.PERSONAL_CIRCUMSTANCES, start_on=D(2026, 4, 1), end_on=D(2026, 5, 20)
    )
    # Late with only a missed appointment for advice (reg 8(2)(c)): not a 20-week exception.
    missed = r.issued("Missed", D(2026, 1, 12), D(2026, 2, 10), D(2026, 5, 1), D(2026, 6, 30))
    TimescaleException.objects.create(
        request=missed, kind=ExceptionKind.ADVICE_MISSED_APPOINTMENT, start_on=D(2026, 3, 3), end_on=D(2026, 3, 3)
    )
    # Over a year.
    r.issued("Very late", D(2025, 6, 2), D(2025, 7, 10), D(2026, 5, 1), D(2026, 6, 10))
    # A re-assessment replaces a plan of 2019 with a new one on 1 June 2026; another is under way.
    child = r.child("Reassessed")
    replaced = {"status": "ceased", "ceased_on": D(2026, 6, 1)}  # no reason: the new plan goes on
    Plan.objects.create(child=child, issued_on=D(2019, 4, 1), named_setting=setting, **replaced)
    again = r.request(
        child,
        D(2026, 3, 1),
        kind="reassessment",
        issue_decision="issue",
        issue_decision_on=D(2026, 5, 1),
        final_issued_on=D(2026, 6, 1),
        outcome="plan_issued",
        closed_on=D(2026, 6, 1),
    )
    Plan.objects.create(child=child, request=again, issued_on=D(2026, 6, 1), named_setting=setting)
    under_way = r.plan("Reassessing", D(2020, 9, 1))
    r.request(under_way.child, D(2026, 10, 1), kind="reassessment")
    # Requests that did not (yet) end in a plan.
    r.request(
        r.child("Refused"),
        D(2026, 4, 1),
        assess_decision="not_assess",
        assess_decision_on=D(2026, 5, 20),
        outcome="not_assessed",
        closed_on=D(2026, 5, 20),
    )
    r.request(r.child("Withdrawn"), D(2026, 5, 1), outcome="withdrawn", closed_on=D(2026, 5, 20))
    moved = {"outcome": "transferred_out", "closed_on": D(2026, 6, 20), "transferred_out_to": "865"}
    r.request(r.child("Moved"), D(2026, 6, 1), **moved)
    r.request(r.child("Waiting"), D(2026, 11, 20))
    r.request(
        r.child("No plan"),
        D(2026, 2, 1),
        assess_decision="assess",
        assess_decision_on=D(2026, 3, 1),
        issue_decision="not_issue",
        issue_decision_on=D(2026, 5, 15),
        outcome="not_issued",
        closed_on=D(2026, 5, 15),
    )
    r.request(
        r.child("No plan, late"),
        D(2026, 1, 5),
        assess_decision="assess",
        assess_decision_on=D(2026, 2, 1),
        issue_decision="not_issue",
        issue_decision_on=D(2026, 6, 1),
        outcome="not_issued",
        closed_on=D(2026, 6, 1),
    )
    # Decided after the period but before the census: decided on the census date.
    r.request(r.child("January"), D(2026, 12, 1), assess_decision="assess", assess_decision_on=D(2027, 1, 10))
    # Decided after the census: not yet decided on it.
    r.request(r.child("After census"), D(2026, 12, 8), assess_decision="assess", assess_decision_on=D(2027, 1, 25))
    # Received the year before, decided in the year (on day 42): timed in the year's six weeks.
    r.request(r.child("Last year's"), D(2025, 12, 1), assess_decision="assess", assess_decision_on=D(2026, 1, 12))
    # Plans that ended in the year, for their reasons; one ends after the census (still maintained).
    r.plan("Needs met", D(2018, 5, 1), status="ceased", ceased_on=D(2026, 5, 5), cease_reason="2")
    r.plan("Aged out", D(2016, 5, 1), status="ceased", ceased_on=D(2026, 7, 31), cease_reason="1")
    r.plan("Moved away", D(2021, 5, 1), status="transferred_out", ceased_on=D(2026, 8, 1), cease_reason="5")
    r.plan("Ending", D(2022, 5, 1), status="ceased", ceased_on=D(2027, 2, 1), cease_reason="6")
    r.plan("Ended last year", D(2020, 5, 1), status="ceased", ceased_on=D(2025, 12, 31), cease_reason="2")
    # Maintained on the census date: made before SENDcase, and taken over from another council.
    r.plan("Long-standing", D(2021, 3, 1))
    r.plan("Moved in", D(2026, 3, 1), transferred_in_from="865")
    return r


def _by_surname(xml: bytes, name: str) -> list[etree._Element]:
    root = etree.fromstring(xml)
    person = next(p for p in root.iterfind("Persons/Person") if p.findtext("Surname") == name)
    return person.findall("Requests")


@pytest.mark.django_db
def test_the_return_counted_as_the_dfe_counts_it_gives_the_councils_statistics(la, other_la, setting):
    build(la, setting)
    # Another council's records are in neither.
    stranger = ChildFactory(local_authority=other_la, primary_need="ASD")
    AssessmentRequest.objects.create(child=stranger, received_on=D(2026, 3, 1), source="parent")

    exported = export_bytes(la, year=YEAR + 1)
    from_return = dfe_counts(exported, YEAR)
    statistics = ehcp_statistics(year=YEAR, la=la).figures

    assert {name: statistics[name] for name in from_return} == from_return
    # The records meet every line, so the comparison is not between zeros.
    assert from_return["requests_received_in_year"] == 11
    assert (from_return["plans_issued_den"], from_return["plans_issued_den_ex"]) == (6, 5)
    assert (from_return["plans_issued_within_20_weeks"], from_return["plans_issued_gt_1_year"]) == (2, 1)
    assert from_return["requests_decided_to_assess"] == 6 and from_return["requests_decision_not_made"] == 2
    assert (from_return["total_ceased"], from_return["transfer"], from_return["ehcplans"]) == (3, 1, 11)
    assert from_return["request_outcome_six_weeks"] == 6 and from_return["assess_not_issued"] == 2
    assert len(from_return) >= 50


@pytest.mark.django_db
def test_a_plan_whose_decision_to_issue_came_the_year_before_carries_its_issue_date_and_week20(tmp_path, la, setting):
    build(la, setting)
    earlier, later = export_bytes(la, year=YEAR), export_bytes(la, year=YEAR + 1)

    (before,) = _by_surname(earlier, "December")
    assert before.findtext("Assessment/AssessmentOutcome") == "Y"
    assert before.find("Assessment/AssessmentOutcomeDate") is None  # not issued by the end of 2025
    (after,) = _by_surname(later, "December")
    assert after.findtext("RequestOutcome") == "H"
    assert after.findtext("Assessment/AssessmentOutcome") == "Y"
    assert after.findtext("Assessment/AssessmentOutcomeDate") == "2026-01-26"
    assert after.findtext("Assessment/Week20") == "0"
    assert after.findtext("Assessment/NamedPlan/StartDate") == "2026-01-26"
    (excepted,) = _by_surname(later, "Excepted")
    assert excepted.findtext("Assessment/Week20") == "1"
    # Both files pass every rule.
    for year, xml in ((YEAR, earlier), (YEAR + 1, later)):
        report, _ = check_written(write(tmp_path, xml, f"sen2-{year}.xml"), la_codes={"838"})
        assert report.errors == 0, (year, report.counts)


@pytest.mark.django_db
def test_a_reassessment_is_not_a_request_and_its_plan_is_the_childs_continuing_plan(la, setting):
    build(la, setting)
    later = export_bytes(la, year=YEAR + 1)

    (block,) = _by_surname(later, "Reassessed")
    assert block.find("ReceivedDate") is None
    assert (block.findtext("RequestOutcome"), block.findtext("Assessment/AssessmentOutcome")) == ("H", "H")
    assert block.findtext("Assessment/NamedPlan/StartDate") == "2026-06-01"
    assert block.find("Assessment/NamedPlan/CeaseDate") is None and block.find("ActivePlans") is not None
    # The re-assessment under way is no request either: the child's plan is returned as it is.
    (block,) = _by_surname(later, "Reassessing")
    assert block.find("ReceivedDate") is None and block.findtext("Assessment/NamedPlan/StartDate") == "2020-09-01"


@pytest.mark.django_db
def test_a_decision_after_the_period_is_returned_as_it_stood_on_the_census_date(la, setting):
    build(la, setting)
    later = export_bytes(la, year=YEAR + 1)

    (january,) = _by_surname(later, "January")
    assert (january.findtext("RequestOutcome"), january.findtext("RequestOutcomeDate")) == ("Y", "2027-01-10")
    assert january.findtext("Assessment/AssessmentOutcome") == "A"
    (after,) = _by_surname(later, "After census")
    assert after.findtext("RequestOutcome") == "A" and after.find("RequestOutcomeDate") is None


class _Discard(Exception):
    pass


@pytest.mark.django_db
def test_the_return_of_these_records_survives_import_and_export_unchanged(tmp_path):
    exported = b""
    try:
        with transaction.atomic():
            la = LocalAuthorityFactory(code="838")
            build(la, SettingFactory(local_authority=la))
            exported = export_bytes(la, year=YEAR + 1)
            raise _Discard
    except _Discard:
        pass
    assert Child.objects.count() == 0 and exported
    la = LocalAuthorityFactory(code="838")

    result = sen2_import(actor=None, path=write(tmp_path, exported))

    assert result.written, [p.describe() for p in result.report.problems]
    assert export_bytes(la, year=YEAR + 1) == exported


def test_the_return_and_the_statistics_use_the_same_census_date_every_year():
    for year in range(2025, 2041):
        assert collection.collection_for(year).census == dfe.census_date(year), year
