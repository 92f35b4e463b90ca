"""How long a process takes to read the facet cache of a library (``index.facets.DocSets``),
against building the facet sets from the index's postings, in the same run.

    .venv/bin/python -m benchmarks.bench_facet_cache LIBRARY [LIBRARY...]
"""

from __future__ import annotations

import statistics
import sys
import time

from index import Library
from index.facets import DocSets


def measure(folder: str, rounds: int = 15) -> None:
    with Library(folder) as library:
        searching = library._searcher_context()
        reader = searching._current().reader()
        cache = searching._docsets._cache
        DocSets(reader, cache).load_all()  # written if it was not there
        size, articles = cache.stat().st_size, reader.doc_count()

        def timed(path) -> float:
            start = time.perf_counter()
            DocSets(reader, path).load_all()
            return (time.perf_counter() - start) * 1000

        loads = [timed(cache) for _ in range(rounds)]
        builds = [timed(None) for _ in range(3)]
    print(f"{folder}: {articles} articles, cache {cache.name} {size / 1e6:.2f} MB: "
          f"load median {statistics.median(loads):.2f} ms (min {min(loads):.2f}), "
          f"build from postings median {statistics.median(builds):.1f} ms")


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        measure(folder)
