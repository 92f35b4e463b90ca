"""A query's ANDs built without Whoosh's search for their first common document.

Whoosh builds an intersection's matcher on the first document both sides hold, stepping
them one posting at a time to find it (``IntersectionMatcher._find_first``), and an
``AndMaybe``'s second side on the first's (``_first_b``). ``ranking`` and ``vectors`` read
every side from its first posting anyway, so that search is wasted, and where the sides
have few documents in common it is all of them: ``government Regierung`` at a million
synthetic articles (no article holds both) took 2.0 s to build, ``government "der
Regierung"`` 2.4 s (cProfile, once). ``unplaced`` rewrites a query to build its ANDs as
they stand.

Only a query of words, prefixes, phrases, ORs, ANDs and AND-MAYBEs is rewritten: an
exclusion (``-word``) is computed from where its matchers stand (``ranking._without``),
which the search above settles, so a query holding one is left as it is.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import copy

from whoosh import query as Q
from whoosh.matching import AndMaybeMatcher, IntersectionMatcher
from whoosh.matching.binary import AdditiveBiMatcher


class UnplacedIntersection(IntersectionMatcher):
    """An IntersectionMatcher left where its sides stand (see above)."""

    def __init__(self, a, b) -> None:
        AdditiveBiMatcher.__init__(self, a, b)


class UnplacedAndMaybe(AndMaybeMatcher):
    """An AndMaybeMatcher whose second side is left where it stands (see above)."""

    def __init__(self, a, b) -> None:
        AdditiveBiMatcher.__init__(self, a, b)


class _And(Q.And):
    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        return self._tree_matcher(subs, UnplacedIntersection, searcher, context,
                                  lambda q: 0 - q.estimate_size(reader))


class _AndMaybe(Q.AndMaybe):
    matcherclass = UnplacedAndMaybe


_LEAVES = (Q.Term, Q.Phrase, Q.Prefix, Q.Wildcard, Q.FuzzyTerm, type(Q.NullQuery))
_REWRITTEN = {Q.And: _And, Q.AndMaybe: _AndMaybe, Q.Or: Q.Or}


def unplaced(q: Q.Query) -> Q.Query:
    """``q`` with its ANDs and AND-MAYBEs built as they stand, or ``q`` itself when it
    holds anything but words, prefixes, phrases, ORs, ANDs and AND-MAYBEs."""
    return _rewritten(q) if _plain(q) else q


def _plain(q: Q.Query) -> bool:
    kind = type(q)
    if isinstance(q, _LEAVES):  # the typed prefix's own class among them
        return True
    if kind in _REWRITTEN:
        return all(_plain(child) for child in q.children())
    return False


def _rewritten(q: Q.Query) -> Q.Query:
    kind = type(q)
    if kind not in _REWRITTEN:
        return q
    out = copy.copy(q)
    out.__class__ = _REWRITTEN[kind]
    if isinstance(q, Q.BinaryQuery):
        out.a, out.b = _rewritten(q.a), _rewritten(q.b)
    else:
        out.subqueries = [_rewritten(child) for child in q.subqueries]
    return out
