"""Families read and answer the proposed amendments after an annual review, within 15 days (reg 22(2))."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from sendcase.audit.models import AuditEvent
from sendcase.notifications.models import OutboxMessage
from sendcase.people.models import Relationship
from sendcase.portal.models import DraftResponse, FamilyAuditEvent, SectionResponse, Status
from sendcase.reviews import services as reviews
from sendcase.reviews.models import AnnualReview
from tests.portal.conftest import link, make_account, make_member
from tests.portal.plan_builders import NEW_ASPIRATIONS, REWORDED_OUTCOME, plan_with_proposals
from tests.portal.test_draft_response import SECTIONS, answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(officer, child, setting, parent):
    """Proposed amendments sent on 26 May 2025: the family has until 9 June 2025; today is 2 June."""
    return plan_with_proposals(officer, child, setting)


def _url(name, child, review):
    return reverse(f"portal:{name}", args=[child.pk, review.pk])


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _written():
    return DraftResponse.objects.count(), SectionResponse.objects.count(), AuditEvent.objects.count()


def test_a_parent_sees_what_the_proposals_change_section_by_section(family_client, parent_account, child, proposed):
    page = _text(family_client(parent_account).get(_url("proposed-changes", child, proposed)))
    assert "On 26 May 2025 it sent you the changes it would like to make" in page
    assert "You have until 9 June 2025 to tell the council what you think of the changes" in page
    assert "compared with the plan you have now (from 10 June 2024)" in page
    section_a = page.split('data-section="A"', 1)[1].split("</section>", 1)[0]
    assert 'data-status="changed"' in page.split('data-section="A"', 1)[1][:40]
    assert "Changes proposed" in section_a and "Hopes for the future" in section_a
    assert '<ins><span class="govuk-visually-hidden">[added: </span>' in section_a and "zookeeper" in section_a
    section_e = page.split('data-section="E"', 1)[1].split("</section>", 1)[0]
    assert 'data-item-status="changed"' in section_e
    assert '<ins><span class="govuk-visually-hidden">[added: </span>chapter' in section_e
    section_b = page.split('data-section="B"', 1)[1].split("</section>", 1)[0]
    assert "No changes" in section_b
    # The whole plan as proposed, and its PDF.
    assert NEW_ASPIRATIONS in page and REWORDED_OUTCOME in page
    pdf = family_client(parent_account).get(_url("proposed-changes-pdf", child, proposed))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    events = [e.event for e in FamilyAuditEvent.objects.filter(account=parent_account).order_by("event__sequence")]
    assert events[-2].summary.endswith("read the proposed amendments (version 2)")
    assert events[-1].action == "export"


def test_the_proposals_are_linked_beside_the_childs_other_pages(family_client, parent_account, child, proposed):
    page = family_client(parent_account).get(reverse("portal:timeline", args=[child.pk])).content.decode()
    assert f'href="{_url("proposed-changes", child, proposed)}">Proposed changes to the plan</a>' in page


def test_a_parent_answers_each_section_saves_then_sends(
    family_client, parent_account, child, proposed, client_for, officer
):
    client = family_client(parent_account)
    form = _text(client.get(_url("amendments-response", child, proposed)))
    assert "Comment on the proposed changes to the plan" in form
    assert "You have until 9 June 2025 to comment" in form
    beside_a = form.split('data-beside="A"', 1)[1].split("</details>", 1)[0]
    assert "What would change in section A" in beside_a and "zookeeper" in beside_a
    assert "No changes" in form.split('data-beside="B"', 1)[1].split("</details>", 1)[0]

    client.post(_url("amendments-response", child, proposed), {"answer_A": "agree", "action": "save"})
    saved = DraftResponse.objects.get()
    assert (saved.review, saved.request, saved.status) == (proposed, None, Status.DRAFT)

    data = answers(answer_E="disagree", comment_E="A chapter book is too much by July.") | {"action": "continue"}
    data["version"] = saved.version
    response = client.post(_url("amendments-response", child, proposed), data)
    assert response["Location"] == _url("amendments-response-check", child, proposed)
    check = _text(client.get(_url("amendments-response-check", child, proposed)))
    assert "Check your response before you send it" in check and "A chapter book is too much by July." in check
    client.post(_url("amendments-response-check", child, proposed), {"version": DraftResponse.objects.get().version})

    sent = DraftResponse.objects.get()
    assert sent.status == Status.SENT and sent.sent_at is not None
    assert sent.plan_version.number == 2 and sent.plan_version.kind == "draft"
    assert SectionResponse.objects.filter(response=sent).count() == len(SECTIONS)
    event = FamilyAuditEvent.objects.filter(account=parent_account, event__action="update").latest("event__sequence")
    assert event.event.summary.endswith(
        "Response to the proposed amendments to the plan sent to the council (it answers version 2)"
    )
    assert event.event.changes["status"] == ["draft", "sent"]
    done = _text(client.get(_url("amendments-response-check", child, proposed)))
    assert "Response sent" in done and "before the amended plan is written" in done
    assert client.get(_url("amendments-response", child, proposed))["Location"] == _url(
        "amendments-response-check", child, proposed
    )
    # It reaches the case officer on the case page, as a draft plan response does.
    case_page = client_for(officer).get(reverse("staff:child", args=[child.pk])).content.decode()
    assert "comments on the proposed amendments sent 26 May 2025" in case_page
    assert "A chapter book is too much by July." in case_page
    # The key worker is emailed at once, with what was answered and the case link, nothing more.
    told = OutboxMessage.objects.get(template="family_response_for_staff")
    assert told.recipient == officer.email
    assert "proposed amendments to an EHC plan" in told.body
    assert reverse("staff:child", args=[child.pk]) in told.body
    assert child.first_name not in told.body and "chapter book" not in told.body


def test_comments_after_the_15_days_are_refused_and_nothing_is_written(
    family_client, parent_account, child, proposed, settings
):
    settings.SENDCASE_TODAY = "2025-06-10"  # the 15 days ended on 9 June 2025
    client = family_client(parent_account)
    message = "The time to comment on the proposed changes ended on 9 June 2025"
    assert message in _text(client.get(_url("proposed-changes", child, proposed)))
    assert message in _text(client.get(_url("amendments-response", child, proposed)))
    before = _written()
    response = client.post(_url("amendments-response", child, proposed), answers(action="continue"))
    assert message in _text(response)
    assert not DraftResponse.objects.exists()
    # Only the view of the refused page is recorded.
    assert _written()[:2] == before[:2]
    assert not FamilyAuditEvent.objects.filter(account=parent_account, event__action__in=("create", "update")).exists()


def test_a_window_that_closes_after_saving_refuses_the_send(family_client, parent_account, child, proposed, settings):
    client = family_client(parent_account)
    client.post(_url("amendments-response", child, proposed), answers(action="continue"))
    settings.SENDCASE_TODAY = "2025-06-10"
    page = client.post(
        _url("amendments-response-check", child, proposed), {"version": DraftResponse.objects.get().version}
    )
    assert "ended on 9 June 2025" in _text(page)
    assert DraftResponse.objects.get().status == Status.DRAFT


def test_a_finished_review_takes_no_more_comments(family_client, parent_account, child, proposed, officer):
    reviews.review_no_amendment_record(
        actor=officer, review=proposed, notified_on=dt.date(2025, 6, 1), expected_version=None
    )
    client = family_client(parent_account)
    response = client.post(_url("amendments-response", child, proposed), answers(action="continue"))
    assert "The council has finished this review" in _text(response)
    assert not DraftResponse.objects.exists()


def test_each_parent_sends_their_own_comments(family_client, la, parent_account, child, proposed):
    member = make_member(la, first="Tom", last="Hart", email="tom.hart@family.example")
    link(child, member, relationship=Relationship.FATHER)
    second = make_account(la=la, email=member.email, member=member)
    for account in (parent_account, second):
        client = family_client(account)
        client.post(_url("amendments-response", child, proposed), answers(action="continue"))
        version = DraftResponse.objects.get(account=account).version
        client.post(_url("amendments-response-check", child, proposed), {"version": version})
    assert DraftResponse.objects.filter(review=proposed, status=Status.SENT).count() == 2


def test_a_forged_post_for_another_childs_review_is_404_and_writes_nothing(
    family_client, other_parent_account, other_child, child, proposed
):
    client = family_client(other_parent_account)
    before = _written()
    for target in (child, other_child):
        for name in ("amendments-response", "amendments-response-check", "proposed-changes"):
            assert client.post(_url(name, target, proposed), answers(action="continue")).status_code == 404
    assert _written() == before
    assert AnnualReview.objects.get(pk=proposed.pk).version == proposed.version
