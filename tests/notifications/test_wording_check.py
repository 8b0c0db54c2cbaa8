"""The plain-English check wherever staff write to families: the plan section editor, the decision-notice and
ceasing forms, the reply to a family's message, and notices whose officer-typed text goes out by email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import services as appeals
from sendcase.appeals.models import DecisionNotice
from sendcase.audit.models import AuditEvent
from sendcase.cases.models import Plan
from sendcase.notifications.models import Channel, OutboxMessage
from sendcase.plans import services as plan_services
from sendcase.portal.models import Message
from tests.notifications.family_builders import add_parent
from tests.portal.conftest import family_client, make_account  # noqa: F401 (family_client is a fixture)

pytestmark = pytest.mark.django_db

D = dt.date
CHECK = reverse("notifications:check-wording")
JARGON = "Pursuant to the statutory assessment, we will facilitate provision for the cohort."


def _flags_the_jargon(html: str) -> None:
    assert 'data-testid="plain-english-check"' in html
    for word in ("pursuant to", "statutory", "facilitate", "provision", "cohort"):
        assert word in html.lower(), word
    assert "No problems found" not in html


@pytest.fixture
def plan(child, setting):
    return Plan.objects.create(child=child, issued_on=D(2024, 6, 10), named_setting=setting)


def test_the_plan_section_editor_checks_the_plan_text_families_read(client_for, officer, child, plan):
    plan_services.plan_content_update(actor=officer, plan=plan, section="a", data={"family_views": JARGON}, version=1)
    url = reverse("plans:section-edit", args=[child.pk, plan.pk, "a"])
    html = client_for(officer).get(url).content.decode()
    assert 'data-testid="wording-check"' in html
    _flags_the_jargon(html)
    assert f'formaction="{CHECK}"' in html and "Check the wording" in html


def test_a_plain_plan_section_passes(client_for, officer, child, plan):
    plan_services.plan_content_update(
        actor=officer,
        plan=plan,
        section="a",
        data={"family_views": "We want Amelia to feel safe at school."},
        version=1,
    )
    html = client_for(officer).get(reverse("plans:section-edit", args=[child.pk, plan.pk, "a"])).content.decode()
    assert "No problems found" in html


def _notice_fields(**changes):
    fields = {
        "about": "not_issue",
        "decided_on_0": "20",
        "decided_on_1": "5",
        "decided_on_2": "2025",
        "sent_on_0": "21",
        "sent_on_1": "5",
        "sent_on_2": "2025",
        "reasons": JARGON,
        "mediation_adviser": "Dorset Mediation, 01305 000000",
    }
    return fields | changes


def test_the_decision_notice_form_offers_the_check_and_the_check_page_flags_the_jargon(client_for, officer, child):
    client = client_for(officer)
    form_url = reverse("appeals:notice-new", args=[child.pk])
    form = client.get(form_url).content.decode()
    assert "Check the wording" in form and 'name="_check" value="reasons"' in form
    posted = _notice_fields(_check="reasons", _check_next=form_url, _check_letter="1", _check_submit="Save")
    posted["_check_label_reasons"] = "The decision and the reasons for it"
    events = AuditEvent.objects.count()
    page = client.post(CHECK, posted)
    html = page.content.decode()
    assert page.status_code == 200
    _flags_the_jargon(html)
    # Nothing saved or sent: the page carries what was typed on to the form's own page.
    assert not DecisionNotice.objects.exists() and not OutboxMessage.objects.exists()
    assert AuditEvent.objects.count() == events
    assert f'action="{form_url}"' in html
    assert '<input type="hidden" name="mediation_adviser" value="Dorset Mediation, 01305 000000">' in html
    assert "The decision and the reasons for it</label>" in html and JARGON in html


def test_what_the_check_page_sends_on_is_saved_as_if_typed_on_the_form(client_for, officer, child, plan):
    client = client_for(officer)
    form_url = reverse("appeals:notice-new", args=[child.pk])
    plain = "We think the school can meet the needs from its own budget."
    posted = _notice_fields(
        about="plan_contents", plan=str(plan.pk), reasons=plain, _check="reasons", _check_next=form_url
    )
    response = client.post(form_url, posted)  # the check page's own button posts this
    assert response.status_code == 302
    assert DecisionNotice.objects.get(child=child).reasons == plain


def test_a_form_shown_again_with_errors_checks_what_was_typed(client_for, officer, child):
    client = client_for(officer)
    form_url = reverse("appeals:notice-new", args=[child.pk])
    html = client.post(form_url, _notice_fields(sent_on_0="")).content.decode()
    assert 'data-testid="wording-check"' in html
    _flags_the_jargon(html)


def test_the_ceasing_decision_form_checks_the_reasons(client_for, officer, child, plan):
    proposal = appeals.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=D(2025, 1, 13))
    client = client_for(officer)
    form_url = reverse("appeals:cease-decision", args=[child.pk, proposal.pk])
    assert "Check the wording" in client.get(form_url).content.decode()
    html = client.post(form_url, {"decision": "cease", "reasons": JARGON, "version": proposal.version}).content.decode()
    _flags_the_jargon(html)  # the date was missing: shown again, with the check of what was typed
    page = client.post(CHECK, {"reasons": JARGON, "decision": "cease", "_check": "reasons", "_check_next": form_url})
    _flags_the_jargon(page.content.decode())


def test_the_staff_reply_to_a_family_message_can_be_checked_before_it_is_sent(
    family_client,  # noqa: F811
    la,
    officer,
    child,
    client_for,
):
    member = add_parent(officer, child, "Grace", "Hart")
    account = make_account(la=la, email=member.email, member=member)
    family_client(account).post(reverse("portal:messages", args=[child.pk]), {"body": "Can we meet?"})
    thread_url = reverse("portal_staff:thread", args=[child.pk, Message.objects.get().thread_id])
    client = client_for(officer)
    assert "Check the wording" in client.get(thread_url).content.decode()
    page = client.post(
        CHECK, {"body": JARGON, "_check": "body", "_check_next": thread_url, "_check_submit": "Send reply"}
    )
    html = page.content.decode()
    _flags_the_jargon(html)
    assert "Send reply</button>" in html
    assert Message.objects.count() == 1  # the reply is not sent until they press "Send reply"


def test_the_check_page_only_sends_on_to_sendcase_s_own_pages(client_for, officer):
    client = client_for(officer)
    for target in ("https://elsewhere.example/steal", "//elsewhere.example/x", "javascript:alert(1)", ""):
        response = client.post(CHECK, {"reasons": JARGON, "_check": "reasons", "_check_next": target})
        assert response.status_code == 400, target


def test_the_check_page_is_for_signed_in_staff(client):
    response = client.post(CHECK, {"reasons": JARGON, "_check": "reasons", "_check_next": "/"})
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_reasons_emailed_to_a_family_are_checked_and_the_officer_warned_without_stopping_the_notice(
    client_for, officer, child, plan
):
    parent = add_parent(officer, child, "Grace", "Hart")
    appeals.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=D(2025, 5, 21),
        sent_on=D(2025, 5, 22),
        reasons=JARGON,
        mediation_adviser="Dorset Mediation, 01305 000000",
        plan=plan,
    )
    email = OutboxMessage.objects.get(notice="decision_notice", family_member=parent)
    assert email.channel == Channel.EMAIL and email.status in ("queued", "sent")  # the statutory notice went
    problems = email.letter.plain_english_problems
    assert problems and problems >= 4
    assert AuditEvent.objects.filter(
        child=child, summary__startswith=f"Family told by email (Grace Hart) with {problems} plain-English warnings"
    ).exists()
    client = client_for(officer)
    case = client.get(reverse("staff:child", args=[child.pk])).content.decode()
    assert f"Sent with {problems} plain-English warnings" in case
    notice_page = client.get(reverse("notifications:letter", args=[email.pk])).content.decode()
    assert "Email to Grace Hart" in notice_page
    _flags_the_jargon(notice_page)


def test_plain_reasons_emailed_carry_no_warning(officer, child, plan):
    parent = add_parent(officer, child, "Grace", "Hart")
    appeals.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=D(2025, 5, 21),
        sent_on=D(2025, 5, 22),
        reasons="We think the school can meet the needs from its own budget.",
        mediation_adviser="Dorset Mediation, 01305 000000",
        plan=plan,
    )
    email = OutboxMessage.objects.get(notice="decision_notice", family_member=parent)
    assert email.letter.plain_english_problems == 0
    assert not AuditEvent.objects.filter(summary__contains="plain-English warning").exists()


def test_a_notice_with_no_typed_text_is_not_counted(officer, child, today):
    from sendcase.cases import services

    add_parent(officer, child, "Grace", "Hart")
    services.request_create(actor=officer, child=child, received_on=today, source="parent")
    assert OutboxMessage.objects.get(notice="request_received").letter.plain_english_problems is None
