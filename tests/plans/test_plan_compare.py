"""Comparing two versions: sections unchanged or changed, items matched by id, words added and removed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.plans import services
from sendcase.plans.compare import plan_versions_compare, word_diff
from sendcase.plans.models import PlanDraftContent
from tests.plans.builders import OUTCOME_2

pytestmark = pytest.mark.django_db

NEW_OUTCOME = "Amelia will join an after-school club of her choice"


@pytest.fixture
def two_versions(officer, written_plan, may_amend, today):
    """Version 1 as written; version 2 with outcome 1 reworded, outcome 2 removed, one outcome added."""
    v1 = services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    draft = PlanDraftContent.objects.get(plan=written_plan)
    first = dict(draft.content["e"]["items"][0], outcome="Amelia will read a long story aloud to her class")
    added = {
        "area": "pfa_community",
        "outcome": NEW_OUTCOME,
        "measure": "Club register",
        "by_when": today + dt.timedelta(days=200),
    }
    draft = services.plan_content_update(
        actor=officer, plan=written_plan, section="e", data={"items": [first, added]}, version=draft.version
    )
    a = dict(draft.content["a"], aspirations="To be a vet or a zookeeper.")
    services.plan_content_update(actor=officer, plan=written_plan, section="a", data=a, version=draft.version)
    v2 = services.plan_version_issue(actor=officer, plan=written_plan, kind="amended", issued_on=today)
    return v1, v2


def _by_code(sections):
    return {s.code: s for s in sections}


def test_sections_are_marked_unchanged_or_changed_and_items_matched_by_id(two_versions):
    v1, v2 = two_versions
    sections = _by_code(plan_versions_compare(v1, v2))
    assert sections["b"].status == "unchanged" and sections["k"].status == "unchanged"
    assert sections["a"].status == "changed" and sections["e"].status == "changed"
    outcomes = {item.status: item for item in sections["e"].items}
    assert set(outcomes) == {"changed", "added", "removed"}
    assert outcomes["changed"].id == v1.content["e"]["items"][0]["id"]
    assert outcomes["removed"].id == v1.content["e"]["items"][1]["id"]
    assert sections["e"].summary == "1 added, 1 changed, 1 removed"
    # Provision linked to the reworded outcome still points at it: the link did not change.
    assert sections["f"].status == "unchanged"
    reworded = {f.name: f for f in outcomes["changed"].fields}
    assert [f.name for f in outcomes["changed"].fields if f.changed] == ["outcome"]
    assert ("removed", "short") in [(s.kind, s.text) for s in reworded["outcome"].segments]
    assert ("added", "long") in [(s.kind, s.text) for s in reworded["outcome"].segments]


def test_the_word_diff_keeps_unchanged_words_and_marks_the_rest():
    segments = word_diff("Read a short story aloud", "Read a long story aloud to the class")
    assert [(s.kind, s.text) for s in segments] == [
        ("same", "Read a "),
        ("removed", "short"),
        ("added", "long"),
        ("same", " story aloud"),
        ("added", " to the class"),
    ]


def test_the_compare_page_marks_insertions_and_deletions_in_words_not_only_colour(
    client_for, colleague, child, written_plan, two_versions
):
    url = reverse("plans:compare", kwargs={"child_id": child.pk, "plan_id": written_plan.pk})
    html = client_for(colleague).get(url, {"from": 1, "to": 2}).content.decode()
    assert '<del><span class="govuk-visually-hidden">[removed: </span>short<span' in html
    assert '<ins><span class="govuk-visually-hidden">[added: </span>long<span' in html
    assert 'data-section="b" data-status="unchanged"' in html
    assert 'data-section="e" data-status="changed"' in html
    assert f"{OUTCOME_2}" in html and NEW_OUTCOME in html
    assert 'data-item-status="removed"' in html and 'data-item-status="added"' in html
    assert AuditEvent.objects.filter(actor=colleague, action="view", child=child).exists()


def test_comparing_a_version_that_does_not_exist_is_not_found(client_for, officer, child, written_plan, two_versions):
    url = reverse("plans:compare", kwargs={"child_id": child.pk, "plan_id": written_plan.pk})
    assert client_for(officer).get(url, {"from": 1, "to": 9}).status_code == 404
