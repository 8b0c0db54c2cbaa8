"""Decision notices (reg 32), mediation (reg 33) and certificates moving the appeal deadline (r.20(1)(c))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendcase import timescales
from sendcase.appeals import services
from sendcase.appeals.models import DecisionNotice, Mediation
from sendcase.cases import services as case_services
from sendcase.core.errors import ValidationFailed
from tests.appeals.conftest import ADVISER, REASONS

pytestmark = pytest.mark.django_db


def _refused(call, field):
    with pytest.raises(ValidationFailed) as caught:
        call()
    assert field in caught.value.field_errors, caught.value.field_errors
    return caught.value.field_errors[field]


@pytest.fixture
def not_assessed(officer, request_received):
    """The council decided on 20 May 2025 not to assess (reg 5(1))."""
    return case_services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="not_assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=request_received.version,
    )


def test_a_refusal_to_assess_gives_two_months_to_appeal_and_to_contact_a_mediation_adviser(
    officer, child, not_assessed, mother
):
    # Sent 2 June 2025: reg 33 and r.20(1)(c)(i) both run 2 months, to 2 August 2025.
    notice = services.decision_notice_send(
        actor=officer,
        child=child,
        about="refuse_assess",
        decided_on=dt.date(2025, 5, 20),
        sent_on=dt.date(2025, 6, 2),
        reasons=REASONS,
        mediation_adviser=ADVISER,
        request=not_assessed,
    )
    assert notice.appeal_deadline_on == dt.date(2025, 8, 2)
    assert notice.mediation_contact_by == dt.date(2025, 8, 2)
    assert notice.addressee == "Joanna Hart"
    assert notice.sen2_module == "request"  # SEN2 RequestMediation / RequestTribunal
    assert "by 2 August 2025" in notice.letter_text


def test_a_refusal_notice_needs_a_request_that_records_the_refusal(officer, child, request_received, audit_count):
    before = audit_count()
    message = _refused(
        lambda: services.decision_notice_send(
            actor=officer,
            child=child,
            about="refuse_assess",
            decided_on=dt.date(2025, 5, 20),
            sent_on=dt.date(2025, 5, 21),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            request=request_received,
        ),
        "request",
    )
    assert "no decision not to assess" in message
    assert audit_count() == before
    assert not DecisionNotice.objects.exists()


def test_a_notice_sent_before_the_decision_is_refused(officer, child, plan, audit_count):
    before = audit_count()
    message = _refused(
        lambda: services.decision_notice_send(
            actor=officer,
            child=child,
            about="plan_contents",
            decided_on=dt.date(2025, 5, 20),
            sent_on=dt.date(2025, 5, 19),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            plan=plan,
        ),
        "sent_on",
    )
    assert message == "The date the notice was sent must be on or after the date of the decision (20 May 2025)"
    assert audit_count() == before


def test_a_cease_decision_goes_through_the_proposal(officer, child, plan):
    _refused(
        lambda: services.decision_notice_send(
            actor=officer,
            child=child,
            about="cease",
            decided_on=dt.date(2025, 5, 20),
            sent_on=dt.date(2025, 5, 20),
            reasons=REASONS,
            mediation_adviser=ADVISER,
            plan=plan,
        ),
        "about",
    )


def test_a_certificate_after_the_two_months_would_end_moves_the_deadline(officer, contents_notice):
    # Sent 10 March 2025: appeal by 10 May. Certificate 20 April: 1 month gives 20 May, which is later.
    mediation = services.mediation_record(
        actor=officer, notice=contents_notice, contacted_adviser_on=dt.date(2025, 4, 14)
    )
    services.certificate_record(
        actor=officer,
        mediation=mediation,
        issued_on=dt.date(2025, 4, 20),
        kind="not_wish",
        expected_version=mediation.version,
    )
    assert DecisionNotice.objects.get(pk=contents_notice.pk).appeal_deadline_on == dt.date(2025, 5, 20)


def test_an_early_certificate_leaves_the_two_month_deadline(officer, contents_notice):
    # Certificate 1 April 2025: 1 month gives 1 May, earlier than 10 May, so 10 May stands.
    mediation = services.mediation_record(
        actor=officer, notice=contents_notice, contacted_adviser_on=dt.date(2025, 3, 28)
    )
    services.certificate_record(
        actor=officer,
        mediation=mediation,
        issued_on=dt.date(2025, 4, 1),
        kind="not_wish",
        expected_version=mediation.version,
    )
    assert DecisionNotice.objects.get(pk=contents_notice.pk).appeal_deadline_on == dt.date(2025, 5, 10)


def test_a_certificate_dated_before_the_decision_was_sent_is_refused_and_nothing_written(
    officer, contents_notice, audit_count
):
    mediation = services.mediation_record(
        actor=officer, notice=contents_notice, contacted_adviser_on=dt.date(2025, 3, 12)
    )
    before = audit_count()
    message = _refused(
        lambda: services.certificate_record(
            actor=officer,
            mediation=mediation,
            issued_on=dt.date(2025, 3, 1),
            kind="not_wish",
            expected_version=mediation.version,
        ),
        "issued_on",
    )
    assert (
        message
        == "The date the certificate was issued must be on or after the date the decision was sent (10 March 2025)"
    )
    assert audit_count() == before
    assert Mediation.objects.get(pk=mediation.pk).certificate_issued_on is None
    assert DecisionNotice.objects.get(pk=contents_notice.pk).appeal_deadline_on == dt.date(2025, 5, 10)


def test_a_certificate_after_mediation_needs_the_mediation_date(officer, contents_notice):
    mediation = services.mediation_record(
        actor=officer, notice=contents_notice, contacted_adviser_on=dt.date(2025, 3, 12)
    )
    _refused(
        lambda: services.certificate_record(
            actor=officer,
            mediation=mediation,
            issued_on=dt.date(2025, 4, 1),
            kind="after_mediation",
            expected_version=mediation.version,
        ),
        "kind",
    )


def test_contact_with_the_adviser_before_the_notice_was_sent_is_refused(officer, contents_notice, audit_count):
    before = audit_count()
    _refused(
        lambda: services.mediation_record(
            actor=officer, notice=contents_notice, contacted_adviser_on=dt.date(2025, 3, 9)
        ),
        "contacted_adviser_on",
    )
    assert audit_count() == before
    assert not Mediation.objects.exists()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sent=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2025, 3, 1)),  # certificate by today
    contact_after=st.integers(min_value=0, max_value=60),
    certificate_after=st.integers(min_value=0, max_value=20),
)
def test_the_stored_deadline_is_always_the_later_of_the_two_limits(
    officer, child, plan, sent, contact_after, certificate_after
):
    contacted = sent + dt.timedelta(days=contact_after)
    issued = contacted + dt.timedelta(days=certificate_after)
    with transaction.atomic():
        notice = services.decision_notice_send(
            actor=officer,
            child=child,
            about="plan_contents",
            decided_on=sent,
            sent_on=sent,
            reasons=REASONS,
            mediation_adviser=ADVISER,
            plan=plan,
        )
        assert notice.appeal_deadline_on == timescales.add_months(sent, 2)
        mediation = services.mediation_record(actor=officer, notice=notice, contacted_adviser_on=contacted)
        services.certificate_record(
            actor=officer, mediation=mediation, issued_on=issued, kind="not_wish", expected_version=mediation.version
        )
        stored = DecisionNotice.objects.get(pk=notice.pk).appeal_deadline_on
        assert stored == max(timescales.add_months(sent, 2), timescales.add_months(issued, 1))
        assert stored >= notice.appeal_deadline_on
        transaction.set_rollback(True)
