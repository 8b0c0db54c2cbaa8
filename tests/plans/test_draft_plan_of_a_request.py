"""The draft plan of an assessment request, written and sent before the plan exists (regs 12-13).

The officer writes it section by section and issues it as a draft version, which the family
reads in the portal; when the final plan is issued its content starts from the draft and its
versions carry on the draft's numbering.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services as case_services
from sendcase.core.errors import ValidationFailed
from sendcase.plans import services
from sendcase.plans.models import PlanDraftContent, PlanVersion
from sendcase.plans.owners import PlanOwner
from tests.plans.builders import OUTCOME_1, complete_content, write_content

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def to_issue(officer, request_received):
    """A request the council decided on 28 May 2025 to issue a plan for."""
    request = case_services.assess_decision_record(
        actor=officer, request=request_received, decision="assess", decided_on=D(2025, 5, 20), expected_version=None
    )
    return case_services.issue_decision_record(
        actor=officer, request=request, decision="issue", decided_on=D(2025, 5, 28), expected_version=None
    )


def _url(name, child, request, **kwargs):
    return reverse(f"plans:request-{name}", kwargs={"child_id": child.pk, "request_id": request.pk, **kwargs})


def test_the_draft_is_written_and_issued_as_a_draft_version_of_the_request(officer, setting, to_issue, today):
    write_content(officer, None, complete_content(setting, today), request=to_issue)
    version = services.plan_version_issue(actor=officer, request=to_issue, kind="draft", issued_on=D(2025, 5, 30))
    assert (version.number, version.kind, version.plan, version.request) == (1, "draft", None, to_issue)
    event = AuditEvent.objects.get(object_type="plans.planversion", object_id=str(version.pk))
    assert event.summary == "Draft EHC plan version 1 (draft for consultation) issued"
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(actor=officer, request=to_issue, kind="issued", issued_on=today)
    assert refused.value.field_errors["kind"].startswith("Before the final plan is issued")


def test_a_draft_plan_needs_a_decision_to_issue(officer, request_received):
    with pytest.raises(ValidationFailed) as refused:
        services.plan_content_update(
            actor=officer, request=request_received, section="a", data={"aspirations": "x"}, version=None
        )
    assert refused.value.field_errors["plan"].startswith("Record the decision to issue a plan")
    assert not PlanDraftContent.objects.exists()


def test_the_final_plan_starts_from_the_draft_and_carries_on_its_numbers(officer, setting, to_issue, today):
    write_content(officer, None, complete_content(setting, today), request=to_issue)
    services.plan_version_issue(actor=officer, request=to_issue, kind="draft", issued_on=D(2025, 5, 30))
    request = case_services.draft_plan_serve(
        actor=officer, request=to_issue, served_on=D(2025, 5, 30), expected_version=None
    )
    request = case_services.family_response_record(
        actor=officer,
        request=request,
        responded_on=D(2025, 6, 1),
        requested_setting=None,
        notes="",
        expected_version=None,
    )
    plan = case_services.final_plan_issue(
        actor=officer, request=request, issued_on=today, named_setting=setting, expected_version=None
    )
    owner = PlanOwner.of(plan=plan)
    assert [v.number for v in owner.versions()] == [1]
    # Nothing written for the plan yet: it reads the draft's content, and its first version is 2.
    version = services.plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=today)
    assert (version.number, version.kind) == (2, "issued")
    assert version.content["e"]["items"][0]["outcome"] == OUTCOME_1
    assert PlanDraftContent.objects.get(plan=plan).content == PlanDraftContent.objects.get(request=request).content
    # Once the request is closed its draft is kept as it was.
    request.refresh_from_db()
    with pytest.raises(ValidationFailed):
        services.plan_content_update(actor=officer, request=request, section="a", data={}, version=None)


def test_the_officer_writes_and_issues_the_draft_on_its_own_pages(client_for, officer, child, setting, to_issue, today):
    write_content(officer, None, complete_content(setting, today), request=to_issue)
    client = client_for(officer)
    page = client.get(_url("plan", child, to_issue)).content.decode()
    assert "Draft EHC plan" in page and OUTCOME_1 in page
    assert _url("section-edit", child, to_issue, section="e") in page
    case_page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert _url("plan", child, to_issue) in case_page

    draft = PlanDraftContent.objects.get(request=to_issue)
    form = client.get(_url("version-issue", child, to_issue)).content.decode()
    assert 'value="amended"' not in form and 'value="issued"' not in form
    response = client.post(
        _url("version-issue", child, to_issue),
        {"version": draft.version, "kind": "draft", "issued_on_0": 30, "issued_on_1": 5, "issued_on_2": 2025},
    )
    assert response.status_code == 302 and response["Location"] == _url("version", child, to_issue, number=1)
    pdf = client.get(_url("version-pdf", child, to_issue, number=1))
    assert pdf["Content-Type"] == "application/pdf"
    assert f"EHC-plan-draft-{child.reference}-version-1.pdf" in pdf["Content-Disposition"]
    assert PlanVersion.objects.get(request=to_issue).kind == "draft"
