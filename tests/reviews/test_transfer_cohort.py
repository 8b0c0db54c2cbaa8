"""The tracker, the performance figures (and the scorecard) and SEN2 find the same phase transfers.

TODAY is 2 June 2025 (tests/conftest.py). None of these reviews is recorded as a phase transfer
review except the mid-year move: the others are found from date of birth and setting, as the
tracker finds them (reg 18(1); sendcase/reviews/transfers.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from sendcase.organisations.models import Phase
from sendcase.reviews.performance import review_performance
from sendcase.reviews.sen2 import sen2_review_items
from sendcase.reviews.tracker import phase_transfers
from sendcase.scorecard.periods import Period
from sendcase.scorecard.reviews import review_figures
from sendcase.sen2.export import return_settings_save, sen2_export
from tests.factories import LocalityFactory, SettingFactory
from tests.reviews.builders import child_with_plan, review

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2025, 1, 1), D(2025, 6, 30)


def _amended(held: dt.date, issued: dt.date | None) -> dict:
    return {
        "meeting_held_on": held,
        "invitations_sent_on": held - dt.timedelta(weeks=6),
        "decision": "amend",
        "outcome": "A",
        "decision_sent_on": held + dt.timedelta(days=14),
        "proposed_amendments_sent_on": held + dt.timedelta(days=14),
        "amended_plan_issued_on": issued,
        "completed_on": issued,
    }


@pytest.fixture
def movers(la, officer, colleague):
    north, south = LocalityFactory(local_authority=la, name="North"), LocalityFactory(local_authority=la, name="South")
    primary = SettingFactory(local_authority=la, name="Castle Primary School", phase=Phase.PRIMARY)
    secondary = SettingFactory(local_authority=la, name="Town Academy", phase=Phase.SECONDARY)
    college = SettingFactory(local_authority=la, name="Weymouth College", phase=Phase.POST_16)
    plans = {}

    def mover(name, born, setting, locality, worker):
        child, plan = child_with_plan(la, born=born, setting=setting, locality=locality, first_name=name)
        child.key_worker = worker
        child.save()
        plans[name] = plan
        return plan

    # Year 6 in 2024/25, into Year 7 in September 2025: the plan was due by 14 February, issued the 20th.
    review(mover("Found", D(2013, 11, 10), primary, north, officer), **_amended(D(2024, 11, 4), D(2025, 2, 20)))
    # Year 11, into post-16: due by 30 March; issued in January, on time.
    review(mover("Sixth", D(2009, 6, 20), secondary, south, colleague), **_amended(D(2024, 10, 1), D(2025, 1, 10)))
    # Into Year 7 too, with no review at all: late all the same.
    mover("NoReview", D(2014, 1, 10), primary, north, officer)
    # A move between colleges on 15 July 2025, recorded on the review: due 5 months before, 15 February.
    review(
        mover("College", D(2007, 12, 1), college, south, colleague),
        is_phase_transfer=True,
        transfer_kind="post16_to_post16",
        transfer_year=2025,
        post16_transfer_on=D(2025, 7, 15),
        **_amended(D(2024, 12, 1), D(2025, 3, 1)),
    )
    # Year 5: moves in 2026, not 2025.
    review(mover("NextYear", D(2015, 1, 10), primary, north, officer), **_amended(D(2024, 11, 4), D(2025, 2, 1)))
    return plans


def _counts(row) -> tuple[int, int]:
    m = row.measures["transfers_by_deadline"]
    return (m.on_time, m.counted)


def test_the_tracker_lists_the_movers_found_and_recorded(movers, manager, today):
    rows = {r.child.first_name: r for r in phase_transfers(viewer=manager, year=2025, today=today).rows}
    assert {name: (r.due, r.standing) for name, r in rows.items()} == {
        "Found": (D(2025, 2, 14), "late"),
        "Sixth": (D(2025, 3, 30), "on_time"),
        "NoReview": (D(2025, 2, 14), "late"),
        "College": (D(2025, 2, 15), "late"),
    }
    assert rows["Found"].review.meeting_held_on == D(2024, 11, 4)  # found as its review in the 12 months


def test_the_performance_figures_count_every_child_the_tracker_judges(la, movers, manager, today):
    tracker = phase_transfers(viewer=manager, year=2025, today=today)
    perf = review_performance(local_authority=la, start=START, end=END, today=today)

    judged = [r for r in tracker.rows if r.standing in ("on_time", "late")]
    assert _counts(perf.total) == (sum(r.standing == "on_time" for r in judged), len(judged)) == (1, 4)
    for month in (D(2025, 2, 1), D(2025, 3, 1)):
        in_month = [r for r in judged if r.due.replace(day=1) == month]
        assert _counts(perf.months[month]) == (sum(r.standing == "on_time" for r in in_month), len(in_month))
    localities = {row.name: _counts(row) for row in perf.localities}
    assert localities == {"North": (0, 2), "South": (1, 2)}
    officers = {row.name: _counts(row) for row in perf.officers}
    assert officers == {"Olive Officer": (0, 2), "Colin Colleague": (1, 2)}

    # The scorecard reads the same figures: the child the tracker shows late is counted there too.
    figures = review_figures(local_authority=la, period=Period(START, D(2025, 6, 1)), today=today)
    assert figures["total"]["transfers_by_deadline"] == {"counted": 4, "on_time": 1, "percent": 25.0}


def test_the_sen2_items_give_the_trackers_deadline_for_the_same_reviews(la, movers, manager, today):
    rows = {r.child.first_name: r for r in phase_transfers(viewer=manager, year=2025, today=today).rows}
    expected = {
        # The date the Regulation names (the plan must come before it), the day after the last day.
        "Found": (D(2025, 2, 15), None),  # issued 20 February, after the census of 16 January
        "Sixth": (D(2025, 3, 31), D(2025, 1, 10)),
        # Reg 18(2): "at least 5 months before", so the date is the last day itself.
        "College": (D(2025, 2, 15), None),
    }
    for name, (due, final) in expected.items():
        items = sen2_review_items(movers[name], 2025)
        assert (items["PhaseTransferDueDate"], items["PhaseTransferFinalDate"]) == (due, final), name
        assert items["PhaseTransferDueDate"] == rows[name].transfer.statutory_date
    # No review held in the activity year: no review items for the plan, though the tracker lists it.
    assert set(sen2_review_items(movers["NoReview"], 2025).values()) == {None}
    # The review of a child moving in 2026 is no phase transfer review for this return.
    assert sen2_review_items(movers["NextYear"], 2025)["PhaseTransferDueDate"] is None


def test_the_sen2_export_streams_the_same_items(la, movers):
    return_settings_save(actor=None, la=la, year=2025, dmo="Y", dco="N")
    document = etree.fromstring(b"".join(sen2_export(actor=None, la=la, year=2025, generated_at=None)))
    found = {p.findtext("Forename"): p.find("Requests/ActivePlans") for p in document.iterfind("Persons/Person")}
    assert found["Found"].findtext("PhaseTransferDueDate") == "2025-02-15"
    assert found["Sixth"].findtext("PhaseTransferDueDate") == "2025-03-31"
    assert found["Sixth"].findtext("PhaseTransferFinalDate") == "2025-01-10"
    assert found["NextYear"].findtext("PhaseTransferDueDate") is None
