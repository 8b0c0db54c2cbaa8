from __future__ import annotations

import datetime as dt

import pytest

from sendcase import timescales
from sendcase.accounts.models import Role
from sendcase.cases.models import RequestKind
from sendcase.timescales import ExceptionKind
from tests.factories import LocalityFactory, UserFactory
from tests.scorecard import builders

MARCH = dt.date(2025, 3, 1)


@pytest.fixture
def analyst(la):
    return UserFactory(local_authority=la, role=Role.ANALYST)


@pytest.fixture
def administrator(la):
    return UserFactory(local_authority=la, role=Role.ADMINISTRATOR)


@pytest.fixture
def other_manager(other_la):
    """A team manager of another council: sees their own scorecard, never this council's."""
    return UserFactory(local_authority=other_la, role=Role.TEAM_MANAGER)


@pytest.fixture
def march(la, other_la):
    """March 2025 as a person would count it from the case files.

    Requests received in March: 4 initial requests (a re-assessment and another council's
    request are not counted). Decisions made in March: 3, of which 2 within 6 weeks (one on the
    last day allowed, one a day late, one early). Final plans issued in March: 4 new plans, 2 of
    them within 20 weeks (one on the last day allowed); one late plan had a reg 10(4)(c)
    exception, one on-time plan had an absence too short to count. A re-assessment's plan and
    another council's plan are not new plans of this council.
    """
    made = {}
    for day in (3, 14, 28):
        builders.request(la, received=dt.date(2025, 3, day))
    builders.request(la, received=dt.date(2025, 3, 5), kind=RequestKind.REASSESSMENT)
    builders.request(other_la, received=dt.date(2025, 3, 6))

    # Decisions: received 27 Jan is due 10 Mar (day 42); received 26 Jan is due 9 Mar.
    assert timescales.decision_to_assess_due(dt.date(2025, 1, 27)) == dt.date(2025, 3, 10)
    made["on_the_day"] = builders.request(la, received=dt.date(2025, 1, 27), decided=dt.date(2025, 3, 10))
    made["a_day_late"] = builders.request(la, received=dt.date(2025, 1, 26), decided=dt.date(2025, 3, 10))
    # The fourth request received in March is decided in March too, well inside 6 weeks.
    made["early_refusal"] = builders.request(
        la, received=dt.date(2025, 3, 4), decided=dt.date(2025, 3, 20), decision="not_assess"
    )
    builders.request(other_la, received=dt.date(2025, 1, 20), decided=dt.date(2025, 3, 3))

    # Plans: received 21 Oct 2024 is due 10 Mar 2025 (day 140).
    assert timescales.final_plan_due(dt.date(2024, 10, 21)) == dt.date(2025, 3, 10)
    builders.request(la, received=dt.date(2024, 10, 21), decided=dt.date(2024, 11, 20), issued=dt.date(2025, 3, 10))
    builders.request(la, received=dt.date(2024, 10, 20), decided=dt.date(2024, 11, 20), issued=dt.date(2025, 3, 10))
    excused = builders.request(
        la, received=dt.date(2024, 9, 2), decided=dt.date(2024, 10, 1), issued=dt.date(2025, 3, 25)
    )
    builders.exception(excused, ExceptionKind.PERSONAL_CIRCUMSTANCES, dt.date(2024, 11, 1), dt.date(2024, 12, 15))
    too_short = builders.request(
        la, received=dt.date(2024, 11, 4), decided=dt.date(2024, 12, 2), issued=dt.date(2025, 3, 3)
    )
    builders.exception(too_short, ExceptionKind.ABSENCE_FROM_AREA, dt.date(2024, 12, 1), dt.date(2024, 12, 10))
    builders.request(
        la,
        received=dt.date(2024, 12, 2),
        issued=dt.date(2025, 3, 12),
        kind=RequestKind.REASSESSMENT,
    )
    builders.request(other_la, received=dt.date(2024, 10, 1), decided=dt.date(2024, 11, 1), issued=dt.date(2025, 3, 4))
    return made


@pytest.fixture
def reviewed(la, other_la, officer, colleague):
    """Annual reviews of 2025 as a person would count them from the case files (TODAY is 2 June 2025).

    North, Olive Officer's cases:
      - A: due 10 Feb, held 3 Feb (on time); decision to amend sent 27 days later, on 2 March; the
        amended plan issued 27 April, 8 weeks to the day after the proposals and within 12 weeks.
      - B: due 20 Feb, held late on 5 March; decision sent 29 days later, on 3 April (late); the
        amended plan issued 30 May, 57 days after the proposals and 86 days after the meeting (late).
        Olive held the case until 10 April; Colin Colleague holds it now.
      - G: a move to secondary school in September 2025, amended plan issued 15 February (late).
    South, Colin Colleague's cases:
      - C: due 15 March, held 10 March (on time), decision to keep the plan sent 20 March (on time).
      - D: due 1 April, no meeting yet (not held on time, counted in April).
      - E: a move to secondary school, amended plan issued 14 February (on time).
      - F: a move to post-16, amended plan issued 31 March (late: it had to be before 31 March).
    Another council's review held in February is not counted.
    """
    north = LocalityFactory(local_authority=la, name="North")
    south = LocalityFactory(local_authority=la, name="South")
    D = dt.date
    made = {}
    made["A"] = builders.reviewed(
        la,
        locality=north,
        key_worker=officer,
        due_on=D(2025, 2, 10),
        meeting_held_on=D(2025, 2, 3),
        decision="amend",
        decision_sent_on=D(2025, 3, 2),
        proposed_amendments_sent_on=D(2025, 3, 2),
        amended_plan_issued_on=D(2025, 4, 27),
        completed_on=D(2025, 4, 27),
    )
    made["B"] = builders.reviewed(
        la,
        locality=north,
        key_worker=colleague,
        due_on=D(2025, 2, 20),
        meeting_held_on=D(2025, 3, 5),
        decision="amend",
        decision_sent_on=D(2025, 4, 3),
        proposed_amendments_sent_on=D(2025, 4, 3),
        amended_plan_issued_on=D(2025, 5, 30),
        completed_on=D(2025, 5, 30),
    )
    builders.held_by(made["B"].child, officer, D(2024, 9, 1), D(2025, 4, 10))
    builders.held_by(made["B"].child, colleague, D(2025, 4, 10))
    made["C"] = builders.reviewed(
        la,
        locality=south,
        key_worker=colleague,
        due_on=D(2025, 3, 15),
        meeting_held_on=D(2025, 3, 10),
        decision="maintain",
        decision_sent_on=D(2025, 3, 20),
        completed_on=D(2025, 3, 20),
    )
    made["D"] = builders.reviewed(la, locality=south, key_worker=colleague, due_on=D(2025, 4, 1))
    transfer = {
        "due_on": D(2024, 11, 15),
        "meeting_held_on": D(2024, 11, 1),
        "decision": "amend",
        "decision_sent_on": D(2024, 11, 20),
        "proposed_amendments_sent_on": D(2024, 11, 20),
        "is_phase_transfer": True,
        "transfer_year": 2025,
    }
    made["E"] = builders.reviewed(
        la,
        locality=south,
        key_worker=colleague,
        transfer_kind="primary_to_secondary",
        amended_plan_issued_on=D(2025, 2, 14),
        **transfer,
    )
    made["F"] = builders.reviewed(
        la,
        locality=south,
        key_worker=colleague,
        transfer_kind="secondary_to_post16",
        amended_plan_issued_on=D(2025, 3, 31),
        **transfer,
    )
    made["G"] = builders.reviewed(
        la,
        locality=north,
        key_worker=officer,
        transfer_kind="primary_to_secondary",
        amended_plan_issued_on=D(2025, 2, 15),
        **transfer,
    )
    builders.reviewed(other_la, due_on=D(2025, 2, 10), meeting_held_on=D(2025, 2, 12))
    return made
