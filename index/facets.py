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
    """value -> docnums for each facet field of one searcher; built on first use."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._fields: dict[str, dict[str, frozenset[int]]] = {}

    def field(self, name: str) -> dict[str, frozenset[int]]:
        cached = self._fields.get(name)
        if cached is None:
            cached = self._fields[name] = self._build(name)
        return cached

    def _build(self, name: str) -> dict[str, frozenset[int]]:
        reader = self._reader
        if name not in reader.indexed_field_names():
            return {}
        sets = {}
        for raw in reader.lexicon(name):
            value = raw.decode("utf-8")
            docs = frozenset(reader.postings(name, raw).all_ids())
            if reader.has_deletions():
                docs = frozenset(d for d in docs if not reader.is_deleted(d))
            if docs:
                sets[value] = docs
        return sets

    def union(self, name: str, values) -> set[int]:
        sets = self.field(name)
        out: set[int] = set()
        for value in values:
            out |= sets.get(value, frozenset())
        return out


def count(docsets: DocSets, matched_for: Callable[[str], set[int]]) -> Facets:
    """Counts per facet; ``matched_for(filter_key)`` gives the matching documents with
    every filter applied except that one."""
    out: Facets = {}
    for facet in FACETS:
        matched = matched_for(facet.filter_key)
        counts = {v: n for v, docs in docsets.field(facet.field).items()
                  if (n := len(docs & matched) if len(docs) < len(matched)
                      else len(matched & docs))}
        out[facet.name] = _ordered(counts, facet.order)
    return out


def _ordered(counts: dict[str, int], order: str) -> dict[str, int]:
    if order == "value":
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
