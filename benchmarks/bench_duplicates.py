"""Throughput and size of the near-duplicate index on real news text.

    python -m benchmarks.bench_duplicates [--scale 20000] [--shared PATH]
    python -m benchmarks.bench_duplicates --library 1000000 --variants deferred,at-once \
        --rounds 2      # ~12 min, 3.5 GB of temporary files

Reads 10kGNAD's test.csv (1,028 German articles) from ../shared beside the checkout, indexes it
into a fresh sqlite file as the engine does (WAL; the workers' reports of ``REPORT`` articles
added with ``add_paragraphs`` inside ``deferred()``; committed every ``BATCH_ARTICLES``), then
does the same with ``--scale`` perturbed copies: every copy has half of its words changed (so
copies share only chance shingles) and 1 in 100 copies carries a paragraph from another copy,
which must come back as a link.

Variants run in turns on the copies, each into its own file: ``deferred`` (as the engine
adds) and ``at-once`` (each report's postings inserted as it comes, as before ``deferred()``),
so their ratio is measured in the same run.

``--library N`` adds the copies to a library that already holds N articles, as the last
batches of a large library are: N made-up articles of ``HASHES`` sampled shingles each (what
a synthetic article has; random, so they link to nothing) are written once, and each variant
starts from a copy of that file. At a million the near-duplicate tables are ~1.6 GB.

Each run also prints each batch's postings insert and commit (the end of ``deferred()`` and
``conn.commit()``), the part of a batch the indexer's workers wait for: a batch that waits in
``dup_recent`` against one that folds it into ``dup_postings``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from index.enrich.duplicates import (
    DuplicateIndex,
    pack_paragraphs,
    paragraph_shingles,
    unpack_paragraphs,
)
from index.indexer import BATCH_ARTICLES

ROOT = Path(__file__).resolve().parents[1]


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


REPORT = 500
"""Articles per ``add_paragraphs`` call: about what a worker reports at a time."""


def batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


HASHES = 90
"""Sampled shingles per article of a preloaded library (synthetic articles: 90.6 mean)."""


def preload(path: Path, n: int, seed: int = 1) -> None:
    """A near-duplicate database holding ``n`` made-up articles (see the module docstring)."""
    import numpy as np

    rnd = np.random.default_rng(seed)
    hashes = rnd.integers(-2**31, 2**31, size=(n, HASHES), dtype=np.int32)
    sizes = np.full(3, HASHES // 3, dtype=np.int32).tobytes()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    DuplicateIndex(conn)
    conn.executemany("INSERT INTO dup_docs VALUES (?, ?, ?, ?)",
                     ((i + 1, f"old/{i}", sizes, row.tobytes())
                      for i, row in enumerate(hashes)))
    flat = hashes.reshape(-1).astype(np.int64)
    docs = np.repeat(np.arange(1, n + 1, dtype=np.int64), HASHES)
    order = np.lexsort((docs, flat))  # in the table's order: one pass over its pages
    flat, docs = flat[order], docs[order]
    step = 1_000_000
    for first in range(0, len(flat), step):
        conn.executemany("INSERT OR IGNORE INTO dup_postings VALUES (?, ?)",
                         zip(flat[first:first + step].tolist(),
                             docs[first:first + step].tolist(), strict=True))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def run(label: str, items: list[tuple[str, str]], variant: str = "deferred",
        library: Path | None = None) -> tuple[set, float]:
    """Index ``items`` (into a copy of ``library``); print the time per article and the
    file's size; return the linked pairs and the seconds linking took."""
    kb = sum(len(t.encode()) for _, t in items) / 1024
    start = time.perf_counter()
    packed = [(key, pack_paragraphs(paragraph_shingles(text))) for key, text in items]
    shingling = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dup.sqlite"
        if library:
            shutil.copyfile(library, path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        index = DuplicateIndex(conn)
        start, cpu = time.perf_counter(), time.process_time()
        ends: list[float] = []  # each batch's postings insert and commit, when the workers wait
        for batch in batches(packed, BATCH_ARTICLES):
            with index.deferred() if variant == "deferred" else contextlib.nullcontext():
                for report in batches(batch, REPORT):
                    index.add_paragraphs((key, unpack_paragraphs(p)) for key, p in report)
                linked = time.perf_counter()
            conn.commit()
            ends.append(time.perf_counter() - linked)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size - (library.stat().st_size if library else 0)
        pairs = conn.execute("SELECT COUNT(*) FROM dup_links WHERE a < b").fetchone()[0]
        common = conn.execute("SELECT COUNT(*) FROM dup_common").fetchone()[0]
        n = len(items)
        print(f"{label} [{variant}]: {n} articles, {kb / n:.2f} kB each: "
              f"{total / n * 1e3:.3f} ms/article ({cpu / n * 1e3:.3f} ms of CPU; shingling "
              f"alone {shingling / n * 1e3:.3f} ms), {n / total:.0f} articles/s; sqlite +"
              f"{size / n * 1000 / 2**20:.2f} MB per 1,000 articles; {pairs} linked pairs, "
              f"{common} boilerplate shingles", flush=True)
        print(f"  each batch's insert and commit (s): {', '.join(f'{e:.1f}' for e in ends)}",
              flush=True)
        links = index.links_for([k for k, _ in items])
        conn.close()
    return {(a, b) for a, linked in links.items() for b in linked}, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--scale", type=int, default=20_000)
    parser.add_argument("--variants", default="deferred",
                        help="comma-separated, run in turns: deferred, at-once")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--library", type=int, default=0, metavar="N",
                        help="add the copies to a library of N articles")
    args = parser.parse_args()
    base = gnad(args.shared)
    run("10kGNAD test.csv", base)
    items, planted = perturbed(base, args.scale)
    work = tempfile.TemporaryDirectory()
    library = None
    if args.library:
        library = Path(work.name) / "library.sqlite"
        start = time.perf_counter()
        preload(library, args.library)
        print(f"a library of {args.library} articles: {library.stat().st_size / 2**20:.0f} MB"
              f" in {time.perf_counter() - start:.0f} s", flush=True)
    variants = args.variants.split(",")
    times: dict[str, list[float]] = {v: [] for v in variants}
    for _ in range(args.rounds):
        for variant in variants:
            found, seconds = run(f"{args.scale} perturbed copies", items, variant, library)
            times[variant].append(seconds)
            hits = sum((a, b) in found for a, b in planted)
            print(f"  planted shared paragraphs found: {hits} of {len(planted)}")
    first = statistics.median(times[variants[0]])
    for variant in variants[1:]:
        print(f"{variant} / {variants[0]}: {statistics.median(times[variant]) / first:.2f}x "
              f"(medians of {args.rounds})")


if __name__ == "__main__":
    main()
