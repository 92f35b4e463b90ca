"""Facet definitions and counting.

Counting by hand beats Whoosh's ``groupedby`` (which scores every match) by ~10x: each
searcher gets a cache of value -> set of document numbers per facet field, and a facet count
is a set intersection with the matching documents.

Facets are disjunctive, as in any faceted search UI: the counts of one facet are taken with
the filters of the *other* facets only, so after choosing ``de`` the language facet still
shows how many results ``fr`` would add (OR within a facet, AND across facets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import os
import pickle
from array import array
from pathlib import Path

from .models import UNDATED, Facets


@dataclass(frozen=True)
class Facet:
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
    """

    def __init__(self, reader, cache: Path | None = None) -> None:
        self._reader = reader
        self._fields: dict[str, dict[str, frozenset[int]]] = {}
        self._values: dict[tuple[str, str], frozenset[int]] = {}
        self._lexicons: dict[str, list[str]] = {}
        self._cache = cache
        self._cache_tried = False

    def load_all(self) -> None:
        """Every facet field, from the cache file of this index generation if there is one
        (one read instead of every posting list: ~80 ms on Reuters), else built and saved
        for the next process."""
        if not self._cache_tried:
            self._cache_tried = True
            if self._cache is not None and self._load():
                return
            for facet in FACETS:
                self.field(facet.field)
            self._save()

    def _load(self) -> bool:
        try:
            with open(self._cache, "rb") as handle:
                stored = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError):
            return False
        for name, values in stored.items():
            self._fields[name] = {v: frozenset(array("I", raw)) for v, raw in values.items()}
        return True

    def _save(self) -> None:
        if self._cache is None:
            return
        stored = {name: {v: array("I", sorted(d)).tobytes() for v, d in sets.items()}
                  for name, sets in self._fields.items()}
        partial = self._cache.with_suffix(f".{os.getpid()}.tmp")
        try:
            with open(partial, "wb") as handle:
                pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self._cache)
            for old in self._cache.parent.glob("facets-*.pickle"):
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

    def docs(self, name: str, value: str) -> frozenset[int]:
        if name in self._fields:
            return self._fields[name].get(value, frozenset())
        key = (name, value)
        cached = self._values.get(key)
        if cached is None:
            cached = self._values[key] = self._read(name, value.encode("utf-8"))
        return cached

    def field(self, name: str) -> dict[str, frozenset[int]]:
        cached = self._fields.get(name)
        if cached is None:
            sets = {v: self.docs(name, v) for v in self.values(name)}
            cached = self._fields[name] = {v: d for v, d in sets.items() if d}
        return cached

    def _read(self, name: str, raw: bytes) -> frozenset[int]:
        reader = self._reader
        if (name, raw) not in reader:
            return frozenset()
        docs = reader.postings(name, raw).all_ids()
        if reader.has_deletions():
            return frozenset(d for d in docs if not reader.is_deleted(d))
        return frozenset(docs)

    def union(self, name: str, values) -> set[int]:
        out: set[int] = set()
        for value in values:
            out |= self.docs(name, value)
        return out


def count(docsets: DocSets, matched_for: Callable[[str], set[int]],
          everything: int | None = None) -> Facets:
    """Counts per facet; ``matched_for(filter_key)`` gives the matching documents with
    every filter applied except that one. ``everything``: how many live documents there
    are; when all of them match, a value's count is its own number of documents."""
    out: Facets = {}
    docsets.load_all()
    for facet in FACETS:
        matched = matched_for(facet.filter_key)
        if len(matched) == everything:  # sets hold live documents only
            counts = {v: len(docs) for v, docs in docsets.field(facet.field).items()}
        else:
            counts = {v: n for v, docs in docsets.field(facet.field).items()
                      if (n := len(docs & matched) if len(docs) < len(matched)
                          else len(matched & docs))}
        out[facet.name] = _ordered(counts, facet.order)
    return out


def _ordered(counts: dict[str, int], order: str) -> dict[str, int]:
    if order == "value":
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
