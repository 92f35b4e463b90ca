"""Marking what a query matched: an ASCII text is scanned for the words worth trying
(``highlight._ascii_spans``) and must mark exactly what reading it word by word marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import highlight
from index.analysis import WORD, fold, stem
from index.country_words import country_word, may_name
from index.highlight import Terms, snippet, spans

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"

TRICKY = [
    "The U.S. said on Monday. Said Ahmed said: SAID, said-so, said_x, e.said, a..said",
    "it's said that U.S.-made goods (said) 'said' \"said\" x.'said said.", "said",
    "Saids, saying, sa, s, Sa.id, 3.said, _said, said3, Kazakh kazakhstan's KAZAKHSTAN",
    "U.S. officials and U.K. ones; US-Kazakh talks; the u.s. economy, Germany's GDP.",
    "bundesbank Bundes-Bank bundes. Abundes co-operation coffee Coffee COFFEE's coffees",
    "", "   ", "...", "'a' b' 'c d.e. .f g'.h",
]

TERMS = [
    Terms(words=frozenset({"said"}), stems=frozenset({"said"})),
    Terms(stems=frozenset({"say", "said"})),
    Terms(words=frozenset({"u.s", "us"})),
    Terms(words=frozenset({"coffee"}), stems=frozenset({"coffe"})),
    Terms(prefixes=("bundes",)),
    Terms(prefixes=("s",), words=frozenset({"a"})),
    Terms(countries=frozenset({"US", "KZ", "DE"})),
    Terms(words=frozenset({"kasachstan"}), countries=frozenset({"KZ"})),
    Terms(words=frozenset({"казахстан"})),
    Terms(prefixes=("e.s",), words=frozenset({"it's", "x"})),
]


def word_by_word(text: str, terms: Terms, lang: str) -> list[tuple[int, int]]:
    """What ``spans`` marks, read as it first did: every word of the text tried in turn."""
    heads = {s[:2] for s in terms.stems}
    names, name_heads = highlight._country_names(terms.countries) if terms.countries \
        else (frozenset(), frozenset())
    found = []
    for match in WORD.finditer(text):
        word = match.group(0)
        folded = fold(word)
        if (folded in terms.words
                or (folded[:2] in heads and stem(word.lower(), lang) in terms.stems)
                or (terms.prefixes and folded.startswith(terms.prefixes))
                or (terms.countries and folded[:2] in name_heads and may_name(folded, names)
                    and country_word(word) in terms.countries)):
            found.append(match.span())
    return found


def ascii_texts() -> list[str]:
    texts = list(TRICKY)
    for path in sorted(SAMPLES.rglob("*")):
        if path.suffix in (".txt", ".md", ".html", ".json"):
            text = path.read_text("utf-8", errors="replace")
            texts += [line for line in text.splitlines() if line.isascii() and line.strip()]
            texts.append(text.encode("ascii", "ignore").decode())
    return texts


@pytest.mark.parametrize("terms", TERMS, ids=lambda t: ",".join(
    sorted(t.words | t.stems | t.countries) + list(t.prefixes)))
def test_an_ascii_text_is_marked_as_reading_it_word_by_word_marks_it(terms):
    texts = ascii_texts()
    assert len(texts) > 100
    for text in texts:
        assert text.isascii()
        assert spans(text, terms, "en") == word_by_word(text, terms, "en"), text[:200]


OTHER_TERMS = [
    Terms(words=frozenset({"grosste", "uber"}), stems=frozenset({"kasachstan", "saudiarabi"})),
    Terms(words=frozenset({"казахстан", "łodz", "lodz"}), stems=frozenset({"казахста", "росс"})),
    Terms(prefixes=("ostschweiz", "ü", "kasach"), countries=frozenset({"KZ", "PL", "RU"})),
]


def other_texts() -> list[str]:
    texts = ["Über Łódź, ÜBER Lodz, Lódz; l’État, d’Kasachstan’s Kasachstans «Kasachstan» "
             "-Казахстана Казахстан’а ſaid ſa Kelvin K ü-Boot", "«", "ü"]
    for path in sorted(SAMPLES.rglob("*")):
        if path.suffix in (".txt", ".md", ".html", ".json"):
            texts.append(path.read_text("utf-8", errors="replace"))
    return [text for text in texts if not text.isascii()]


@pytest.mark.parametrize("lang", ["de", "ru", "pl", "en"])
def test_a_text_of_other_letters_is_marked_as_reading_it_word_by_word_marks_it(lang):
    texts = other_texts()
    assert len(texts) > 20
    for terms in TERMS + OTHER_TERMS:
        for text in texts:
            assert spans(text, terms, lang) == word_by_word(text, terms, lang), text[:200]


def test_what_an_ascii_text_marks_is_what_it_shows():
    text = "The U.S. said on Monday that it said nothing. Said Ahmed, e.said, was said-ish."
    terms = TERMS[0]
    # ``e.said`` is one word, as the index holds it
    assert [text[s:e] for s, e in spans(text, terms, "en")] == ["said", "said", "Said", "said"]
    shown, inside = snippet(text, terms, "en")
    assert [shown[s:e] for s, e in inside] == ["said", "said", "Said", "said"]


def test_a_text_with_other_letters_is_still_marked_word_by_word():
    text = "Kasachstan und Kasachstans Hafen; größte Grösste GRÖSSTE said"
    terms = Terms(words=frozenset({"grosste", "said"}),
                  stems=frozenset({stem("kasachstan", "de")}))
    assert not text.isascii()
    assert [text[s:e] for s, e in spans(text, terms, "de")] == [
        "Kasachstan", "Kasachstans", "größte", "Grösste", "GRÖSSTE", "said"]
    assert spans(text, terms, "de") == word_by_word(text, terms, "de")
