"""Indexing files the system has not cached: the run's time reading files, with the files
asked of the system ahead of their reading (``indexer._Prefetch``) and without.

    python -m benchmarks.cold_read FOLDER [--rounds 2]

Before each run every file under FOLDER is dropped from the page cache
(``posix_fadvise(DONTNEED)``, which needs no privilege: what a first index of an archive
meets), then a fresh process indexes FOLDER into an empty library. The variants run in
turns; compare the step 'reading files' (the indexer's own clock), which the workers'
share of the machine moves far less than the run's wall time. Linux only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIANTS = {
    "asked-ahead": "the engine as it is: files asked for PREFETCH_AHEAD ahead",
    "one-at-a-time": "no file asked for ahead: each read waits on the disk",
}


def evict(folder: str) -> int:
    """Drop every file under ``folder`` from the page cache; how many."""
    count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                fd = os.open(os.path.join(root, name), os.O_RDONLY | os.O_NONBLOCK)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def run_variant(variant: str, folder: str) -> dict:
    import index.indexer as indexer

    if variant == "one-at-a-time":
        indexer._ask = lambda path: None
    from index import Library

    library = Path(tempfile.mkdtemp(prefix="bs-cold-"))
    try:
        started = time.perf_counter()
        with Library(library) as lib:
            report = lib.add([folder])
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(library, ignore_errors=True)
    steps = dict(report.steps)
    return {"variant": variant, "seconds": seconds, "articles": report.articles,
            "reading": steps.get("reading files", 0.0)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--variants", default=",".join(VARIANTS))
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(run_variant(args.child, args.folder)))
        return 0
    if not hasattr(os, "posix_fadvise"):
        print("cold_read: posix_fadvise is not available here (Linux only)")
        return 1
    variants = args.variants.split(",")
    reading: dict[str, list[float]] = {v: [] for v in variants}
    for round_no in range(1, args.rounds + 1):
        for variant in variants:
            files = evict(args.folder)
            done = subprocess.run([sys.executable, "-m", "benchmarks.cold_read", "--child",
                                   variant, args.folder], cwd=REPO, capture_output=True,
                                  text=True)
            if done.returncode:
                print(f"{variant}: failed\n{done.stderr[-1500:]}")
                return 1
            r = json.loads(done.stdout.strip().splitlines()[-1])
            reading[variant].append(r["reading"])
            print(f"round {round_no} {variant:14} {files:7,} files {r['articles']:7,} articles"
                  f"  reading {r['reading']:6.1f} s  run {r['seconds']:6.1f} s", flush=True)
    base = statistics.median(reading[variants[-1]])
    for variant in variants:
        median = statistics.median(reading[variant])
        print(f"{variant:14} median reading {median:6.1f} s  {median / base:5.2f}x "
              f"{variants[-1]}  ({VARIANTS.get(variant, '')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
