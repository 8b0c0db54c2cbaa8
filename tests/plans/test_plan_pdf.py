"""The PDF of a plan version: rendered, readable, with every section, and audited as an export."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.plans import services
from sendcase.plans.models import PlanDraftContent
from tests.pdf import pdf_text
from tests.plans.builders import OUTCOME_1

pytestmark = pytest.mark.django_db

HEADINGS = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]


def _pdf_url(child, plan, number):
    return reverse("plans:version-pdf", kwargs={"child_id": child.pk, "plan_id": plan.pk, "number": number})


def test_the_pdf_has_every_section_the_child_and_the_outcomes(client_for, colleague, child, la, written_plan, today):
    services.plan_version_issue(actor=colleague, plan=written_plan, kind="issued", issued_on=today)
    response = client_for(colleague).get(_pdf_url(child, written_plan, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="EHC-plan-{child.reference}-version-1.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    for letter in HEADINGS:
        assert f"Section {letter}:" in text, f"Section {letter} missing"
    assert text.index("Section A:") < text.index("Section E:") < text.index("Section K:")
    assert child.full_name in text and child.reference in text and la.name in text
    assert OUTCOME_1 in text
    assert "Page 1 of" in text


def test_downloading_the_pdf_is_audited_as_an_export(client_for, colleague, child, written_plan, today):
    services.plan_version_issue(actor=colleague, plan=written_plan, kind="issued", issued_on=today)
    client_for(colleague).get(_pdf_url(child, written_plan, 1))
    event = AuditEvent.objects.get(actor=colleague, action="export")
    assert event.child == child
    assert event.summary == "EHC plan version 1 downloaded as PDF"


def test_the_pdf_of_an_earlier_version_shows_that_version_as_it_was(
    client_for, officer, child, written_plan, may_amend, today
):
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    draft = PlanDraftContent.objects.get(plan=written_plan)
    items = [dict(o, outcome="Amelia will write a diary entry each week") for o in draft.content["e"]["items"][:1]]
    services.plan_content_update(
        actor=officer, plan=written_plan, section="e", data={"items": items}, version=draft.version
    )
    services.plan_version_issue(actor=officer, plan=written_plan, kind="amended", issued_on=today)
    client = client_for(officer)
    first, second = (
        pdf_text(client.get(_pdf_url(child, written_plan, 1)).content),
        pdf_text(client.get(_pdf_url(child, written_plan, 2)).content),
    )
    assert OUTCOME_1 in first and "diary entry" not in first
    assert "diary entry" in second and OUTCOME_1 not in second
    assert client.get(_pdf_url(child, written_plan, 3)).status_code == 404
