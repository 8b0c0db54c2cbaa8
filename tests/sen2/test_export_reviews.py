"""The review items of ActivePlans come from the annual reviews recorded in SENDcase (issue: reviews).

shared/domain/sen2-return.md A.4: ReviewMeeting, ReviewOutcome, LastReview (the decision letter),
ReviewDraft, PhaseTransferDueDate, PhaseTransferFinalDate, in that order in the schema.
"""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from sendcase.sen2 import schema
from sendcase.sen2.export import return_settings_save, sen2_export, sen2_export_every_council
from tests.factories import SettingFactory
from tests.reviews import builders
from tests.reviews.builders import review
from tests.sen2.conftest import GENERATED_AT

pytestmark = pytest.mark.django_db
D = dt.date
ITEMS = [
    "ReviewMeeting",
    "ReviewOutcome",
    "LastReview",
    "ReviewDraft",
    "PhaseTransferDueDate",
    "PhaseTransferFinalDate",
]


def _active_plans(la) -> dict[str, etree._Element]:
    document = etree.fromstring(b"".join(sen2_export(actor=None, la=la, year=2025, generated_at=GENERATED_AT)))
    assert schema.schema().validate(etree.ElementTree(document)), schema.schema().error_log
    return {p.findtext("Surname"): p.find("Requests/ActivePlans") for p in document.iterfind("Persons/Person")}


def _items(active: etree._Element) -> list[tuple[str, str]]:
    return [(e.tag, e.text) for e in active if e.tag in ITEMS]


def child_with_plan(la, **fields):
    return builders.child_with_plan(la, **{"primary_need": "ASD", **fields})


@pytest.fixture
def council(la):
    return_settings_save(actor=None, la=la, year=2025, dmo="Y", dco="N")
    return la


def test_a_review_amending_the_plan_for_secondary_school_fills_all_six_items_in_schema_order(council):
    setting = SettingFactory(local_authority=council)
    _, plan = child_with_plan(
        council,
        born=D(2013, 10, 10),
        setting=setting,
        last_review=D(2023, 11, 1),
        last_name="Amended",
        primary_need="ASD",
    )
    review(
        plan,
        meeting_held_on=D(2024, 11, 4),
        invitations_sent_on=D(2024, 10, 1),
        decision="amend",
        outcome="A",
        decision_sent_on=D(2024, 11, 25),
        proposed_amendments_sent_on=D(2024, 11, 26),
        amended_plan_issued_on=D(2025, 1, 10),
        completed_on=D(2025, 1, 10),
        is_phase_transfer=True,
        transfer_year=2025,
        transfer_kind="primary_to_secondary",
    )

    assert _items(_active_plans(council)["Amended"]) == [
        ("ReviewMeeting", "2024-11-04"),
        ("ReviewOutcome", "A"),
        ("LastReview", "2024-11-25"),  # the decision letter, not the 2023 review on the plan
        ("ReviewDraft", "2024-11-26"),
        ("PhaseTransferDueDate", "2025-02-15"),
        ("PhaseTransferFinalDate", "2025-01-10"),
    ]


def test_a_review_still_waiting_for_its_decision_at_the_census_reports_only_the_meeting(council):
    _, plan = child_with_plan(council, born=D(2014, 10, 10), last_review=D(2023, 12, 1), last_name="Waiting")
    review(plan, meeting_held_on=D(2024, 12, 20), invitations_sent_on=D(2024, 12, 1))

    assert _items(_active_plans(council)["Waiting"]) == [("ReviewMeeting", "2024-12-20")]


def test_without_a_review_in_the_year_the_plans_last_review_date_is_reported(council):
    _, plan = child_with_plan(council, born=D(2014, 10, 10), last_review=D(2024, 3, 5), last_name="Earlier")
    review(plan, meeting_held_on=D(2023, 2, 20), invitations_sent_on=D(2023, 2, 1), completed_on=D(2023, 3, 1))

    assert _items(_active_plans(council)["Earlier"]) == [("LastReview", "2024-03-05")]


def test_the_national_pass_reports_the_same_review_items_as_one_council(council, other_la):
    return_settings_save(actor=None, la=other_la, year=2025, dmo="Y", dco="N")
    for la in (council, other_la):
        for n in range(3):
            _, plan = child_with_plan(la, born=D(2014, 1, 1 + n), last_name=f"Person{n}")
            review(
                plan,
                meeting_held_on=D(2024, 6, 3 + n),
                invitations_sent_on=D(2024, 5, 1),
                decision="maintain",
                outcome="M",
                decision_sent_on=D(2024, 6, 20),
                completed_on=D(2024, 6, 20),
            )
    one_pass = {
        la.code: b"".join(chunks)
        for la, chunks, _ in sen2_export_every_council(actor=None, year=2025, generated_at=GENERATED_AT)
    }
    for la in (council, other_la):
        alone = b"".join(sen2_export(actor=None, la=la, year=2025, generated_at=GENERATED_AT))
        assert one_pass[la.code] == alone
        assert alone.count(b"<ReviewOutcome>M</ReviewOutcome>") == 3
