"""Responding to a draft plan section by section within the 15 days of reg 13(1), and naming a school."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.cases import services as case_services
from sendcase.cases.models import AssessmentRequest
from sendcase.notifications.models import OutboxMessage
from sendcase.people.models import Relationship
from sendcase.portal.models import PLAN_SECTIONS, DraftResponse, FamilyAuditEvent, SectionResponse, Status
from tests.portal.conftest import link, make_account, make_member

pytestmark = pytest.mark.django_db

SECTIONS = [code for code, _label in PLAN_SECTIONS]


def answers(**overrides: str) -> dict[str, str]:
    data = {f"answer_{code}": "agree" for code in SECTIONS}
    data |= overrides
    return data


def form_url(child, request):
    return reverse("portal:response", args=[child.pk, request.pk])


def check_url(child, request):
    return reverse("portal:response-check", args=[child.pk, request.pk])


def test_a_parent_answers_each_section_names_a_school_and_sends(
    family_client, parent_account, child, draft_served, setting, client_for, officer, today
):
    client = family_client(parent_account)
    page = client.get(form_url(child, draft_served)).content.decode()
    assert "You have until 13 June 2025 to respond" in page
    data = answers(answer_F="disagree", comment_F="She needs speech therapy every week, not every term.")
    data |= {"preferred_setting": setting.pk, "meeting_requested": "on", "action": "continue"}
    response = client.post(form_url(child, draft_served), data)
    assert response.status_code == 302 and response["Location"] == check_url(child, draft_served)
    check = client.get(check_url(child, draft_served)).content.decode()
    assert "Check your response before you send it" in check and "Castle Primary School" in check

    draft = DraftResponse.objects.get()
    assert draft.status == Status.DRAFT
    client.post(check_url(child, draft_served), {"version": draft.version})

    sent = DraftResponse.objects.get()
    assert sent.status == Status.SENT and sent.sent_at is not None
    assert SectionResponse.objects.filter(response=sent).count() == len(SECTIONS)
    assert SectionResponse.objects.get(response=sent, section="F").answer == "disagree"
    request = AssessmentRequest.objects.get(pk=draft_served.pk)
    assert request.family_response_on == today
    assert request.family_requested_setting == setting
    assert "Section F: Disagrees. She needs speech therapy every week" in request.family_response_notes
    assert "Asks for a meeting" in request.family_response_notes
    # The request's change is audited with the old and new values, naming the family account.
    event = FamilyAuditEvent.objects.get(
        account=parent_account, event__object_type="cases.assessmentrequest", event__action="update"
    ).event
    assert event.changes["family_response_on"] == [None, today.isoformat()]
    assert "Jane Hart" in event.summary
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "She needs speech therapy every week" in case_page
    # The key worker hears of it at once, without the child's name or what the family said.
    told = OutboxMessage.objects.get(template="family_response_for_staff")
    assert told.recipient == officer.email and told.subject == "A family has sent their response in SENDcase"
    assert "a draft EHC plan" in told.body and reverse("staff:child", args=[child.pk]) in told.body
    assert child.first_name not in told.body and "speech therapy" not in told.body
    # Once sent it is read-only: the form sends the family to what they sent.
    assert client.get(form_url(child, draft_served))["Location"] == check_url(child, draft_served)
    assert "Response sent" in client.get(check_url(child, draft_served)).content.decode()


def test_a_draft_can_be_saved_and_come_back_to(family_client, parent_account, child, draft_served):
    client = family_client(parent_account)
    client.post(form_url(child, draft_served), {"answer_A": "agree", "comment_B": "Half done", "action": "save"})
    page = client.get(form_url(child, draft_served)).content.decode()
    assert "Half done" in page
    assert AssessmentRequest.objects.get(pk=draft_served.pk).family_response_on is None


def test_every_section_must_be_answered_and_a_disagreement_explained(
    family_client, parent_account, child, draft_served
):
    client = family_client(parent_account)
    client.post(form_url(child, draft_served), answers(answer_C="disagree", answer_K="", action="continue"))
    page = client.get(check_url(child, draft_served)).content.decode()
    assert "Tell the council what you disagree with in section C" in page
    assert "Select whether you agree or disagree with section K" in page
    assert "Send response" not in page
    client.post(check_url(child, draft_served), {"version": DraftResponse.objects.get().version})
    assert DraftResponse.objects.get().status == Status.DRAFT
    assert AssessmentRequest.objects.get(pk=draft_served.pk).family_response_on is None


def test_a_response_after_the_window_closed_is_refused_and_nothing_is_written(
    family_client, parent_account, child, window_closed
):
    client = family_client(parent_account)
    page = client.get(form_url(child, window_closed)).content.decode()
    assert "The time to respond to the draft plan ended on 24 May 2025" in page
    before = AssessmentRequest.objects.get(pk=window_closed.pk)
    response = client.post(form_url(child, window_closed), answers(action="continue"))
    assert "The time to respond to the draft plan ended on 24 May 2025" in response.content.decode()
    assert not DraftResponse.objects.exists()
    after = AssessmentRequest.objects.get(pk=window_closed.pk)
    assert (after.family_response_on, after.version) == (None, before.version)


def test_a_window_that_closes_after_saving_refuses_the_send(
    family_client, parent_account, child, draft_served, settings
):
    client = family_client(parent_account)
    client.post(form_url(child, draft_served), answers(action="continue"))
    settings.SENDCASE_TODAY = "2025-06-14"  # the day after the 15 days ended
    page = client.post(check_url(child, draft_served), {"version": DraftResponse.objects.get().version})
    assert "ended on 13 June 2025" in page.content.decode()
    assert DraftResponse.objects.get().status == Status.DRAFT
    assert AssessmentRequest.objects.get(pk=draft_served.pk).family_response_on is None


def test_the_last_day_of_the_window_still_counts(family_client, parent_account, child, draft_served, settings):
    settings.SENDCASE_TODAY = "2025-06-13"
    client = family_client(parent_account)
    client.post(form_url(child, draft_served), answers(action="continue"))
    client.post(check_url(child, draft_served), {"version": DraftResponse.objects.get().version})
    assert AssessmentRequest.objects.get(pk=draft_served.pk).family_response_on == dt.date(2025, 6, 13)


def test_a_forged_post_for_another_childs_draft_is_404_and_writes_nothing(
    family_client, other_parent_account, child, draft_served, other_child
):
    client = family_client(other_parent_account)
    events = AuditEvent.objects.count()
    assert client.post(form_url(child, draft_served), answers(action="continue")).status_code == 404
    assert client.post(check_url(child, draft_served), {"version": 1}).status_code == 404
    # Their own child's id with this child's request is no way in either.
    forged = reverse("portal:response", args=[other_child.pk, draft_served.pk])
    assert client.post(forged, answers(action="continue")).status_code == 404
    assert not DraftResponse.objects.exists()
    assert AssessmentRequest.objects.get(pk=draft_served.pk).family_response_on is None
    assert AuditEvent.objects.count() == events


def test_a_response_the_officer_already_recorded_leaves_each_parent_their_own(
    family_client, parent_account, child, draft_served, officer, today
):
    case_services.family_response_record(
        actor=officer,
        request=draft_served,
        responded_on=dt.date(2025, 6, 1),
        requested_setting=None,
        notes="By phone",
        expected_version=None,
    )
    client = family_client(parent_account)
    page = html.unescape(client.get(form_url(child, draft_served)).content.decode())
    assert "The council already has a response to this draft plan, received on 1 June 2025" in page
    assert "You have until 13 June 2025 to respond" in page
    client.post(form_url(child, draft_served), answers(action="continue"))
    client.post(check_url(child, draft_served), {"version": DraftResponse.objects.get().version})
    assert DraftResponse.objects.get().status == Status.SENT
    # The request keeps the response the officer recorded first.
    request = AssessmentRequest.objects.get(pk=draft_served.pk)
    assert (request.family_response_on, request.family_response_notes) == (dt.date(2025, 6, 1), "By phone")


def test_a_second_parent_sends_their_own_response_after_the_first(
    family_client, la, parent_account, child, draft_served, client_for, officer, today
):
    member = make_member(la, first="Tom", last="Hart", email="tom.hart@family.example")
    link(child, member, relationship=Relationship.FATHER)
    second = make_account(la=la, email=member.email, member=member)

    first = family_client(parent_account)
    first.post(form_url(child, draft_served), answers(action="continue"))
    first.post(check_url(child, draft_served), {"version": DraftResponse.objects.get(account=parent_account).version})
    recorded = AssessmentRequest.objects.get(pk=draft_served.pk)
    assert recorded.family_response_on == today

    client = family_client(second)
    page = html.unescape(client.get(form_url(child, draft_served)).content.decode())
    assert "You can still send your own" in page and "Respond to the draft plan" in page
    data = answers(answer_I="disagree", comment_I="We would like Castle Primary School named.", action="continue")
    assert client.post(form_url(child, draft_served), data).status_code == 302
    client.post(check_url(child, draft_served), {"version": DraftResponse.objects.get(account=second).version})

    assert DraftResponse.objects.filter(request=draft_served, status=Status.SENT).count() == 2
    # The request's record of the family's response is the first one; it is not written twice.
    after = AssessmentRequest.objects.get(pk=draft_served.pk)
    assert (after.family_response_on, after.version) == (recorded.family_response_on, recorded.version)
    event = FamilyAuditEvent.objects.filter(account=second, event__action="update").latest("event__sequence").event
    assert "Response to the draft plan sent to the council" in event.summary and "Tom Hart" in event.summary
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "From Jane Hart" in case_page and "From Tom Hart" in case_page
    assert "We would like Castle Primary School named." in case_page


def test_the_window_messages_are_dated_in_the_familys_language(family_client, parent_account, child, window_closed):
    from django.conf import settings as django_settings

    client = family_client(parent_account)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "pl"
    page = html.unescape(client.get(form_url(child, window_closed)).content.decode())
    assert "24 maja 2025" in page
    assert "24 May 2025" not in page


def test_the_case_service_records_a_family_account_only_for_its_own_child_within_the_window(
    parent_account, other_parent_account, draft_served, officer, today, settings
):
    from django.http import Http404

    from sendcase.core.errors import ValidationFailed

    record = {"requested_setting": None, "notes": "Sent", "expected_version": None, "request": draft_served}
    events = AuditEvent.objects.count()
    with pytest.raises(Http404):  # another family's child is no way in
        case_services.family_response_record(
            actor=None, family_account=other_parent_account, responded_on=today, **record
        )
    with pytest.raises(ValueError):  # recorded by staff or by the family, never both at once
        case_services.family_response_record(actor=officer, family_account=parent_account, responded_on=today, **record)
    settings.SENDCASE_TODAY = "2025-06-14"  # the 15 days of reg 13(1) ended on 13 June 2025
    with pytest.raises(ValidationFailed) as late:
        case_services.family_response_record(
            actor=None, family_account=parent_account, responded_on=dt.date(2025, 6, 14), **record
        )
    assert "15 days" in late.value.field_errors["responded_on"]
    assert AuditEvent.objects.count() == events
    assert AssessmentRequest.objects.get(pk=draft_served.pk).family_response_on is None

    settings.SENDCASE_TODAY = today.isoformat()
    case_services.family_response_record(actor=None, family_account=parent_account, responded_on=today, **record)
    saved = AssessmentRequest.objects.get(pk=draft_served.pk)
    assert (saved.family_response_on, saved.modified_by) == (today, None)
    event = FamilyAuditEvent.objects.get(account=parent_account).event
    assert event.actor is None and "Jane Hart (parent or carer)" in event.summary
    assert event.object_id == str(saved.pk)
