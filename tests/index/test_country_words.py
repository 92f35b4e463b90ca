"""A word that names a country finds that country in every language (issue: one country in
every language): ranked by each article's own mentions, marked in its own language; a
quoted word stays literal."""

from __future__ import annotations

import json

import pytest

from index import Library, Query
from index.country_words import country_word

ARTICLES = {
    "de": ("Kasachstan baut Windparks", "Kasachstan will bis 2030 mehr Windenergie ins Netz "
           "bringen, sagte der Minister in Astana."),
    "en": ("Kazakhstan expands ports", "Kazakhstan opened a container terminal in Aktau. "
           "Officials said Kazakhstan expects more cargo from China next year."),
    "ru": ("Казахстан и транзит", "Грузы идут через Казахстан в Европу, сообщили в "
           "министерстве транспорта."),
    "fr": ("Le port de Gênes", "Le port italien de Gênes attend plus de navires cette "
           "année, selon la direction du port."),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("named")
    for lang, (title, text) in ARTICLES.items():
        (root / f"{lang}.json").write_text(json.dumps(
            {"title": title, "text": text, "lang": lang}, ensure_ascii=False), "utf-8")
    lib = Library(root / "library")
    assert not lib.add([root]).failed
    yield lib
    lib.close()


def langs(results) -> set[str]:
    return {hit.lang for hit in results.hits}


@pytest.mark.parametrize("word", ["kasachstan", "Kasachstans", "Казахстана", "kazakh",
                                  "Kazakhstan"])
def test_a_country_word_in_any_language_or_form_finds_every_language(library, word):
    results = library.search(Query(word))
    assert langs(results) == {"de", "en", "ru"}
    assert list(results.countries_named.values()) == ["KZ"]


def test_a_quoted_word_stays_literal(library):
    results = library.search(Query('"kasachstan"'))
    assert langs(results) == {"de"} and results.countries_named == {}


def test_the_key_off_searches_the_word_as_typed(library):
    assert langs(library.search(Query("kasachstan", all_languages=False))) == {"de"}


def test_hits_are_ranked_by_their_own_mentions_and_marked_in_their_language(library):
    results = library.search(Query("kasachstan"))
    english = next(h for h in results.hits if h.lang == "en")
    marked = {english.snippet[s:e] for s, e in english.highlights}
    assert marked == {"Kazakhstan"}
    russian = next(h for h in results.hits if h.lang == "ru")
    assert {russian.snippet[s:e] for s, e in russian.highlights} == {"Казахстан"}
    assert all(h.score > 0 for h in results.hits)


def test_the_json_says_what_a_word_was_taken_for(library):
    data = library.search(Query("kasachstan ports")).to_json()
    assert data["countries_named"] == {"kasachstan": "KZ"}
    assert [h["lang"] for h in data["hits"]] == ["en"]


@pytest.mark.parametrize("word", ["mali", "chad", "jordan", "того", "in", "de", "said",
                                  "port", "2030"])
def test_common_words_short_words_and_numbers_are_not_countries(word):
    assert country_word(word) is None


def test_article_pane_marks_the_country_in_its_language(library):
    text = ARTICLES["en"][1]
    spans = library.match_spans("kasachstan", text, "en")
    assert {text[s:e] for s, e in spans} == {"Kazakhstan"}
    assert library.match_spans("kasachstan", text, "en", all_languages=False) == []


def test_the_shipped_table_is_what_the_gazetteer_gives():
    """Regenerate with ``python -m index.enrich.data.build_country_words``."""
    from index.enrich.data.build_country_words import OUT, text

    assert OUT.read_text(encoding="utf-8") == text()


def test_a_search_loads_no_gazetteer():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys; from index.country_words import country_word; "
            "country_word('regierung'); country_word('kasachstan'); "
            "print(sorted(m for m in sys.modules if 'gazetteer' in m or 'country_tables' in m))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_every_name_of_the_table_is_found_and_nothing_else():
    """The lookup searches the file's bytes: it must answer as the parsed table does, for
    every name, for names cut short or run on, and past either end of the table; and so
    must the table parsed, which a process that looks up many words turns to."""
    from index.country_words import TABLE, _code, _names, _search

    names = json.loads(TABLE.read_text(encoding="utf-8"))["names"]
    ordered = sorted(names)
    assert _names() == names
    assert all(_search(name) == code for name, code in names.items())
    for probe in [*(n[:-1] for n in ordered), *(n + "a" for n in ordered[::5]), "a", "aaaa",
                  "zzzzzz", "\U0010ffff", ""]:
        assert _search(probe) == names.get(probe), probe
        assert _code(probe) == names.get(probe), probe


def test_a_word_taken_for_a_country_is_among_that_countrys_names():
    """Snippets ask ``may_name`` before ``country_word``: it must never say no to a word
    ``country_word`` takes for one of the countries, whatever its case ending."""
    from index.analysis import WORD, fold
    from index.country_words import may_name, names_of
    from tests.conftest import SAMPLE_DATA

    words = {"Kasachstans", "kasachische", "Saudiarabiens", "Казахстана", "Nigeria", "Niger",
             "Nigerian", "US-Zölle", "Schweiz", "suisse", "Yugoslavia", "mali", "Türkiye"}
    for path in sorted(SAMPLE_DATA.rglob("*"))[:200]:
        if path.is_file():
            words.update(WORD.findall(path.read_text("utf-8", errors="replace")))
    taken = {w: country_word(w) for w in words}
    codes = {c for c in taken.values() if c}
    assert {"KZ", "NG", "CH", "SA", "US"} <= codes
    for code in codes:
        names = names_of(frozenset({code}))
        assert names and all(country_word(n) in (code, None) for n in names)  # a name or
        # a word no query takes for a country (too short, or common in some language)
        for word, found in taken.items():
            if found == code:
                assert may_name(fold(word), names), (word, code)
    assert not may_name("regierung", names_of(frozenset({"KZ"})))
