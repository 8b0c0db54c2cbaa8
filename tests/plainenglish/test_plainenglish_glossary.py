"""The glossary: at least 40 SEND terms in plain words, each short, with the acronyms they cover."""

from __future__ import annotations

import json

import pytest

from sendcase.plainenglish import glossary
from sendcase.plainenglish.glossary import load

REQUIRED = (
    "EHC plan",
    "EHC needs assessment",
    "SENCo",
    "SEN support",
    "annual review",
    "phase transfer",
    "tribunal",
    "mediation",
    "personal budget",
    "named setting",
    "section I",
    "draft plan",
    "reg 8 advice",
    "educational psychologist",
    "SENDIASS",
    "local offer",
)


def test_the_glossary_covers_the_terms_families_meet_in_plain_short_definitions():
    terms = glossary()
    assert len(terms.terms) >= 40
    for name in REQUIRED:
        assert terms.find(name) is not None, name
    for term in terms.terms:
        assert 0 < len(term.definition.split()) <= 30, term.term
        assert term.definition.endswith("."), term.term
    assert terms.acronyms["EHCP"] == "education, health and care plan"
    assert terms.find("EP").term == "educational psychologist"
    assert glossary() is terms  # loaded once


def test_the_words_to_avoid_say_what_to_write_instead():
    avoid = {a.word: a.instead for a in glossary().avoid}
    for word in ("statutory", "provision", "cohort", "pursuant", "hereinafter", "notwithstanding"):
        assert avoid[word]


def test_a_definition_over_30_words_is_refused(tmp_path):
    path = tmp_path / "glossary.json"
    path.write_text(
        json.dumps({"terms": [{"term": "long", "slug": "long", "definition": " ".join(["word"] * 31)}], "avoid": []})
    )
    with pytest.raises(ValueError, match="entry 1 \\(long\\): the definition has 31 words"):
        load(path)


def test_terms_are_found_in_order_and_the_verb_send_is_not_the_acronym():
    terms = glossary().terms_in("Please send the draft plan to your SENCo before the annual review.")
    assert [t.term for t in terms] == ["draft plan", "SENCo", "annual review"]
    assert glossary().terms_in("We will send it.") == []
