"""Ranking a block of postings at a time gives exactly Whoosh's scores and pages."""

from __future__ import annotations

import pytest

from index import Filters, Library, Query
from index.docmask import Mask
from index.whoosh_internals import ranking
from tests.conftest import SAMPLE_DATA

QUERIES = ["Regierung", "grösste", "Kasachstan OR France", "Regierung Berlin", "traders",
           "wheat grain", "barley OR wheat", "grain -barley", '"grain prices"', "chip*",
           "gr*n", "whaet~", "title:report", "lang:en traders", "country:KZ",
           "(wheat OR barley) session", "nichtsdergleichen", "said", '"traders said grain"',
           '"grain prices"~3', '"prices grain"', 'title:"market report"', '"grain grain"',
           '"grösste Steuerreform"', "traders -wh*", "grain NOT whaet~", 'traders -"grain prices"',
           "NOT grain", "-barley -wheat", "b* -barley",
           # excluding documents the matcher tree already stepped past while it was built
           "traders -m*", "said NOT (day OR mo*)"]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Several segments (the wire in blocks of 128 postings), and a replaced article."""
    root = tmp_path_factory.mktemp("ranking")
    wire = root / "wire"
    wire.mkdir()
    for n in range(300):
        crop = "wheat" if n % 3 else "barley"
        (wire / f"{n:03}.txt").write_text(
            f"Market report {n}\n\nTraders said grain prices moved on day {n}; {crop} "
            f"led the session.{' Grain, grain and more grain.' * (n % 4)}\n", "utf-8")
    with Library(root / "lib") as library:
        library.add([SAMPLE_DATA])
        library.add([wire])
        first = wire / "000.txt"
        first.write_text(first.read_text("utf-8") + "Traders said so again.\n", "utf-8")
        library.add([wire])  # the old version is deleted, the new one in a third segment
        yield library


def _whoosh(library, text, paths=False):
    """Every match with Whoosh's own score, and ours, on the same snapshot."""
    searching = library._searcher_context()
    with searching._lock:
        s = searching._current()
        q = searching._compiler().compile(text)
        whoosh = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
        ours = ranking.scores(s, q, ranking.Lengths())
        assert len(s.subsearchers) >= 3
        if paths:
            return whoosh, ours, [s.stored_fields(d)["path"] for d in ours]
    return whoosh, ours


@pytest.mark.parametrize("text", QUERIES)
def test_every_score_is_whooshs_to_the_bit(big, text):
    whoosh, ours = _whoosh(big, text)
    assert ours == whoosh


def test_a_replaced_article_is_ranked_once(big):
    _, _, paths = _whoosh(big, "traders", paths=True)
    wire = [p for p in paths if p.endswith(".txt") and "/wire/" in p]
    assert len(wire) == 300 and sum(p.endswith("000.txt") for p in wire) == 1


@pytest.mark.parametrize("text", QUERIES)
def test_pages_are_in_whooshs_order(big, text):
    whoosh, _ = _whoosh(big, text)
    ordered = sorted(whoosh.items(), key=lambda kv: (-kv[1], kv[0]))
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        top = [(hit.docnum, hit.score) for hit in
               s.search(searching._compiler().compile(text), limit=None)][:7]
    assert top == ordered[:7]  # Whoosh's unlimited search: score, then document order
    assert ranking.top(whoosh, 7) == ordered[:7]
    among = {d for d, _ in ordered[::2]}
    assert ranking.top(whoosh, 5, among=among) == [kv for kv in ordered if kv[0] in among][:5]


def test_equal_scores_keep_document_order():
    found = {5: 1.0, 2: 1.0, 9: 2.0, 1: 0.5, 7: 1.0}
    assert ranking.top(found, 3) == [(9, 2.0), (2, 1.0), (5, 1.0)]
    assert ranking.top(found, 0) == [] and ranking.top({}, 3) == []


def test_search_pages_through_the_ranking(big):
    whoosh, _ = _whoosh(big, "grain")
    ordered = sorted(whoosh.items(), key=lambda kv: (-kv[1], kv[0]))
    first = big.search(Query("grain", limit=4))
    second = big.search(Query("grain", limit=4, offset=4))
    assert first.total == second.total == len(whoosh)
    assert [round(h.score, 9) for h in first.hits + second.hits] == \
        [round(v, 9) for _, v in ordered[:8]]
    english = big.search(Query("grain", Filters(langs=("en",)), limit=3))
    assert english.total <= len(whoosh) and all(h.lang == "en" for h in english.hits)


@pytest.mark.parametrize("text", ["traders", "wheat grain", "barley OR wheat", "grain -barley",
                                  "Regierung Berlin", "lang:en traders", '"grain prices"',
                                  '"traders said grain"~2'])
def test_words_are_read_by_blocks_not_stepped(big, monkeypatch, text):
    """What typed words compile to never falls back to Whoosh's posting-at-a-time path."""
    def stepped(m):
        raise AssertionError(f"stepped through {m!r}")

    monkeypatch.setattr(ranking, "_stepped", stepped)
    whoosh, ours = _whoosh(big, text)
    assert ours == whoosh


def test_an_excluded_prefix_excludes_every_article_it_matches(big):
    """Whoosh's own search gets this one wrong: its preloaded union of the mo- words,
    skipped to inside an exclusion, lets through an article with "moving", "more" and
    "Moscow". The ranking does not."""
    import re

    def words(hit):
        article = big.get(hit.id)
        return set(re.findall(r"\w+", f"{article.title} {article.text}".lower()))

    every = big.search(Query("grain", limit=1000))
    without = big.search(Query("grain -mo*", limit=1000))
    expected = {h.id for h in every.hits if not any(w.startswith("mo") for w in words(h))}
    assert {h.id for h in without.hits} == expected and without.total == len(expected)
    _, ours = _whoosh(big, "grain -mo*")
    assert len(ours) == len(expected)


@pytest.mark.parametrize("query", ['"grain prices"', '"traders said grain"', '"grain grain"',
                                   '"grain prices"~3', 'title:"market report"'])
def test_phrases_read_the_stored_positions_themselves(big, query, monkeypatch):
    """Not one posting at a time through Whoosh's span matchers (exact, but slow)."""
    def stepped(m):
        raise AssertionError(f"{query} went through {type(m).__name__}")

    monkeypatch.setattr(ranking, "_stepped", stepped)
    assert big.search(Query(query, limit=3)).total > 0


def test_a_term_named_twice_is_read_once_a_segment(big, monkeypatch):
    """Words typed together are named again (the typed forms first): their postings are
    read once a segment all the same, and the scores stay Whoosh's."""
    read = []
    leaf = ranking._leaf
    monkeypatch.setattr(ranking, "_leaf", lambda m, reader, lengths, values=None: (
        read.append((id(reader), m._term)), leaf(m, reader, lengths, values))[1])
    whoosh, ours = _whoosh(big, "wheat grain")
    assert ours == whoosh
    assert read and len(read) == len(set(read))


def test_stored_fields_open_with_whooshs_own_offsets(big):
    """``varbytes`` opens a segment's stored fields with the offsets and lengths Whoosh's
    own reader computes, so every article reads the same."""
    from whoosh.codec.whoosh3 import STORED_COLUMN
    from whoosh.columns import VarBytesColumn

    from index.whoosh_internals import varbytes

    searching = big._searcher_context()
    assert VarBytesColumn.Reader._read_offsets_and_lengths is not varbytes.WHOOSH_OWN
    with searching._lock:
        s = searching._current()
        for leaf, _offset in s.reader().leaf_readers():
            perdoc = leaf._perdoc
            ours = perdoc.column_reader("_stored", STORED_COLUMN)
            theirs = perdoc.column_reader("_stored", STORED_COLUMN)
            varbytes.WHOOSH_OWN(theirs._child)
            assert isinstance(ours._child, VarBytesColumn.Reader)
            assert ours._child._offsets == theirs._child._offsets
            assert ours._child._lengths == theirs._child._lengths
            assert len(ours._child._offsets) == leaf.doc_count_all() > 0
            assert [ours[d] for d in range(leaf.doc_count_all())] == \
                [theirs[d] for d in range(leaf.doc_count_all())]


def test_a_rare_word_scores_without_every_documents_length(big):
    """A word in few documents looks up their lengths alone, to the same scores; a common
    word builds the field's list, which the searcher keeps."""
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        lengths = ranking.Lengths()
        for text, built in (("Regierung", False), ("traders", True), ("Regierung", True)):
            q = searching._compiler().compile(text)
            assert ranking.scores(s, q, lengths) == \
                {hit.docnum: hit.score for hit in s.search(q, limit=None)}
            assert bool(lengths._norms) is built, text


TYPED = ["tra", "trad", "trade", "trader", "traders", "traders s", "traders sa", "traders sai",
         "traders said", "traders said", "grain", "grain grain", "gr", "grain -barley",
         "grain -barley", '"grain prices"', "grain"]
"""A word typed key by key (the last word a prefix too), a query again, a word named
twice, an exclusion and a phrase between queries that share terms."""


def test_a_searcher_typed_into_scores_every_key_as_whoosh(big):
    """The scores a searcher keeps from one key's query for the next (``Lengths.kept``)
    are the ones Whoosh computes for that next query, however queries share terms: a
    union never adds into the scores it was handed from an earlier query."""
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        for keep in (ranking.KEEP, 500):  # 500: older terms dropped while typing
            lengths = ranking.Lengths(keep)
            for text in TYPED:
                q = searching._compiler().compile(text, prefix_last=True)
                assert ranking.scores(s, q, lengths) == \
                    {hit.docnum: hit.score for hit in s.search(q, limit=None)}, text
                assert lengths._kept_size <= keep


def test_the_next_key_reads_no_postings_the_key_before_read(big, monkeypatch):
    """While a word is typed, each key's query names most terms of the one before
    (``tra*`` holds every term of ``trad*``): their postings are read once."""
    read: list[tuple] = []
    leaf = ranking._leaf
    monkeypatch.setattr(ranking, "_leaf", lambda m, reader, *args: (
        read.append((id(reader), m._term, type(m.scorer))), leaf(m, reader, *args))[1])
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        lengths = ranking.Lengths()
        for text in ("tra", "trad", "trade", "trader", "traders"):
            ranking.scores(s, searching._compiler().compile(text, prefix_last=True), lengths)
    assert read and len(read) == len(set(read))


def test_the_next_key_reads_no_postings_the_key_before_read_as_arrays(big, monkeypatch):
    """The same as arrays (``vectors``, a common word at a million articles), with the
    scores Whoosh gives each key."""
    from index.whoosh_internals import vectors

    monkeypatch.setattr(vectors, "WORTH", 1)
    read: list[tuple] = []
    real = vectors._read
    monkeypatch.setattr(vectors, "_read", lambda m, *args: (
        read.append((id(args[0]), m._term, type(m.scorer))), real(m, *args))[1])
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        lengths = ranking.Lengths()
        for text in ("tra", "trad", "trade", "trader", "traders"):
            q = searching._compiler().compile(text, prefix_last=True)
            whoosh = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
            found = ranking.scores(s, q, lengths)
            assert found == whoosh and found.arrays is not None
    assert read and len(read) == len(set(read))


def test_a_prefix_typed_key_by_key_lists_whooshs_terms(big, monkeypatch):
    """Each reader keeps the terms of the prefixes typed (``matching.expand_prefix``) and
    finds a longer prefix's among a shorter one's: the same terms, in Whoosh's order; the
    term file is read for a prefix no kept one begins."""
    from index.whoosh_internals import matching

    monkeypatch.setattr(matching, "EXPANSIONS", 3)  # and older prefixes are dropped
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        for reader, _ in s.reader().leaf_readers():
            matching._expanded.pop(reader, None)  # what earlier tests' queries left kept
            own = type(reader).expand_prefix
            scanned: list[str] = []
            monkeypatch.setattr(reader, "expand_prefix", lambda field, text, own=own,
                                reader=reader, scanned=scanned:
                                scanned.append(text) or own(reader, field, text))
            for prefix in ("g", "gr", "gra", "grai", "grain", "m", "ma", "mar", "g", "grain",
                           "zzz", "traders"):
                assert matching.expand_prefix(reader, "exact", prefix) == \
                    tuple(own(reader, "exact", prefix)), prefix
                assert matching.prefix_size(reader, "exact", prefix) == sum(
                    reader.doc_frequency("exact", t) for t in own(reader, "exact", prefix))
            # "g" again: dropped by then (3 kept), read anew; "grain" found among its terms
            assert scanned == ["g", "m", "g", "zzz", "traders"]


def test_words_typed_key_by_key_find_what_a_fresh_library_finds(big, tmp_path):
    """The hits and counts of each key, with what the searcher kept from the keys before,
    are those of a search on a library opened for it alone."""
    keys = ["w", "wh", "whe", "whea", "wheat", "wheat s", "wheat se", "wheat ses",
            "gr", "gra", "grain", "grain -b", "grain -ba", "grain -bar"]
    found = [(r.total, [(h.id, h.score) for h in r.hits])
             for r in (big.search(Query(text=k, prefix_last=True, limit=8)) for k in keys)]
    with Library(big.folder) as fresh:
        for key, seen in zip(keys, found, strict=True):
            r = fresh.search(Query(text=key, prefix_last=True, limit=8))
            assert (r.total, [(h.id, h.score) for h in r.hits]) == seen, key
            fresh._searcher_context().close()  # the next key on a new searcher


# --------------------------------------------------------------------------- as arrays
# ``vectors`` takes a query's segments from ``WORTH`` postings on (a common word at a
# million articles); here every query it can compute, in every segment.


@pytest.mark.parametrize("text", QUERIES)
def test_arrays_give_every_score_whoosh_gives_to_the_bit(big, text, monkeypatch):
    from index.whoosh_internals import vectors

    monkeypatch.setattr(vectors, "WORTH", 1)
    whoosh, ours = _whoosh(big, text)
    assert ours == whoosh
    if ours.arrays is not None:  # the pages from the arrays are the pages from the dict
        ids, values = ours.arrays
        assert dict(zip(ids.tolist(), values.tolist(), strict=True)) == ours
        ordered = sorted(whoosh.items(), key=lambda kv: (-kv[1], kv[0]))
        assert ranking.top(ours, 7) == ordered[:7]
        among = {d for d, _ in ordered[::2]}
        expected = [kv for kv in ordered if kv[0] in among][:5]
        assert ranking.top(ours, 5, among=among) == expected
        size = max(whoosh, default=0) + 1
        assert ranking.mask(ours, size) == set(whoosh)
        assert ranking.top(ours, 5, among=Mask.of(among, size)) == expected


def test_arrays_take_every_query_typed_words_make(big, monkeypatch):
    """Words, prefixes, ORs, ANDs and phrases, in segments with deleted documents: all
    computed as arrays once they list enough postings."""
    from index.whoosh_internals import vectors

    monkeypatch.setattr(vectors, "WORTH", 1)
    for text in ["traders", "wheat grain", "barley OR wheat", "chip*", "Regierung Berlin",
                 '"grain prices"', '"traders said grain"', '"grain grain"']:
        _, ours = _whoosh(big, text)
        assert ours.arrays is not None, text
    monkeypatch.setattr(vectors, "WORTH", 10**9)
    assert _whoosh(big, "traders")[1].arrays is None


def test_a_phrase_past_the_65536th_word_is_found_as_arrays(tmp_path, monkeypatch):
    """Positions past 65,535 are stored wide (``positions``): read as such."""
    from index.whoosh_internals import vectors

    monkeypatch.setattr(vectors, "WORTH", 1)
    filler = " ".join(f"w{n % 997}" for n in range(70_000))
    root = tmp_path / "long"
    root.mkdir()
    (root / "long.txt").write_text(f"Long\n\n{filler} grain prices at the end\n", "utf-8")
    (root / "short.txt").write_text("Short\n\ngrain prices, then prices grain\n", "utf-8")
    (root / "none.txt").write_text("None\n\nprices of grain\n", "utf-8")
    with Library(tmp_path / "lib") as library:
        library.add([root])
        for text in ['"grain prices"', '"prices grain"', '"at the end"']:
            whoosh, ours = _whoosh_any(library, text)
            assert ours == whoosh and ours.arrays is not None, text
        assert len(_whoosh_any(library, '"grain prices"')[1]) == 2


def _whoosh_any(library, text):
    searching = library._searcher_context()
    with searching._lock:
        s = searching._current()
        q = searching._compiler().compile(text)
        return ({hit.docnum: hit.score for hit in s.search(q, limit=None)},
                ranking.scores(s, q, ranking.Lengths()))


@pytest.mark.parametrize("worth", [10**9, 1])  # in dicts, and as arrays
def test_an_and_is_built_without_stepping_to_its_first_common_article(big, monkeypatch, worth):
    """Whoosh steps an AND's sides one posting at a time to the first article both hold
    while it builds the matcher (all of them when none does); ``unplaced`` builds it as
    it stands, and the scores stay Whoosh's."""
    from whoosh.matching import AndMaybeMatcher, IntersectionMatcher

    from index.whoosh_internals import vectors

    monkeypatch.setattr(vectors, "WORTH", worth)
    texts = ["traders Regierung", "wheat grain", "Regierung Berlin", "lang:en traders",
             "(wheat OR barley) session", "grain chip*", "traders nichtsdergleichen"]
    expected = {text: _whoosh(big, text)[0] for text in texts}

    def stepped(self, *args):
        raise AssertionError(f"stepped through {type(self).__name__}")

    monkeypatch.setattr(IntersectionMatcher, "_find_next", stepped)
    monkeypatch.setattr(AndMaybeMatcher, "_first_b", stepped)
    for text in texts:
        searching = big._searcher_context()
        with searching._lock:
            s = searching._current()
            found = ranking.scores(s, searching._compiler().compile(text), ranking.Lengths())
        assert found == expected[text], text
    assert not expected["traders Regierung"] and expected["wheat grain"]


def test_a_query_with_an_exclusion_is_built_as_whoosh_builds_it():
    """An exclusion is computed from where Whoosh's search leaves its matchers."""
    from whoosh import query as Q

    from index.whoosh_internals.unplaced import unplaced

    plain = Q.And([Q.Term("exact", "a"), Q.Or([Q.Term("exact", "b"), Q.Prefix("exact", "c")])])
    assert type(unplaced(plain)) is not Q.And and str(unplaced(plain)) == str(plain)
    for held in (Q.Not(Q.Term("exact", "d")), Q.AndNot(Q.Term("exact", "a"), Q.Term("exact", "d"))):
        q = Q.And([Q.Term("exact", "a"), held])
        assert unplaced(q) is q


@pytest.mark.parametrize("worth", [10**9, 1])  # in dicts, and as arrays
def test_a_scored_prefix_is_whooshs_to_the_bit(big, worth, monkeypatch):
    """A prefix the compiler never makes (scored by its terms, not constant): Whoosh
    sums its terms' scores in its own order (``ArrayUnionMatcher``), and so do the arrays
    (the dicts step through Whoosh's own matcher)."""
    from whoosh import query as Q

    from index.whoosh_internals import vectors

    monkeypatch.setattr(vectors, "WORTH", worth)
    searching = big._searcher_context()
    with searching._lock:
        s = searching._current()
        for q in (Q.Prefix("exact", "gr", constantscore=False),
                  Q.Prefix("exact", "t", constantscore=False, boost=2.5),
                  Q.And([Q.Term("exact", "traders"), Q.Prefix("exact", "w", constantscore=False)])):
            whoosh = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
            assert whoosh and ranking.scores(s, q, ranking.Lengths()) == whoosh, q


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    """Two segments with no deletions: "grain" in every body, and in one title in 25."""
    root = tmp_path_factory.mktemp("pruned")
    for batch in ("a", "b"):
        folder = root / batch
        folder.mkdir()
        for n in range(150):
            title = "Grain market report" if n % 25 == 0 else "Market report"
            (folder / f"{n:03}.txt").write_text(
                f"{title} {batch}{n}\n\nTraders said grain prices moved on day {n}; "
                f"{'wheat' if n % 3 else 'barley'} led the session."
                f"{' Grain and more grain.' * (n % 5)}\n", "utf-8")
    with Library(root / "lib") as library:
        library.add([root / "a"])
        library.add([root / "b"])
        yield library


@pytest.mark.parametrize("text", QUERIES + ["grain", "report", "grain OR wheat", "market^2"])
@pytest.mark.parametrize("library", ["big", "wire"])
def test_a_page_ranked_without_scoring_every_match_is_the_full_rankings(request, monkeypatch,
                                                                      library, text):
    """A page ranked without filters may skip scoring matches that cannot reach it
    (``pruned``): the same count, facets and documents, with the same scores in the same
    order, as the full ranking's."""
    from index.searching import Searching

    library = request.getfixturevalue(library)
    asked = [Query(text, limit=limit, offset=offset, facets=facets)
             for limit, offset in ((1, 0), (5, 0), (5, 3), (20, 0), (500, 0))
             for facets in (True, False)]
    pages = [library.search(query) for query in asked]
    library._searcher_context()._ranked_kept.clear()
    monkeypatch.setattr(Searching, "_best", lambda self, s, q, n: None)
    for query, page in zip(asked, pages, strict=True):
        full = library.search(query)
        assert (page.total, page.facets) == (full.total, full.facets)
        assert [(h.id, h.score) for h in page.hits] == [(h.id, h.score) for h in full.hits]


def test_a_common_word_in_few_titles_is_ranked_without_scoring_every_match(wire):
    from index.whoosh_internals import pruned

    searching = wire._searcher_context()
    with searching._lock:
        s = searching._current()
        q = searching._compiler().compile("grain")
        whoosh = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
        matched, scored = pruned.best(s, q, ranking.Lengths(), 5)
        # the titled twelve (and what else the page's last score could not rule out)
        assert matched == set(whoosh) and len(whoosh) == 300 and len(scored) < 100
        assert all(whoosh[d] == v for d, v in scored.items())
        assert ranking.top(scored, 5) == ranking.top(whoosh, 5)
        for sub, _ in s.leaf_searchers():  # no posting scores above its term's bound
            terms: list = []
            pruned._tree(q.matcher(sub, s.context()), sub.reader(), ranking.Lengths(), terms)
            for term in terms:
                term.read()
                assert max(term.scores(set(term.weights)).values()) <= term.bound


def test_a_word_whose_best_terms_hold_most_matches_is_ranked_in_full(wire):
    """Scoring the terms of highest bound would be most of the work: ``ranking`` does it.
    "the" is in every body and no title, and not in the stems (a stop word): one term."""
    from index.whoosh_internals import pruned

    searching = wire._searcher_context()
    with searching._lock:
        s = searching._current()
        assert pruned.best(s, searching._compiler().compile("the"), ranking.Lengths(),
                           5) is None
        assert pruned.best(s, searching._compiler().compile("grain -wheat"),
                           ranking.Lengths(), 5) is None  # not an OR of words


def test_a_filter_chosen_after_a_page_ranked_in_part_ranks_once_and_is_kept(wire, monkeypatch):
    """The typed word's page was ranked without a full ranking (nothing kept); choosing a
    filter ranks it in full once, and dropping the filter again answers from what was kept,
    as a fresh search would."""
    from tests.index.test_ranked_kept import ranked_count

    calls = ranked_count(monkeypatch)
    plain = wire.search(Query("grain"))
    assert calls[0] == 0
    # a country filter leaves the words as they are (a language filter would not)
    narrowed = wire.search(Query("grain", Filters(countries=("US",))))
    assert calls[0] == 1 and narrowed.total == 0 and plain.total == 300
    again = wire.search(Query("grain"))
    assert calls[0] == 1  # the same words: answered from the kept ranking
    assert (again.total, [(h.id, h.score) for h in again.hits], again.facets) == \
        (plain.total, [(h.id, h.score) for h in plain.hits], plain.facets)
