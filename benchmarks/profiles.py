"""Where the time goes: profiles of indexing and of one-shot ``broadsheet search``.

Run by ``python -m benchmarks.run --profile`` (after the timed runs, so profiling overhead
never touches a timing). Writes to ``OUT/profiles/``:

- ``index-<corpus>.pstats`` / ``.txt``: cProfile of ``Library.add`` on a slice of the
  corpus into an empty library;
- ``search-<corpus>.pstats`` / ``.txt``: cProfile of one ``broadsheet search WORD`` process;
- ``search-<corpus>-importtime.txt``: ``python -X importtime`` of the same command, with the
  slowest imports first;
- ``search-<corpus>-pyinstrument.txt``: a call tree, when pyinstrument is installed (it is
  not a dependency: ``pip install pyinstrument`` to get it).
"""

from __future__ import annotations

import io
import json
import os
import pstats
import shutil
import subprocess
import sys
from pathlib import Path

from .workload import Corpus

REPO = Path(__file__).resolve().parent.parent
INDEX_SLICE = 3000
"""Articles profiled for indexing: enough for the batch and enrichment costs to show."""
WATCH = (
    "enrich", "clean_text", "detect_language", "find_header_date", "find_mentions",
    "update_document", "commit", "add_many", "read_file", "_count_repeated_lines", "document",
    "_visit", "stem", "fold",
)
"""Functions whose cumulative time is always reported, hot or not."""


def profile_corpus(corpus: Corpus, library: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    return {"index": profile_index(corpus, out),
            "search": profile_search(corpus, library, out)}


def _slice(corpus: Corpus, out: Path) -> Path:
    """A folder of the first INDEX_SLICE article files (symlinks, so nothing is copied)."""
    folder = out / f"slice-{corpus.name}"
    if folder.exists():
        shutil.rmtree(folder)
    taken = 0
    for root, dirs, files in os.walk(corpus.folder):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt") or taken >= INDEX_SLICE:
                continue
            source = Path(root, name)
            target = folder / source.parent.name / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            taken += 1
    return folder


def profile_index(corpus: Corpus, out: Path) -> dict:
    folder = _slice(corpus, out)
    library = out / f"lib-{corpus.name}"
    shutil.rmtree(library, ignore_errors=True)
    stats = out / f"index-{corpus.name}.pstats"
    args = json.dumps({"folder": str(folder), "library": str(library)})
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m",
                    "benchmarks.probe", "index", args], cwd=REPO, check=True,
                   capture_output=True)
    shutil.rmtree(library, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    return _summarise(stats, out / f"index-{corpus.name}.txt")


def profile_search(corpus: Corpus, library: Path, out: Path) -> dict:
    word = corpus.queries.words[2]
    cli = ["-m", "tui.cli", "--library", str(library), "search", word]
    stats = out / f"search-{corpus.name}.pstats"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), *cli], cwd=REPO,
                   capture_output=True)
    summary = _summarise(stats, out / f"search-{corpus.name}.txt")
    summary["word"] = word
    summary["imports"] = _importtime(cli, out / f"search-{corpus.name}-importtime.txt")
    try:
        import pyinstrument  # noqa: F401  (optional: only for the call tree)
    except ImportError:
        pass
    else:
        tree = out / f"search-{corpus.name}-pyinstrument.txt"
        subprocess.run([sys.executable, "-m", "pyinstrument", "-o", str(tree),
                        "-m", "tui.cli", *cli[2:]], cwd=REPO, capture_output=True)
    return summary


def _summarise(stats_file: Path, text_file: Path, top: int = 25) -> dict:
    stream = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top + 15)
    text_file.write_text(stream.getvalue())
    rows = []
    for (file, line, name), (_, nc, tt, ct, _) in stats.stats.items():
        rows.append({"where": f"{_short(file)}:{line}:{name}", "name": name, "calls": nc,
                     "tottime_ms": tt * 1000, "cumtime_ms": ct * 1000})
    by_self = sorted(rows, key=lambda r: -r["tottime_ms"])[:top]
    watched = sorted((r for r in rows if r["name"] in WATCH and _ours(r["where"])),
                     key=lambda r: -r["cumtime_ms"])
    return {"total_ms": stats.total_tt * 1000, "top_self": by_self, "watched": watched,
            "text": str(text_file)}


def _ours(where: str) -> bool:
    return where.startswith(("index/", "tui/", "whoosh/"))


def _short(file: str) -> str:
    for marker in ("/site-packages/", str(REPO) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _importtime(cli: list[str], text_file: Path, top: int = 30) -> list[dict]:
    """Slowest imports (cumulative µs) of one search process."""
    done = subprocess.run([sys.executable, "-X", "importtime", *cli], cwd=REPO,
                          capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative, name = line[len("import time:"):].split("|", 2)
        name = name.rstrip()[1:]  # one space after the bar, then two per nesting level
        rows.append({"module": name.strip(), "depth": (len(name) - len(name.lstrip())) // 2,
                     "self_ms": int(self_us) / 1000, "cumulative_ms": int(cumulative) / 1000})
    slow = sorted(rows, key=lambda r: -r["cumulative_ms"])[:top]
    text_file.write_text("\n".join(f"{r['cumulative_ms']:8.1f} ms  {r['self_ms']:7.1f} ms  "
                                   f"{'  ' * r['depth']}{r['module']}" for r in slow) + "\n")
    return slow
