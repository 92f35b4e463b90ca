"""The best few matches of an OR of words, and all of its matches, without scoring them all.

A search that lists a page by relevance with no filter (a ``broadsheet search``, the app
as a word is typed) needs the page's documents and their scores, and the matches (their
count, and the facets counted over them); ``ranking.scores`` gives every match its score
to have them. For a common word that is most of the search: "said" on Reuters, 15,359
matches scored in two fields.

Here the query's tree, when it is ORs of terms (the compiled form of one word, or of words
joined by OR), is taken apart into its terms ("MaxScore", Turtle and Flood 1995). Each
term's highest possible score is known before its postings are read, from its entry in the
terms file: its highest weight and its shortest field length (BM25F rises with the weight
and falls with the length). Terms are taken from the highest bound down; each document of a
term is scored whole (every term it holds, added as ``ranking`` adds them, so the score is
bit-identical), until the bounds of the terms left add up to less than the page's last
score: a document holding only those terms cannot reach the page. For "said" on Reuters the
title's term (bound 8.7, 179 documents) is scored, the body's (bound 2.9, 15,359
documents) is not: the page's last score is 10.4. The matches are the union of every
term's documents, taken in C (``set.update``); every posting is still read. Ranking "said":
13.5 -> 8.3 ms; "government" on 200,000 synthetic articles: 69 -> 33 ms (medians of 21,
an ad-hoc in-process A/B). What a term's postings read to is kept for the searcher's next
queries (``ranking.KEEP_WEIGHTS``): the next key of a word typed reads only its new terms.

Any other tree (an AND, a phrase, a prefix, a segment with deleted documents, a scorer
other than BM25F) answers None, and so does a query whose terms of highest bound hold most
of its postings (a word in no title): scoring those is most of the work, which ``ranking``
does faster (in arrays, for a common word at a large library). The caller ranks in full.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import heapq
from array import array

from whoosh.matching import NullMatcherClass, UnionMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query import Or, Prefix
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import length_to_byte

from ..interrupt import check
from .bulk import blocks
from .inline import LEAVES

MARGIN = 1e-9
"""Relative slack on a bound: the page's last score is compared with a sum of bounds
computed in floating point, each within a few units in the last place of the real one."""


class _Term:
    """One term of the tree in one segment: its scoring constants, its highest possible
    score (from its entry in the terms file, before its postings are read) and, once
    ``read``, its documents' weights."""

    def __init__(self, m, reader, boost: float, table: list[float], column: bytes,
                 lengths) -> None:
        scorer = m.scorer
        self.m, self.idf, self.k1p1, self.boost = m, scorer.idf, scorer.K1 + 1, boost
        self.table, self.column, self.lengths = table, column, lengths
        self.key = ("weights", id(reader), m._term)
        info = reader.term_info(*m._term)
        self.docs = info.doc_frequency()
        weight, shortest = info.max_weight(), info.min_length()
        norm = table[length_to_byte(shortest)] if shortest else 0.0
        self.bound = self.idf * ((weight * self.k1p1) / (weight + norm)) * boost
        self.weights: dict[int, float] = {}

    def read(self) -> None:
        """Every posting's weight, by document (what ``ranking._leaf`` scores): read, or as
        an earlier query of the searcher read them (``Lengths.kept_weights``; not to be
        written into)."""
        kept = self.lengths.kept_weights(self.key)
        if kept is not None:
            self.weights = kept
            return
        for ids, weights, _ in blocks(self.m):
            if weights is None or isinstance(weights, float):
                # as ``ranking._leaf``: Whoosh hands such weights out of an array("f")
                self.weights.update(dict.fromkeys(
                    ids, 1.0 if weights is None else array("f", (weights,))[0]))
            else:
                self.weights.update(zip(ids, weights, strict=True))
        self.lengths.keep_weights(self.key, self.weights)

    def scores(self, docs: set[int]) -> dict[int, float]:
        """The scores of those of ``docs`` this term holds, as ``ranking._leaf`` computes
        them, times the boost as ``ranking._scores`` applies it."""
        idf, k1p1, table, column, weights = (self.idf, self.k1p1, self.table, self.column,
                                             self.weights)
        found = {d: idf * ((weights[d] * k1p1) / (weights[d] + table[column[d]]))
                 for d in docs & weights.keys()}
        if self.boost != 1.0:
            boost = self.boost
            return {d: v * boost for d, v in found.items()}
        return found


def _tree(m, reader, lengths, terms: list[_Term], boost: float = 1.0):
    """``m`` as nested (a, b) pairs of ``_Term``s (``()`` for no documents), each term
    also listed in ``terms``; None when ``m`` holds anything but unions of BM25F terms."""
    kind = type(m)
    if kind in LEAVES:
        if type(m.scorer) is not BM25FScorer:
            return None
        table, column = lengths.lookup(reader, m._term[0], m.scorer)
        if column is None:  # no length column: ``ranking`` takes these
            return None
        term = _Term(m, reader, boost, table, column, lengths)
        terms.append(term)
        return term
    if kind is UnionMatcher:
        a = _tree(m.a, reader, lengths, terms, boost)
        b = _tree(m.b, reader, lengths, terms, boost) if a is not None else None
        return None if b is None else (a, b)
    if kind is WrappingMatcher and type(m.child) in LEAVES:  # a boosted term
        # (a boosted OR would multiply its sums: not each term, which rounds otherwise)
        return _tree(m.child, reader, lengths, terms, m.boost)
    if isinstance(m, NullMatcherClass):
        return ()
    return None


def _scores(node, docs: set[int]) -> dict[int, float]:
    """The scores in ``node`` of those of ``docs`` it matches: a union's two sides added
    as ``ranking._scores`` adds them (a side without the document adds nothing; a + b is
    b + a in floating point too)."""
    if type(node) is _Term:
        return node.scores(docs)
    if not node:
        return {}
    a, b = _scores(node[0], docs), _scores(node[1], docs)
    if len(a) < len(b):
        a, b = b, a
    for d, v in b.items():
        a[d] = a[d] + v if d in a else v
    return a


def _preloaded(q, searcher) -> bool:
    """Whether a prefix of ``q`` lists so many terms in some segment that Whoosh ORs them
    in an ``ArrayUnionMatcher`` (``Or.TOO_MANY_CLAUSES``), which ``_tree`` does not take:
    known from the terms listed (kept per reader), before the matcher tree is built. Built
    only to be given up, the tree was built again by ``ranking``. The typed ``Ver`` (7,100
    terms of ``exact``) at a million synthetic articles took 1.70-1.71 s, against
    1.81-2.02 s (an ad-hoc script, two rounds in turns): the first keys of a word, which
    the next key abandons, hold the engine less.
    Prefixes only: their terms are listed once per reader (``matching.expand_prefix``);
    a fuzzy term's or a wildcard's would be listed again by its matcher."""
    multi = [leaf for leaf in q.leaves() if isinstance(leaf, Prefix)]
    if not multi:
        return False
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        for leaf in multi:
            if leaf.field() in reader.schema and sum(
                    1 for _ in leaf._btexts(reader)) >= Or.TOO_MANY_CLAUSES:
                return True
    return False


def best(searcher, q, lengths, n: int) -> tuple[set[int], dict[int, float]] | None:
    """(every document ``q`` matches, the scores of a set of them that holds its ``n``
    best), or None when ``q`` is not an OR of words (see above), or when the terms of
    highest bound hold most of its postings: scoring them is most of the work, which
    ``ranking`` does faster (in arrays, for a common word at a large library).
    ``ranking.top`` picks the ``n`` best from these scores exactly as from all of
    ``ranking.scores``."""
    from .unplaced import unplaced

    context = searcher.context()
    q = unplaced(q)
    if _preloaded(q, searcher):
        return None
    segments = []
    for sub, offset in searcher.leaf_searchers():
        terms: list[_Term] = []
        tree = _tree(q.matcher(sub, context), sub.reader(), lengths, terms)
        if tree is None:
            return None
        terms.sort(key=lambda t: t.bound, reverse=True)
        segments.append((offset, tree, terms))
    first = sum(terms[0].docs for _, _, terms in segments if terms)
    if first * 2 > sum(t.docs for _, _, terms in segments for t in terms):
        return None
    matched: set[int] = set()
    scored: dict[int, float] = {}
    floor = float("-inf")  # the n-th best score so far
    for offset, tree, terms in segments:
        every: set[int] = set()
        for term in terms:
            check()  # a search no longer wanted stops between two terms, as ``ranking``
            term.read()
            every.update(term.weights)
        matched.update({d + offset for d in every} if offset else every)
        rest = [0.0] * (len(terms) + 1)
        for i in range(len(terms) - 1, -1, -1):
            rest[i] = rest[i + 1] + terms[i].bound
        taken: set[int] = set()
        for i, term in enumerate(terms):
            if len(scored) >= n and rest[i] * (1 + MARGIN) < floor:
                break  # a document in none of the terms taken scores less than the page
            new = term.weights.keys() - taken
            taken |= new
            found = _scores(tree, new)
            scored.update({d + offset: v for d, v in found.items()} if offset else found)
            if len(scored) >= n:
                floor = heapq.nlargest(n, scored.values())[-1]
    return matched, scored
