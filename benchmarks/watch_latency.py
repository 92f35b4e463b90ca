"""How soon a file added to (or deleted from) a watched folder is found (or gone).

    python -m benchmarks.watch_latency [--files 10] [--library 5000]

Starts ``broadsheet index --watch FOLDER`` as a user would, on a folder already holding
``--library`` synthetic articles (``benchmarks.synthetic``), then adds ``--files`` articles
one at a time, each with a word of its own, and times from the file's write to the first
search that finds it (a fresh ``Library`` per try, as a one-shot ``broadsheet search``
opens it, every 10 ms); then deletes them one at a time, timing until the search finds
nothing. Baseline, in the same run on a copy of the library: ``Library.update([file])``
alone, the indexing a batch costs; the rest is noticing the change and closing the batch
(``index.watching.QUIET_MS``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from index import Library, Query

ROOT = Path(__file__).resolve().parents[1]


def marker(n: int) -> str:
    return "wq" + "".join("abcdefghij"[int(d)] for d in f"{n:04d}") + "wq"


def write(folder: Path, n: int) -> Path:
    path = folder / f"watched-{n}.txt"
    path.write_text(f"Ferry report {marker(n)}\n\nThe ferry council met on Monday about the "
                    f"harbour and {marker(n)}, and said the railway would wait.\n", "utf-8")
    return path


def total(library: Path, word: str) -> int:
    with Library(library) as reader:
        return reader.search(Query(word, facets=False, suggest=False)).total


def wait(library: Path, word: str, want: int, limit: float = 20.0) -> float:
    start = time.perf_counter()
    while True:
        try:
            if total(library, word) == want:
                return time.perf_counter() - start
        except Exception:  # a library mid-commit: try again
            pass
        if time.perf_counter() - start > limit:
            raise SystemExit(f"{word}: not {want} within {limit} s; the watcher said:\n"
                             + (library.parent / "log").read_text())
        time.sleep(0.01)


def baseline(library: Path, folder: Path, files: int) -> list[float]:
    """``Library.update([file])`` alone, on a copy of the library."""
    copy = Path(tempfile.mkdtemp()) / "library"
    shutil.copytree(library, copy)
    times = []
    for n in range(1000, 1000 + files):
        path = write(folder, n)
        start = time.perf_counter()
        Library(copy).update([str(path)])
        times.append(time.perf_counter() - start)
        path.unlink()
    shutil.rmtree(copy.parent)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--library", type=int, default=5000, help="articles already there")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="watch-latency-"))
    try:
        measure(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(work: Path, args: argparse.Namespace) -> None:
    folder, library, log = work / "articles", work / "library", work / "log"
    if args.library:
        from benchmarks.synthetic import generate

        generate(folder / "synthetic", args.library)
    else:
        folder.mkdir()
    env = dict(os.environ, BROADSHEET_SERVER="0")
    with log.open("w") as err:
        watcher = subprocess.Popen([sys.executable, "-m", "tui.cli", "--library", str(library),
                                    "index", "--watch", str(folder)],
                                   cwd=ROOT, env=env, stderr=err)
    try:
        while "watching" not in log.read_text():
            if watcher.poll() is not None:
                raise SystemExit(log.read_text())
            time.sleep(0.05)
        time.sleep(2)  # the watcher warms up and catches up once
        added, deleted = [], []
        for n in range(args.files):
            path = write(folder, n)
            added.append(wait(library, marker(n), 1))
            time.sleep(0.3)
            path.unlink()
            deleted.append(wait(library, marker(n), 0))
            time.sleep(0.3)
        watcher.send_signal(signal.SIGINT)
        code = watcher.wait(30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    alone = baseline(library, folder, args.files)
    print(f"library of {args.library} articles, {args.files} files, watcher exit {code}")
    for name, times in (("added -> found", added), ("deleted -> gone", deleted),
                        ("baseline: Library.update alone", alone)):
        print(f"{name:>32}: median {statistics.median(times) * 1000:6.0f} ms, "
              f"max {max(times) * 1000:6.0f} ms")
    print(f"{'added / baseline':>32}: {statistics.median(added) / statistics.median(alone):.1f}x")


if __name__ == "__main__":
    main()
