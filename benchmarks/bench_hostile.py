"""Hostile input: seconds per MB for files built to make a pattern backtrack, against an
ordinary file of the same size, in the same run.

    python -m benchmarks.bench_hostile [--kb 1024] [--stages]

Each class is one file of about ``--kb`` kilobytes, read and enriched as the indexer does
(``sources.read_file``, then what a worker does: line keys, ``enrich``, the Whoosh document,
the paragraph shingles). A pattern that backtracks shows as a ratio far above 1; the target
is at most 1 s per MB for any file under the size limit. ``--stages`` prints each stage's
seconds for the slowest classes, to find the pattern to blame.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from index import sources
from index.enrich.cleanup import line_keys
from index.enrich.duplicates import paragraph_shingles
from index.enrich.pipeline import enrich
from index.models import RawArticle
from index.schema import document

ORDINARY = ("The council of Bergen met on Monday, 3 March 2025, to argue about the harbour "
            "and the price of the new bridge; Norway's ferries ran all day.\n\n")


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _lines(dateline: str, size: int) -> str:
    """JSONL articles: a title line, then ``dateline`` (past the header's first 60
    characters, where a date must end its line to be the publication date)."""
    title = "The council of Bergen met about the harbour and the bridge on Monday"
    line = json.dumps({"text": f"{title}\n\n{dateline}\n\nzqhostile body."}) + "\n"
    return line * max(1, size // len(line))


def _feed(body: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
            f"<title>Hostile zqhostile</title><description><![CDATA[{body}]]></description>"
            "</item></channel></rss>")


HOSTILE: dict[str, tuple[str, Callable[[int], str]]] = {
    # name: (extension, size in bytes -> file text); each holds the word zqhostile
    "ordinary": ("txt", lambda n: "Ordinary zqhostile\n\n" + _repeat(ORDINARY, n)),
    "ordinary feed": ("rss", lambda n: _feed("zqhostile " + _repeat(f"<p>{ORDINARY}</p>", n))),
    "md brackets": ("md", lambda n: "# Brackets zqhostile\n\n" + "[" * n),
    "md nested brackets": ("md", lambda n: "# Nested zqhostile\n\n" + _repeat("[[(](", n)),
    "md emphasis": ("md", lambda n: "# Emphasis zqhostile\n\n" + _repeat("_a *b `c ", n)),
    "md heading spaces": ("md", lambda n: "# Heading zqhostile\n\n#" + " " * n + "x"),
    "feed < in CDATA": ("rss", lambda n: _feed("zqhostile " + "<" * n)),
    "feed tags": ("rss", lambda n: _feed("zqhostile " + _repeat("<p <b <br", n))),
    "ordinary jsonl": ("jsonl", lambda n: _lines("Bergen, 3 March 2025, the council met.", n)),
    "dateline capitals": ("jsonl", lambda n: _lines(f"Bergen, 3 March 2025, {'A' * 150}!", n)),
    "digits": ("txt", lambda n: "Digits zqhostile\n\n" + "1" * n),
    "digit groups": ("txt", lambda n: "Digits zqhostile\n\n" + _repeat("12.3.", n)),
    "spaces": ("txt", lambda n: "Spaces zqhostile\n\nword" + " " * n + "word"),
    "dots": ("txt", lambda n: "Dots zqhostile\n\n" + "." * n),
    "one long line": ("txt", lambda n: "zqhostile " + _repeat(ORDINARY.strip() + " ", n)),
    "capitals": ("txt", lambda n: "Capitals zqhostile\n\n" + _repeat("Ab ", n)),
    "quotes": ("txt", lambda n: "Quotes zqhostile\n\n" + _repeat('"«„ ', n)),
    "separators": ("txt", lambda n: "Separators zqhostile\n\n" + _repeat(" | ", n)),
}


def stages(path: Path) -> dict[str, float]:
    """Seconds of each stage of reading and indexing one file."""
    times = dict.fromkeys(("read", "line keys", "enrich", "document", "shingles"), 0.0)
    started = time.perf_counter()
    items = list(sources.read_file(path))
    times["read"] = _lap(started)
    for raw in items:
        if not isinstance(raw, RawArticle):
            raise SystemExit(f"{path.name}: {raw}")
        started = time.perf_counter()
        line_keys(raw.text)
        times["line keys"] += _lap(started)
        started = time.perf_counter()
        article = enrich(raw)
        times["enrich"] += _lap(started)
        started = time.perf_counter()
        document(article)
        times["document"] += _lap(started)
        started = time.perf_counter()
        paragraph_shingles(article.text)
        times["shingles"] += _lap(started)
    return times


def _lap(started: float) -> float:
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1024, help="file size (default 1024 kB)")
    parser.add_argument("--stages", action="store_true", help="seconds per stage")
    parser.add_argument("--only", help="only classes whose name holds this")
    args = parser.parse_args()
    size = args.kb * 1024
    stages(_write(Path(tempfile.mkdtemp()), "warm", "txt", "Warm\n\n" + ORDINARY))  # tables
    with tempfile.TemporaryDirectory() as tmp:
        base = None
        for name, (ext, make) in HOSTILE.items():
            if args.only and args.only not in name and name != "ordinary":
                continue
            path = _write(Path(tmp), name, ext, make(size))
            times = stages(path)
            total = sum(times.values())
            base = base or total
            mb = path.stat().st_size / 2**20
            detail = "  " + " ".join(f"{k} {v:.2f}" for k, v in times.items()) if args.stages \
                else ""
            print(f"{name:>20}  {total / mb:7.2f} s/MB  {total / base:6.1f}x ordinary{detail}",
                  flush=True)


def _write(folder: Path, name: str, ext: str, text: str) -> Path:
    path = folder / f"{name.replace(' ', '_').replace('<', 'lt')}.{ext}"
    path.write_text(text, "utf-8")
    return path


if __name__ == "__main__":
    main()
