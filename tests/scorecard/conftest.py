from __future__ import annotations

import datetime as dt

import pytest

from sendcase import timescales
from sendcase.accounts.models import Role
from sendcase.cases.models import RequestKind
from sendcase.timescales import ExceptionKind
from tests.factories import UserFactory
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
