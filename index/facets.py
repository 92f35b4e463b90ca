"""Facet definitions and counting.

Counting by hand beats Whoosh's ``groupedby`` (which scores every match) by ~10x: each
searcher gets a cache of value -> set of document numbers per facet field, and a facet count
is the size of a value's set within the matching documents.

For a value many documents hold, that size comes from bitmasks: the value's documents and
the matching ones as Python ints (a bit per document), ANDed, and the bits counted, all in
C. Intersecting sets walks the smaller one in Python's hash table: on 200,000 articles, the
46,000 with "government" took 84-104 ms to count, most of a search's time; as bitmasks,
8-12 ms (turning the matches into one is most of it). Both comparisons were measured once
with ad-hoc scripts, which no benchmark keeps; the cost of counting as it is now is part of
every in-process search row of ``python -m benchmarks.run --only synthetic`` (all of them
count facets; 'term-frequent' is "government").

Facets are disjunctive, as in any faceted search UI: the counts of one facet are taken with
the filters of the *other* facets only, so after choosing ``de`` the language facet still
shows how many results ``fr`` would add (OR within a facet, AND across facets).
"""

from __future__ import annotations

import json
import os
import sys
from array import array
from collections.abc import Callable, Collection, Mapping, Set
from dataclasses import dataclass
from pathlib import Path

from .docmask import Mask, bitmask
from .models import UNDATED, Facets

CACHE_LAYOUT = "3"
"""What ``DocSets`` writes in a cache file (3: value sets and bitmasks as plain binary, see
``cache_bytes``; 2 was a pickle, which runs code when read); part of the file's name
(``searching._facet_cache``) and of its header, so a file in another layout is never read."""
MASK_SHARE = 1024
"""A value held by at least 1/1024 of the documents (and by ``MASK_MIN``) is also kept as a
bitmask: counting within the matches then costs one AND of ``size / 8`` bytes, which beats
walking its set at about this size."""
MASK_MIN = 64
UNIONS_KEPT = 4
"""Filters whose documents a searcher keeps (``DocSets.union``)."""
MATCHED_FOR_MASK = 2048
"""Fewer matches than this are counted with sets: turning them into a bitmask (a Python loop
over them) would cost more than it saves."""


@dataclass(frozen=True)
class Facet:
    """One facet: which field it counts, and which filter narrows it."""

    name: str
    """Key in the JSON ``facets`` object."""
    field: str
    """Index field holding the values."""
    filter_key: str
    """Which filter restricts it (facets sharing a key ignore that filter together)."""
    order: str = "count"
    """``count``: most frequent first; ``value``: chronological (dates)."""


FACETS: tuple[Facet, ...] = (
    Facet("lang", "lang", "lang"),
    Facet("countries", "countries", "countries"),
    Facet("year", "year", "date", order="value"),
    Facet("month", "month", "date", order="value"),
    Facet("source", "source", "source"),
)


class DocSets:
    """value -> docnums for each facet field of one searcher, built on first use.

    ``values`` and ``docs`` touch only what they name, so a filter on one country, or the
    list of languages, costs no more than that; ``field`` builds a whole field, for facets.

    A field read from the cache file stays the file's arrays of document numbers until it
    is counted a second time: the first count walks them (``len(matched.intersection(
    docs))``), later ones intersect sets. A one-shot ``search --json`` counts each field
    once, and building the sets of every value first was most of reading the cache (its
    106,000 document numbers on Reuters: ~3-5 ms, measured with an ad-hoc script).

    A value many documents hold (one with a bitmask) is never made a set: it is counted
    with its bitmask, and its documents stay an ``array("I")``, 4 bytes each. As sets, the
    facets of 200,000 synthetic articles held 1.8 million numbers in 141 MB, half the
    engine's memory after a few searches, and at a million articles most of its ~960 MB
    (tracemalloc over ``index.searching``'s calls as the app makes them, measured once).
    """

    def __init__(self, reader, cache: Path | None = None) -> None:
        self._reader = reader
        self.size = reader.doc_count_all()
        """Document numbers run below this (deleted ones included)."""
        self._fields: dict[str, dict[str, frozenset[int] | array]] = {}
        """Per field, each value's documents: a set, or for a value with a bitmask the
        array of its numbers (sorted)."""
        self._arrays: dict[str, dict[str, array]] = {}
        """Fields read from the cache file and not yet made sets (see above)."""
        self._masks: dict[str, dict[str, int]] = {}
        """Per facet field, the bitmasks of its values held by many documents."""
        self._values: dict[tuple[str, str], frozenset[int]] = {}
        self._unions: dict[tuple[str, tuple[str, ...]], frozenset[int] | Mask] = {}
        """The latest filters' documents (``union``)."""
        self._lexicons: dict[str, list[str]] = {}
        self._cache = cache
        self._cache_tried = False
        self._stored: _CacheFile | None = None
        """The cache file read, while some of its fields are still in it (``_take``)."""
        self._counted: set[str] = set()

    def load_all(self) -> None:
        """Every facet field, from the cache file of this index generation if there is one
        (one read instead of every posting list: ~80 ms on Reuters; ``python -m
        benchmarks.bench_facet_cache LIBRARY`` times both), else built and saved for the
        next process."""
        if not self._cache_tried:
            self._cache_tried = True
            if self._cache is not None and self._load():
                return
            for facet in FACETS:
                sets = self.field(facet.field)
                least = max(MASK_MIN, self.size // MASK_SHARE)
                masks = self._masks[facet.field] = {v: bitmask(docs, self.size)
                                                    for v, docs in sets.items()
                                                    if len(docs) >= least}
                for value in masks:  # counted by their bitmasks: kept small (see above)
                    sets[value] = array("I", sorted(sets[value]))
            self._save()

    def _load(self) -> bool:
        """Take the cache file of this snapshot, if it is one: its header is read now,
        each field's arrays and bitmasks when the field is first wanted (``_take``)."""
        assert self._cache is not None
        import mmap  # what only a library with a cache file needs

        try:
            with open(self._cache, "rb") as handle:
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # ValueError: an empty file
            return False
        stored = _parse(data, self.size)
        if stored is None:
            data.close()
            return False
        self._stored = stored
        return True

    def _take(self, name: str) -> None:
        """Field ``name``'s arrays and bitmasks out of the cache file, if they are still
        there."""
        if self._stored is not None and name in self._stored.sizes:
            arrays, masks = self._stored.take(name)
            if arrays is not None:
                self._arrays[name] = arrays
            if masks is not None:
                self._masks[name] = masks

    def _sets(self, name: str) -> None:
        """Make the arrays of field ``name`` read from the cache sets, but for the values
        with a bitmask (see above)."""
        self._take(name)
        arrays = self._arrays.pop(name, None)
        if arrays is not None:
            masked = self._masks.get(name, {})
            self._fields[name] = {v: docs if v in masked else frozenset(docs)
                                  for v, docs in arrays.items()}

    def _save(self) -> None:
        if self._cache is None:
            return
        partial = self._cache.with_suffix(f".{os.getpid()}.tmp")
        try:
            # Not writable by others whatever the umask: the library would be refused then.
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
            with open(fd, "wb") as handle:
                handle.write(cache_bytes(self._fields, self._masks, self.size))
            os.replace(partial, self._cache)
            for pattern in ("facets-*.bin", "facets-*.pickle"):  # .pickle: layout 2 and older
                for old in self._cache.parent.glob(pattern):
                    if old != self._cache:
                        old.unlink(missing_ok=True)
        except OSError:  # a read-only library: every process builds its own
            partial.unlink(missing_ok=True)

    def values(self, name: str) -> list[str]:
        """The values a field holds (from the term index: no postings are read)."""
        cached = self._lexicons.get(name)
        if cached is None:
            if name not in self._reader.indexed_field_names():
                cached = []
            else:
                cached = [raw.decode("utf-8") for raw in self._reader.lexicon(name)]
            self._lexicons[name] = cached
        return cached

    def docs(self, name: str, value: str) -> frozenset[int] | array:
        """The documents holding ``value`` in field ``name``: a set, or the sorted array of
        a value with a bitmask."""
        self._sets(name)
        if name in self._fields:
            return self._fields[name].get(value, frozenset())
        key = (name, value)
        cached = self._values.get(key)
        if cached is None:
            cached = self._values[key] = self._read(name, value.encode("utf-8"))
        return cached

    def field(self, name: str) -> dict[str, frozenset[int] | array]:
        self._sets(name)
        cached = self._fields.get(name)
        if cached is None:
            sets = {v: self.docs(name, v) for v in self.values(name)}
            cached = self._fields[name] = {v: d for v, d in sets.items() if d}
            for value in sets:  # held once, in the field
                self._values.pop((name, value), None)
        return cached

    def _read(self, name: str, raw: bytes) -> frozenset[int]:
        reader = self._reader
        if (name, raw) not in reader:
            return frozenset()
        docs = reader.postings(name, raw).all_ids()
        if reader.has_deletions():
            return frozenset(d for d in docs if not reader.is_deleted(d))
        return frozenset(docs)

    def union(self, name: str, values) -> frozenset[int] | Mask:
        """The documents holding any of ``values``: a filter's. The latest few are kept, as
        a filter stays while the user types on. Many documents are a ``Mask``: the OR of
        their values' bitmasks (a value without one adds its documents' bits); few, a set.
        After ``load_all`` (else the bitmasks are not known yet, and it is a set)."""
        key = (name, tuple(values))
        found: frozenset[int] | Mask | None = self._unions.pop(key, None)
        if found is None:
            self._take(name)
            masks = self._masks.get(name, {})
            docs = [self.docs(name, value) for value in key[1]]
            if sum(map(len, docs)) >= MATCHED_FOR_MASK:
                bits = 0
                for value, held in zip(key[1], docs, strict=True):
                    bits |= masks[value] if value in masks else bitmask(held, self.size)
                found = Mask(bits, self.size)
            else:
                out: set[int] = set()
                for held in docs:
                    out.update(held)
                found = frozenset(out)
        self._unions[key] = found  # the most recent last
        while len(self._unions) > UNIONS_KEPT:
            del self._unions[next(iter(self._unions))]
        return found

    def masks(self, name: str) -> dict[str, int]:
        """The bitmasks of the values of field ``name`` held by many documents. After
        ``load_all``."""
        self._take(name)
        return self._masks.get(name, {})

    def within(self, name: str, matched: Set[int], mask: int | None) -> dict[str, int]:
        """How many of ``matched`` hold each value of field ``name`` (values none of them
        holds left out). ``mask``: ``matched`` as a ``bitmask``, or None to intersect sets
        only. After ``load_all``."""
        self._take(name)
        masks = self._masks.get(name, {})
        out: dict[str, int] = {}
        held_docs: Mapping[str, frozenset[int] | array] | None = self._arrays.get(name)
        if held_docs is None or name in self._counted:
            self._sets(name)
            held_docs = self._fields[name]
        self._counted.add(name)  # the next count of this field makes its small values sets
        for value, docs in held_docs.items():
            held = masks.get(value)
            if held is not None:
                if mask is None:  # few matches: still one AND per value held by many
                    mask = bitmask(matched, self.size)
                n = (held & mask).bit_count()
            elif isinstance(matched, Mask):
                n = matched.count_in(docs)
            elif type(docs) is frozenset:
                n = len(docs & matched) if len(docs) < len(matched) else len(matched & docs)
            elif isinstance(matched, (set, frozenset)):
                n = len(matched.intersection(docs))
            else:
                n = sum(1 for d in docs if d in matched)
            if n:
                out[value] = n
        return out

    def sizes(self, name: str) -> dict[str, int]:
        """How many documents hold each value of field ``name``. After ``load_all``. Of a
        field still in the cache file, its header says: the app's first screen, ``*``,
        counts every value of every field so, and reads none of their documents."""
        if self._stored is not None and name in self._stored.sizes:
            return dict(self._stored.sizes[name])
        arrays = self._arrays.get(name)
        if arrays is not None:
            return {v: len(docs) for v, docs in arrays.items()}
        return {v: len(docs) for v, docs in self.field(name).items()}


CACHE_MAGIC = b"broadsheet facets\n"
_ITEM = array("I").itemsize


def cache_bytes(fields: Mapping[str, Mapping[str, Collection[int]]],
                masks: dict[str, dict[str, int]], size: int) -> bytes:
    """Facet sets and bitmasks as a cache file: ``CACHE_MAGIC``, the length of a JSON header
    (4 bytes, little-endian), the header, then every set's document numbers (``array("I")``,
    sorted) and every bitmask (``size / 8`` bytes, little-endian) in the header's order.
    Plain data only: reading it runs no code, whoever wrote it (pickle would)."""
    header = {"layout": CACHE_LAYOUT, "size": size, "order": sys.byteorder, "item": _ITEM,
              "sets": [[name, [[v, len(d)] for v, d in sets.items()]]
                       for name, sets in fields.items()],
              "masks": [[name, list(values)] for name, values in masks.items()]}
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    parts = [CACHE_MAGIC, len(head).to_bytes(4, "little"), head]
    for sets in fields.values():
        parts.extend(array("I", sorted(d)).tobytes() for d in sets.values())
    length = (size + 7) // 8
    for values in masks.values():
        parts.extend(m.to_bytes(length, "little") for m in values.values())
    return b"".join(parts)


class _CacheFile:
    """A cache file (``cache_bytes``) whose header is read and checked against its length:
    each field's arrays and bitmasks are taken out of it when first wanted (``take``), and
    the file is let go after the last. Read whole at once, the facets of 200,000 synthetic
    articles (a 9.9 MB file) took 15-20 ms of a process's first search, reading the file
    and making its arrays and bitmasks, all for nothing when that search is ``*``, the app's
    first screen, which needs each value's number of documents only: the header's."""

    def __init__(self, data, sets: dict[str, tuple[int, list[tuple[str, int]]]],
                 masks: dict[str, tuple[int, list[str]]], length: int) -> None:
        self._data = data
        self._sets = sets
        """Per field: where its arrays start, and each value with its number of documents."""
        self._masks = masks
        """Per field: where its bitmasks start, and the values that have one."""
        self._length = length
        """Bytes of one bitmask."""
        self.sizes = {name: dict(values) for name, (_, values) in sets.items()}
        """Per field still in the file, each value's number of documents."""
        for name in masks.keys() - sets.keys():
            self.sizes[name] = {}

    def take(self, name: str) -> tuple[dict[str, array] | None, dict[str, int] | None]:
        """Field ``name``'s arrays and bitmasks (None for what the file has not of it),
        read out of the file."""
        del self.sizes[name]
        arrays = masks = None
        with memoryview(self._data) as view:
            if name in self._sets:
                at, values = self._sets.pop(name)
                arrays = {}
                for value, n in values:
                    docs = array("I")
                    docs.frombytes(view[at:at + n * _ITEM])
                    arrays[value] = docs
                    at += n * _ITEM
            if name in self._masks:
                at, masked = self._masks.pop(name)
                masks = {}
                for value in masked:
                    masks[value] = int.from_bytes(view[at:at + self._length], "little")
                    at += self._length
        if not self.sizes and hasattr(self._data, "close"):
            self._data.close()  # the map of the file, its last field read
        return arrays, masks


def _parse(data, size: int) -> _CacheFile | None:
    """The cache file ``data`` (bytes, or a map of the file), its header read and checked:
    None when it is not a cache of this layout for ``size`` documents (another machine's
    byte order, a cut file)."""
    start = len(CACHE_MAGIC) + 4
    if len(data) < start or data[:len(CACHE_MAGIC)] != CACHE_MAGIC:
        return None
    end = start + int.from_bytes(data[start - 4:start], "little")
    try:
        header = json.loads(data[start:end])
        if (header["layout"], header["size"], header["order"], header["item"]) != \
                (CACHE_LAYOUT, size, sys.byteorder, _ITEM):
            return None
        at = end
        sets: dict[str, tuple[int, list[tuple[str, int]]]] = {}
        for name, values in header["sets"]:
            counted = [(str(value), int(n)) for value, n in values]
            if any(n < 0 for _, n in counted):
                return None
            sets[str(name)] = (at, counted)
            at += sum(n for _, n in counted) * _ITEM
        length = (size + 7) // 8
        masks: dict[str, tuple[int, list[str]]] = {}
        for name, values in header["masks"]:
            masks[str(name)] = (at, [str(value) for value in values])
            at += len(values) * length
    except (ValueError, TypeError, KeyError):
        return None
    return _CacheFile(data, sets, masks, length) if at == len(data) else None


def read_cache(data: bytes, size: int):
    """``(fields, masks)`` from ``cache_bytes``, or None when ``data`` is not a cache of
    this layout for ``size`` documents (another machine's byte order, a cut file)."""
    stored = _parse(data, size)
    if stored is None:
        return None
    fields, masks = {}, {}
    for name in list(stored.sizes):
        arrays, masked = stored.take(name)
        if arrays is not None:
            fields[name] = {v: frozenset(docs) for v, docs in arrays.items()}
        if masked is not None:
            masks[name] = masked
    return fields, masks


def count(docsets: DocSets, matched_for: Callable[[str], Set[int]],
          everything: int | None = None) -> Facets:
    """Counts per facet; ``matched_for(filter_key)`` gives the matching documents with
    every filter applied except that one. ``everything``: how many live documents there
    are; when all of them match, a value's count is its own number of documents."""
    out: Facets = {}
    docsets.load_all()
    masks: list[tuple[Set[int], int]] = []  # facets without filters share their matches
    for facet in FACETS:
        matched = matched_for(facet.filter_key)
        if len(matched) == everything:  # sets hold live documents only
            counts = docsets.sizes(facet.field)
        else:
            mask = matched.bits if isinstance(matched, Mask) else None
            if mask is None and len(matched) >= MATCHED_FOR_MASK:
                mask = next((m for docs, m in masks if docs is matched), None)
                if mask is None:
                    mask = bitmask(matched, docsets.size)
                    masks.append((matched, mask))
            counts = docsets.within(facet.field, matched, mask)
        out[facet.name] = _ordered(counts, facet.order)
    return out


def _ordered(counts: dict[str, int], order: str) -> dict[str, int]:
    if order == "value":
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
