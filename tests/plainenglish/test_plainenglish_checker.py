"""The plain-English checker: it flags what makes a letter hard for a family, and passes a plain one."""

from __future__ import annotations

from sendcase.plainenglish import PASS_SCORE, check_plain_english
from sendcase.plainenglish.readability import counts, sentences, syllables

PLAIN_LETTER = """We have decided to carry out an assessment

Dear Ms Hart

On 2 June 2025 we decided to carry out an education, health and care needs assessment for Amelia.

What happens next
We will ask people who know Amelia for advice. For example, her school and an educational psychologist (EP).
The EP will meet Amelia at school. They have 6 weeks to send their advice.
We will tell you by 22 September 2025 if we will write a plan for her.

If you have any questions, please phone me on 01305 221000. Our reference is SC-4K7P2QX.

Yours sincerely
Olive Officer
"""

JARGON_LETTER = """Dear Parent/Carer

Pursuant to the statutory duties of the LA, hereinafter referred to as the Authority, notwithstanding the
aforementioned delay, the EHCNA has been deemed necessary and the EP will facilitate the assessment of your
child in accordance with the provision outlined in section F of the draft EHCP, which the SENCo will disseminate
to the relevant stakeholders prior to the multi-agency panel meeting in respect of the cohort.
"""


def test_a_plain_letter_passes():
    report = check_plain_english(PLAIN_LETTER)
    assert report.problems == ()
    assert report.score >= PASS_SCORE
    assert report.passes
    assert report.summary().endswith("No problems found.")


def test_planted_jargon_acronyms_and_long_sentences_are_flagged():
    report = check_plain_english(JARGON_LETTER)
    assert not report.passes
    assert {f.text for f in report.acronyms} == {"LA", "EHCNA", "EP", "EHCP", "SENCo"}
    jargon = {f.text.lower() for f in report.jargon}
    for word in (
        "pursuant to",
        "statutory",
        "hereinafter",
        "notwithstanding",
        "aforementioned",
        "provision",
        "cohort",
        "facilitate",
        "in accordance with",
        "disseminate",
        "prior to",
        "multi-agency",
        "in respect of",
        "deemed",
        "stakeholders",
    ):
        assert word in jargon, word
    assert len(report.long_sentences) == 1
    assert "words: split it" in report.long_sentences[0].advice
    assert report.score < PASS_SCORE
    assert any("been deemed" in f.text for f in report.passive)
    advice = {f.text: f.advice for f in report.acronyms}
    assert "educational psychologist" in advice["EP"]


def test_an_acronym_counts_as_explained_when_the_words_come_first_or_in_brackets_or_in_the_box():
    assert check_plain_english("Your special educational needs co-ordinator (SENCo) will call.").acronyms == ()
    assert check_plain_english("The SENCo (special educational needs co-ordinator) will call.").acronyms == ()
    assert check_plain_english("An educational psychologist will visit. The EP is kind.").acronyms == ()
    assert check_plain_english("The EHCP is ready.", words_we_use=["EHC plan"]).acronyms == ()
    assert [f.text for f in check_plain_english("The EHCP is ready.").acronyms] == ["EHCP"]
    # Plurals, and an acronym used again later, are one finding.
    assert [f.text for f in check_plain_english("Two EPs came. The EP left.").acronyms] == ["EP"]


def test_references_postcodes_addresses_and_well_known_short_forms_are_not_acronyms():
    text = "Write to County Hall, DT1 1XJ, quoting SC-4K7P2QX. Your GP and the NHS can help. See www.gov.uk/SEND."
    assert check_plain_english(text).acronyms == ()


def test_a_sentence_of_25_words_is_fine_and_26_is_long():
    twenty_five = " ".join(["word"] * 24) + " end."
    assert check_plain_english(twenty_five).long_sentences == ()
    assert len(check_plain_english("more " + twenty_five).long_sentences) == 1


def test_the_flesch_score_follows_the_formula():
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1
    assert counts("The cat sat on the mat.").flesch == round(206.835 - 1.015 * 6 - 84.6, 1)
    text = "Assessment. Educational psychologist."
    c = counts(text)
    assert (c.sentences, c.words, c.syllables) == (2, 3, 3 + 5 + 4)
    assert check_plain_english("").score == 100.0


def test_the_syllable_counter_agrees_with_the_dictionary_on_everyday_words():
    dictionary = {
        "plan": 1,
        "school": 1,
        "needs": 1,
        "made": 1,
        "planned": 1,
        "advice": 2,
        "appeal": 2,
        "decided": 3,
        "table": 2,
        "special": 2,
        "support": 2,
        "review": 2,
        "council": 2,
        "letter": 2,
        "tribunal": 3,
        "decision": 3,
        "assessment": 3,
        "officer": 3,
        "annual": 3,
        "usual": 3,
        "nursery": 3,
        "mediation": 4,
        "education": 4,
        "information": 4,
        "certificate": 4,
        "psychologist": 4,
        "professional": 4,
        "educational": 5,
        "independent": 4,
        "appointment": 3,
        "questions": 2,
        "received": 2,
        "sincerely": 3,
        "family": 3,
        "period": 3,
        "something": 2,
        "available": 4,
        "circumstances": 4,
        "statutory": 4,
    }
    wrong = {word: syllables(word) for word, n in dictionary.items() if syllables(word) != n}
    assert wrong == {}


def test_headings_and_address_lines_end_sentences_and_abbreviations_do_not():
    found = sentences("What happens next\nWe will call, e.g. next week. Then we write.\n12 Mill Lane")
    assert found == ["What happens next", "We will call, e.g. next week.", "Then we write.", "12 Mill Lane"]
