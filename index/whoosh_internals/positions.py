"""How a word's positions in an article are stored in its posting (``exact`` and ``title``).

The positions themselves, ascending, as little-endian integers: two bytes each when all
fit (even length), else a zero byte and four bytes each (odd length). Whoosh's own
``Positions`` format pickles the gaps between them, which a phrase must unpickle and add up
for every article holding its words. Here a phrase reads its rarest word's few positions
and asks of each other word's bytes only whether they hold one position, with
``bytes.find``: on 200,000 articles, checking the 24,399 that hold both words of
``"der Regierung"`` took 37 ms instead of 127 ms (both kinds of bytes built from the same
postings; an ad-hoc script, which no benchmark keeps). That phrase is the synthetic corpus's
phrase query: ``python -m benchmarks.run --only synthetic``, row 'phrase p50 / p95', times it
as it is now.

``Places`` is the Whoosh format for them, so Whoosh's own matchers (spans, near queries)
and merges read them as they read any format.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import sys
from array import array
from functools import lru_cache

from whoosh.formats import Positions

_WIDE = "I" if array("I").itemsize == 4 else "L"
_SWAP = sys.byteorder == "big"


def encode(poses: list[int]) -> bytes:
    """A word's positions (ascending) as stored. Most words stand once in an article:
    those encodings are kept, so a block's pickle refers back to one bytes object instead
    of repeating it."""
    if len(poses) == 1:
        return _one(poses[0])
    return _encode(poses)


@lru_cache(maxsize=4096)
def _one(pos: int) -> bytes:
    return _encode((pos,))


def _encode(poses) -> bytes:
    try:
        numbers, lead = array("H", poses), b""
    except OverflowError:  # a position past 65,535: a very long text
        numbers, lead = array(_WIDE, poses), b"\x00"
    if _SWAP:
        numbers.byteswap()
    return lead + numbers.tobytes()


def decode(value: bytes) -> array:
    """The positions ``encode`` stored."""
    if len(value) & 1:
        numbers = array(_WIDE, value[1:])
    else:
        numbers = array("H", value)
    if _SWAP:
        numbers.byteswap()
    return numbers


def count(value: bytes) -> int:
    return (len(value) - 1) // 4 if len(value) & 1 else len(value) // 2


def holds(value: bytes, pos: int) -> bool:
    """Whether the stored positions ``value`` include ``pos``, without decoding them."""
    if len(value) & 1:
        start, size, top = 1, 4, 0xFFFFFFFF
    else:
        start, size, top = 0, 2, 0xFFFF
    if not 0 <= pos <= top:
        return False
    want = pos.to_bytes(size, "little")
    found = value.find(want, start)
    while found >= 0 and (found - start) % size:  # straddles two positions: look on
        found = value.find(want, found + 1)
    return found >= 0


class Places(Positions):
    """Whoosh's ``Positions`` format (frequency, weight, positions), stored as ``encode``
    stores them."""

    def encode(self, poslist):
        return encode(list(poslist))

    def decode_positions(self, valuestring):
        return decode(valuestring).tolist()

    def decode_frequency(self, valuestring):
        return count(valuestring)
