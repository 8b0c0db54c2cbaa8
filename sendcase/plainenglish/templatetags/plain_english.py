"""Template tags for plain English: explain known terms in place, the "words we use" box, the check.

    {% load plain_english %}
    <p class="govuk-body">{{ text|explain_terms }}</p>   acronyms in <abbr>, terms linked to the box
    {% words_we_use text %}                               the box: every glossary term the text uses
    {% glossary_details "EHC plan" %}                     a GOV.UK details component for one term
    {% plain_english_check text %}                        the checker's report, for staff

All of it is plain HTML and works without JavaScript. The first three use the glossary of the
language active on the page (django.utils.translation), so a family portal page in Polish explains
its terms in Polish (glossary.pl.json); staff pages, which stay in English, use the English one.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from sendcase.plainenglish import check_plain_english, glossary
from sendcase.plainenglish.glossary import Glossary
from sendcase.plainenglish.markup import ANCHOR_PREFIX
from sendcase.plainenglish.markup import explain_terms as _explain_terms

register = template.Library()


def page_glossary() -> Glossary:
    """The glossary in the page's language, or the English one if SENDcase has none in it."""
    return glossary(translation.get_language() or "en")


@register.filter(is_safe=True)
def explain_terms(text: Any, mode: str = "") -> SafeString:
    """`text|explain_terms` links terms to the page's words-we-use box; `text|explain_terms:"nolinks"` does not."""
    html = _explain_terms(str(text or ""), link=mode != "nolinks", terms=page_glossary())
    return mark_safe(html)  # noqa: S308 - escaped by markup


@register.inclusion_tag("plainenglish/words_we_use.html")
def words_we_use(*texts: Any, heading: str = "") -> dict[str, Any]:
    terms = page_glossary()
    joined = "\n".join(str(t or "") for t in texts)
    return {
        "terms": terms.terms_in(joined),
        "heading": heading or terms.labels["words_we_use"],
        "prefix": ANCHOR_PREFIX,
    }


@register.inclusion_tag("plainenglish/glossary_details.html")
def glossary_details(name: str) -> dict[str, Any]:
    """`name` as the English glossary spells it; shown in the page's language when there is a translation."""
    english = glossary().find(name)
    terms = page_glossary()
    term = terms.by_slug.get(english.slug, english) if english is not None else None
    question = terms.labels["what_does"].replace("{term}", term.term) if term is not None else ""
    return {"term": term, "question": question}


@register.inclusion_tag("plainenglish/check.html")
def plain_english_check(text: Any, words: Any = ()) -> dict[str, Any]:
    """The checker's report on `text`; `words` are the terms a words-we-use box beside it explains."""
    return {"report": check_plain_english(str(text or ""), words_we_use=list(words or ()))}
