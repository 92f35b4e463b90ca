"""A searcher keeps the weights of the terms ``pruned`` read for its latest queries: typing
a word, each key's query names again most of the terms of the key before, and each term's
postings are read once a word, not once a key. The answers are those of a fresh searcher."""

from __future__ import annotations

from dataclasses import replace

from index import Library, Query
from index.whoosh_internals import pruned, ranking


def counted_reads(monkeypatch) -> list:
    """The terms whose postings ``pruned`` reads, one entry a read."""
    reads: list = []
    real = pruned.blocks

    def counting(m):
        reads.append(m._term)
        return real(m)

    monkeypatch.setattr(pruned, "blocks", counting)
    return reads


def typed(text: str) -> Query:
    return Query(text, prefix_last=True, limit=8)


def answer(results) -> tuple:
    return results.total, [(h.id, h.score) for h in results.hits]


def test_a_word_typed_key_by_key_reads_each_term_once(library, tmp_path, monkeypatch):
    reads = counted_reads(monkeypatch)
    answers = [library.search(typed("Kasachstan"[:end])) for end in range(4, 11)]
    assert reads, "pruned answered none of the keys: the test no longer tests it"
    assert len(reads) == len(set(reads))  # no term read twice
    # the answers are a fresh searcher's, for every key
    fresh = Library(library.folder)
    try:
        for end, kept in zip(range(4, 11), answers, strict=True):
            assert answer(fresh.search(typed("Kasachstan"[:end]))) == answer(kept)
            fresh.close()  # the next key on a new searcher: nothing kept
    finally:
        fresh.close()


def test_the_oldest_terms_are_dropped_past_the_budget(library, monkeypatch):
    reads = counted_reads(monkeypatch)
    first = library.search(typed("Kasachstan"))
    read_once = len(reads)
    assert read_once
    library.search(typed("Kasachstan"))
    assert len(reads) == read_once  # kept
    monkeypatch.setattr(ranking, "KEEP_WEIGHTS", 0)
    library.close()  # a new searcher, a new ``Lengths``, nothing kept
    again = library.search(typed("Kasachstan"))
    per_search = len(reads) - read_once
    library.search(typed("Kasachstan"))
    assert per_search >= read_once
    assert len(reads) == read_once + 2 * per_search  # nothing kept: read by each search
    assert answer(again) == answer(first)


def test_a_kept_term_is_not_written_into(library):
    """``pruned`` hands a kept term's weights to the next query as they are: no query may
    change them (a later answer would be wrong)."""
    before = library.search(typed("Kasachstan"))
    library.search(replace(typed("Kasachstan Regierung"), limit=3))
    library.search(typed("Kasach"))
    assert answer(library.search(typed("Kasachstan"))) == answer(before)


def test_a_prefix_of_too_many_terms_is_left_to_ranking_before_its_tree_is_built(
        library, monkeypatch):
    """A prefix listing ``Or.TOO_MANY_CLAUSES`` terms or more is ORed by Whoosh in a
    matcher ``pruned`` does not take: ``pruned`` says so from the terms listed, without
    building the matcher tree only to give it up (``ranking`` builds it, once). The answer
    is the same."""
    from whoosh.query import MultiTerm, Or

    def searched(text: str) -> tuple[int, tuple]:
        built = [0]
        real = MultiTerm.matcher

        def counting(self, *args, **kwargs):
            built[0] += 1
            return real(self, *args, **kwargs)

        monkeypatch.setattr(MultiTerm, "matcher", counting)
        try:
            found = answer(library.search(Query(text, limit=8)))
        finally:
            monkeypatch.setattr(MultiTerm, "matcher", real)
        return built[0], found

    few_built, few = searched("k*")
    library.close()
    monkeypatch.setattr(Or, "TOO_MANY_CLAUSES", 2)  # "k*" lists more terms than that
    many_built, many = searched("k*")
    assert many == few
    assert few_built > 0
    assert many_built < few_built  # built once, by ranking alone
