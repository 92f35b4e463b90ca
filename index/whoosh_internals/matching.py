"""Which documents a query matches, its terms' postings read a block of ids at a time.

For what the words a user types compile to (terms, prefixes, wildcards, fuzzy terms, ORs
and ANDs); any other query is left to ``ranking``, which walks every tree.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

from collections import OrderedDict
from weakref import WeakKeyDictionary

from whoosh import query as Q

from .bulk import blocks

EXPANSIONS = 64
"""Prefixes whose terms a reader keeps (``expand_prefix``): the keys of a few words."""
_expanded: WeakKeyDictionary = WeakKeyDictionary()
"""Per reader (for as long as it is open): (field, prefix) -> its terms, and the number
of documents they list in all (None until asked for)."""


def matching(s, q: Q.Query) -> set[int] | None:
    """Every document matching ``q``, if it is made of terms, prefixes, wildcards, fuzzy
    terms, ORs and ANDs (what the words a user types compile to; None for any other query),
    with each term's postings read a block of ids at a time. Whoosh's matchers step through
    a union one id at a time, which made listing the 15,000 Reuters articles with "said"
    cost more than ranking them, and ``coffee brazil`` as typed (``brazil*``) by date 97 ms
    instead of 42 (measured once with an ad-hoc script; no benchmark tracks it: the
    in-process rows of ``python -m benchmarks.run`` rank by relevance, which lists nothing
    here)."""
    from whoosh.reading import SegmentReader

    found: set[int] = set()
    for sub, offset in s.subsearchers or [(s, 0)]:
        reader = sub.reader()
        if not isinstance(reader, SegmentReader):
            return None
        docs = segment_matching(reader, q, deleted_docs(reader))
        if docs is None:
            return None
        found.update((d + offset for d in docs) if offset else docs)
    return found


def deleted_docs(reader) -> frozenset[int]:
    """A segment's deleted document numbers (its own numbering)."""
    return frozenset(reader._perdoc.deleted_docs()) if reader.has_deletions() else frozenset()


EXPANDING = (Q.Prefix, Q.Wildcard, Q.FuzzyTerm)
"""Queries that match the documents of the terms they expand to in a segment."""


def segment_matching(reader, q: Q.Query, deleted: frozenset[int]) -> set[int] | None:
    if type(q) is Q.Term:
        return term_docs(reader, q.fieldname, q.text) - deleted
    if isinstance(q, EXPANDING) and q.text:  # an empty prefix is Every
        if q.fieldname not in reader.schema:
            return set()
        docs: set[int] = set()
        for term in q._btexts(reader):
            docs |= term_docs(reader, q.fieldname, term)
        return docs - deleted
    if type(q) is Q.AndMaybe:  # the documents of its first part; the second only scores
        return segment_matching(reader, q.a, deleted)
    if type(q) not in (Q.Or, Q.And) or (type(q) is Q.Or and q.minmatch > 1):
        return None
    parts = []
    for child in q.subqueries:
        part = segment_matching(reader, child, deleted)
        if part is None:
            return None
        parts.append(part)
    if not parts:
        return set()
    if type(q) is Q.Or:
        return set().union(*parts)
    parts.sort(key=len)
    return parts[0].intersection(*parts[1:])


def term_docs(reader, fieldname: str, text: str | bytes) -> set[int]:
    """The ids of a term's postings in one segment (deleted ones too), block by block."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.reading import TermNotFound

    if fieldname not in reader.schema:
        return set()
    if isinstance(text, str):
        text = reader._text_to_bytes(fieldname, text)
    try:
        matcher = reader._terms.matcher(fieldname, text, reader.schema[fieldname].format)
    except TermNotFound:
        return set()
    if not isinstance(matcher, W3LeafMatcher):  # postings inlined in the term's entry
        return set(matcher.all_ids())
    docs: set[int] = set()
    for ids, _weights, _values in blocks(matcher):
        docs.update(ids)
    return docs


def expand_prefix(reader, fieldname: str, text: str) -> tuple[bytes, ...]:
    """The terms of ``fieldname`` that begin with ``text`` in ``reader``, in order (what
    Whoosh's ``reader.expand_prefix`` lists).

    Whoosh finds them with a binary search of the term file, one read per step, and does
    it again for each use of a prefix (the size of a union, then its matcher): a quarter of
    the engine's time for a word's last key on Reuters (``benchmarks/typing_engine.py``,
    profiled once). A reader's terms never change, so it keeps the last ``EXPANSIONS``
    prefixes' terms; and a longer prefix of a kept one ("petro" after "petr", the next key)
    is found among its terms."""
    prefix = reader._text_to_bytes(fieldname, text)
    kept = _kept(reader)
    if kept is None:
        return tuple(reader.expand_prefix(fieldname, text))
    key = (fieldname, prefix)
    found = kept.get(key)
    if found is not None:
        kept.move_to_end(key)
        return found[0]
    wider = next((kept[(fieldname, prefix[:n])][0] for n in range(len(prefix) - 1, 0, -1)
                  if (fieldname, prefix[:n]) in kept), None)
    terms = (tuple(t for t in wider if t.startswith(prefix)) if wider is not None
             else tuple(reader.expand_prefix(fieldname, text)))
    kept[key] = [terms, None]
    if len(kept) > EXPANSIONS:
        kept.popitem(last=False)
    return terms


def prefix_size(reader, fieldname: str, text: str) -> int:
    """The number of postings of the terms beginning with ``text`` (Whoosh's
    ``estimate_size`` of a prefix), counted once per reader."""
    terms = expand_prefix(reader, fieldname, text)
    kept = _kept(reader)
    entry = kept.get((fieldname, reader._text_to_bytes(fieldname, text))) if kept else None
    if entry is not None and entry[1] is not None:
        return entry[1]
    size = sum(reader.doc_frequency(fieldname, t) for t in terms)
    if entry is not None:
        entry[1] = size
    return size


def _kept(reader) -> OrderedDict | None:
    try:
        return _expanded.setdefault(reader, OrderedDict())
    except TypeError:  # a reader that cannot be weakly referenced: nothing kept
        return None
