"""The staff pages as an officer or manager uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.cases import services
from sendcase.people.models import Child
from tests.factories import ChildFactory, LocalityFactory

pytestmark = pytest.mark.django_db


def _date(prefix, d):
    return {f"{prefix}_0": d.day, f"{prefix}_1": d.month, f"{prefix}_2": d.year}


def _new_case(officer, la, days_ago, **child_fields):
    child = ChildFactory(local_authority=la, **child_fields)
    services.key_worker_assign(actor=officer, child=child, officer=officer, expected_version=None)
    services.request_create(
        actor=officer, child=child, received_on=dt.date(2025, 6, 2) - dt.timedelta(days=days_ago), source="setting"
    )
    return child


def test_my_caseload_lists_the_soonest_statutory_date_first_and_marks_what_is_overdue(
    client_for, officer, colleague, la
):
    late = _new_case(officer, la, 50, last_name="Late")  # decision was due 8 days ago
    soon = _new_case(officer, la, 38, last_name="Soon")  # due in 4 days
    later = _new_case(officer, la, 5, last_name="Later")
    _new_case(colleague, la, 60, last_name="Elsewhere")
    html = client_for(officer).get(reverse("staff:caseload")).content.decode()
    assert html.index(late.full_name) < html.index(soon.full_name) < html.index(later.full_name)
    assert "Elsewhere" not in html
    assert "Overdue by 8 days" in html
    assert "Due in 4 days" in html
    assert "sc-row--overdue" in html and "sc-row--due-soon" in html
    assert "Regulation 5(1)" in html


def test_the_caseload_filters_by_stage_and_locality(client_for, officer, la):
    north = LocalityFactory(local_authority=la, name="North")
    in_north = _new_case(officer, la, 10, locality=north, last_name="Northcott")
    elsewhere = _new_case(officer, la, 10, last_name="Southby")
    client = client_for(officer)
    html = client.get(reverse("staff:caseload"), {"locality": north.pk}).content.decode()
    assert in_north.last_name in html and elsewhere.last_name not in html
    html = client.get(reverse("staff:caseload"), {"stage": "plan"}).content.decode()
    assert in_north.last_name not in html and "No open cases match" in html


def test_recording_a_decision_on_the_case_page_moves_the_next_due_date(
    client_for, officer, child, request_received, today
):
    client = client_for(officer)
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"])
    response = client.post(
        url, {"decision": "assess", **_date("decided_on", today), "version": request_received.version}
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.next_due_step == "issue"
    html = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Done on 2 June 2025, on time" in html
    assert "by 25 August 2025" in html  # 16 weeks from 5 May (reg 10(1))


def test_a_decision_dated_before_the_request_gets_the_govuk_error_summary(client_for, officer, child, request_received):
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"])
    response = client_for(officer).post(
        url, {"decision": "assess", **_date("decided_on", dt.date(2025, 4, 1)), "version": request_received.version}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_decided_on_0"' in html
    assert "The decision date must be on or after the date the request was received (5 May 2025)" in html


def test_an_impossible_date_is_named(client_for, officer, child, request_received):
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"])
    html = (
        client_for(officer)
        .post(
            url,
            {
                "decision": "assess",
                "decided_on_0": "31",
                "decided_on_1": "2",
                "decided_on_2": "2025",
                "version": request_received.version,
            },
        )
        .content.decode()
    )
    assert "must be a real date" in html


def test_a_stale_form_tells_the_second_person_someone_else_changed_the_request(
    client_for, officer, colleague, child, request_received, today
):
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "decision"])
    data = {"decision": "assess", **_date("decided_on", today), "version": request_received.version}
    assert client_for(officer).post(url, data).status_code == 302
    html = client_for(colleague).post(url, {**data, "decision": "not_assess"}).content.decode()
    assert "already been recorded" in html or "Someone else changed" in html
    request_received.refresh_from_db()
    assert request_received.assess_decision == "assess"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("upn", "A801200005001", "check letter"),
        ("upn", "B80120000500", "13 characters"),
        ("nhs_number", "943 476 5871", "NHS number"),
        ("uln", "1234567890", "ULN"),
        ("postcode", "NOT A CODE", "postcode"),
    ],
)
def test_adding_a_child_with_a_bad_identifier_says_which_and_why(client_for, officer, field, value, message):
    data = {
        "first_name": "Noah",
        "last_name": "Price",
        **_date("date_of_birth", dt.date(2016, 2, 3)),
        "sex": "M",
        "ethnicity": "WBRI",
        "postcode": "DT1 1AA",
        field: value,
    }
    response = client_for(officer).post(reverse("staff:child-new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'href="#id_{field}"' in html
    assert message.lower() in html.lower()
    assert not Child.objects.filter(last_name="Price").exists()


def test_adding_a_child_then_recording_a_request_by_upn(client_for, officer):
    client = client_for(officer)
    response = client.post(
        reverse("staff:child-new"),
        {
            "first_name": "Noah",
            "last_name": "Price",
            **_date("date_of_birth", dt.date(2016, 2, 3)),
            "sex": "M",
            "ethnicity": "WBRI",
            "upn": "b801200005001",
            "postcode": "dt11aa",
        },
    )
    assert response.status_code == 302
    child = Child.objects.get(last_name="Price")
    assert child.upn == "B801200005001" and child.postcode == "DT1 1AA"
    response = client.post(
        reverse("staff:request-new"),
        {
            "child_reference": "B801200005001",
            "kind": "initial",
            "source": "parent",
            **_date("received_on", dt.date(2025, 5, 30)),
        },
    )
    assert response.status_code == 302
    assert child.requests.get().received_on == dt.date(2025, 5, 30)


def test_a_request_for_an_unknown_child_is_refused_clearly(client_for, officer):
    response = client_for(officer).post(
        reverse("staff:request-new"),
        {
            "child_reference": "SC-NOSUCH1",
            "kind": "initial",
            "source": "parent",
            **_date("received_on", dt.date(2025, 5, 30)),
        },
    )
    html = response.content.decode()
    assert "No child with that reference is known to SENDcase" in html


def test_search_finds_a_child_by_name_upn_or_date_of_birth(client_for, officer, child):
    client = client_for(officer)
    for query in ("hart", "Amelia Hart", child.upn, child.date_of_birth.strftime("%d/%m/%Y")):
        html = client.get(reverse("staff:search"), {"q": query}).content.decode()
        assert "Amelia Hart" in html, query
    assert "No child on your records matches" in client.get(reverse("staff:search"), {"q": "Zebedee"}).content.decode()


def test_search_never_finds_another_councils_children(client_for, outsider, child):
    html = client_for(outsider).get(reverse("staff:search"), {"q": "Hart"}).content.decode()
    assert "Amelia" not in html


def test_the_managers_page_shows_caseload_per_officer_and_cases_at_risk(client_for, manager, officer, colleague, la):
    _new_case(officer, la, 38, last_name="Soon")  # decision due in 4 days
    _new_case(officer, la, 50, last_name="Late")
    _new_case(colleague, la, 10, last_name="Fresh")
    html = client_for(manager).get(reverse("staff:team")).content.decode()
    assert "Olive Officer" in html and "Colin Colleague" in html
    decisions = html[html.index("Decisions whether to assess due") : html.index("Final plans due")]
    assert "Soon" in decisions and "Late" not in decisions and "Fresh" not in decisions
    overdue = html[html.index("Everything overdue") :]
    assert "Late" in overdue and "Soon" not in overdue


def test_case_officers_cannot_open_the_managers_page(client_for, officer):
    assert client_for(officer).get(reverse("staff:team")).status_code == 403


def test_reassigning_a_case_from_the_case_page(client_for, manager, officer, colleague, child):
    response = client_for(manager).post(
        reverse("staff:reassign", args=[child.pk]),
        {"officer": colleague.pk, "reason": "Officer on leave", "version": child.version},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.key_worker == colleague
    html = client_for(manager).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Officer on leave" in html


def test_sign_in_with_a_wrong_password_shows_the_error_summary(client, officer):
    response = client.post(reverse("accounts:sign-in"), {"username": officer.email, "password": "wrong"})
    html = response.content.decode()
    assert "There is a problem" in html and "Enter a correct email address and password" in html
    response = client.post(
        reverse("accounts:sign-in"), {"username": officer.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


def test_a_plan_transferred_in_from_another_council_goes_on_the_caseload(client_for, officer, child, setting):
    client = client_for(officer)
    url = reverse("staff:transfer-in", args=[child.pk])
    html = client.post(
        url,
        {
            "from_la": "Wilts",
            **_date("plan_issued_on", dt.date(2023, 9, 1)),
            **_date("transferred_on", dt.date(2025, 4, 1)),
        },
    ).content.decode()
    assert "Enter the 3-digit DfE number of the council the child moved from" in html
    response = client.post(
        url,
        {
            "from_la": "865",
            **_date("plan_issued_on", dt.date(2023, 9, 1)),
            **_date("transferred_on", dt.date(2025, 4, 1)),
            "named_setting": setting.pk,
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.stage == "plan"
    assert "transferred in from LA 865" in client.get(reverse("staff:child", args=[child.pk])).content.decode()


def test_a_maintained_plan_shows_when_its_annual_review_is_due_and_why(client_for, officer, child, setting):
    services.transfer_in_record(
        actor=officer,
        child=child,
        from_la="865",
        plan_issued_on=dt.date(2024, 5, 20),
        transferred_on=dt.date(2025, 1, 6),
        named_setting=setting,
    )
    html = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    # Issued 20 May 2024: reviewed within 12 months, by 20 May 2025, 13 days before the pinned today.
    assert "Overdue by 13 days (was due 20 May 2025)" in html
    assert "Section 44(1), Children and Families Act 2014" in html


def test_changing_a_childs_details_is_audited_and_refuses_a_stale_form(client_for, officer, colleague, child):
    url = reverse("staff:child-edit", args=[child.pk])
    form = {
        "first_name": "Amelia",
        "last_name": "Hart-Jones",
        **_date("date_of_birth", child.date_of_birth),
        "sex": "F",
        "ethnicity": "WBRI",
        "upn": child.upn,
        "postcode": "DT1 2AB",
        "version": child.version,
    }
    assert client_for(officer).post(url, form).status_code == 302
    child.refresh_from_db()
    assert child.last_name == "Hart-Jones"
    from sendcase.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="update", summary="Child's details changed")
    assert event.changes["last_name"] == ["Hart", "Hart-Jones"]
    html = client_for(colleague).post(url, {**form, "last_name": "Smith"}).content.decode()
    assert "Someone else changed this child&#x27;s details" in html
    child.refresh_from_db()
    assert child.last_name == "Hart-Jones"


def test_a_parent_without_internet_needs_an_address_for_letters(client_for, officer, child):
    url = reverse("staff:family-new", args=[child.pk])
    base = {
        "first_name": "Grace",
        "last_name": "Hart",
        "relationship": "mother",
        "parental_responsibility": "on",
        "preferred_channel": "post",
        "no_internet": "on",
        "language": "Polish",
        "needs_interpreter": "on",
    }
    html = client_for(officer).post(url, base).content.decode()
    assert "Enter their address so letters can be posted" in html
    assert not child.family_links.exists()
    response = client_for(officer).post(url, {**base, "address": "1 High Street, Dorchester", "postcode": "dt1 1aa"})
    assert response.status_code == 302
    html = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Letter by post, no internet access, Polish, needs an interpreter" in html


def test_logging_a_phone_call_shows_it_to_the_team(client_for, officer, colleague, child, today):
    url = reverse("staff:contact-new", args=[child.pk])
    html = (
        client_for(officer)
        .post(url, {**_date("occurred_on", today), "kind": "phone", "direction": "in"})
        .content.decode()
    )
    assert "Enter who the contact was with" in html and "Enter what was said or agreed" in html
    client_for(officer).post(
        url,
        {
            **_date("occurred_on", today),
            "kind": "phone",
            "direction": "in",
            "with_whom": "Grace Hart (mother)",
            "summary": "Asked when the decision is due",
        },
    )
    html = client_for(colleague).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Asked when the decision is due" in html and "Olive Officer" in html


def test_recording_an_exception_from_the_case_page(client_for, officer, child, request_received):
    url = reverse("staff:request-step", args=[child.pk, request_received.pk, "exception"])
    html = client_for(officer).get(url).content.decode()
    assert "Absence from the area" in html and "(reg 10(4)(d))" in html
    assert "reg 8(2)(c)" not in html  # a missed appointment excuses advice only
    html = (
        client_for(officer)
        .post(
            url,
            {"kind": "reg-10-4-d", **_date("start_on", dt.date(2025, 5, 10)), **_date("end_on", dt.date(2025, 5, 1))},
        )
        .content.decode()
    )
    assert "The end date must be on or after the start date" in html
    response = client_for(officer).post(
        url, {"kind": "reg-10-4-d", **_date("start_on", dt.date(2025, 5, 10)), "note": "Family abroad"}
    )
    assert response.status_code == 302
    assert request_received.exceptions.get().kind == "reg-10-4-d"
