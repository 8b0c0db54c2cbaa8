"""The glossary in another language: the family portal's Polish pages explain their terms in Polish."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from sendcase.plainenglish import glossary
from sendcase.plainenglish.glossary import GLOSSARY_FILE, MAX_DEFINITION_WORDS, glossary_file


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load plain_english %}" + source).render(Context(context))


def test_the_polish_glossary_uses_the_english_slugs_and_short_definitions():
    polish, english = glossary("pl"), glossary()
    assert polish.language == "pl" and polish is not english
    assert {t.slug for t in polish.terms} <= {t.slug for t in english.terms}
    for term in polish.terms:
        assert 0 < len(term.definition.split()) <= MAX_DEFINITION_WORDS, term.term
        assert term.definition.endswith("."), term.term
    # The terms the portal's pages use most are there.
    for slug in ("ehc-plan", "annual-review", "tribunal", "mediation", "senco", "appeal", "case-officer"):
        assert slug in polish.by_slug, slug


def test_a_language_without_a_glossary_gets_the_english_one():
    assert glossary_file("en-gb") == GLOSSARY_FILE
    assert glossary_file("cy") is None
    assert glossary("cy") is glossary()


def test_a_polish_page_explains_an_inflected_term_and_an_acronym_in_polish():
    html = render("{{ text|explain_terms }}", "pl", text="Rada musi wysłać Ci ostateczny plan EHC. Zapytaj SENCO.")
    assert '<a class="govuk-link" href="#words-we-use-final-plan">ostateczny plan <abbr' in html
    assert '<abbr title="koordynator do spraw specjalnych potrzeb edukacyjnych">SENCO</abbr>' in html
    box = render("{% words_we_use text %}", "pl", text="Termin odwołania do trybunału mija 20 lipca 2025.")
    assert "Słowa, których używamy" in box
    assert 'id="words-we-use-appeal"' in box and 'id="words-we-use-tribunal"' in box
    assert "Niezależny sąd" in box


def test_glossary_details_names_the_term_in_the_english_glossary_and_shows_the_pages_language():
    html = render('{% glossary_details "annual review" %}', "pl")
    assert "Co oznacza „coroczny przegląd”?" in html
    assert "Spotkanie co najmniej raz w roku" in html
    # A term with no Polish entry yet is explained in English rather than not at all.
    english = render('{% glossary_details "local offer" %}', "pl")
    assert "„local offer”" in english and "listing the services and support" in english


@pytest.mark.parametrize("language", ["en-gb", "pl"])
def test_staff_text_in_english_is_checked_against_the_english_glossary_whatever_the_page(language):
    from sendcase.plainenglish import check_plain_english

    with translation.override(language):
        report = check_plain_english("Pursuant to the EHCP, we will act.")
    assert any(f.text == "EHCP" for f in report.acronyms)
