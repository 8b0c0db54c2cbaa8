"""The family's role and the child or young person's own role: written into the plan, shown, printed, compared.

Issue 5 asks that "the family's and young person's roles [be] written in": a final plan cannot
be issued without them (a draft, which is where they are agreed with the family, can).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendcase.core.errors import ValidationFailed
from sendcase.plans import services
from sendcase.plans.compare import plan_versions_compare
from sendcase.plans.models import PlanDraftContent, PlanVersion
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

FAMILY_ROLE = "Mum will read with Amelia for ten minutes every evening, supported by the SENCo."
OWN_ROLE = "Amelia will tell her teacher when she needs a break."


def _url(name, child, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"child_id": child.pk, "plan_id": plan.pk, **kwargs})


def _without_roles(officer, plan):
    draft = PlanDraftContent.objects.get(plan=plan)
    a = dict(draft.content["a"], family_roles="", young_person_role="  ")
    return services.plan_content_update(actor=officer, plan=plan, section="a", data=a, version=draft.version)


def test_the_plan_page_shows_both_roles(client_for, officer, child, written_plan):
    page = client_for(officer).get(_url("plan", child, written_plan)).content.decode().replace("&#x27;", "'")
    assert "The family's role and the support agreed for them" in page and FAMILY_ROLE in page
    assert "The child or young person's own role" in page and OWN_ROLE in page


def test_the_pdf_has_both_roles_in_section_a(client_for, officer, child, written_plan, today):
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    response = client_for(officer).get(_url("version-pdf", child, written_plan, number=1))
    text = pdf_text(response.content)
    section_a = text[text.index("Section A:") : text.index("Section B:")]
    assert FAMILY_ROLE in section_a
    assert OWN_ROLE in section_a
    assert "The family's role and the support agreed for them" in section_a


def test_a_changed_role_is_marked_in_the_comparison(client_for, officer, child, written_plan, may_amend, today):
    v1 = services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    draft = PlanDraftContent.objects.get(plan=written_plan)
    a = dict(draft.content["a"], family_roles=FAMILY_ROLE.replace("ten minutes", "twenty minutes"))
    services.plan_content_update(actor=officer, plan=written_plan, section="a", data=a, version=draft.version)
    v2 = services.plan_version_issue(actor=officer, plan=written_plan, kind="amended", issued_on=today)

    section_a = next(s for s in plan_versions_compare(v1, v2) if s.code == "a")
    changed = {f.name: f for f in section_a.fields if f.changed}
    assert list(changed) == ["family_roles"]
    assert ("removed", "ten") in [(s.kind, s.text) for s in changed["family_roles"].segments]
    assert ("added", "twenty") in [(s.kind, s.text) for s in changed["family_roles"].segments]

    html = client_for(officer).get(_url("compare", child, written_plan), {"from": 1, "to": 2}).content.decode()
    assert 'data-section="a" data-status="changed"' in html
    assert '<ins><span class="govuk-visually-hidden">[added: </span>twenty<span' in html


def test_a_final_plan_without_the_roles_is_refused_naming_both(officer, written_plan, today):
    _without_roles(officer, written_plan)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    assert refused.value.field_errors == {
        "a.family_roles": "Section A: write in the family's role and the support agreed for them",
        "a.young_person_role": "Section A: write in the child or young person's own role",
    }
    assert not PlanVersion.objects.exists()
    # A draft, sent to the family to agree them, may leave them to be written.
    assert services.plan_version_issue(actor=officer, plan=written_plan, kind="draft", issued_on=today).kind == "draft"


def test_the_issue_page_links_a_missing_role_to_section_a(client_for, officer, child, written_plan, today):
    _without_roles(officer, written_plan)
    version = PlanDraftContent.objects.get(plan=written_plan).version
    data = {"version": version, "kind": "issued", "issued_on_0": today.day, "issued_on_1": today.month}
    page = client_for(officer).post(_url("version-issue", child, written_plan), data | {"issued_on_2": today.year})
    html = page.content.decode().replace("&#x27;", "'")
    link = _url("section-edit", child, written_plan, section="a")
    assert f'<a href="{link}">Section A: write in the family\'s role and the support agreed for them</a>' in html
