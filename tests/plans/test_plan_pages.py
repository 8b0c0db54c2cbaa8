"""The plan pages as officers, colleagues, partners and outsiders use them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import URLPattern, reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.organisations.models import OrganisationKind
from sendcase.plans import services
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion
from sendcase.plans.urls import urlpatterns
from tests.plans.builders import OUTCOME_1
from tests.teams.builders import on_team, organisation, partner

pytestmark = pytest.mark.django_db


def _url(name, child, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"child_id": child.pk, "plan_id": plan.pk, **kwargs})


def _date(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def _rows(rows, version, **extra):
    data = {"version": version, "rows-TOTAL_FORMS": len(rows), "rows-INITIAL_FORMS": 0, **extra}
    for i, row in enumerate(rows):
        for key, value in row.items():
            if isinstance(value, dt.date):
                data.update(_date(f"rows-{i}-{key}", value))
            else:
                data[f"rows-{i}-{key}"] = value
    return data


OUTCOME_ROW = {
    "id": "",
    "area": "cognition",
    "outcome": "Amelia will read a bus timetable",
    "measure": "Teacher checklist",
    "by_when": dt.date(2026, 7, 20),
    "steps": "",
}
BLANK_ROW = {"id": "", "area": "", "outcome": "", "measure": "", "steps": ""}


def test_an_officer_adds_outcomes_one_more_row_at_a_time_without_javascript(client_for, officer, child, plan):
    client = client_for(officer)
    url = _url("section-edit", child, plan, section="e")
    page = client.get(url).content.decode()
    assert "Outcome 1 (new)" in page and "Outcome 2" not in page

    # "Add another" is a round trip: the typed row comes back, one blank row more, nothing saved.
    page = client.post(url, _rows([OUTCOME_ROW], 1, add="1")).content.decode()
    assert "Outcome 2 (new)" in page and "Amelia will read a bus timetable" in page
    assert "There is a problem" not in page
    assert not PlanDraftContent.objects.filter(plan=plan).exists()

    response = client.post(url, _rows([OUTCOME_ROW, BLANK_ROW], 1))
    assert response.status_code == 302
    assert response["Location"].endswith("#section-e")
    outcomes = PlanDraftContent.objects.get(plan=plan).content["e"]["items"]
    assert [(o["outcome"], o["by_when"]) for o in outcomes] == [("Amelia will read a bus timetable", "2026-07-20")]
    plan_page = client.get(_url("plan", child, plan)).content.decode()
    assert "Amelia will read a bus timetable" in plan_page and "20 July 2026" in plan_page


def test_a_missing_measure_is_named_in_the_error_summary_and_nothing_is_saved(client_for, officer, child, plan):
    url = _url("section-edit", child, plan, section="e")
    rows = [OUTCOME_ROW, dict(OUTCOME_ROW, outcome="Amelia will swim 10 metres", measure="")]
    page = client_for(officer).post(url, _rows(rows, 1)).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_rows-1-measure">Section E, outcome 2: add how progress will be measured</a>' in page
    assert not PlanDraftContent.objects.filter(plan=plan).exists()


def test_an_unreal_date_in_a_row_is_named_with_its_section_and_item(client_for, officer, child, plan):
    url = _url("section-edit", child, plan, section="e")
    data = _rows([OUTCOME_ROW], 1)
    data["rows-0-by_when_1"] = "13"
    page = client_for(officer).post(url, data).content.decode()
    assert "Section E, outcome 1: the date it should be achieved by must be a real date" in page
    assert not PlanDraftContent.objects.filter(plan=plan).exists()


def test_a_form_opened_before_someone_else_saved_is_refused(client_for, officer, colleague, child, written_plan):
    draft = PlanDraftContent.objects.get(plan=written_plan)
    url = _url("section-edit", child, written_plan, section="a")
    form = {"version": draft.version, **draft.content["a"], "direct_payment": ""}
    assert client_for(colleague).post(url, dict(form, aspirations="To be a nurse.")).status_code == 302
    page = client_for(officer).post(url, dict(form, aspirations="To be a pilot.")).content.decode()
    assert "Someone else changed this plan while you were working on it" in page
    assert PlanDraftContent.objects.get(plan=written_plan).content["a"]["aspirations"] == "To be a nurse."


def test_issuing_an_incomplete_plan_links_each_problem_to_its_section(client_for, officer, child, plan, today):
    url = _url("version-issue", child, plan)
    page = client_for(officer).post(url, {"version": 1, "kind": "issued", **_date("issued_on", today)})
    html = page.content.decode()
    edit_b = _url("section-edit", child, plan, section="b")
    assert f'<a href="{edit_b}">Section B: add at least one special educational need</a>' in html
    assert not PlanVersion.objects.exists()


def test_issuing_a_version_from_the_page_then_reading_it(client_for, officer, child, written_plan, today):
    client = client_for(officer)
    draft = PlanDraftContent.objects.get(plan=written_plan)
    response = client.post(
        _url("version-issue", child, written_plan),
        {"version": draft.version, "kind": "issued", **_date("issued_on", today)},
    )
    assert response.status_code == 302
    assert response["Location"] == _url("version", child, written_plan, number=1)
    page = client.get(response["Location"]).content.decode()
    assert OUTCOME_1 in page and PlanVersion.objects.get().sha256 in page
    case_page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Plan content: version 1, issued 2 June 2025" in case_page
    assert _url("version-pdf", child, written_plan, number=1) in case_page


def test_progress_is_recorded_from_the_page_and_shown_with_the_outcome(client_for, officer, child, written_plan, today):
    outcome_id = PlanDraftContent.objects.get(plan=written_plan).content["e"]["items"][0]["id"]
    client = client_for(officer)
    url = _url("progress-new", child, written_plan, outcome_id=outcome_id)
    assert OUTCOME_1 in client.get(url).content.decode()
    response = client.post(
        url, {"rating": "good", "note": "Read to the class on Friday", **_date("recorded_on", today)}
    )
    assert response.status_code == 302
    assert OutcomeProgress.objects.get().rating == "good"
    page = client.get(_url("plan", child, written_plan)).content.decode()
    assert "Good progress" in page and "Read to the class on Friday" in page
    missing = _url("progress-new", child, written_plan, outcome_id=uuid.uuid4())
    assert client.get(missing).status_code == 404


def test_viewing_the_plan_is_audited(client_for, colleague, child, written_plan):
    page = client_for(colleague).get(_url("plan", child, written_plan)).content.decode()
    assert OUTCOME_1 in page
    event = AuditEvent.objects.get(actor=colleague, action="view")
    assert event.child == child and event.summary == "EHC plan content viewed"


def _every_plan_url(child, plan, outcome_id, request):
    values = {
        "child_id": child.pk,
        "plan_id": plan.pk,
        "request_id": request.pk,
        "section": "e",
        "number": 1,
        "outcome_id": outcome_id,
    }
    urls = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        urls.append(reverse(f"plans:{pattern.name}", kwargs={p: values[p] for p in pattern.pattern.converters}))
    return urls


def test_an_officer_of_another_council_gets_404_on_every_plan_page(
    client_for, outsider, officer, child, written_plan, request_received, today
):
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    outcome_id = PlanDraftContent.objects.get(plan=written_plan).content["e"]["items"][0]["id"]
    client = client_for(outsider)
    urls = _every_plan_url(child, written_plan, outcome_id, request_received)
    assert len(urls) == len(urlpatterns) == 15  # 8 for a plan, 7 for the draft plan of a request
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url}"
            assert child.last_name not in response.content.decode()
    assert not AuditEvent.objects.filter(actor=outsider).exists()


def test_a_plan_is_only_found_under_its_own_child(client_for, officer, la, child, written_plan):
    from tests.factories import ChildFactory

    sibling = ChildFactory(local_authority=la)
    url = reverse("plans:plan", kwargs={"child_id": sibling.pk, "plan_id": written_plan.pk})
    assert client_for(officer).get(url).status_code == 404


def test_a_professional_sees_the_plan_only_while_they_work_with_the_child(
    client_for, la, officer, child, written_plan, request_received, today
):
    health = organisation(la, OrganisationKind.HEALTH, "Community Paediatrics")
    stranger = partner(health, first_name="Sam")
    paediatrician = partner(health, first_name="Pia")
    services.plan_version_issue(actor=officer, plan=written_plan, kind="issued", issued_on=today)
    outcome_id = PlanDraftContent.objects.get(plan=written_plan).content["e"]["items"][0]["id"]
    for url in _every_plan_url(child, written_plan, outcome_id, request_received):
        assert client_for(stranger).get(url).status_code == 404, url

    on_team(child, officer, paediatrician, started_on=today, consent_on=today)
    client = client_for(paediatrician)
    assert OUTCOME_1 in client.get(_url("plan", child, written_plan)).content.decode()
    assert client.get(_url("version-pdf", child, written_plan, number=1)).status_code == 200
    assert client.get(_url("section-edit", child, written_plan, section="a")).status_code == 403
    assert client.post(_url("version-issue", child, written_plan), {}).status_code == 403


def test_read_only_staff_read_the_plan_but_change_nothing(client_for, read_only, child, written_plan, today):
    client = client_for(read_only)
    page = client.get(_url("plan", child, written_plan)).content.decode()
    assert OUTCOME_1 in page and "Issue a new version" not in page
    outcome_id = PlanDraftContent.objects.get(plan=written_plan).content["e"]["items"][0]["id"]
    for url in (
        _url("section-edit", child, written_plan, section="a"),
        _url("version-issue", child, written_plan),
        _url("progress-new", child, written_plan, outcome_id=outcome_id),
    ):
        assert client.post(url, {"version": 99, "kind": "issued", **_date("issued_on", today)}).status_code == 403
    assert not PlanVersion.objects.exists()


def test_an_educational_psychologist_never_asked_about_the_child_gets_404(client_for, la, child, written_plan):
    ep = partner(organisation(la, OrganisationKind.EP_SERVICE, "EP Service"), role=Role.EDUCATIONAL_PSYCHOLOGIST)
    url = _url("section-edit", child, written_plan, section="a")
    assert client_for(ep).post(url, {"version": 1, "aspirations": "x"}).status_code == 404
