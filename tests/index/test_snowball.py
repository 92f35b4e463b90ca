"""Words reduced by Snowball as it is maintained today (PyStemmer), end to end: forms that
Whoosh's old Python ports of the same algorithms left apart are found by the dictionary
form, restricted to the article's language."""

from __future__ import annotations

import json

import pytest

from index import Filters, Library, Query
from index.analysis import reducer, stem

ARTICLES = [
    {"title": "Staatsbesuch", "text": "Die Kanzlerin reiste am Montag zu Gesprächen nach Paris.",
     "lang": "de", "url": "https://example.org/de"},
    {"title": "Tüntetés", "text": "Budapestről több ezer ember indult a tüntetésre.",
     "lang": "hu", "url": "https://example.org/hu"},
    {"title": "Konflikten", "text": "Kriget har pågått i mer än ett år enligt regeringen.",
     "lang": "sv", "url": "https://example.org/sv"},
    {"title": "University budget", "text": "The university council met to discuss fees.",
     "lang": "en", "url": "https://example.org/en"},
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("snowball")
    folder = root / "news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False)
                                                 for a in ARTICLES), encoding="utf-8")
    with Library(root / "library") as library:
        library.add([folder])
        yield library


def _found(library: Library, text: str, lang: str) -> set[str]:
    results = library.search(Query(text, Filters(langs=(lang,)), facets=False))
    return {hit.url for hit in results.hits}


@pytest.mark.parametrize(("word", "lang"), [("Kanzler", "de"), ("Budapest", "hu"),
                                            ("krig", "sv")])
def test_an_inflected_form_is_found_by_its_dictionary_form(library, word, lang):
    assert _found(library, word, lang) == {f"https://example.org/{lang}"}


def test_words_of_different_meaning_keep_different_stems(library):
    # Whoosh's port reduced both to "univers"
    assert stem("university", "en") != stem("universal", "en")
    assert _found(library, "universal", "en") == set()


def test_each_language_says_which_snowball_reduces_it():
    assert reducer("en") == "Snowball english (PyStemmer)"
    assert reducer("de") == "Snowball german (PyStemmer), German2 spellings"
    assert reducer("nl") == "Snowball dutch_porter (PyStemmer)"
    assert reducer("ro") == "Snowball romanian (Whoosh)"
