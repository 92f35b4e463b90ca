"""The engine's share of typing: its CPU time for each key of words typed into the app.

    python -m benchmarks.typing_engine LIBRARY [--words a,b] [--repeats 3] [--facets]

Each word is typed key by key as the search screen asks for it (``tui.engine.request.typed``,
the screenful of 8 hits at 80x24, no facets while the panel is closed: ``--facets`` counts
them too), on a library opened afresh for each repeat, so what a searcher keeps from one
key for the next counts as it does in the app. CPU time of this process (the engine
process's work, without the app or the terminal), the least of the repeats: a loaded
machine changes it less than wall-clock time. The figure for the app as a person sees it
is ``benchmarks.tmux_app``'s typing row.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from .tmux_app import TYPED


def measure(library: Path, words: tuple[str, ...] = TYPED, repeats: int = 3, shown: int = 8,
            facets: bool = False) -> dict[str, dict[str, float]]:
    """Milliseconds of CPU per key: word -> typed prefix -> the least of ``repeats``."""
    from index import Library
    from tui.engine.request import EVERYTHING, search, typed

    keys: dict[str, dict[str, list[float]]] = {w: {} for w in words}
    for _ in range(repeats):
        with Library(library) as lib:
            search(lib, replace(EVERYTHING, limit=shown, facets=False))  # the first screen
            for word in words:
                for end in range(1, len(word) + 1):
                    query = replace(typed(EVERYTHING, word[:end]), limit=shown, facets=facets)
                    started = time.process_time()
                    search(lib, query)
                    spent = (time.process_time() - started) * 1000
                    keys[word].setdefault(word[:end], []).append(spent)
    return {w: {p: min(v) for p, v in typed_keys.items()} for w, typed_keys in keys.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.typing_engine",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("library", type=Path)
    p.add_argument("--words", default=",".join(TYPED))
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--facets", action="store_true", help="count the facets on every key")
    args = p.parse_args(argv)
    words = tuple(w for w in args.words.split(",") if w)
    found = measure(args.library.resolve(), words, args.repeats, facets=args.facets)
    last = {w: found[w][w] for w in words}
    every = [ms for typed_keys in found.values() for ms in typed_keys.values()]
    print("last key of each word (ms of CPU): "
          + ", ".join(f"{w} {ms:.1f}" for w, ms in last.items()))
    print(f"  median {statistics.median(last.values()):.1f}, max {max(last.values()):.1f}; "
          f"every key: {len(every)} keys, {sum(every):.0f} ms in all, "
          f"slowest {max(every):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
