"""Marking up known terms in a text as HTML: acronyms in <abbr>, glossary terms linked to their explanation.

Pure Python (html.escape, no Django): the template filter in templatetags/plain_english.py marks
the result safe. Works without JavaScript: the links go to the "words we use" box on the same
page (`{% words_we_use text %}`), whose entries carry the ids `words-we-use-<slug>`.
"""

from __future__ import annotations

import html
import re

from sendcase.plainenglish.glossary import Glossary, glossary

ANCHOR_PREFIX = "words-we-use-"


def _abbr(text: str, acronyms: dict[str, str], done: set[str]) -> str:
    """Escape `text`, wrapping the first use of each known acronym not already wrapped in <abbr>."""
    out: list[str] = []
    position = 0
    for match in re.finditer(r"(?<![\w-])([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*)(s?)(?![\w-])", text):
        acronym = match.group(1)
        if acronym not in acronyms or acronym in done:
            continue
        done.add(acronym)
        out.append(html.escape(text[position : match.start()]))
        out.append(f'<abbr title="{html.escape(acronyms[acronym])}">{html.escape(acronym)}</abbr>')
        out.append(html.escape(match.group(2)))
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def explain_terms(text: str, *, link: bool = True, terms: Glossary | None = None) -> str:
    """`text` as escaped HTML with each known acronym's first use in <abbr title="…">, and each
    glossary term's first use linked to its entry in the page's "words we use" box (unless `link`
    is False, for pages without the box)."""
    terms = terms or glossary()
    done: set[str] = set()
    out: list[str] = []
    position = 0
    if link:
        for start, end, term in terms.spans(text):
            out.append(_abbr(text[position:start], terms.acronyms, done))
            inner = _abbr(text[start:end], terms.acronyms, done)
            out.append(f'<a class="govuk-link" href="#{ANCHOR_PREFIX}{term.slug}">{inner}</a>')
            position = end
    out.append(_abbr(text[position:], terms.acronyms, done))
    return "".join(out)
