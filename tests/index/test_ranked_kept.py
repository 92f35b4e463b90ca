"""A searcher keeps the scores of its latest few queries: a filter chosen or dropped again
answers from them, and the answer is the one a fresh ranking gives."""

from __future__ import annotations

import pytest

from index import Filters, Query
from index import searching as S
from index.whoosh_internals import ranking


@pytest.fixture(autouse=True)
def full_rankings(monkeypatch):
    """Every search here ranks every match (``ranking.scores``), as one with a filter does:
    what is kept is a full ranking. An unfiltered search of an OR of words may be answered
    by ``pruned`` without one, which keeps nothing (``test_ranking.py`` holds its answers
    to the full ranking's, and how the two meet)."""
    monkeypatch.setattr(S.Searching, "_best", lambda self, s, q, n: None)


def ranked_count(monkeypatch) -> list[int]:
    calls = [0]
    real = ranking.scores

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(ranking, "scores", counted)
    return calls


def answer(results) -> tuple:
    return results.total, [(h.id, h.score) for h in results.hits], results.facets


def test_a_filter_chosen_and_dropped_again_ranks_the_words_once(library, monkeypatch):
    calls = ranked_count(monkeypatch)
    plain = library.search(Query("Kasachstan"))
    by_country = library.search(Query("Kasachstan", Filters(countries=("US",))))
    assert calls[0] == 1  # the same words, the same query
    # A language filter reduces the words by that language's rules alone: another query
    library.search(Query("Kasachstan", Filters(langs=("de",))))
    assert calls[0] == 2
    again = library.search(Query("Kasachstan"))  # the filter dropped
    assert calls[0] == 2
    assert answer(again) == answer(plain)
    assert (plain.total, by_country.total) == (2, 1)
    assert [h.id for h in by_country.hits] == [h.id for h in plain.hits if "US" in h.countries]


def test_the_oldest_queries_are_dropped(library, monkeypatch):
    monkeypatch.setattr(S, "RANKED_KEPT", 2)
    calls = ranked_count(monkeypatch)
    first = library.search(Query("chips"))
    for text in ("grain", "wheat", "chips"):
        library.search(Query(text))
    assert calls[0] == 4  # "chips" was the oldest of three: ranked anew
    assert answer(library.search(Query("chips"))) == answer(first)
    assert calls[0] == 4


def test_a_query_past_the_size_bound_is_kept_alone(library, monkeypatch):
    monkeypatch.setattr(S, "RANKED_POSTINGS", 1)
    calls = ranked_count(monkeypatch)
    for text in ("chips", "grain", "chips"):  # each drops the one before
        library.search(Query(text))
    library.search(Query("chips"))  # the latest, kept whatever its size
    assert calls[0] == 3
