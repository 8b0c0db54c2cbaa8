"""Editing the plan's working content: checks that name the section and item, conflicts, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from sendcase.audit.models import AuditEvent
from sendcase.core.errors import EditConflict, ValidationFailed
from sendcase.plans import services
from sendcase.plans.models import PlanDraftContent
from tests.factories import SettingFactory
from tests.plans.builders import OUTCOME_1, complete_content

pytestmark = pytest.mark.django_db


def _outcome(**overrides):
    return {
        "area": "cognition",
        "outcome": OUTCOME_1,
        "measure": "Teacher observation",
        "by_when": dt.date(2026, 7, 20),
        "steps": "",
        **overrides,
    }


def test_an_outcome_without_a_measure_or_a_date_is_refused_naming_the_section_and_item(officer, plan):
    events = AuditEvent.objects.count()
    data = {"items": [_outcome(), _outcome(measure="   ", by_when=None)]}
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(actor=officer, plan=plan, section="e", data=data, version=1)
    errors = refused.value.field_errors
    assert errors["e.1.measure"] == "Section E, outcome 2: add how progress will be measured"
    assert errors["e.1.by_when"] == "Section E, outcome 2: add the date by which it should be achieved"
    assert not any(key.startswith("e.0") for key in errors)
    assert not PlanDraftContent.objects.filter(plan=plan).exists()
    assert AuditEvent.objects.count() == events


def test_an_outcome_must_be_achieved_after_today(officer, plan, today):
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(
            actor=officer, plan=plan, section="e", data={"items": [_outcome(by_when=today)]}, version=1
        )
    assert refused.value.field_errors == {
        "e.0.by_when": "Section E, outcome 1: the date it should be achieved by must be after 2 June 2025"
    }


def test_provision_must_say_what_how_often_by_whom_and_for_how_long(officer, plan):
    row = {"what": "Speech and language therapy", "how_often": "", "by_whom": "", "duration": ""}
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(actor=officer, plan=plan, section="f", data={"items": [row]}, version=1)
    errors = refused.value.field_errors
    assert errors["f.0.how_often"] == "Section F, provision 1: say how often it will be provided"
    assert errors["f.0.by_whom"] == "Section F, provision 1: say who will provide it"
    assert errors["f.0.duration"].startswith("Section F, provision 1: say for how long")
    assert "f.0.what" not in errors


def test_provision_can_link_only_to_outcomes_in_section_e(officer, written_plan):
    row = {
        "outcomes": ["3f1d2c4b-0000-4000-8000-000000000000"],
        "what": "Social skills group",
        "how_often": "Weekly",
        "by_whom": "SENCo",
        "duration": "One year",
    }
    draft = PlanDraftContent.objects.get(plan=written_plan)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(
            actor=officer, plan=written_plan, section="h2", data={"items": [row]}, version=draft.version
        )
    assert refused.value.field_errors == {
        "h2.0.outcomes": "Section H2, provision 1: it is linked to an outcome that is not in section E"
    }


def test_items_keep_their_ids_and_removing_an_outcome_unlinks_its_provision(officer, written_plan):
    draft = PlanDraftContent.objects.get(plan=written_plan)
    outcomes = draft.content["e"]["items"]
    linked = draft.content["f"]["items"][0]["outcomes"]
    assert linked == [outcomes[0]["id"]]
    draft = services.plan_content_update(
        actor=officer, plan=written_plan, section="e", data={"items": outcomes[1:]}, version=draft.version
    )
    assert [o["id"] for o in draft.content["e"]["items"]] == [outcomes[1]["id"]]
    assert draft.content["f"]["items"][0]["outcomes"] == []
    event = AuditEvent.objects.filter(object_type="plans.plandraftcontent").order_by("-sequence").first()
    assert "provision unlinked from removed outcomes in F" in event.summary
    assert event.changes["e"][0] == {"items": outcomes}


def test_a_change_based_on_a_stale_version_is_refused(officer, colleague, written_plan):
    draft = PlanDraftContent.objects.get(plan=written_plan)
    seen = draft.version
    a = dict(draft.content["a"], aspirations="To work with animals.")
    services.plan_content_update(actor=colleague, plan=written_plan, section="a", data=a, version=seen)
    with pytest.raises(EditConflict):
        services.plan_content_update(
            actor=officer, plan=written_plan, section="a", data=dict(a, aspirations="To be a pilot."), version=seen
        )
    assert PlanDraftContent.objects.get(plan=written_plan).content["a"]["aspirations"] == "To work with animals."


def test_each_change_is_audited_with_the_old_and_new_section(officer, written_plan):
    draft = PlanDraftContent.objects.get(plan=written_plan)
    a = dict(draft.content["a"], aspirations="To work with animals.")
    services.plan_content_update(actor=officer, plan=written_plan, section="a", data=a, version=draft.version)
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.child == written_plan.child and event.actor == officer
    before, after = event.changes["a"]
    assert before["aspirations"] == "To be a vet." and after["aspirations"] == "To work with animals."


def test_read_only_staff_cannot_change_the_content(read_only, plan):
    with pytest.raises(PermissionDenied):
        services.plan_content_update(actor=read_only, plan=plan, section="a", data={"aspirations": "x"}, version=1)
    assert not PlanDraftContent.objects.filter(plan=plan).exists()


def test_section_i_names_a_school_of_the_council_and_keeps_its_name(officer, plan, other_la, setting):
    elsewhere = SettingFactory(local_authority=other_la, name="Faraway Academy")
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(
            actor=officer, plan=plan, section="i", data={"setting_id": str(elsewhere.pk)}, version=1
        )
    assert refused.value.field_errors == {"i.setting_id": "Section I: choose a school or setting from the list"}
    draft = services.plan_content_update(
        actor=officer,
        plan=plan,
        section="i",
        data={"setting_id": str(setting.pk), "setting_type": "mainstream"},
        version=1,
    )
    assert draft.content["i"] == {
        "setting_id": str(setting.pk),
        "setting_name": "Castle Primary School",
        "setting_type": "mainstream",
    }


def test_a_personal_budget_needs_its_arrangements_and_a_sensible_amount(officer, plan):
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(actor=officer, plan=plan, section="j", data={"amount": "£1,2x0"}, version=1)
    assert refused.value.field_errors == {
        "j.amount": "Section J: the amount must be a number of pounds, like 1250 or 1250.50",
    }
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(actor=officer, plan=plan, section="j", data={"amount": "£1,250"}, version=1)
    assert refused.value.field_errors == {"j.arrangements": "Section J: describe how the personal budget will be used"}
    draft = services.plan_content_update(
        actor=officer,
        plan=plan,
        section="j",
        data={"amount": "£1,250", "arrangements": "Respite at weekends", "direct_payment": True},
        version=1,
    )
    assert draft.content["j"] == {"amount": "1250.00", "arrangements": "Respite at weekends", "direct_payment": True}


def test_a_complete_plan_can_be_written_section_by_section(officer, written_plan, setting, today):
    content = PlanDraftContent.objects.get(plan=written_plan).content
    expected = complete_content(setting, today)
    assert set(content) == set(expected)
    assert content["e"]["items"][0]["by_when"] == (today + dt.timedelta(days=365)).isoformat()
    assert content["k"]["items"][0]["title"] == "EP advice"


def test_the_content_of_a_plan_no_longer_maintained_cannot_be_changed(officer, written_plan, today):
    written_plan.status, written_plan.ceased_on = "ceased", today
    written_plan.save()
    draft = PlanDraftContent.objects.get(plan=written_plan)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(
            actor=officer, plan=written_plan, section="a", data=draft.content["a"], version=draft.version
        )
    assert refused.value.field_errors == {"plan": "This plan is no longer maintained (ceased), so it cannot be changed"}
    with pytest.raises(ValidationFailed):
        services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
