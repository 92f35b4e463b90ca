"""Code that reads or writes Whoosh 2.7.4's private formats, kept in one room.

Whoosh is pinned to 2.7.4 (``pyproject.toml``): these modules know its W3 codec, its
matcher classes and its writer's internals, none of which is public API, so a newer Whoosh
may change any of them. Each is guarded by an oracle test that compares its output with
Whoosh's own, so a change of pin fails loudly rather than quietly returning other results:

- ``_lean_whoosh``: Whoosh imported without what a search never uses: imported first by
  each module that imports Whoosh, not by ``index`` itself, so a process that only
  holds the library's models (the app's own, beside its engine process) loads no Whoosh.
- ``bulk``: postings a block at a time, a column in one piece (``tests/index/test_ranking.py``).
- ``positions``: word positions as plain integers, a Whoosh ``Format``
  (``tests/index/test_analysis.py``).
- ``ranking``: BM25F for every match, a block at a time; scores equal to Whoosh's to the bit
  (``tests/index/test_ranking.py``).
- ``vectors``: ``ranking`` for a query listing many postings, on numpy arrays; scores
  equal to Whoosh's to the bit (``tests/index/test_ranking.py``, "as arrays").
- ``pruned``: the best few matches of an OR of words, and all its matches, without scoring
  every match (MaxScore: each term's highest score from its entry in the terms file); the
  page equal to ``ranking``'s (``tests/index/test_ranking.py``, "without scoring every
  match").
- ``unplaced``: a query's ANDs built without Whoosh's search for their first common
  document, which ``ranking`` does not need (``tests/index/test_ranking.py``).
- ``inline``: a term's postings inlined in its entry of the terms file, read as one block
  (``tests/index/test_writer.py``).
- ``matching``: the documents a query matches, a block of ids at a time
  (``tests/index/test_ranking.py``, ``tests/index/test_query.py``).
- ``varbytes``: a stored-fields column opened with its offsets summed in C; the same arrays
  as Whoosh's (``tests/index/test_ranking.py``).
- ``writer``: the segment writer of the indexer and its workers; segments equal to Whoosh's
  own writer's (``tests/index/test_writer.py``).

This package imports nothing at its own import: ``_lean_whoosh`` must run before Whoosh.
"""
