"""Whoosh's own scores for every match of a query, computed a block of postings at a time.

Whoosh ranks by stepping its matcher tree one posting at a time: for each document a chain
of Python calls (union, scorer, field length column) that made ranking the 15,000 Reuters
articles with "said" cost 85 ms (measured once; ``python -m benchmarks.run --only reuters``
times that search as it is now, row "one-shot search 'said'"). Here the same tree (Whoosh
builds it, for each segment, exactly as its own search does) is walked once: a term's
postings are read a block at a time and scored with BM25F in one comprehension, with each
document's field length read from its column once per searcher; unions and intersections
add their two sides' scores in Whoosh's order. Every score is bit-identical to Whoosh's (a
test holds them equal), so the page and its order are too. A node this module does not know
is stepped through with Whoosh's own matcher API, which is exact, only not faster.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import heapq
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    IntersectionMatcher,
    NullMatcherClass,
    UnionMatcher,
)
from whoosh.matching.wrappers import FilterMatcher, InverseMatcher, WrappingMatcher
from whoosh.query.spans import SpanNear2
from whoosh.scoring import BM25FScorer, WeightScorer

from ..docmask import Mask
from ..interrupt import check
from . import vectors
from .bulk import blocks, byte_lengths, length_bytes
from .inline import LEAVES
from .positions import Places, decode, holds
from .unplaced import UnplacedAndMaybe, UnplacedIntersection, unplaced

Scores = dict[int, float]


class Found(dict[int, float]):
    """A query's ``Scores``; ``arrays``: the same as sorted numpy arrays (document
    numbers, scores) when ``vectors`` computed them, for ``top`` and ``mask``."""

    arrays: tuple | None = None

_FAST = (BM25FScorer, WeightScorer, type(None))
"""The scorers ``_leaf`` computes itself (none: the weight, as Whoosh's ListMatcher gives;
only an exclusion's leaves, whose documents alone count, have none); a leaf with another
is stepped through."""
_LENGTH = byte_lengths()


KEEP = 300_000
"""Postings whose scores a searcher keeps for its next queries (``Lengths.kept``), some
30 MB at ~100 bytes a posting. While a word is typed, each key's query names again most of
the terms of the key before: ``pet*`` the terms of ``petr*``, ``sai*`` the prefix terms of
``said``. Kept, their postings are read once per word, not once per key."""


KEEP_ARRAYS = 2_000_000
"""Postings whose scores a searcher keeps as arrays (``vectors``), some 32 MB: the terms of
a common word's keys (``govern*`` at a million articles: 230,000 postings in ``stem``)."""


KEEP_WEIGHTS = 1_500_000
"""Postings whose weights a searcher keeps by document for ``pruned`` (its terms' reads,
``Lengths.kept_weights``): ~140 MB at most, at the ~93 bytes a posting measured
(tracemalloc, "minister", "government" and "economy" searched at a million synthetic
articles: 155 MB for 1.67 million postings kept). While a word is typed, the query of
each key names again most of the terms of the key before (``governmen*`` and
``government*`` list the same words of ``exact``; ``govern`` reads the stem that
``government`` finds): kept, a term is read once a word, not once a key, and a search
abandoned for the next key leaves the next one the terms it read. At a million
articles, the app in tmux showed a word's count a median of 130-148 ms after its last key,
against 284-323 ms before (``python -m benchmarks.tmux_app LIBRARY --runs 0 --words
Regierung,Kasachstan,government,Abkommen,economy,minister,gouvernement,Verhandlungen``,
two runs each, in turns). "minister" names 12 terms there, 1.1 million postings."""


class _Latest:
    """What the latest queries read, by key, the oldest dropped once they hold more than
    ``budget`` postings in all (one thing alone over it is not kept)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._sizes: dict[tuple, int] = {}
        self._size = 0

    def get(self, key: tuple) -> object:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple, found: object, size: int) -> None:
        if size > self.budget or key in self._items:
            return
        self._items[key] = found
        self._sizes[key] = size
        self._size += size
        while self._size > self.budget:
            dropped, _ = self._items.popitem(last=False)
            self._size -= self._sizes.pop(dropped)


class Lengths:
    """Per searcher: each segment's field lengths as BM25F's length term, per document.

    A term in few of a segment's documents looks its documents' lengths up one by one
    (``lookup``); a term in many gets the whole segment's list (``norms``), kept for the
    searcher's later queries, and so do the rare terms of its field after it. Building
    that list is a Python pass over every document (at Reuters' 21,577, ~0.5 ms per field
    and segment, 3 fields and 2 segments in a one-word search; measured once), which a
    rare word's one-shot search need not pay."""

    def __init__(self, keep: int = KEEP) -> None:
        self._norms: dict[tuple, list[float]] = {}
        self.twice: frozenset[tuple] = frozenset()
        """While ``scores`` runs: the terms its query names more than once (the words typed,
        again, in ``query.Compiler._exact_first``), whose scores are read once a segment."""
        self.leaves: dict[tuple, Scores] = {}
        self._lookups: dict[tuple, tuple[list[float], bytes | None]] = {}
        self._keep = keep
        self._kept: OrderedDict[tuple, Scores] = OrderedDict()
        """The scores of the terms of the latest queries (``kept``), the most recent last."""
        self._kept_size = 0
        self.shared: set[int] = set()
        """The ids of the score dicts ``_kept`` holds: read, never written into."""
        self.arrays: dict[tuple, object] = {}
        """``vectors``' field lengths, as arrays."""
        self._kept_arrays = _Latest(KEEP_ARRAYS)
        """``vectors``' terms of the latest queries: (document numbers, scores) arrays."""
        self._kept_weights = _Latest(KEEP_WEIGHTS)
        """``pruned``'s terms of the latest queries: each posting's weight, by document."""

    def kept(self, key: tuple) -> Scores | None:
        """A term's scores in a segment as an earlier query of this searcher read them
        (not to be written into), or None."""
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def keep(self, key: tuple, found: Scores) -> bool:
        """Keep a term's scores for the next queries, the oldest dropped past ``KEEP``
        postings in all. False if they alone are more than that."""
        if len(found) > self._keep:
            return False
        self._kept[key] = found
        self.shared.add(id(found))
        self._kept_size += len(found)
        while self._kept_size > self._keep:
            _, dropped = self._kept.popitem(last=False)
            self._kept_size -= len(dropped)
            self.shared.discard(id(dropped))
        return True

    def kept_arrays(self, key: tuple) -> tuple | None:
        """``kept`` for the arrays of ``vectors``."""
        found = self._kept_arrays.get(key)
        return found if isinstance(found, tuple) else None

    def keep_arrays(self, key: tuple, found: tuple) -> None:
        """``keep`` for the arrays of ``vectors`` (16 bytes a posting), the oldest dropped
        past ``KEEP_ARRAYS`` postings in all."""
        self._kept_arrays.put(key, found, len(found[0]))

    def kept_weights(self, key: tuple) -> dict[int, float] | None:
        """A term's weights by document in a segment as an earlier query of this searcher
        read them for ``pruned`` (not to be written into), or None."""
        found = self._kept_weights.get(key)
        return found if isinstance(found, dict) else None

    def keep_weights(self, key: tuple, found: dict[int, float]) -> None:
        """Keep a term's weights for the next queries, the oldest dropped past
        ``KEEP_WEIGHTS`` postings in all."""
        self._kept_weights.put(key, found, len(found))

    def lookup(self, reader, fieldname: str,
               scorer: BM25FScorer) -> tuple[list[float], bytes | None]:
        """(the length term of each length byte, each document's length byte), or the
        length bytes None when the field has no length column (every length 1)."""
        key = (id(reader), fieldname, scorer.B, scorer.K1, scorer.avgfl)
        found = self._lookups.get(key)
        if found is None:
            B, K1, avgfl = scorer.B, scorer.K1, scorer.avgfl
            # 0 never occurs in postings (a document holding a term has a length); 1.0
            # is what Whoosh's scorer reads for a field with no length column.
            table = [K1 * ((1 - B) + B * _LENGTH[b] / avgfl) if b else 0.0
                     for b in range(256)]
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            found = self._lookups[key] = (table, None if column is None
                                          else length_bytes(column))
        return found

    def norms(self, reader, fieldname: str, scorer: BM25FScorer) -> list[float]:
        """``K1 * ((1 - B) + B * fl / avgfl)`` for every document of the segment, written
        as Whoosh's ``bm25`` writes it (the same operations in the same order)."""
        key = (id(reader), fieldname, scorer.B, scorer.K1, scorer.avgfl)
        norms = self._norms.get(key)
        if norms is None:
            table, column = self.lookup(reader, fieldname, scorer)
            if column is None:
                B, K1, avgfl = scorer.B, scorer.K1, scorer.avgfl
                one = K1 * ((1 - B) + B * 1 / avgfl)
                norms = [one] * reader.doc_count_all()
            else:  # one length byte (Whoosh's length_to_byte) per document
                norms = [table[b] for b in column]
            self._norms[key] = norms
        return norms

    def built(self, reader, fieldname: str, scorer: BM25FScorer) -> bool:
        """Whether the field's whole list is built."""
        return (id(reader), fieldname, scorer.B, scorer.K1, scorer.avgfl) in self._norms


def scores(searcher, q, lengths: Lengths) -> Scores:
    """Every document matching ``q`` (top-level numbers) with the score Whoosh's search
    gives it."""
    context = searcher.context()  # what Searcher.search passes its collector
    found = Found()
    named = Counter(q.iter_all_terms())
    lengths.twice = frozenset((field, text.encode("utf-8") if isinstance(text, str) else text)
                              for (field, text), n in named.items() if n > 1)
    q = unplaced(q)
    terms: dict = {}
    parts: list = []  # each segment's: arrays (``vectors``) or a dict
    try:
        for sub, offset in searcher.leaf_searchers():
            m, reader = q.matcher(sub, context), sub.reader()
            if vectors.worth(m, reader):
                ids, values = vectors.scores(m, reader, lengths, terms)
                if offset:
                    ids = ids + offset
                found.update(zip(ids.tolist(), values.tolist(), strict=True))
                parts.append((ids, values))
                continue
            segment = _scores(m, reader, lengths)
            if offset:
                segment = {d + offset: v for d, v in segment.items()}
            found.update(segment)
            parts.append(segment)
        if any(type(part) is tuple for part in parts):  # numpy is loaded: all as arrays
            found.arrays = vectors.joined(parts)
    finally:
        for once in lengths.leaves.values():
            lengths.shared.discard(id(once))
        lengths.twice, lengths.leaves = frozenset(), {}
    return found


def top(found: Scores, n: int, among=None) -> list[tuple[int, float]]:
    """The ``n`` best as Whoosh's collector keeps them: higher score first, and of equal
    scores the lower document number (the one collected first). ``among``: only these
    documents (a filter)."""
    if n <= 0 or not found:
        return []
    arrays = getattr(found, "arrays", None)
    if arrays is not None:
        return vectors.top(arrays[0], arrays[1], n, among)
    items: Iterable[tuple[int, float]]
    values: Iterable[float]
    if among is None:
        items, values = found.items(), found.values()
    else:
        if isinstance(among, Mask):  # each match tested: a bitmask is not walked
            data = among.bytes()
            items = [(d, v) for d, v in found.items() if data[d >> 3] >> (d & 7) & 1]
        elif len(among) < len(found):
            items = [(d, found[d]) for d in among if d in found]
        else:
            items = [(d, v) for d, v in found.items() if d in among]
        values = [v for _, v in items]
    best = heapq.nlargest(n, values)
    if not best:
        return []
    floor = best[-1]
    ties = [(d, v) for d, v in items if v >= floor]
    ties.sort(key=lambda dv: (-dv[1], dv[0]))
    return ties[:n]


def mask(found: Scores, size: int) -> Mask:
    """The documents of ``found`` as a ``Mask``."""
    arrays = getattr(found, "arrays", None)
    if arrays is not None:
        return Mask(vectors.bits(arrays[0], size), size)
    return Mask.of(found.keys(), size)


def _scores(m, reader, lengths: Lengths) -> Scores:
    kind = type(m)
    if kind in LEAVES:
        return _term(m, reader, lengths)
    if kind is UnionMatcher:
        counted = _counts(m)
        if counted is not None:
            return _summed([_term(leaf, reader, lengths) for leaf in counted])
        a = _scores(m.a, reader, lengths)
        b = _scores(m.b, reader, lengths)
        shared = lengths.shared
        if len(a) < len(b):  # a's score comes first in each sum, as in UnionMatcher
            out = dict(b) if id(b) in shared or b is a else b
            for d, v in a.items():
                out[d] = v + out[d] if d in out else v
        else:
            out = dict(a) if id(a) in shared or a is b else a
            for d, v in b.items():
                out[d] = out[d] + v if d in out else v
        return out
    if kind is IntersectionMatcher or kind is UnplacedIntersection:
        if type(m.b) is InverseMatcher and type(m.a) is not InverseMatcher:  # word -other
            return _without(_scores(m.a, reader, lengths), m.b, reader, lengths, False)
        if type(m.a) is InverseMatcher and type(m.b) is not InverseMatcher:
            return _without(_scores(m.b, reader, lengths), m.a, reader, lengths, True)
        a = _scores(m.a, reader, lengths)
        return _both(a, _scores(m.b, reader, lengths) if a else {})
    if kind is AndNotMatcher:
        if not m.is_active():
            return {}
        # AndNotMatcher stands on the first document of ``a`` not in ``b``: every one
        # before it is in ``b``, where ``b`` may no longer list it.
        start = m.id()
        a = _scores(m.a, reader, lengths)
        excluded = _scores(m.b, reader, lengths) if a else {}
        return {d: v for d, v in a.items() if d >= start and d not in excluded}
    if kind is AndMaybeMatcher or kind is UnplacedAndMaybe:  # a's, plus b's where b holds them
        a = _scores(m.a, reader, lengths)
        b = _scores(m.b, reader, lengths) if a else {}
        return {d: v + b[d] if d in b else v for d, v in a.items()}
    if kind is FilterMatcher:
        return _filtered(_scores(m.child, reader, lengths), m)
    if kind is WrappingMatcher:
        child = _scores(m.child, reader, lengths)
        return {d: v * m.boost for d, v in child.items()} if m.boost != 1.0 else child
    if kind is SpanNear2.SpanNear2Matcher and m.ordered and m.mindist == 1:
        return _phrase(m, reader, lengths)
    if isinstance(m, NullMatcherClass):
        return {}
    return _stepped(m)


def _phrase(m, reader, lengths: Lengths) -> Scores:
    """A phrase: the documents holding its words in order, each within ``slop`` of the
    last (Whoosh's SpanNear2 with ordered spans and mindist 1), scored as the
    intersection of its words, which is what Whoosh scores it as. Positions are read
    only for the documents holding every word (stored as ``positions.Places``: another
    format is stepped through Whoosh's own matcher)."""
    leaves = []
    for w in m.ms:  # every check before any read: a fallback needs fresh matchers
        leaf, kept = (w.child, w) if type(w) is FilterMatcher else (w, None)
        fixed = getattr(leaf, "_fixedsize", 0)
        if (type(leaf) not in LEAVES or type(leaf.scorer) not in _FAST
                or type(leaf.format) is not Places or (fixed is not None and fixed >= 0)):
            return _stepped(m)
        leaves.append((leaf, kept))
    words = []
    for leaf, kept in leaves:
        values: dict[int, bytes] = {}
        found = _leaf(leaf, reader, lengths, values)
        words.append((found if kept is None else _filtered(found, kept), values))
    joint = _binary_intersection([found for found, _ in words])
    slop, boost, out = m.slop, m.boost, {}
    if slop == 1:  # exactly in order: start at the word in the fewest documents
        rarest = min(range(len(words)), key=lambda i: len(words[i][0]))
        others = [(i - rarest, words[i][1]) for i in range(len(words)) if i != rarest]
        first = words[rarest][1]
        for d, v in joint.items():  # the hot loop of a phrase with a common word
            starts: Iterable[int] = decode(first[d])  # where the rarest word stands (once, mostly)
            for shift, values in others:  # each other word ``shift`` places from it
                value = values[d]
                starts = [p for p in starts if holds(value, p + shift)]
                if not starts:
                    break
            else:
                out[d] = v * boost if boost != 1.0 else v
        return out
    first, rest = words[0][1], [values for _, values in words[1:]]
    for d, v in joint.items():
        ends: Iterable[int] = decode(first[d])
        for values in rest:
            ends = {b for b in decode(values[d]) if any(e < b <= e + slop for e in ends)}
            if not ends:
                break
        else:
            out[d] = v * boost if boost != 1.0 else v
    return out


def _binary_intersection(parts: list[Scores]) -> Scores:
    """The intersection of ``parts`` with scores summed as whoosh.util.make_binary_tree
    nests Whoosh's IntersectionMatchers."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _both(_binary_intersection(parts[:half]), _binary_intersection(parts[half:]))


def _both(a: Scores, b: Scores) -> Scores:
    """The documents in both, scored ``a + b`` (IntersectionMatcher's order)."""
    if len(a) <= len(b):
        return {d: v + b[d] for d, v in a.items() if d in b}
    return {d: a[d] + v for d, v in b.items() if d in a}


def _filtered(found: Scores, f: FilterMatcher) -> Scores:
    """What a FilterMatcher lets through of its child's scores (a segment's deleted
    documents are such a filter), times its boost."""
    ids, exclude, boost = f._ids, f._exclude, f.boost
    kept = ((d, v) for d, v in found.items() if (d in ids) != exclude)
    return {d: v * boost for d, v in kept} if boost != 1.0 else dict(kept)


def _without(found: Scores, inverse: InverseMatcher, reader, lengths: Lengths,
             inverse_first: bool) -> Scores:
    """The intersection of ``found`` with an InverseMatcher (every document its child does
    not match, scored with a constant), without listing every such document.

    Why positions matter here: a leaf is read from its first posting, other matchers from
    where they stand, and building the tree may have moved them. An intersection only
    moves its sides past documents that are not in both, so its result is the same; an
    exclusion moves past documents it excludes, so those must stay excluded."""
    if not inverse.is_active():
        return {}
    # The inverse stands on its first document: every one before it is missing or in its
    # child, which may no longer list it.
    start, limit, missing, weight = inverse.id(), inverse.limit, inverse.missing, inverse._weight
    excluded = _scores(inverse.child, reader, lengths)
    kept = ((d, v) for d, v in found.items()
            if start <= d < limit and d not in excluded and not missing(d))
    if inverse_first:
        return {d: weight + v for d, v in kept}
    return {d: v + weight for d, v in kept}


def _counts(m) -> list[W3LeafMatcher] | None:
    """The leaves of a tree of unions that score each document by its term counts alone
    (a prefix's terms: no scorer, the weight), or None for any other tree. Their weights
    are whole numbers (occurrences times a whole field boost), which add up to the same
    float in any order: the union need not be walked node by node, in Whoosh's order."""
    leaves: list[W3LeafMatcher] = []
    stack = [m]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is UnionMatcher:
            stack += (node.b, node.a)
        elif (kind in LEAVES and node.scorer is None
              and float(node.format.field_boost).is_integer()):
            leaves.append(node)
        else:
            return None
    return leaves


def _summed(parts: list[Scores]) -> Scores:
    """Each document's weights in ``parts`` added up (whole numbers: in any order)."""
    parts.sort(key=len, reverse=True)
    out = dict(parts[0])
    get = out.get
    for part in parts[1:]:
        for d, v in part.items():
            out[d] = get(d, 0.0) + v
    return out


def _term(m: W3LeafMatcher, reader, lengths: Lengths) -> Scores:
    """A term's scores in a segment: kept from an earlier query of the searcher, else read.
    What this returns may be kept: a caller that writes into it copies it first (in
    ``lengths.shared``; only a union writes into what it is given)."""
    check()  # a prefix of thousands of terms: stopped between two, if no longer wanted
    scorer = m.scorer
    kind = type(scorer)
    if kind not in _FAST:
        return _leaf(m, reader, lengths)
    key = vectors.term_key(m, reader)  # this Lengths is the searcher's
    found = lengths.kept(key)
    if found is None:
        found = lengths.leaves.get(key)
    if found is None:
        found = _leaf(m, reader, lengths)
        if not lengths.keep(key, found) and m._term in lengths.twice:
            lengths.leaves[key] = found
            lengths.shared.add(id(found))
    return found


def _stepped(m) -> Scores:
    """Any other matcher, one posting at a time through Whoosh's API (exact, not fast).
    From where it stands: building a tree may have moved a matcher past documents, but
    only past ones its parents leave out (an intersection starts at the first document
    both sides hold)."""
    out: Scores = {}
    while m.is_active():
        out[m.id()] = m.score()
        m.next()
    return out


FEW = 8
"""A term in fewer than one in ``FEW`` of a segment's documents looks their lengths up one
by one, unless its field's list is built already (see ``Lengths``)."""


def _norms(every: list, reader, fieldname: str, scorer: BM25FScorer,
           lengths: Lengths) -> Sequence[float] | dict[int, float]:
    """The length term of the documents in ``every`` block, indexed by document number:
    the field's whole list, or, for a term in few documents, theirs alone."""
    found = sum(len(ids) for ids, _, _ in every)
    if lengths.built(reader, fieldname, scorer) or found * FEW >= reader.doc_count_all():
        return lengths.norms(reader, fieldname, scorer)
    table, column = lengths.lookup(reader, fieldname, scorer)
    if column is None:
        return lengths.norms(reader, fieldname, scorer)
    return {d: table[column[d]] for ids, _, _ in every for d in ids}


def _leaf(m: W3LeafMatcher, reader, lengths: Lengths,
          values: dict[int, bytes] | None = None) -> Scores:
    """A term's postings in one segment, scored; ``values``: also filled with each
    posting's value (its encoded positions)."""
    scorer = m.scorer
    kind = type(scorer)
    norms: Sequence[float] | dict[int, float] = ()
    every = list(blocks(m))
    if kind is BM25FScorer:
        idf, k1p1 = scorer.idf, scorer.K1 + 1
        norms = _norms(every, reader, m._term[0], scorer, lengths)
    elif kind not in _FAST:
        return _stepped(m)
    out: Scores = {}
    for ids, weights, stored in every:
        if values is not None:
            values.update(zip(ids, stored, strict=True))
        if weights is None or isinstance(weights, float):
            # Whoosh's matcher hands out such weights from an array("f") too.
            tf = 1.0 if weights is None else array("f", (weights,))[0]
            if kind is not BM25FScorer:
                out.update(dict.fromkeys(ids, tf))
            else:
                num = tf * k1p1
                out.update({d: idf * (num / (tf + norms[d])) for d in ids})
        elif kind is not BM25FScorer:
            out.update(zip(ids, weights, strict=True))
        else:
            out.update({d: idf * ((tf * k1p1) / (tf + norms[d]))
                        for d, tf in zip(ids, weights, strict=True)})
    return out
