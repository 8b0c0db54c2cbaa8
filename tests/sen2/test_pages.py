"""The SEN2 pages: who may use them, the header answers, the streamed download and the issues list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.audit.models import AuditEvent
from sendcase.sen2.models import ReturnSettings
from tests.factories import SettingFactory, UserFactory
from tests.sen2.helpers import child_with_plan


@pytest.fixture
def answered(la):
    return ReturnSettings.objects.create(local_authority=la, year=2025, dmo="Y", dco="N")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_the_navigation_offers_the_return_to_analysts_and_managers_only(client_for, analyst, manager, officer):
    for user, shown in ((analyst, True), (manager, True), (officer, False)):
        page = client_for(user).get(reverse("staff:caseload"))
        assert ("SEN2 return" in page.content.decode()) is shown, user.role


@pytest.mark.django_db
def test_only_analysts_managers_and_administrators_prepare_the_return(client_for, la, analyst, officer, read_only):
    assert client_for(analyst).get(reverse("sen2:home")).status_code == 200
    assert client_for(officer).get(reverse("sen2:home")).status_code == 403
    assert client_for(read_only).get(reverse("sen2:home")).status_code == 403
    assert client_for(officer).get(reverse("sen2:download")).status_code == 403


@pytest.mark.django_db
def test_header_answers_are_saved_and_audited(client_for, analyst, la):
    response = client_for(analyst).post(f"{reverse('sen2:home')}?year=2025", {"dmo": "Y", "dco": "R"})
    assert response.status_code == 302
    saved = ReturnSettings.objects.get(local_authority=la, year=2025)
    assert (saved.dmo, saved.dco, saved.dsco) == ("Y", "R", "")
    assert AuditEvent.objects.filter(summary="SEN2 2025 header answers recorded").exists()


@pytest.mark.django_db
def test_missing_header_answers_are_shown_as_errors(client_for, analyst):
    response = client_for(analyst).post(f"{reverse('sen2:home')}?year=2025", {"dmo": "Y"})
    assert response.status_code == 200
    assert "Select whether a designated clinical officer was in post" in response.content.decode()


@pytest.mark.django_db
def test_the_download_streams_the_councils_return_and_is_audited(client_for, analyst, la, other_la, setting, answered):
    ours = child_with_plan(la, setting)
    theirs = child_with_plan(other_la, SettingFactory(local_authority=other_la))

    response = client_for(analyst).get(f"{reverse('sen2:download')}?year=2025")

    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="sen2-2025-838.xml"'
    body = _body(response).decode()
    assert ours.upn in body and theirs.upn not in body
    event = AuditEvent.objects.get(action="export")
    assert event.actor == analyst and event.changes["persons"] == [None, 1]


@pytest.mark.django_db
def test_the_download_needs_the_header_answers(client_for, analyst):
    response = client_for(analyst).get(f"{reverse('sen2:download')}?year=2025")
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_issues_list_each_problem_with_a_link_to_the_childs_case(client_for, officer, la, setting):
    child_with_plan(la, setting)
    broken = child_with_plan(la, setting, primary_need="", first_name="Nadia", last_name="Needless")
    no_postcode = child_with_plan(la, setting, postcode="", first_name="Pat", last_name="Postless")

    page = client_for(officer).get(f"{reverse('sen2:issues')}?year=2025").content.decode()

    assert "SEN2-R073" in page and reverse("staff:child", args=[broken.pk]) in page
    assert "SEN2-R026" in page and reverse("staff:child", args=[no_postcode.pk]) in page
    assert "govuk-tag--red" in page and "govuk-tag--yellow" in page

    filtered = client_for(officer).get(f"{reverse('sen2:issues')}?year=2025&rule=SEN2-R026").content.decode()
    assert reverse("staff:child", args=[no_postcode.pk]) in filtered
    assert reverse("staff:child", args=[broken.pk]) not in filtered


@pytest.mark.django_db
def test_issues_show_only_the_users_own_council(client_for, outsider, la, setting):
    broken = child_with_plan(la, setting, primary_need="", last_name="Needless")
    page = client_for(outsider).get(f"{reverse('sen2:issues')}?year=2025").content.decode()
    assert "Needless" not in page and str(broken.pk) not in page
    assert "No issues" in page


@pytest.mark.django_db
def test_issues_are_not_for_read_only_staff_or_professionals(client_for, read_only, la):
    professional = UserFactory(local_authority=None, role=Role.PROFESSIONAL)
    assert client_for(read_only).get(reverse("sen2:issues")).status_code == 403
    assert client_for(professional).get(reverse("sen2:issues")).status_code == 403


@pytest.mark.django_db
def test_after_2027_the_page_offers_the_return_being_prepared_and_says_its_census_date_is_worked_out(
    client_for, analyst, settings
):
    settings.SENDCASE_TODAY = "2027-06-01"
    page = client_for(analyst).get(reverse("sen2:home")).content.decode()
    assert "SEN2 return 2028" in page and '<option value="2028" selected>' in page
    assert "takes it to be the third Thursday of January: 20 January 2028" in page

    published = client_for(analyst).get(f"{reverse('sen2:home')}?year=2027").content.decode()
    assert "SEN2 return 2027" in published and "third Thursday" not in published
