"""The glossary of SEND terms in plain words, and the words to avoid, loaded once from glossary.json.

Pure Python: nothing here imports Django, so the checker and the glossary can be used anywhere
(the family portal, letters, tests, a command line).

Another language's glossary is `glossary.<language>.json` beside it (glossary.pl.json: Polish),
with the same slugs, so a page in that language explains its terms in that language. Its
spellings list the inflected forms a language like Polish uses ("planu EHC", "planem EHC"); its
`labels` give the words around the box. The checker always uses the English glossary: it checks
what staff write in English.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

GLOSSARY_FILE = Path(__file__).with_name("glossary.json")
MAX_DEFINITION_WORDS = 30
# The words around the glossary on a page, in English; another language's file gives its own.
LABELS = {"words_we_use": "Words we use", "what_does": "What does “{term}” mean?"}


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term, what its short forms stand for, and a plain definition."""

    term: str
    slug: str
    definition: str
    acronyms: dict[str, str]
    also: tuple[str, ...]

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way of writing the term the markup and the words-we-use box recognise."""
        return (self.term, *self.also)


@dataclass(frozen=True)
class Avoid:
    """A word or phrase letters to families should not use, with what to say instead."""

    word: str
    instead: str


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    avoid: tuple[Avoid, ...]
    language: str = "en"
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))

    @functools.cached_property
    def acronyms(self) -> dict[str, str]:
        """Every known short form and what it stands for; the first entry naming it wins."""
        known: dict[str, str] = {}
        for term in self.terms:
            for short, expansion in term.acronyms.items():
                known.setdefault(short, expansion)
        return known

    @functools.cached_property
    def by_slug(self) -> dict[str, Term]:
        return {term.slug: term for term in self.terms}

    def find(self, name: str) -> Term | None:
        """The entry for a term, one of its other spellings, or one of its short forms."""
        wanted = name.strip().lower()
        for term in self.terms:
            if wanted in (s.lower() for s in term.spellings) or name.strip() in term.acronyms:
                return term
        return None

    @functools.cached_property
    def _term_pattern(self) -> re.Pattern[str]:
        # Longest spellings first, so "EHC needs assessment" wins over "EHC plan" and "needs assessment".
        spellings = sorted({s for t in self.terms for s in t.spellings}, key=len, reverse=True)
        # Words match in any case; short forms only in capitals, so "SEND" is never the verb "send".
        alternatives = "|".join(re.escape(s) if _looks_like_acronym(s) else f"(?i:{re.escape(s)})" for s in spellings)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def _spelling_index(self) -> dict[str, Term]:
        index: dict[str, Term] = {}
        for term in self.terms:
            for spelling in term.spellings:
                index.setdefault(spelling.lower(), term)
        return index

    def terms_in(self, text: str) -> list[Term]:
        """The glossary terms a text uses, in the order they first appear."""
        index = self._spelling_index()
        found: dict[str, Term] = {}
        for match in self._term_pattern.finditer(text):
            term = index.get(match.group(0).lower())
            if term is not None:
                found.setdefault(term.slug, term)
        # Acronyms written on their own (an "EP") bring in their entry too.
        for term in self.terms:
            if term.slug not in found and any(re.search(rf"\b{re.escape(a)}s?\b", text) for a in term.acronyms):
                found[term.slug] = term
        return sorted(found.values(), key=lambda t: _first_position(t, text))

    def spans(self, text: str) -> list[tuple[int, int, Term]]:
        """Where each glossary term first appears in `text`: (start, end, term), in order."""
        index = self._spelling_index()
        seen: set[str] = set()
        spans = []
        for match in self._term_pattern.finditer(text):
            term = index.get(match.group(0).lower())
            if term is not None and term.slug not in seen:
                seen.add(term.slug)
                spans.append((match.start(), match.end(), term))
        return spans


def _looks_like_acronym(spelling: str) -> bool:
    return " " not in spelling and sum(1 for c in spelling if c.isupper()) >= 2


def _first_position(term: Term, text: str) -> int:
    lowered = text.lower()
    positions = [lowered.find(s.lower()) for s in term.spellings]
    positions += [m.start() for a in term.acronyms for m in [re.search(rf"\b{re.escape(a)}s?\b", text)] if m]
    found = [p for p in positions if p >= 0]
    return min(found) if found else len(text)


def load(path: Path = GLOSSARY_FILE, *, language: str = "en") -> Glossary:
    """Read and check a glossary file; raises ValueError naming the entry that is wrong."""
    data = json.loads(path.read_text(encoding="utf-8"))
    terms = []
    for n, entry in enumerate(data["terms"], start=1):
        definition = entry["definition"].strip()
        words = len(definition.split())
        if words > MAX_DEFINITION_WORDS:
            raise ValueError(f"Glossary entry {n} ({entry['term']}): the definition has {words} words; keep it to 30")
        terms.append(
            Term(
                term=entry["term"],
                slug=entry["slug"],
                definition=definition,
                acronyms=dict(entry.get("acronyms", {})),
                also=tuple(entry.get("also", ())),
            )
        )
    slugs = [t.slug for t in terms]
    if len(set(slugs)) != len(slugs):
        raise ValueError("Glossary slugs must be unique")
    avoid = tuple(Avoid(word=a["word"], instead=a["instead"]) for a in data.get("avoid", ()))
    labels = {**LABELS, **data.get("labels", {})}
    if "{term}" not in labels["what_does"]:
        raise ValueError(f"{path.name}: the label what_does must contain {{term}}")
    return Glossary(terms=tuple(terms), avoid=avoid, language=language, labels=labels)


def glossary_file(language: str) -> Path | None:
    """The glossary file for `language` ("pl", "pl-pl"), or None if SENDcase has none in it."""
    base = language.strip().lower().replace("_", "-").split("-")[0]
    if not base or base == "en":
        return GLOSSARY_FILE
    path = GLOSSARY_FILE.with_name(f"glossary.{base}.json")
    return path if path.is_file() else None


@functools.cache
def glossary(language: str = "en") -> Glossary:
    """The glossary in `language` (English if SENDcase has none in it), read once per process."""
    path = glossary_file(language)
    if path is None or path == GLOSSARY_FILE:
        return _english()
    return load(path, language=language.strip().lower().split("-")[0])


@functools.cache
def _english() -> Glossary:
    return load()
