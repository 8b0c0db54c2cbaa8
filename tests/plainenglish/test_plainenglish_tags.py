"""The template tags: known terms explained in place, the words-we-use box, a details component; no JavaScript."""

from __future__ import annotations

from django.template import Context, Template

from sendcase.plainenglish.markup import explain_terms


def render(source: str, **context) -> str:
    return Template("{% load plain_english %}" + source).render(Context(context))


def test_acronyms_get_abbr_and_terms_link_to_the_words_we_use_box():
    html = render("{{ text|explain_terms }}", text="Your EHC plan names a school. The EHCP <b>is</b> ready.")
    link = '<a class="govuk-link" href="#words-we-use-ehc-plan">'
    assert link + '<abbr title="education, health and care">EHC</abbr> plan</a>' in html
    assert '<abbr title="education, health and care plan">EHCP</abbr>' in html
    assert "&lt;b&gt;is&lt;/b&gt;" in html  # the text is escaped, never trusted


def test_without_links_only_acronyms_are_marked():
    html = explain_terms("Ask your SENCo about SEN support.", link=False)
    assert "<a " not in html
    assert '<abbr title="special educational needs co-ordinator">SENCo</abbr>' in html


def test_the_words_we_use_box_lists_each_term_once_with_an_anchor():
    html = render("{% words_we_use text %}", text="The draft plan. The draft plan again. Mediation is free.")
    assert html.count('id="words-we-use-draft-plan"') == 1
    assert 'id="words-we-use-mediation"' in html
    assert "<dd" in html and "<script" not in html
    assert render("{% words_we_use text %}", text="Nothing to explain here.").strip() == ""


def test_glossary_details_is_a_govuk_details_component():
    html = render('{% glossary_details "personal budget" %}')
    assert '<details class="govuk-details">' in html
    assert "What does “personal budget” mean?" in html


def test_the_check_tag_shows_the_report():
    html = render("{% plain_english_check text %}", text="Pursuant to the EHCP, we will act.")
    assert "Plain English check" in html and "EHCP" in html and "pursuant" in html.lower()
