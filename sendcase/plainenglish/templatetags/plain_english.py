"""Template tags for plain English: explain known terms in place, the "words we use" box, the check.

    {% load plain_english %}
    <p class="govuk-body">{{ text|explain_terms }}</p>   acronyms in <abbr>, terms linked to the box
    {% words_we_use text %}                               the box: every glossary term the text uses
    {% glossary_details "EHC plan" %}                     a GOV.UK details component for one term
    {% plain_english_check text %}                        the checker's report, for staff

All of it is plain HTML and works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from sendcase.plainenglish import check_plain_english, glossary
from sendcase.plainenglish.markup import ANCHOR_PREFIX
from sendcase.plainenglish.markup import explain_terms as _explain_terms

register = template.Library()


@register.filter(is_safe=True)
def explain_terms(text: Any, mode: str = "") -> SafeString:
    """`text|explain_terms` links terms to the page's words-we-use box; `text|explain_terms:"nolinks"` does not."""
    return mark_safe(_explain_terms(str(text or ""), link=mode != "nolinks"))  # noqa: S308 - escaped by markup


@register.inclusion_tag("plainenglish/words_we_use.html")
def words_we_use(*texts: Any, heading: str = "Words we use") -> dict[str, Any]:
    joined = "\n".join(str(t or "") for t in texts)
    return {"terms": glossary().terms_in(joined), "heading": heading, "prefix": ANCHOR_PREFIX}


@register.inclusion_tag("plainenglish/glossary_details.html")
def glossary_details(name: str) -> dict[str, Any]:
    return {"term": glossary().find(name)}


@register.inclusion_tag("plainenglish/check.html")
def plain_english_check(text: Any, words: Any = ()) -> dict[str, Any]:
    """The checker's report on `text`; `words` are the terms a words-we-use box beside it explains."""
    return {"report": check_plain_english(str(text or ""), words_we_use=list(words or ()))}
