"""Facet counts from bitmasks are the counts from sets, for every query and filter."""

from __future__ import annotations

import pickle
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import Filters, Library, Query, Sort
from index import facets as F
from tests.conftest import SAMPLE_DATA, write_corpus

QUERIES = ["*", "Regierung", "government OR gouvernement", "Kasachstan", "chip*",
           "-sport", "lang:de", "water"]
FILTERS = [Filters(), Filters(langs=("de",)), Filters(langs=("en", "fr")),
           Filters(countries=("US",)), Filters(since=datetime(2025, 1, 1)),
           Filters(langs=("de",), countries=("KZ",))]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    return [SAMPLE_DATA, write_corpus(tmp_path_factory.mktemp("corpus"))]


def facets_of(folder, articles) -> dict:
    """Every query's facets, in a library whose cache (and so its bitmasks) is new."""
    with Library(folder) as library:
        if not library.exists():
            library.add(articles)
    for old in folder.glob("facets-*.bin"):
        old.unlink()
    with Library(folder) as fresh:
        return {(q, f): fresh.search(Query(q, f, limit=0)).facets for q in QUERIES for f in FILTERS}


def test_bitmasks_count_what_sets_count(tmp_path, articles, monkeypatch):
    folder = tmp_path / "library"
    monkeypatch.setattr(F, "MATCHED_FOR_MASK", 10**9)  # sets only
    monkeypatch.setattr(F, "MASK_MIN", 10**9)
    by_sets = facets_of(folder, articles)
    monkeypatch.setattr(F, "MASK_MIN", 1)  # every value a bitmask (and an array, not a set)
    few = facets_of(folder, articles)  # the matches made a bitmask by each field's count
    monkeypatch.setattr(F, "MATCHED_FOR_MASK", 1)  # ... and once for all the facets
    by_masks = facets_of(folder, articles)
    assert by_masks == few == by_sets
    assert any(counts for f in by_sets.values() for counts in f.values())
    # and the order of values, which the UI shows as is
    assert [list(f["countries"]) for f in by_masks.values()] == \
        [list(f["countries"]) for f in by_sets.values()]


def test_the_bitmasks_are_read_back_from_the_cache(tmp_path, articles, monkeypatch):
    monkeypatch.setattr(F, "MATCHED_FOR_MASK", 1)
    monkeypatch.setattr(F, "MASK_MIN", 1)
    folder = tmp_path / "library"
    written = facets_of(folder, articles)  # builds the cache, with its bitmasks
    with Library(folder) as again:  # a new process would read it
        read = {(q, f): again.search(Query(q, f, limit=0)).facets for q in QUERIES for f in FILTERS}
        docsets = again._searching._docsets
        assert docsets._masks["lang"]  # loaded, not rebuilt
    assert read == written


def test_a_first_search_counts_from_the_cache_as_from_sets(tmp_path, articles, monkeypatch):
    """A process's first count of a field walks the cache file's arrays, the next ones its
    sets (``DocSets``): each gives the counts the sets built from the postings give."""
    monkeypatch.setattr(F, "MATCHED_FOR_MASK", 10**9)  # every value counted as a set
    monkeypatch.setattr(F, "MASK_MIN", 10**9)
    folder = tmp_path / "library"
    written = facets_of(folder, articles)

    def built(*args):
        raise AssertionError("the facets built again (and saved), not read from the cache")

    monkeypatch.setattr(F.DocSets, "_save", built)
    for key, expected in written.items():
        with Library(folder) as one_shot:
            first = one_shot.search(Query(key[0], key[1], limit=0)).facets
            assert first == expected, key
            assert one_shot.search(Query(key[0], key[1], limit=0)).facets == expected, key


def test_everything_is_counted_from_the_cache_files_header(tmp_path, articles):
    """The app's first screen, ``*``: each value's count is in the cache file's header, and
    no field's documents are read out of the file for it; a word's counts read them all,
    after which the file is let go."""
    folder = tmp_path / "library"
    written = facets_of(folder, articles)
    with Library(folder) as one_shot:
        everything = one_shot.search(Query("*", limit=20))
        stored = one_shot._searching._docsets._stored
        assert stored is not None
        assert {"lang", "countries", "source"} <= stored.sizes.keys()  # still in the file
        assert everything.facets == written[("*", Filters())]
        word = one_shot.search(Query("Regierung", limit=0))
        assert word.facets == written[("Regierung", Filters())]
        assert not stored.sizes and stored._data.closed


def test_a_page_newest_first_is_the_same_whichever_way_its_dates_are_read(
        tmp_path, articles, monkeypatch):
    """A few candidates' dates are read as they are keyed, many from a list of every
    document's (``searching.NEWEST_LISTED``): the pages are the same."""
    from index import searching

    folder = tmp_path / "library"
    facets_of(folder, articles)
    queries = [Query(q, f, limit=limit, offset=offset, sort=Sort.NEWEST)
               for q in ("*", "Regierung", "water") for f in FILTERS[:4]
               for limit, offset in ((20, 0), (7, 5))]
    pages = []
    for listed in (0, 10**9):  # never a list of every date; always
        monkeypatch.setattr(searching, "NEWEST_LISTED", listed)
        with Library(folder) as library:
            pages.append([[hit.id for hit in library.search(query).hits] for query in queries])
    assert pages[0] == pages[1]
    assert any(len(page) == 20 for page in pages[0])


def test_a_cache_in_another_layout_is_rebuilt(tmp_path, articles):
    folder = tmp_path / "library"
    expected = facets_of(folder, articles)
    (cache,) = folder.glob("facets-*.bin")
    good = cache.read_bytes()
    for bad in (pickle.dumps({"lang": {"de": b"\x00\x00\x00\x00"}}),  # layout 1
                good.replace(b'"layout":"3"', b'"layout":"9"'), good[:-1], good + b"\0",
                good[:40]):
        cache.write_bytes(bad)
        with Library(folder) as again:
            assert again.search(Query("*", limit=0)).facets == expected[("*", Filters())]
        assert cache.read_bytes() == good  # written again


def test_the_cache_file_holds_exactly_the_sets_and_masks():
    fields = {"lang": {"de": frozenset({0, 5, 9}), "fr": frozenset({1})},
              "year": {"undated": frozenset(), "2025": frozenset(range(10))}}
    masks = {"lang": {"de": F.bitmask({0, 5, 9}, 10)}, "year": {}}
    data = F.cache_bytes(fields, masks, 10)
    assert F.read_cache(data, 10) == (fields, masks)
    assert F.read_cache(data, 11) is None  # another snapshot's size


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3000).flatmap(lambda size: st.tuples(
    st.just(size), st.frozensets(st.integers(0, size - 1)))))
def test_a_bitmask_holds_exactly_its_documents(case):
    size, docs = case
    mask = F.bitmask(docs, size)
    assert {d for d in range(size) if mask >> d & 1} == docs
    assert mask.bit_count() == len(docs)


SORTS = [Sort.RELEVANCE, Sort.NEWEST, Sort.OLDEST]


def results_of(folder, articles, filters) -> dict:
    """Every query's total, pages (two, in every order) and facets."""
    with Library(folder) as library:
        if not library.exists():
            library.add(articles)
    for old in folder.glob("facets-*.bin"):
        old.unlink()
    out = {}
    with Library(folder) as fresh:
        for q in QUERIES:
            for f in filters:
                for sort in SORTS:
                    pages = [fresh.search(Query(q, f, sort=sort, offset=offset, limit=4))
                             for offset in (0, 3)]
                    out[(q, f, sort)] = (pages[0].total, pages[0].facets,
                                         [[h.id for h in page.hits] for page in pages])
    return out


def test_bitmasks_find_and_order_what_sets_do(tmp_path, articles, monkeypatch):
    """Matches met with their filters as bitmasks (``index.docmask``), a date filter made
    of the month facet's bitmasks, and a page by date taken month by month: the same
    totals, pages and facets as with sets alone. Date bounds in the middle of a month,
    and on its first instant, test a month's documents one by one."""
    with Library(tmp_path / "dates") as library:
        library.add(articles)
        dates = sorted(h.date for h in library.search(
            Query("*", sort=Sort.OLDEST, limit=10_000, facets=False)).hits if h.date)
    middle = dates[len(dates) // 2]
    filters = [*FILTERS, Filters(since=middle), Filters(until=middle),
               Filters(since=middle.replace(day=1, hour=0, minute=0, second=0, tzinfo=None),
                       countries=("US",)),
               Filters(since=dates[0], until=dates[-1])]
    folder = tmp_path / "library"
    monkeypatch.setattr(F, "MATCHED_FOR_MASK", 10**9)  # sets only
    monkeypatch.setattr(F, "MASK_MIN", 10**9)
    by_sets = results_of(folder, articles, filters)
    monkeypatch.setattr(F, "MATCHED_FOR_MASK", 1)  # bitmasks whenever there can be one
    monkeypatch.setattr(F, "MASK_MIN", 1)
    by_masks = results_of(folder, articles, filters)
    assert by_masks == by_sets
    assert {total for total, _, _ in by_sets.values()} - {0}  # the queries find articles
    assert any(p[1] for _, _, p in by_sets.values())  # and second pages
