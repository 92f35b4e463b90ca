"""Which languages' rules reduce a query word, end to end through a library: every language
the library holds without ``--lang``, that language's alone with it, and none in quotes; and
forms that Snowball as it is maintained today (PyStemmer) finds, where Whoosh's old Python
ports of the same algorithms left them apart."""

from __future__ import annotations

import json

import pytest

from index import Filters, Library, Query
from index.analysis import reducer, stem

ARTICLES = [
    {"title": "Rate decision", "text": "The central bank of Japan kept its rates unchanged.",
     "lang": "en", "url": "https://example.org/en"},
    {"title": "Alegeri", "text": "Guvernul de la București a anunțat alegeri anticipate.",
     "lang": "ro", "url": "https://example.org/ro"},
    {"title": "Work at Chittagong port halted", "text": "Dockers in Chittagong walked out on "
     "Monday and ships were stranded; Chittagong handles most of the country's trade.",
     "lang": "en", "url": "https://example.org/walked"},
    {"title": "Port workers end strike", "text": "The walk-out at the port of Chittagong "
     "ended; ships stranded for a week began to load.", "lang": "en",
     "url": "https://example.org/walk"},
    {"title": "Sankcje", "text": "Unia nałożyła nowe sankcje na Rosji gospodarkę.",
     "lang": "pl", "url": "https://example.org/pl"},
    {"title": "Staatsbesuch", "text": "Die Kanzlerin reiste am Montag zu Gesprächen nach Paris.",
     "lang": "de", "url": "https://example.org/de"},
    {"title": "Tüntetés", "text": "Budapestről több ezer ember indult a tüntetésre.",
     "lang": "hu", "url": "https://example.org/hu"},
    {"title": "Konflikten", "text": "Kriget har pågått i mer än ett år enligt regeringen.",
     "lang": "sv", "url": "https://example.org/sv"},
    {"title": "University budget", "text": "The university council met to discuss fees.",
     "lang": "en", "url": "https://example.org/university"},
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("reduction")
    folder = root / "news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False)
                                                 for a in ARTICLES), encoding="utf-8")
    with Library(root / "library") as library:
        library.add([folder])
        yield library


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_the_case_the_tests_rest_on():
    """Romanian reduces ``japanese`` to the English word ``japan``; English does not."""
    assert stem("japanese", "ro") == "japan" and stem("japanese", "en") != "japan"


def test_a_word_is_reduced_in_every_language_the_library_holds(library):
    assert titles(library.search(Query("japanese", all_languages=False))) == ["Rate decision"]


def test_a_quoted_word_matches_its_exact_folded_form_only(library):
    assert library.search(Query('"japanese"')).total == 0
    assert library.search(Query('"japanese" OR "Guvernul"')).total == 1
    assert titles(library.search(Query('"JAPAN"'))) == ["Rate decision"]  # folded, though
    assert library.search(Query('"Rosja"')).total == 0  # no Polish reduction, no country
    assert titles(library.search(Query("Rosja"))) == ["Sankcje"]


def test_lang_applies_that_languages_rules_alone(library):
    """English rules do not take ``japanese`` to ``japan``: with ``--lang en`` the Romanian
    rules, which do, must not reduce the word."""
    english = Filters(langs=("en",))
    assert library.search(Query("japanese", filters=english, all_languages=False)).total == 0
    assert titles(library.search(Query("japans", filters=english))) == ["Rate decision"]
    romanian = Filters(langs=("ro",))
    assert titles(library.search(Query("guvernului", filters=romanian))) == ["Alegeri"]



def test_the_forms_typed_rank_first(library):
    """Every word as typed beats a word matched by another of its forms, even where the
    other article holds the rest more often (and in its title)."""
    ranked = [hit.url for hit in library.search(Query("walk Chittagong stranded")).hits]
    assert ranked == ["https://example.org/walk", "https://example.org/walked"]
    ranked = [hit.url for hit in library.search(Query("walked")).hits]
    assert ranked == ["https://example.org/walked", "https://example.org/walk"]
    ranked = [hit.url for hit in library.search(Query("walk")).hits]
    assert ranked == ["https://example.org/walk", "https://example.org/walked"]


@pytest.mark.parametrize(("word", "lang"), [("Kanzler", "de"), ("Budapest", "hu"),
                                            ("krig", "sv")])
def test_an_inflected_form_is_found_by_its_dictionary_form(library, word, lang):
    found = library.search(Query(word, filters=Filters(langs=(lang,)))).hits
    assert [hit.url for hit in found] == [f"https://example.org/{lang}"]


def test_words_of_different_meaning_keep_different_stems(library):
    assert stem("university", "en") != stem("universal", "en")  # Whoosh's port: "univers"
    assert library.search(Query("universal", filters=Filters(langs=("en",)))).total == 0


def test_each_language_says_which_snowball_reduces_it():
    assert reducer("en") == "Snowball english (PyStemmer)"
    assert reducer("de") == "Snowball german (PyStemmer), German2 spellings"
    assert reducer("nl") == "Snowball dutch_porter (PyStemmer)"
    assert reducer("ro") == "Snowball romanian (Whoosh)"
