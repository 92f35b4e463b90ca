"""Whoosh's variable-length column reader, opened without a Python loop over every document.

A ``VarBytesColumn`` (the stored fields: title, path, meta of each article) that was
written without its offsets is opened by summing its lengths, one ``array.append`` per
document in a Python loop: ~1 ms per 10,000 articles, paid by the first hit of every
process, a one-shot ``broadsheet search`` among them (at Reuters' 21,577: 2-4 ms of
its ~100 ms; cProfile of one search, measured once). ``install`` puts in its place the same
reader with the offsets summed by ``itertools.accumulate``, in C: the same arrays
(``tests/index/test_ranking.py`` holds them equal to Whoosh's), so every stored value read
is the same bytes.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import struct
from array import array
from itertools import accumulate

from whoosh.columns import VarBytesColumn

WHOOSH_OWN = VarBytesColumn.Reader._read_offsets_and_lengths
"""Whoosh's method, kept for the oracle test."""


def _read_offsets_and_lengths(self) -> None:
    """Whoosh 2.7.4's ``VarBytesColumn.Reader._read_offsets_and_lengths``, line for line,
    but for the offsets of a column written without them."""
    dbfile = self._dbfile
    lastbyte = self._basepos + self._length - 1
    lens_code = chr(dbfile.get_byte(lastbyte))
    offsets = None
    if lens_code == "X":
        self.had_stored_offsets = True
        lens_code = chr(dbfile.get_byte(lastbyte - 2))
        offsets_code = chr(dbfile.get_byte(lastbyte - 1))
        itemsize = struct.calcsize(offsets_code)
        offsetstart = (lastbyte - 2) - self._doccount * itemsize
        offsets = dbfile.get_array(offsetstart, offsets_code, self._doccount)
        lastbyte = offsetstart
    itemsize = struct.calcsize(lens_code)
    lenstart = lastbyte - (itemsize * self._doccount)
    lengths = dbfile.get_array(lenstart, lens_code, self._doccount)
    if offsets is None:  # each document's offset: the sum of the lengths before it
        offsets = array("L", accumulate(lengths, initial=0))
        offsets.pop()
    self._offsets = offsets
    self._lengths = lengths


def install() -> None:
    VarBytesColumn.Reader._read_offsets_and_lengths = _read_offsets_and_lengths
