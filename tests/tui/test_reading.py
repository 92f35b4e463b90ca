"""What the article pane shows: the engine's own match spans on the display text."""

from __future__ import annotations

import pytest

from index import Library, Query
from tui.engine.reading import load_article


@pytest.fixture(scope="module")
def nzz(library_folder):
    """The Swiss article on Kasachstan (it shares a paragraph with the FAZ one)."""
    library = Library(library_folder)
    hit = library.search(Query("kasachstan source:nzz")).hits[0]
    yield library, hit.id
    library.close()


@pytest.mark.parametrize("query, prefix_last, marked", [
    ("kasach", True, {"Kasachstan"}),           # still typing: a prefix
    ("kasach", False, set()),                   # a finished word: no prefix
    ("Abkommens", False, {"Abkommen"}),         # German stemming
    ("kasachstn~", False, {"Kasachstan"}),      # a fuzzy expansion
    ("regierung -israel", False, {"Regierung"}),  # NOT-terms are not marked
    ("lang:de beitritt", False, {"Beitritt"}),   # facet fields are not text
    ("*", False, set()),
    ('"unbalanced', True, set()),               # a broken query marks nothing, never raises
])
def test_the_article_marks_exactly_what_the_engine_matched(nzz, query, prefix_last, marked):
    library, article_id = nzz
    reading = load_article(library, article_id, query, prefix_last)
    assert {reading.text[s:e] for s, e in reading.spans} == marked


def test_a_reading_keeps_offsets_and_names_the_shared_articles(nzz):
    library, article_id = nzz
    reading = load_article(library, article_id, "regierung")
    assert len(reading.text) == len(reading.article.text)
    assert len(reading.spans) == 3
    assert any("Kasachstan macht mit (faz)" in title for title in reading.related.values())
    assert load_article(library, "no-such-id") is None
