"""A maintained plan to review, and a review taken to each stage, for the review tests.

TODAY is 2 June 2025 (tests/conftest.py). The plan was issued on 10 June 2024, so its first
annual review is due by 10 June 2025 (s.44(1)).
"""

from __future__ import annotations

import datetime as dt

import pytest

from sendcase.cases.models import Plan
from sendcase.reviews import services

D = dt.date


@pytest.fixture
def plan(child, setting):
    return Plan.objects.create(child=child, issued_on=D(2024, 6, 10), named_setting=setting)


@pytest.fixture
def scheduled(plan, officer):
    """A review meeting on 1 April 2025."""
    return services.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 4, 1), meeting_format="online")


@pytest.fixture
def invited(scheduled, officer):
    return services.review_invitations_send(
        actor=officer, review=scheduled, sent_on=D(2025, 3, 10), expected_version=scheduled.version
    )


@pytest.fixture
def held(invited, officer):
    return services.review_meeting_record(
        actor=officer, review=invited, held_on=D(2025, 4, 1), expected_version=invited.version
    )


@pytest.fixture
def amending(held, officer):
    return services.review_decision_record(
        actor=officer, review=held, decision="amend", sent_on=D(2025, 4, 20), expected_version=held.version
    )


@pytest.fixture
def proposed(amending, officer):
    """Proposed amendments sent 20 April 2025: the family has until 4 May (reg 22(2))."""
    return services.review_amendments_send(
        actor=officer, review=amending, sent_on=D(2025, 4, 20), expected_version=amending.version
    )


@pytest.fixture
def versioned_plan(plan, officer, setting, today):
    """The plan with complete content issued as version 1 (sendcase.plans), ready to be amended."""
    from sendcase.plans.services import plan_version_issue
    from tests.plans.builders import complete_content, write_content

    write_content(officer, plan, complete_content(setting, today))
    plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=plan.issued_on)
    return plan
