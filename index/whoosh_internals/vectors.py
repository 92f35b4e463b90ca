"""``ranking`` for a query whose terms list many documents: the same scores, computed on
numpy arrays.

``ranking`` scores a block of postings in one comprehension and joins the terms' scores
in dicts, a few hundred nanoseconds a posting in Python. A common word at a million
articles lists ~400,000 postings in its fields ("government" in ``exact``, ``title`` and
``stem``), which took ~350 ms there, of which reading the postings ~120 ms. Here each
term's postings become two arrays (document numbers, scores), and unions, intersections
and boosts are array operations, in the order and with the floating-point operations
``ranking`` (and so Whoosh) uses: every score is the same to the last bit (a test holds
them equal). "government" then takes ~200 ms, the phrase ``"der Regierung"`` ~370 ms
instead of ~590, most of it reading the postings (an ad-hoc script, each term read anew;
``python -m benchmarks.run --only synthetic --synthetic 1000000`` times both in its
in-process rows).

numpy is imported by the first such query alone (~50 ms): a search of a smaller library,
or for a rarer word, never loads it (``ranking.scores`` decides by ``worth``).
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

from array import array
from itertools import chain

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import (
    AndMaybeMatcher,
    ArrayUnionMatcher,
    IntersectionMatcher,
    NullMatcherClass,
    UnionMatcher,
)
from whoosh.matching.wrappers import FilterMatcher, WrappingMatcher
from whoosh.query.spans import SpanNear2
from whoosh.scoring import BM25FScorer, WeightScorer

from ..docmask import Mask
from ..interrupt import check
from .inline import LEAVES
from .positions import Places
from .unplaced import UnplacedAndMaybe, UnplacedIntersection

WORTH = 150_000
"""Postings a segment's query lists, at least, for arrays to beat dicts: below, importing
numpy and making the arrays cost more than they save (and a one-shot search on a small
library never pays the import)."""

_NODES = (UnionMatcher, IntersectionMatcher, AndMaybeMatcher, WrappingMatcher, FilterMatcher,
          UnplacedIntersection, UnplacedAndMaybe)
_PAIRS = (UnionMatcher, IntersectionMatcher, AndMaybeMatcher, UnplacedIntersection,
          UnplacedAndMaybe)
_SCORERS = (BM25FScorer, WeightScorer, type(None))
_PHRASE = SpanNear2.SpanNear2Matcher
NEAR = 1 << 32
"""A phrase's words meet where (document, position) does: one int64, ``document * NEAR +
position`` (less the word's place in the phrase, plus ``NEAR // 2``)."""


def worth(m, reader) -> bool:
    """Whether the matcher tree ``m`` is made only of what ``scores`` computes, and lists
    at least ``WORTH`` postings."""
    total = 0
    stack = [m]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in LEAVES:
            if type(node.scorer) not in _SCORERS:
                return False
            try:
                total += reader.doc_frequency(*node._term) if node._term else 0
            except Exception:  # a term Whoosh cannot look up as its bytes: left to ranking
                return False
        elif kind in _NODES:
            if kind in _PAIRS:
                stack += (node.a, node.b)
            else:
                stack.append(node.child)
        elif kind is ArrayUnionMatcher:  # a prefix's terms: read from their first posting
            for sub in node._submatchers:
                leaf = sub.child if type(sub) is FilterMatcher else sub
                if type(leaf) not in LEAVES:
                    return False
            stack += node._submatchers
        elif kind is _PHRASE:
            if not (node.ordered and node.mindist == 1 and node.slop == 1):
                return False
            for word in node.ms:  # a word, or a word without the deleted documents
                leaf = word.child if type(word) is FilterMatcher else word
                if type(leaf) not in LEAVES or type(leaf.format) is not Places:
                    return False
            stack += node.ms
        elif not isinstance(node, NullMatcherClass):
            return False
    return total >= WORTH


def scores(m, reader, lengths, terms: dict):
    """(document numbers, scores) of ``m`` in one segment, as sorted int64 and float64
    arrays. ``terms``: each term's arrays in this query, read once however often it is
    named (a query names the words typed twice)."""
    import numpy as np

    def walk(node):
        kind = type(node)
        if kind in LEAVES:
            return _leaf(node, reader, lengths, terms, np)
        if kind is UnionMatcher:
            a_ids, a = walk(node.a)
            b_ids, b = walk(node.b)
            return _union(a_ids, a, b_ids, b, np)
        if kind is IntersectionMatcher or kind is UnplacedIntersection:
            a_ids, a = walk(node.a)
            if not len(a_ids):
                return a_ids, a
            b_ids, b = walk(node.b)
            ia, ib = _meet(a_ids, b_ids, np)
            return a_ids[ia], a[ia] + b[ib]
        if kind is AndMaybeMatcher or kind is UnplacedAndMaybe:  # a's, plus b's where b has
            a_ids, a = walk(node.a)
            if not len(a_ids):
                return a_ids, a
            b_ids, b = walk(node.b)
            ia, ib = _meet(a_ids, b_ids, np)
            out = a.copy()
            out[ia] = a[ia] + b[ib]
            return a_ids, out
        if kind is WrappingMatcher:
            ids, found = walk(node.child)
            return ids, found * node.boost if node.boost != 1.0 else found
        if kind is ArrayUnionMatcher:
            return _summed(node, [walk(sub) for sub in node._submatchers], np)
        if kind is FilterMatcher:
            return _filtered(node, *walk(node.child), np)
        if kind is _PHRASE:
            return _phrase(node, reader, lengths, terms, np)
        return np.empty(0, np.int64), np.empty(0, np.float64)  # a NullMatcher

    return walk(m)


def _filtered(f: FilterMatcher, ids, found, np):
    """What a FilterMatcher lets through of its child's scores, times its boost."""
    listed = np.fromiter(f._ids, np.int64, len(f._ids))
    keep = np.isin(ids, listed, invert=f._exclude)
    kept = found[keep] * f.boost if f.boost != 1.0 else found[keep]
    return ids[keep], kept


def _phrase(m, reader, lengths, terms: dict, np):
    """A phrase of words right after each other (``ranking._phrase`` with slop 1): the
    documents holding its words at positions ``p``, ``p + 1``, ...; scored as the
    intersection of its words, as Whoosh scores it."""
    words, placed = [], []
    for word in m.ms:
        leaf = word.child if type(word) is FilterMatcher else word
        ids, found = _leaf(leaf, reader, lengths, terms, np, places=True)
        if type(word) is FilterMatcher:  # the segment's deleted documents left out
            ids, found = _filtered(word, ids, found, np)
        words.append((ids, found))
        placed.append(_places(leaf, reader, terms, np))
    ids, found = _intersection(words, np)
    keys = []  # each word's (document, where the phrase would begin), ascending
    for shift, (posted, counts, places) in enumerate(placed):
        inside = _held(posted, ids, np)  # only the documents holding every word
        owner = np.repeat(posted[inside], counts[inside])
        keys.append(owner * NEAR + (places[np.repeat(inside, counts)] - shift + NEAR // 2))
    keys.sort(key=len)  # from the word with the fewest places in them
    if keys:
        met = keys[0]
        for other in keys[1:]:
            met = met[_held(met, other, np)]
        docs = met // NEAR
        kept = _held(ids, docs[_firsts(docs, np)], np)
        ids, found = ids[kept], found[kept]
    return ids, found * m.boost if m.boost != 1.0 else found


def _union(a_ids, a, b_ids, b, np):
    """The documents of either side, scored ``a + b`` where both hold one (UnionMatcher's
    order), else the one side's score."""
    return _added([(a_ids, a), (b_ids, b)], np)


def _summed(m: ArrayUnionMatcher, parts: list, np):
    """ArrayUnionMatcher's scores: each document's ``score * boost`` added up from 0, its
    submatchers' in their order; 1.0 when it is not scored (a prefix's constant score)."""
    if not parts:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    if not m._scored:
        ids, _ = _added([(ids, np.zeros(len(ids))) for ids, _ in parts], np)
        return ids, np.ones(len(ids), np.float64)
    return _added([(ids, found * m._boost) for ids, found in parts], np)


def _added(parts: list, np):
    """Every document of the (ids, scores) ``parts``, its scores added up from 0 in the
    parts' order (a sum's order decides its last bit)."""
    both = np.concatenate([ids for ids, _ in parts])
    order = np.argsort(both, kind="stable")  # sorted runs merged; of equal ids, in order
    ordered = both[order]
    firsts = _firsts(ordered, np)
    values = np.concatenate([found for _, found in parts])[order]
    return ordered[firsts], np.bincount(np.cumsum(firsts) - 1, values, int(firsts.sum()))


def _firsts(ordered, np):
    """Where a sorted array's values change: the first of each."""
    firsts = np.empty(len(ordered), bool)
    firsts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=firsts[1:])
    return firsts


def _intersection(parts: list, np):
    """``ranking._binary_intersection`` of (ids, scores) pairs: nested in halves, each
    document's scores added as Whoosh's IntersectionMatchers add them."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    a_ids, a = _intersection(parts[:half], np)
    b_ids, b = _intersection(parts[half:], np)
    ia, ib = _meet(a_ids, b_ids, np)
    return a_ids[ia], a[ia] + b[ib]


def _meet(a_ids, b_ids, np):
    """Where the documents two sorted arrays both hold stand in each: (in a, in b)."""
    if len(a_ids) <= len(b_ids):
        at = np.searchsorted(b_ids, a_ids)
        hit = _found(b_ids, a_ids, at, np)
        return np.flatnonzero(hit), at[hit]
    at = np.searchsorted(a_ids, b_ids)
    hit = _found(a_ids, b_ids, at, np)
    return at[hit], np.flatnonzero(hit)


def _held(values, sorted_ids, np):
    """Which of ``values`` the sorted array ``sorted_ids`` holds."""
    return _found(sorted_ids, values, np.searchsorted(sorted_ids, values), np)


def _found(ordered, values, at, np):
    if not len(ordered):
        return np.zeros(len(values), bool)
    return ordered[np.minimum(at, len(ordered) - 1)] == values


def _leaf(m: W3LeafMatcher, reader, lengths, terms: dict, np, places: bool = False):
    """A term's (document numbers, scores) in a segment: read once a query (``terms``),
    and kept for the searcher's next queries (``Lengths.keep_arrays``): while a word is
    typed, each key's query names again the terms of the key before. ``places``: its
    positions are needed too (a phrase's word), which only a read gives."""
    check()
    key = term_key(m, reader)
    found = terms.get(key)
    if found is None and not places:
        found = lengths.kept_arrays(key)
    if found is not None and (not places or ("values", *key) in terms):
        return found
    found = terms[key] = _read(m, key, reader, lengths, terms, np)
    lengths.keep_arrays(key, found)
    return found


def _read(m: W3LeafMatcher, key: tuple, reader, lengths, terms: dict, np):
    """A term's postings in a segment, scored (``_leaf``; ``key``: its ``term_key``)."""
    scorer = m.scorer
    kind = type(scorer)
    gaps, weights, sizes, values = [], [], [], []
    m.reset()
    while m.is_active():
        if m._data is None:
            m._read_data()
        block_ids, block_weights, block_values = m._data
        gaps.append(block_ids)
        sizes.append(len(block_ids))
        weights.append(block_weights)
        values.append(block_values)
        m._next_block()
    if type(m.format) is Places:  # for a phrase: each posting's positions, as stored
        terms[("values", *key)] = values
    count = sum(sizes)
    if not count:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    # A block's first number is a document number, the others gaps to the one before
    steps = np.fromiter(chain.from_iterable(gaps), np.int64, count)
    ends = np.cumsum(sizes)
    total = np.cumsum(steps)
    before = np.zeros(len(sizes), np.int64)
    before[1:] = total[ends[:-1] - 1]
    ids = total - np.repeat(before, sizes)
    if all(type(w) is tuple for w in weights):
        tf = np.fromiter(chain.from_iterable(weights), np.float64, count)
    else:  # all 1.0 (None), one float for the block, or each posting's
        tf = np.empty(count, np.float64)
        at = 0
        for size, w in zip(sizes, weights, strict=True):
            if w is None:
                tf[at:at + size] = 1.0
            elif isinstance(w, float):  # Whoosh's matcher hands it out of an array("f")
                tf[at:at + size] = array("f", (w,))[0]
            else:
                tf[at:at + size] = w
            at += size
    if kind is BM25FScorer:
        norms = _norms(reader, m._term[0], scorer, lengths, np)
        # idf * ((tf * (K1 + 1)) / (tf + norm)), operation by operation, as ``ranking``
        return ids, scorer.idf * ((tf * (scorer.K1 + 1)) / (tf + norms[ids]))
    return ids, tf


def _places(leaf: W3LeafMatcher, reader, terms: dict, np):
    """A word ``_leaf`` has read: its documents, how many positions each holds it at, and
    all those positions in a row, read as ``positions.encode`` stores them (two bytes
    each, or a zero byte and four bytes each past 65,535)."""
    key = term_key(leaf, reader)
    found = terms.get(("places", *key))
    if found is None:
        ids, _ = terms[key]
        each = list(chain.from_iterable(terms[("values", *key)]))
        sizes = np.fromiter(map(len, each), np.int64, len(each))
        if not (sizes & 1).any():
            counts, places = sizes // 2, np.frombuffer(b"".join(each), "<u2")
        else:  # a long text's, wide: each read as it is stored
            parts = [np.frombuffer(v[1:], "<u4") if len(v) & 1 else np.frombuffer(v, "<u2")
                     for v in each]
            counts = np.fromiter(map(len, parts), np.int64, len(parts))
            places = np.concatenate(parts)
        found = terms[("places", *key)] = (ids, counts, places.astype(np.int64))
    return found


def term_key(m: W3LeafMatcher, reader) -> tuple:
    """A term's postings in a segment, and what its scores depend on: the searcher's
    statistics (its scorer's) and the scorer (a prefix's terms score their weight: none).
    Kept scores are found by it, here and in ``ranking``."""
    scorer = m.scorer
    return (id(reader), m._term, type(scorer), getattr(scorer, "idf", None),
            getattr(scorer, "avgfl", None))


def _norms(reader, fieldname: str, scorer: BM25FScorer, lengths, np):
    """BM25F's length term of every document of the segment, as ``Lengths.norms`` gives
    it, as an array (kept with the searcher's other lengths)."""
    key = ("array", id(reader), fieldname, scorer.B, scorer.K1, scorer.avgfl)
    norms = lengths.arrays.get(key)
    if norms is None:
        table, column = lengths.lookup(reader, fieldname, scorer)
        if column is None:
            norms = np.array(lengths.norms(reader, fieldname, scorer), np.float64)
        else:
            norms = np.array(table, np.float64)[np.frombuffer(column, np.uint8)]
        lengths.arrays[key] = norms
    return norms


def joined(parts: list) -> tuple:
    """Segments' (document numbers, scores), in order; a segment ranked in dicts made
    arrays (numpy is loaded: a segment before was ``scores``')."""
    import numpy as np

    ids, values = [], []
    for part in parts:
        if isinstance(part, dict):
            docs = sorted(part)
            ids.append(np.array(docs, np.int64))
            values.append(np.array([part[d] for d in docs], np.float64))
        else:
            ids.append(part[0])
            values.append(part[1])
    return np.concatenate(ids), np.concatenate(values)


def bits(ids, size: int) -> int:
    """Document numbers (below ``size``) as a bitmask (``docmask.bitmask``)."""
    import numpy as np

    flags = np.zeros(size, bool)
    flags[ids] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def top(ids, values, n: int, among=None) -> list[tuple[int, float]]:
    """``ranking.top`` of scores as arrays: the ``n`` best, higher score first, and of
    equal scores the lower document number; ``among``: only these documents."""
    import numpy as np

    if among is not None:
        if isinstance(among, Mask):
            flags = np.unpackbits(np.frombuffer(among.bytes(), np.uint8), bitorder="little")
            keep = flags[ids].astype(bool)
        else:
            listed = np.fromiter(among, np.int64, len(among))
            listed.sort()
            keep = _held(ids, listed, np)
        ids, values = ids[keep], values[keep]
    if not len(values):
        return []
    if n < len(values):  # every one at least as good as the n-th best: ties come along
        kept = values >= np.partition(values, len(values) - n)[len(values) - n]
        ids, values = ids[kept], values[kept]
    order = np.lexsort((ids, -values))[:n]
    return list(zip(ids[order].tolist(), values[order].tolist(), strict=True))
