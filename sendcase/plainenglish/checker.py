"""Checks a text meant for a family: unexplained acronyms, jargon, long sentences, and how easy it is to read.

`check_plain_english(text)` returns a Report. Staff see it before any letter or plan text goes to
a family; it warns and never blocks. What it looks for:

- **Unexplained acronyms**: a short form in capitals ("EHCP", "SENCo", "EPs") is explained if,
  at its first use, it stands in brackets after the words it stands for ("educational
  psychologist (EP)"), or is followed by them in brackets ("EP (educational psychologist)"), or
  the words it stands for (from the glossary) appear earlier in the text, or it is listed in
  the text's "words we use" box (`words_we_use`). A few short forms everyone knows ("UK", "NHS",
  "GP") are never flagged. SENDcase references (SC-…) and postcodes are not acronyms.
- **Jargon**: any word or phrase in the glossary's "avoid" list ("statutory", "provision",
  "pursuant to", …), with what to write instead.
- **Long sentences**: more than 25 words.
- **Passive voice** (hints only, never a problem): "has been made", "was decided".
- **Readability**: the Flesch reading ease score (sendcase/plainenglish/readability.py). A text
  passes when it has none of the problems above and scores at least PASS_SCORE.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sendcase.plainenglish import readability
from sendcase.plainenglish.glossary import Glossary, glossary

LONG_SENTENCE_WORDS = 25
PASS_SCORE = 60.0  # Flesch "plain English" starts at 60

# Short forms readers know without being told.
WELL_KNOWN = frozenset({"UK", "NHS", "GP", "OK", "TV", "PDF", "AM", "PM", "BBC", "ID", "GOV", "HM", "II", "III"})

_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*|[A-Z]{2,}[0-9]*)(?![\w-])")
_REFERENCE = re.compile(r"\b[A-Z]{2,3}-[0-9A-Z]{4,}\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(\w+ed|made|done|given|sent|taken|written|seen|known|"
    r"held|told|shown|paid|kept|found|brought|chosen|met)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: what kind, the words concerned, and what to do about it."""

    kind: str  # "acronym", "jargon", "long_sentence" or "passive"
    text: str
    advice: str


@dataclass(frozen=True)
class Report:
    score: float
    words: int
    sentences: int
    acronyms: tuple[Finding, ...] = ()
    jargon: tuple[Finding, ...] = ()
    long_sentences: tuple[Finding, ...] = ()
    passive: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def problems(self) -> tuple[Finding, ...]:
        """What staff should fix: acronyms, jargon and long sentences (passive voice is only a hint)."""
        return self.acronyms + self.jargon + self.long_sentences

    @property
    def readable(self) -> bool:
        return self.score >= PASS_SCORE

    @property
    def passes(self) -> bool:
        return not self.problems and self.readable

    @property
    def score_label(self) -> str:
        return readability.describe(self.score)

    def summary(self) -> str:
        """One line for staff: "Plain English (score 68). No problems found." or the counts."""
        parts = [f"{self.score_label} (reading ease {self.score:g})."]
        counted = [
            (len(self.acronyms), "unexplained acronym"),
            (len(self.jargon), "word to avoid"),
            (len(self.long_sentences), "long sentence"),
        ]
        found = [f"{n} {label}{'' if n == 1 else 's'}" for n, label in counted if n]
        parts.append(("Check: " + ", ".join(found) + ".") if found else "No problems found.")
        return " ".join(parts)


def _plain_acronym(token: str) -> str:
    """ "EPs" is the plural of "EP"; "SENCo" stays as it is."""
    if len(token) > 2 and token.endswith("s") and token[:-1].isupper():
        return token[:-1]
    return token


def _is_acronym(token: str) -> bool:
    capitals = sum(1 for c in token if c.isupper())
    return capitals >= 2 and capitals * 2 >= len(token)


def _explained(acronym: str, text: str, start: int, end: int, known: dict[str, str]) -> bool:
    before, after = text[:start], text[end:]
    # "educational psychologist (EP)": the short form defined in brackets at its first use.
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        return True
    # "EP (educational psychologist)": the words in brackets straight after it.
    if re.match(r"\s*\((?:[^()]*\s)?[a-z][^()]*\)", after):
        return True
    expansion = known.get(acronym)
    return bool(expansion and expansion.lower() in before.lower())


def _unexplained_acronyms(text: str, explained: set[str], known: dict[str, str]) -> list[Finding]:
    scrubbed = _URL.sub(lambda m: " " * len(m.group(0)), text)
    scrubbed = _REFERENCE.sub(lambda m: " " * len(m.group(0)), scrubbed)
    scrubbed = _POSTCODE.sub(lambda m: " " * len(m.group(0)), scrubbed)
    findings: list[Finding] = []
    seen: set[str] = set()
    for match in _ACRONYM.finditer(scrubbed):
        token = match.group(1)
        acronym = _plain_acronym(token)
        if acronym in seen or not _is_acronym(token) or acronym in WELL_KNOWN or acronym in explained:
            continue
        seen.add(acronym)
        if _explained(acronym, scrubbed, match.start(1), match.end(1), known):
            continue
        expansion = known.get(acronym)
        advice = (
            f'Write "{expansion}" the first time, or explain {acronym} in a "words we use" box'
            if expansion
            else f"Say what {acronym} stands for the first time you use it, or leave it out"
        )
        findings.append(Finding("acronym", acronym, advice))
    return findings


def _jargon(text: str, terms: Glossary) -> list[Finding]:
    findings: list[Finding] = []
    for avoid in terms.avoid:
        match = re.search(rf"(?<![\w-]){re.escape(avoid.word)}(?![\w-])", text, re.IGNORECASE)
        if match:
            findings.append(Finding("jargon", match.group(0), f"Instead of “{match.group(0)}”: {avoid.instead}"))
    return findings


def _long_sentences(sentences: list[str]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        n = len(readability.words(sentence))
        if n > LONG_SENTENCE_WORDS:
            findings.append(
                Finding("long_sentence", sentence, f"{n} words: split it into sentences of 25 words or fewer")
            )
    return findings


def _passive(text: str) -> list[Finding]:
    return [
        Finding("passive", m.group(0), "Say who does it, for example “we made a decision”")
        for m in _PASSIVE.finditer(text)
    ]


def check_plain_english(text: str, *, words_we_use: Iterable[str] = ()) -> Report:
    """Check `text` for a family: see the module docstring for what counts as a problem.

    `words_we_use` lists the terms and short forms a "words we use" box beside the text explains;
    they count as explained wherever they appear.
    """
    terms = glossary()
    explained: set[str] = set()
    for name in words_we_use:
        explained.add(name.strip())
        entry = terms.find(name)
        if entry is not None:
            explained.update(entry.acronyms)
    all_sentences = readability.sentences(text)
    counted = readability.counts(text)
    return Report(
        score=counted.flesch,
        words=counted.words,
        sentences=counted.sentences,
        acronyms=tuple(_unexplained_acronyms(text, explained, terms.acronyms)),
        jargon=tuple(_jargon(text, terms)),
        long_sentences=tuple(_long_sentences(all_sentences)),
        passive=tuple(_passive(text)),
    )
