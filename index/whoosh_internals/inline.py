"""A term's postings inlined in its entry of the terms file, read as Whoosh's own matcher.

Whoosh 2.7's W3 format lets a term's postings live in its ``W3TermInfo`` (its "inlined"
flag, then the pickled ``(ids, weights, values)``) rather than in the postings file, and
reads them with a ``ListMatcher``. Whoosh's own writer never does it (its ``inlinelimit``
of 1 inlines lists shorter than one posting); broadsheet's (``writer``) inlines the
postings of every term found in at most ``writer.INLINE`` documents: an article's id, and
most rare words. A term found in one document took ~60 bytes of the postings and terms
files that way, and takes ~17 inlined.

A ``ListMatcher`` scores and steps as Whoosh's matchers do, but the engine's fast paths
(``bulk``, ``ranking``, ``vectors``) read a ``W3LeafMatcher``'s blocks. ``install`` makes
Whoosh read inlined postings as ``InlineLeaf``: a ``W3LeafMatcher`` of one block held in
memory, so that a prefix with a rare word among its terms, or a query naming an id, takes
the same paths as any other term. ``tests/index/test_writer.py`` reads every term of a
segment with it and compares it, posting by posting, with Whoosh's own writer's segment.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

from array import array
from itertools import pairwise

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher

WHOOSH_OWN = W3Codec.postings_reader
"""Whoosh's method, kept for the tests."""


class InlineLeaf(W3LeafMatcher):
    """A ``W3LeafMatcher`` over postings inlined in a term's entry: one block, in memory,
    stored as ``W3LeafMatcher._read_data`` gives a block read from the postings file."""

    def __init__(self, terminfo, format_, term=None, scorer=None) -> None:
        self.format = format_
        self._term = term
        self._byteids = None
        self.scorer = scorer
        self._fixedsize = fixed = format_.fixed_value_size()
        ids, weights, values = terminfo.inlined_postings()
        self._block = block_data(ids, array("f", weights or [1.0] * len(ids)), values or (),
                                 fixed)
        self._count = len(ids)
        self._last = ids[-1] if ids else None
        self._info = terminfo
        self.reset()

    def _read_header(self) -> None:  # there is no header in the postings file to read
        pass

    def reset(self) -> None:
        info = self._info
        self._blocklength = self._count
        self._maxid = self._last
        self._maxweight = info.max_weight()
        self._compression = 0
        self._minlength = info.min_length()
        self._maxlength = info.max_length()
        self._lastblock = True
        self._atend = False
        self._data = self._block
        self._ids = self._weights = self._values = None
        self._i = 0

    def _goto(self, position) -> None:  # one block only: never another to go to
        raise ValueError("inlined postings have one block")

    def _read_data(self) -> None:
        self._data = self._block


def block_data(ids, weights: array, values, fixed: int | None) -> tuple:
    """A block's data as Whoosh's ``W3PostingsWriter`` stores it, and as
    ``W3LeafMatcher._read_data`` gives it: the document numbers as gaps (the first a
    number); the weights (32-bit floats) None when all are 1.0, one float when all are the
    same, else each; the values each for a variable-size format (its empty ones left out,
    as Whoosh leaves them), None for a format without values, else joined."""
    gaps = [ids[0]] if ids else []
    gaps += [b - a for a, b in pairwise(ids)]
    if all(w == 1.0 for w in weights):
        mini_weights = None
    elif all(w == weights[0] for w in weights):
        mini_weights = weights[0]
    else:
        mini_weights = tuple(weights)
    kept = [v for v in values if v]
    mini_values: tuple | bytes | None
    if fixed is None or fixed < 0:
        mini_values = tuple(kept)
    elif fixed == 0:
        mini_values = None
    else:
        mini_values = b"".join(kept)
    return tuple(gaps), mini_weights, mini_values


def _postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
    """``W3Codec.postings_reader``: inlined postings as an ``InlineLeaf``."""
    if terminfo.is_inlined():
        return InlineLeaf(terminfo, format_, term=term, scorer=scorer)
    return WHOOSH_OWN(self, dbfile, terminfo, format_, term=term, scorer=scorer)


LEAVES = (W3LeafMatcher, InlineLeaf)
"""The matchers whose postings ``bulk.blocks`` reads a block at a time."""


def install() -> None:
    """Whoosh reads inlined postings as ``InlineLeaf`` from now on, in this process."""
    W3Codec.postings_reader = _postings_reader
