"""Throughput and size of the near-duplicate index on real news text.

    python -m benchmarks.bench_duplicates [--scale 20000] [--shared PATH]

Reads 10kGNAD's test.csv (1,028 German articles) from ../shared beside the checkout, indexes it
with ``DuplicateIndex.add_many`` into a fresh sqlite file (WAL, committed every 500 articles,
as the engine does), then does the same with ``--scale`` perturbed copies: every copy has half
of its words changed (so copies share only chance shingles) and 1 in 100 copies carries a
paragraph from another copy, which must come back as a link.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from index.enrich.duplicates import DuplicateIndex, paragraph_shingles

ROOT = Path(__file__).resolve().parents[1]
COMMIT_EVERY = 500


def gnad(shared: Path) -> list[tuple[str, str]]:
    with open(shared / "corpora/10kGNAD/test.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f, delimiter=";", quotechar="'")
        return [(f"gnad/{i}", row[1]) for i, row in enumerate(rows)]


def perturbed(base: list[tuple[str, str]], n: int,
              seed: int = 1) -> tuple[list[tuple[str, str]], set]:
    """``n`` copies of ``base`` with half their words changed, and the planted (copy, source)
    pairs."""
    rnd = random.Random(seed)
    docs = []
    for k in range(n):
        words = base[k % len(base)][1].split()
        docs.append(" ".join(w + "x" if rnd.random() < 0.5 else w for w in words))
    planted = set()
    for k in range(0, n, 100):
        src = rnd.randrange(n)
        if src != k:
            docs[k] += "\n\n" + " ".join(docs[src].split()[:60])
            planted.add((f"copy/{k}", f"copy/{src}"))
    return [(f"copy/{k}", text) for k, text in enumerate(docs)], planted


def batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run(label: str, items: list[tuple[str, str]]) -> DuplicateIndex:
    kb = sum(len(t.encode()) for _, t in items) / 1024
    start = time.perf_counter()
    for _, text in items:
        paragraph_shingles(text)
    shingling = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dup.sqlite"
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        index = DuplicateIndex(conn)
        start = time.perf_counter()
        for batch in batches(items, COMMIT_EVERY):
            index.add_many(batch)
            conn.commit()
        total = time.perf_counter() - start
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        pairs = conn.execute("SELECT COUNT(*) FROM dup_links WHERE a < b").fetchone()[0]
        common = conn.execute("SELECT COUNT(*) FROM dup_common").fetchone()[0]
        n = len(items)
        print(f"{label}: {n} articles, {kb / n:.2f} kB each: {total / n * 1e3:.3f} ms/article "
              f"({total / kb * 1e3:.3f} ms/kB; shingling alone {shingling / n * 1e3:.3f} ms), "
              f"{n / total:.0f} articles/s; sqlite {size / n * 1000 / 2**20:.2f} MB per 1,000 "
              f"articles; {pairs} linked pairs, {common} boilerplate shingles")
        links = index.links_for([k for k, _ in items])
        index.found = {(a, b) for a, linked in links.items() for b in linked}
        conn.close()
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--scale", type=int, default=20_000)
    args = parser.parse_args()
    base = gnad(args.shared)
    run("10kGNAD test.csv", base)
    items, planted = perturbed(base, args.scale)
    found = run(f"{args.scale} perturbed copies", items).found
    hits = sum((a, b) in found for a, b in planted)
    print(f"planted shared paragraphs found: {hits} of {len(planted)}")


if __name__ == "__main__":
    main()
