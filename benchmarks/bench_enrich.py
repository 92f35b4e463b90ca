"""Enrichment throughput on Reuters-sized articles: the whole pipeline and each detector.

    python -m benchmarks.bench_enrich [--shared DIR] [--limit N]

Reads Reuters-21578 in place (title + body, as the benchmark writes them out), warms every
detector once (tables are built on first use), then times ``enrich`` article by article in
CPU time (less disturbed by other processes than wall time), plus each detector alone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from index.enrich.cleanup import clean_text, line_keys
from index.enrich.countries import find_mentions
from index.enrich.dates import find_header_date
from index.enrich.language import detect_language
from index.enrich.pipeline import enrich
from index.models import RawArticle

from .corpora import iter_reuters
from .workload import shared_folder

REPO = Path(__file__).resolve().parent.parent
TARGET = 1000.0
"""Articles per second, the whole enrichment (the enrichment issue's target)."""


def articles(shared: Path, limit: int) -> list[RawArticle]:
    docs = iter_reuters(shared / "corpora" / "reuters21578")
    out = []
    for doc in docs:
        if len(out) >= limit:
            break
        if doc.body:
            out.append(RawArticle(path=f"reuters/{doc.id}.txt", format="txt", title=doc.title,
                                  text=doc.body))
    return out


def rate(fn, items) -> float:
    """Items per CPU second of ``fn`` over ``items`` (best of three passes)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - started)
    return len(items) / best if best else float("inf")


def duplicates_rate(raws: list[RawArticle]) -> float:
    """Near-duplicate linking (shingling + the sqlite index) per CPU second, in batches as
    the indexer calls it, into a fresh in-memory database."""
    import sqlite3

    from index.enrich.duplicates import DuplicateIndex

    index = DuplicateIndex(sqlite3.connect(":memory:"))
    started = time.process_time()
    index.add_many((f"d{i}", a.text) for i, a in enumerate(raws))
    return len(raws) / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    parser.add_argument("--limit", type=int, default=5000)
    args = parser.parse_args()
    raws = articles(shared_folder(REPO, args.shared), args.limit)
    enrich(raws[0])  # build the gazetteer, month tables, language profiles
    rows = [
        ("whole enrichment (enrich)", rate(enrich, raws)),
        ("cleanup (clean_text)", rate(lambda a: clean_text(a.text), raws)),
        ("boilerplate keys (line_keys)", rate(lambda a: line_keys(a.text), raws)),
        ("language", rate(lambda a: detect_language(a.text), raws)),
        ("header date", rate(lambda a: find_header_date(a.text, "en"), raws)),
        ("countries", rate(lambda a: find_mentions(a.text, "en"), raws)),
        ("near-duplicates (add_many)", duplicates_rate(raws)),
    ]
    size = sum(len(a.text) for a in raws) / len(raws)
    print(f"{len(raws):,} Reuters articles, {size:,.0f} characters on average; "
          "articles per CPU second, best of 3")
    for name, value in rows:
        print(f"  {name:32} {value:8,.0f}/s  {1000 / value:6.3f} ms")
    whole = 1 / (1 / rows[0][1] + 1 / rows[-1][1])
    print(f"  {'all of it (enrich + duplicates)':32} {whole:8,.0f}/s  {1000 / whole:6.3f} ms")
    print(f"target ≥ {TARGET:,.0f}/s: {'ok' if whole >= TARGET else 'MISS'}")


if __name__ == "__main__":
    main()
