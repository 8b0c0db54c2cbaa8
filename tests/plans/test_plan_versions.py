"""Issuing versions: the content is frozen, numbered and fingerprinted; incomplete plans are refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from sendcase.audit.models import AuditEvent
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.plans import services
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion
from tests.plans.builders import OUTCOME_1

pytestmark = pytest.mark.django_db


def _draft(plan):
    return PlanDraftContent.objects.get(plan=plan)


def test_issuing_freezes_the_content_and_later_edits_do_not_change_it(officer, written_plan, may_amend, today):
    v1 = services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    frozen = json.loads(json.dumps(v1.content))
    draft = _draft(written_plan)
    items = [dict(o, outcome=o["outcome"] + " and to the whole school") for o in draft.content["e"]["items"]]
    services.plan_content_update(
        actor=officer, plan=written_plan, section="e", data={"items": items}, version=draft.version
    )

    v1 = PlanVersion.objects.get(pk=v1.pk)
    assert v1.content == frozen
    assert v1.content["e"]["items"][0]["outcome"] == OUTCOME_1
    # The fingerprint is the SHA-256 of the canonical JSON, and still matches what is stored.
    canonical = json.dumps(v1.content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert v1.sha256 == hashlib.sha256(canonical.encode()).hexdigest()

    v2 = services.plan_version_issue(actor=officer, plan=written_plan, kind="amended", issued_on=today)
    assert (v2.number, v2.kind) == (2, "amended")
    assert v2.content["e"]["items"][0]["outcome"].endswith("and to the whole school")
    assert v2.sha256 != v1.sha256


def test_a_version_never_changes_once_issued(officer, written_plan, today):
    version = services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    version.content = {}
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        PlanVersion.objects.filter(pk=version.pk).update(kind="draft")
    assert PlanVersion.objects.get(pk=version.pk).content["a"]["aspirations"] == "To be a vet."


def test_the_same_content_always_has_the_same_fingerprint(officer, written_plan, today):
    first = services.plan_version_issue(actor=officer, plan=written_plan, kind="draft", issued_on=today)
    second = services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    assert first.sha256 == second.sha256
    assert [first.number, second.number] == [1, 2]


def test_the_first_final_version_is_issued_and_later_ones_are_amended(officer, written_plan, may_amend, today):
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(actor=officer, plan=written_plan, kind="amended", issued_on=today)
    assert "kind" in refused.value.field_errors
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    assert refused.value.field_errors["kind"].startswith("This plan has already been issued")
    assert PlanVersion.objects.filter(plan=written_plan).count() == 1


def test_a_version_cannot_be_dated_before_the_one_before_it_or_in_the_future(officer, written_plan, may_amend, today):
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(
            actor=officer, plan=written_plan, kind="amended", issued_on=today - dt.timedelta(days=1)
        )
    assert refused.value.field_errors["issued_on"] == (
        "The date must be on or after the date of version 1 (2 June 2025)"
    )
    with pytest.raises(ValidationFailed):
        services.plan_version_issue(
            actor=officer, plan=written_plan, kind="amended", issued_on=today + dt.timedelta(days=1)
        )


def test_an_incomplete_plan_is_refused_naming_each_section_and_nothing_is_written(officer, plan, today):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=today)
    assert refused.value.field_errors == {
        "b": "Section B: add at least one special educational need",
        "e": "Section E: add at least one outcome",
        "f": "Section F: add the special educational provision",
        "i": "Section I: name the school or setting, or the type of placement",
        "a.family_roles": "Section A: write in the family's role and the support agreed for them",
        "a.young_person_role": "Section A: write in the child or young person's own role",
    }
    assert not PlanVersion.objects.exists()
    assert not PlanDraftContent.objects.filter(plan=plan).exists()
    assert AuditEvent.objects.count() == events


def test_outcomes_must_still_be_time_bound_on_the_date_of_the_version(officer, written_plan, settings, today):
    # A year and a day later the outcomes' dates have passed: the plan cannot be issued as it is.
    later = today + dt.timedelta(days=366)
    settings.SENDCASE_TODAY = later.isoformat()
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=later)
    errors = refused.value.field_errors
    assert errors["e.0.by_when"] == "Section E, outcome 1: the date it should be achieved by must be after 3 June 2026"
    assert errors["e.1.by_when"].startswith("Section E, outcome 2: ")


def test_issuing_from_a_stale_view_of_the_content_is_refused(officer, colleague, written_plan, today):
    seen = _draft(written_plan).version
    draft = _draft(written_plan)
    services.plan_content_update(
        actor=colleague,
        plan=written_plan,
        section="a",
        data=dict(draft.content["a"], aspirations="To be a nurse."),
        version=seen,
    )
    with pytest.raises(EditConflict):
        services.plan_version_issue(
            actor=officer, plan=written_plan, kind="issued", issued_on=today, expected_version=seen
        )
    assert not PlanVersion.objects.exists()


def test_issuing_is_audited_with_the_fingerprint(officer, written_plan, today):
    version = services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    event = AuditEvent.objects.get(object_type="plans.planversion", object_id=str(version.pk))
    assert event.child == written_plan.child
    assert event.changes["sha256"] == [None, version.sha256]
    assert event.summary == "EHC plan version 1 (issued) issued"


def test_progress_is_recorded_against_an_outcome(officer, written_plan, today):
    outcome_id = _draft(written_plan).content["e"]["items"][0]["id"]
    entry = services.outcome_progress_record(
        actor=officer, plan=written_plan, outcome_id=outcome_id, recorded_on=today, rating="some", note="Reads to TA"
    )
    assert (str(entry.outcome_id), entry.recorded_by, entry.rating) == (outcome_id, officer, "some")
    with pytest.raises(ValidationFailed) as refused:
        services.outcome_progress_record(
            actor=officer,
            plan=written_plan,
            outcome_id="00000000-0000-4000-8000-000000000000",
            recorded_on=today + dt.timedelta(days=1),
            rating="brilliant",
        )
    assert set(refused.value.field_errors) == {"outcome", "recorded_on", "rating"}
    assert OutcomeProgress.objects.count() == 1
