"""Whoosh's on-disk structures read in bulk: a term's postings a block at a time, a column
in one piece.

Whoosh's own readers hand these out one posting or one value at a time, through a chain
of Python calls each; ranking (``ranking``), listing and date order (``searching``) read
them here instead. Both functions know Whoosh 2.7's W3 codec, which the version pin holds.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from itertools import accumulate

# Not typing's: importing typing costs ~2 ms of a one-shot search's start
# (``python -X importtime``); ``Any`` is only ever an annotation here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def blocks(m) -> Iterator[tuple[list[int], Any, Any]]:
    """A W3LeafMatcher's postings from its first, a block at a time: (document numbers,
    weights as stored, values as stored). Weights are None when all are 1.0, one float
    when all are that float, else an ``array("f")``; values are a sequence of bytes per
    posting for a variable-size format (positions)."""
    m.reset()
    while m.is_active():
        if m._data is None:
            m._read_data()
        ids, weights, values = m._data
        yield list(accumulate(ids)), weights, values  # ids are stored as deltas
        m._next_block()


def column_values(column) -> list:
    """Every document's value in a column. A fixed-width numeric column (dates, field
    lengths) is read in one piece: at 200,000 articles, reading the date column a value at
    a time took 0.3-1.0 s (measured once), most of the app's first screen there, which
    ``python -m benchmarks.run --only synthetic`` times in the row 'app first screen in tmux
    80x24, from exec'."""
    numbers = _fixed_width(column)
    return list(column) if numbers is None else numbers.tolist()


def column_array(column, typecode: str) -> array:
    """``column_values`` as an ``array`` of ``typecode``: no Python int is made for each
    document (``tolist`` of a million dates was 30 ms of the app's first screen there,
    cProfile, measured once)."""
    numbers = _fixed_width(column)
    if numbers is None or numbers.typecode != typecode:
        return array(typecode, column)
    return numbers


def _fixed_width(column) -> array | None:
    """A fixed-width numeric column's values read in one piece, or None for another kind."""
    from whoosh.columns import NumericColumn

    if type(column) is not NumericColumn.Reader or column._reverse:
        return None
    numbers = array(column._typecode)
    if numbers.itemsize != column._fixedlen:
        return None
    stored = min(column._count, column._doccount)
    if stored:
        numbers.frombytes(column._dbfile.get(column._basepos, stored * column._fixedlen))
        if sys.byteorder == "little":  # Whoosh packs them big-endian ("!")
            numbers.byteswap()
    # Past the last value written: the column's default, as Whoosh's reader gives.
    numbers.extend(array(column._typecode, [column._default]) * (column._doccount - stored))
    return numbers


def length_bytes(column) -> bytes:
    """Every document's length byte in a field's length column (Whoosh's
    ``length_to_byte``), as the file holds them: one byte each, nothing to convert (a
    one-shot search read six such columns through ``column_values``, ~1 ms of it)."""
    from whoosh.columns import NumericColumn

    if type(column) is NumericColumn.Reader and not column._reverse \
            and column._fixedlen == 1 and column._typecode == "B":
        stored = min(column._count, column._doccount)
        data = column._dbfile.get(column._basepos, stored) if stored else b""
        return bytes(data) + bytes([column._default]) * (column._doccount - stored)
    return bytes(column_values(column))


def byte_lengths() -> list[int]:
    """The field length each length byte stands for (Whoosh's ``byte_to_length``)."""
    from whoosh.util.numeric import byte_to_length

    return [byte_to_length(b) for b in range(256)]

