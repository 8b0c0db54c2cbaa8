"""The case page's panel, the forms behind it and the managers' list, as the SEND team sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import services
from sendcase.appeals.models import CeaseProposal, DecisionNotice
from sendcase.cases.models import Plan, PlanStatus
from tests.access.test_child_access import CHILD_ROUTES
from tests.appeals.conftest import ADVISER, REASONS
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, int]:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_every_appeals_route_with_a_child_is_checked_for_outsiders():
    from sendcase.appeals.urls import urlpatterns

    with_child = {f"appeals:{p.name}" for p in urlpatterns if "child_id" in p.pattern.converters}
    assert len(with_child) == 13
    assert with_child <= {name for name, _, _ in CHILD_ROUTES}


def test_the_case_page_shows_the_window_the_mediation_clock_and_the_rules(client_for, officer, child, cease_decided):
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert 'id="appeals"' in page
    assert "Appeal window closed: it ended on 10 May 2025" in page
    assert "Regulation 33, SEND Regulations 2014" in page
    assert "Rule 20(1)(c), Tribunal Procedure" in page
    assert "[UNCONFIRMED]" in page  # the month-counting convention behind both clocks
    assert "The plan may now end (from 11 May 2025)" in page
    assert reverse("appeals:cease-finalise", args=[child.pk, cease_decided.pk]) in page


def test_an_open_window_shows_days_left(client_for, officer, child, plan, mother):
    services.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=dt.date(2025, 5, 27),
        sent_on=dt.date(2025, 5, 28),
        reasons=REASONS,
        mediation_adviser=ADVISER,
        plan=plan,
    )
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Appeal window open until 28 July 2025: due in 56 days, by 28 July 2025" in page
    assert "Due in 56 days, by 28 July 2025" in page  # reg 33 mediation contact


def test_an_order_on_a_secondary_source_is_labelled(client_for, officer, child, contents_notice):
    appeal = services.tribunal_appeal_lodge(
        actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 20), grounds="needs_provision"
    )
    services.tribunal_order_record(actor=officer, appeal=appeal, kind="amend_content", made_on=dt.date(2025, 4, 14))
    page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "Regulation 44(2)(e), SEND Regulations 2014 [SECONDARY]" in page
    assert "Overdue by 14 days (was due 19 May 2025)" in page  # 5 weeks from 14 April 2025


def test_sending_a_notice_from_the_form(client_for, officer, child, plan, mother):
    url = reverse("appeals:notice-new", args=[child.pk])
    form = {
        "about": "plan_contents",
        "plan": plan.pk,
        **_date("decided_on", dt.date(2025, 5, 30)),
        **_date("sent_on", dt.date(2025, 6, 2)),
        "reasons": REASONS,
        "mediation_adviser": ADVISER,
    }
    response = client_for(officer).post(url, form, follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse("staff:child", args=[child.pk]) + "#appeals")
    assert "The family can appeal until 2 August 2025" in response.content.decode()
    assert DecisionNotice.objects.get().appeal_deadline_on == dt.date(2025, 8, 2)


def test_a_bad_date_is_shown_on_its_field_and_nothing_is_saved(client_for, officer, child, plan, audit_count):
    url = reverse("appeals:notice-new", args=[child.pk])
    before = audit_count()
    response = client_for(officer).post(
        url,
        {
            "about": "plan_contents",
            "plan": plan.pk,
            **_date("decided_on", dt.date(2025, 5, 30)),
            **_date("sent_on", dt.date(2025, 5, 29)),
            "reasons": REASONS,
            "mediation_adviser": ADVISER,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'href="#id_sent_on_0"' in page
    assert "must be on or after the date of the decision (30 May 2025)" in page
    assert audit_count() == before
    assert not DecisionNotice.objects.exists()


def test_read_only_staff_see_the_panel_but_cannot_propose_ceasing(client_for, read_only, child, plan):
    client = client_for(read_only)
    page = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert 'id="appeals"' in page
    assert reverse("appeals:cease-new", args=[child.pk]) not in page
    response = client.post(
        reverse("appeals:cease-new", args=[child.pk]), {"reason": "2", **_date("proposed_on", dt.date(2025, 5, 1))}
    )
    assert response.status_code == 403
    assert not CeaseProposal.objects.exists()


def test_ending_the_plan_through_the_page(client_for, officer, child, plan, cease_decided):
    url = reverse("appeals:cease-finalise", args=[child.pk, cease_decided.pk])
    response = client_for(officer).post(
        url, {**_date("ceased_on", dt.date(2025, 5, 9)), "version": cease_decided.version}
    )
    assert (
        "The plan must be maintained until 10 May 2025, when the appeal window closes (s.45, reg 33)"
        in response.content.decode()
    )
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    response = client_for(officer).post(
        url, {**_date("ceased_on", dt.date(2025, 5, 12)), "version": cease_decided.version}
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).ceased_on == dt.date(2025, 5, 12)


def test_a_record_of_another_child_is_not_found_through_this_child(client_for, officer, la, child, cease_decided):
    other = ChildFactory(local_authority=la)
    url = reverse("appeals:letter", args=[other.pk, cease_decided.notice.pk])
    assert client_for(officer).get(url).status_code == 404


def test_the_managers_list_shows_open_appeals_and_order_steps_per_officer(
    client_for, manager, officer, child, contents_notice, cease_decided
):
    services.tribunal_appeal_lodge(
        actor=officer, notice=cease_decided.notice, lodged_on=dt.date(2025, 5, 2), grounds="cease"
    )
    appeal = services.tribunal_appeal_lodge(
        actor=officer, notice=contents_notice, lodged_on=dt.date(2025, 3, 20), grounds="needs_provision"
    )
    services.tribunal_order_record(actor=officer, appeal=appeal, kind="amend_school_only", made_on=dt.date(2025, 5, 1))
    response = client_for(manager).get(reverse("appeals:overview"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Olive Officer" in page
    assert page.count('data-testid="appeal-row"') == 1
    assert page.count('data-testid="order-step-row"') == 1
    assert "Overdue by 18 days (was due 15 May 2025)" in page
    assert "[SECONDARY]" in page


def test_the_managers_list_is_for_managers(client_for, officer):
    assert client_for(officer).get(reverse("appeals:overview")).status_code == 403


def test_the_managers_list_shows_only_their_own_council(client_for, manager, outsider, other_la):
    other_child = ChildFactory(local_authority=other_la)
    plan = Plan.objects.create(child=other_child, issued_on=dt.date(2024, 1, 8))
    notice = services.decision_notice_send(
        actor=outsider,
        child=other_child,
        about="plan_contents",
        decided_on=dt.date(2025, 5, 1),
        sent_on=dt.date(2025, 5, 1),
        reasons=REASONS,
        mediation_adviser=ADVISER,
        plan=plan,
    )
    services.tribunal_appeal_lodge(
        actor=outsider, notice=notice, lodged_on=dt.date(2025, 5, 20), grounds="school_named"
    )
    page = client_for(manager).get(reverse("appeals:overview")).content.decode()
    assert other_child.last_name not in page
    assert 'data-testid="open-appeals">0<' in page


def test_a_school_partner_who_can_open_the_record_sees_no_decisions_or_letters(
    client_for, la, child, setting, cease_decided
):
    from sendcase.accounts.models import Role
    from tests.factories import UserFactory

    senco = UserFactory(local_authority=la, role=Role.PROFESSIONAL, organisation=setting)
    client = client_for(senco)
    page = client.get(reverse("staff:child", args=[child.pk]))
    assert page.status_code == 200  # the school educates Amelia, so its SENCo may open her record
    assert 'id="appeals"' not in page.content.decode()
    assert client.get(reverse("appeals:letter", args=[child.pk, cease_decided.notice.pk])).status_code == 403
    assert client.get(reverse("appeals:letter-pdf", args=[child.pk, cease_decided.notice.pk])).status_code == 403


def test_the_panel_reads_the_same_number_of_queries_however_many_appeals(officer, child, plan, contents_notice, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sendcase.appeals import selectors

    def add_appeal_with_order(day: int) -> None:
        notice = services.decision_notice_send(
            actor=officer,
            child=child,
            about="plan_contents",
            decided_on=dt.date(2025, 4, day),
            sent_on=dt.date(2025, 4, day),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            plan=plan,
        )
        appeal = services.tribunal_appeal_lodge(
            actor=officer, notice=notice, lodged_on=dt.date(2025, 4, 20), grounds="needs_provision"
        )
        services.tribunal_order_record(actor=officer, appeal=appeal, kind="amend_content", made_on=dt.date(2025, 5, 1))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.case_panel(viewer=officer, child=child, today=today)
        return len(captured.captured_queries)

    add_appeal_with_order(1)
    one = queries()
    for day in (2, 3, 4):
        add_appeal_with_order(day)
    assert queries() == one
