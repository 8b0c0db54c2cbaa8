"""The glossary where terms appear in the portal: each page that uses a term explains it, in English or Polish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sendcase.appeals import services as appeals
from sendcase.cases.models import Plan
from tests.portal.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(child, setting):
    return Plan.objects.create(child=child, issued_on=dt.date(2024, 6, 10), named_setting=setting)


def get(client, name, child) -> str:
    response = client.get(reverse(f"portal:{name}", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_timeline_explains_mediation_and_the_tribunal_where_a_decision_gives_their_dates(
    family_client, parent_account, child, plan, officer
):
    appeals.decision_notice_send(
        actor=officer,
        child=child,
        about="plan_contents",
        decided_on=dt.date(2025, 5, 21),
        sent_on=dt.date(2025, 5, 22),
        reasons="Section F gives 20 hours a week of help.",
        mediation_adviser="Dorset Mediation Service",
        plan=plan,
    )
    html = get(family_client(parent_account), "timeline", child)
    # The term links to its explanation in the page's "Words we use" box, which needs no JavaScript.
    assert '<a class="govuk-link" href="#words-we-use-mediation">mediation adviser</a>' in html
    assert 'href="#words-we-use-tribunal">tribunal</a>' in html
    assert '<abbr title="education, health and care">EHC</abbr>' in html
    box = page_text(html.split('id="words-we-use"')[1])
    assert box.startswith("> Words we use")
    assert "mediation A meeting with an independent person who helps you and the council try to agree." in box
    assert "tribunal (SENDIST, FTT) An independent court that decides appeals" in box
    assert 'id="words-we-use-mediation"' in html


def test_the_key_worker_is_explained_on_the_timeline(family_client, parent_account, child, request_received):
    html = get(family_client(parent_account), "timeline", child)
    assert 'href="#words-we-use-case-officer">key worker</a>' in html
    assert "The person at the council who looks after your child's assessment or plan" in page_text(html)


def test_the_views_page_explains_section_a_and_the_ehc_plan(family_client, parent_account, child):
    html = get(family_client(parent_account), "views", child)
    assert 'href="#words-we-use-section-a">section A</a>' in html
    text = page_text(html)
    assert "The part of an EHC plan that gives the views, interests and hopes of the child and their family." in text


def test_the_review_page_explains_the_annual_review_senco_and_sendiass(family_client, parent_account, child, plan):
    html = get(family_client(parent_account), "review", child)
    assert '<details class="govuk-details">' in html
    text = page_text(html)
    assert "What does “annual review” mean? A meeting at least once a year to check how a child is doing" in text
    assert "What does “SENCo” mean?" in text and "What does “SENDIASS” mean?" in text
    assert '<abbr title="special educational needs co-ordinator">SENCO</abbr>' in html


def test_the_documents_page_explains_who_the_reports_come_from(family_client, parent_account, child):
    html = get(family_client(parent_account), "documents", child)
    assert 'href="#words-we-use-educational-psychologist">educational psychologist</a>' in html
    text = page_text(html)
    assert "A professional who understands how children learn and develop." in text
    assert "speech and language therapy" in text  # its entry in the box


def test_the_letters_page_marks_the_letters_language_and_explains_its_words(
    family_client, parent_account, child, officer, request_received, settings
):
    from sendcase.cases import services as case_services

    case_services.assess_decision_record(
        actor=officer,
        request=request_received,
        decision="assess",
        decided_on=dt.date(2025, 5, 20),
        expected_version=None,
    )
    client = family_client(parent_account)
    html = get(client, "letters", child)
    assert '<div class="govuk-summary-card" lang="en">' in html
    text = page_text(html)
    assert "Each letter ends with a box called “Words we use”" in text
    assert "A meeting with an independent person who helps you and the council try to agree." in text

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    polish = get(client, "letters", child)
    # The letter itself is in English (the council's notices language), so it says so and keeps English terms.
    assert '<div class="govuk-summary-card" lang="en">' in polish and '<html lang="pl"' in polish
    assert "Niezależny sąd" in page_text(polish)  # the page's own box, in Polish


def test_a_polish_timeline_explains_its_terms_in_polish(
    family_client, parent_account, child, request_received, settings
):
    client = family_client(parent_account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    html = get(client, "timeline", child)
    text = page_text(html)
    assert "Słowa, których używamy" in text
    assert "Osoba w radzie, która zajmuje się oceną lub planem Twojego dziecka" in text  # "opiekun sprawy"
    assert '<abbr title="edukacja, zdrowie i opieka">EHC</abbr>' in html
    assert "Words we use" not in text
