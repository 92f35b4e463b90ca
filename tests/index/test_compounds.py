"""Compounds: a word finds the compounds it begins or ends, ranked below itself."""

from __future__ import annotations

import json

import pytest

from index import compounds
from index.analysis import fold
from index.compounds import pieces
from index.library import Library
from index.models import Filters, Query


@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("freihandelsabkommen", "de", {"abkommen", "freihandel"}),
    ("uranbedarfs", "de", {"uran", "bedarfs"}),
    ("grenzkontrollen", "de", {"grenze", "kontrollen"}),  # Grenz-: the dropped e restored
    ("vredesakkoord", "nl", {"vrede", "akkoord"}),
    ("regeringschef", "sv", {"regering", "chef"}),
    ("skolebørn", "da", {"skole", "born"}),
    ("stortingsvalg", "no", {"storting", "valg"}),
])
def test_a_compound_gives_its_head_and_tail(word, lang, expected):
    assert expected <= set(pieces(fold(word), lang))


@pytest.mark.parametrize(("word", "lang"), [
    ("abend", "de"), ("verband", "de"), ("ausland", "de"), ("wirtschaft", "de"),
    ("vorschlag", "de"), ("verkoop", "nl"), ("forslag", "sv"), ("forhandling", "da"),
    ("abkommen", "de"),
    ("kasachstan", "de"), ("frankreich", "de"),  # a country: no kase-ach-stan, frank-reich
    ("manchester", "de"),  # written as often in English: a name, no manche-ester
    ("freihandelsabkommen", "en"),  # only the languages that write compounds
])
def test_a_word_that_is_no_compound_stays_whole(word, lang):
    assert pieces(word, lang) == ()


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    articles = [
        {"title": "Handel", "text": "Die EU unterzeichnet das Freihandelsabkommen mit Kanada.",
         "lang": "de", "url": "https://example.org/compound"},
        {"title": "Vertrag", "text": "Das Abkommen mit Kanada wird heute unterzeichnet.",
         "lang": "de", "url": "https://example.org/whole"},
        {"title": "Pakt", "text": "Die Details des Abkommens wurden gestern bekannt.",
         "lang": "de", "url": "https://example.org/inflected"},
        {"title": "Energie", "text": "Der Uranbedarfs der Kraftwerke steigt weiter an.",
         "lang": "de", "url": "https://example.org/uran"},
        {"title": "Politik", "text": "Der Verband lehnt den Vorschlag ab.",
         "lang": "de", "url": "https://example.org/verband"},
        {"title": "Trade", "text": "The EU signs the Freihandelsabkommen with Canada.",
         "lang": "en", "url": "https://example.org/english"},
    ]
    (folder / "news.jsonl").write_text("\n".join(json.dumps(a) for a in articles),
                                       encoding="utf-8")
    with Library(tmp_path / "library") as library:
        library.add([folder])
        yield library


def test_a_word_finds_the_compounds_it_ends_ranked_below_itself(news):
    """The word as typed first, then another form of it (``Abkommens``), then the compound."""
    found = news.search(Query("Abkommen", filters=Filters(langs=("de",))))
    assert [hit.title for hit in found.hits] == ["Vertrag", "Pakt", "Handel"]


def test_a_word_finds_the_compounds_it_begins(news):
    assert [h.title for h in news.search(Query("Uran")).hits] == ["Energie"]
    assert [h.title for h in news.search(Query("Freihandel")).hits] == ["Handel"]


def test_a_part_match_marks_the_compound(news):
    hit = news.search(Query("Abkommen", filters=Filters(langs=("de",)))).hits[2]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Freihandelsabkommen"]


def test_a_seeming_part_of_a_word_finds_nothing(news):
    """``Band`` is no part of ``Verband``; an English article's words are never split."""
    assert news.search(Query("Band")).total == 0
    found = news.search(Query("Abkommen", filters=Filters(langs=("en",))))
    assert found.total == 0


def test_a_quoted_phrase_stays_exact(news):
    assert news.search(Query('"das Abkommen"')).total == 1


def test_the_shipped_words_are_what_word_frequencies_give():
    """``data/compound_words.json`` is generated (``build_compound_words``): a part the
    splitter knows is one the frequency list holds, and no edit by hand drifts from it."""
    pytest.importorskip("wordfreq", reason="wordfreq is a build-time dependency (dev extra)")
    from index.compounds import _whole, _words
    from index.data.build_compound_words import foreign, frequencies

    assert _words("nl") == frequencies("nl")
    assert _whole("nl") == set(foreign("nl"))


@pytest.mark.parametrize("lang", ["de", "nl", "sv", "en"])
def test_the_parts_postings_equal_the_analyzer(lang):
    """The indexer counts parts straight from the article's words (``part_counts``); the
    field's analyzer, which Whoosh keeps in the index, gives the same."""
    from whoosh.fields import TEXT

    from index.schema import build_schema

    field = build_schema()["parts"]
    text = (f"{lang} Die Bundesregierung und der Freihandelsabkommen-Streit: Uranbedarfs, "
            "Regierungschef, regeringschef, vredesakkoord, Abkommen, Verband, Ausland")
    fast, analyzed = sorted(field.index(text)), sorted(TEXT.index(field, text))
    assert fast == analyzed
    assert bool(fast) == (lang != "en")


def test_a_search_splits_only_words_that_may_hold_a_part(tmp_path, monkeypatch):
    """Marking a compound splits it, and a fresh process's first split loads its language's
    word table (tens of ms of a one-shot search): a word that merely shares letters with
    the query (``transkaspische``, ``Kasachstans`` for ``Kasachstan``) is not split."""
    from index import compounds

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({
        "title": "Korridor", "lang": "de", "url": "https://example.org/k",
        "text": "Die transkaspische Route und das Handelsabkommen mit Kasachstans Häfen."}),
        encoding="utf-8")
    with Library(tmp_path / "library") as library:
        library.add([folder])
        split: list[str] = []
        whole = compounds.pieces
        monkeypatch.setattr(compounds, "pieces",
                            lambda word, lang: (split.append(word), whole(word, lang))[1])
        hit = library.search(Query("Kasachstan")).hits[0]
        assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Kasachstans"]
        assert split == []
        hit = library.search(Query("Abkommen")).hits[0]
        assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Handelsabkommen"]
        assert split == ["handelsabkommen"]


@pytest.mark.parametrize("lang", compounds.LANGS)
def test_the_table_of_word_beginnings_never_stops_a_head_a_word_begins_with(lang):
    """``_heads`` stops growing a head where no known word begins like it, asking a table
    of bits (``_PREFIXES``) that must never say no to a real beginning, and should say no to
    most others, or it saves nothing."""
    compounds._prefixes(lang)
    table = compounds._PREFIXES[lang]
    known = compounds._words(lang)
    assert all(compounds._may_begin(table, word[:k]) for word in known
               for k in range(compounds.SHORTEST_PART, len(word) + 1))
    beginnings = {word[:k] for word in known for k in range(compounds.SHORTEST_PART, len(word) + 1)}
    others = [f"{word}qx{n}" for n, word in enumerate(sorted(known)[:5000])]
    assert not beginnings.intersection(others)
    assert sum(compounds._may_begin(table, other) for other in others) < 0.1 * len(others)
