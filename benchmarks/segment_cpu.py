"""CPU of writing one worker's segment: what bounds indexing on every core.

Each round reads N articles of FOLDER (spread over its files), then, in a fresh process,
writes them as one indexing worker does (``workers.add_all`` into an unlocked
``Writer`` with ``WORKER_LIMIT_MB``, then ``finish_segment``), and reports the CPU seconds
of adding the articles and of finishing the segment. Variants run in turns, so a ratio
between them is measured under the same load:

- ``as-is``: the engine as it is;
- ``full-collections``: the garbage collector as Python sets it, full collections and all
  (the engine writes a segment with young collections only: ``young_collections_only``);
- ``whoosh-stemmers``: the languages Whoosh has a Python port of Snowball for reduced by
  those ports, as the engine did before it reduced them with PyStemmer;
- ``protocol-2-blocks``: posting blocks pickled with Whoosh's protocol 2, as the engine did
  before ``writer.BLOCK_PROTOCOL``. Each round also reports the segment's postings bytes.

    python -m benchmarks.segment_cpu FOLDER [--articles 5000] [--rounds 3]
    python -m benchmarks.segment_cpu FOLDER --variants as-is   # to compare two checkouts

CPU time, not wall time: the figure other work on the machine moves least. To compare two
checkouts, run it in each in turns and compare the medians.
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
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIANTS = {
    "as-is": "the engine as it is",
    "full-collections": "the garbage collector's full collections while writing, as Python "
                        "does by default",
    "whoosh-stemmers": "Whoosh's Python Snowball ports for its 14 languages",
    "protocol-2-blocks": "posting blocks pickled with Whoosh's protocol 2",
}
WARM_UP = 50
"""Articles written before the timed ones, into a segment thrown away: the tables a worker
builds at its start (``workers.warm_up``) are not what is measured."""


def _jobs(folder: str, articles: int) -> list:
    from index import sources

    files = [path for path, problem in sources.discover([folder]) if problem is None]
    step = max(1, len(files) // max(1, articles))
    jobs = []
    for path in files[::step]:
        try:
            items = list(sources.read_file(Path(path)))
        except sources.SourceError:  # an empty or unreadable file: the indexer skips it too
            continue
        jobs += [(item, (), None) for item in items if isinstance(item, sources.RawArticle)]
        if len(jobs) >= articles + WARM_UP:
            break
    return jobs


def _whoosh_stemmers() -> None:
    """``analysis.stem`` with Whoosh's own Python ports of Snowball where Whoosh has one."""
    from whoosh.lang import stemmer_for_language
    from whoosh.lang.snowball import classes  # Whoosh's ports, by language code

    from index import analysis

    engine = analysis._stem_function

    @lru_cache(maxsize=64)  # as the engine's own
    def stem_function(lang: str):
        return stemmer_for_language(lang) if lang in classes else engine(lang)

    analysis._stem_function = stem_function
    analysis.stem.cache_clear()


def run_variant(variant: str, folder: str, articles: int) -> dict:
    # isort: off
    from index.whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh)
    # isort: on
    from whoosh import index as whoosh_index

    from index import workers
    from index.schema import build_schema
    from index.whoosh_internals import writer as writer_module
    from index.whoosh_internals.writer import Writer

    if variant == "protocol-2-blocks":
        writer_module.BLOCK_PROTOCOL = 2
    if variant == "full-collections":
        workers.young_collections_only = nullcontext
    if variant == "whoosh-stemmers":
        _whoosh_stemmers()
    jobs = _jobs(folder, articles)
    warm, timed = jobs[:WARM_UP], jobs[WARM_UP:]
    folder_ix = tempfile.mkdtemp(prefix="bs-segment-")
    try:
        ix = whoosh_index.create_in(folder_ix, build_schema())
        workers.add_all(Writer(ix, locked=False, limitmb=workers.WORKER_LIMIT_MB), warm)
        writer = Writer(whoosh_index.open_dir(folder_ix), locked=False,
                        limitmb=workers.WORKER_LIMIT_MB)
        # (a checkout from before ``young_collections_only`` collects as Python does)
        with getattr(workers, "young_collections_only", nullcontext)():
            started = time.process_time()
            workers.add_all(writer, timed)
            added = time.process_time()
            writer.finish_segment()
            finished = time.process_time()
        postings = sum(p.stat().st_size for p in Path(folder_ix).glob("*.pst"))
    finally:
        shutil.rmtree(folder_ix, ignore_errors=True)
    return {"variant": variant, "articles": len(timed), "add": added - started,
            "finish": finished - added, "cpu": finished - started, "postings": postings}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder")
    p.add_argument("--articles", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--variants", default=",".join(VARIANTS))
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(run_variant(args.child, args.folder, args.articles)))
        return 0
    variants = args.variants.split(",")
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        p.error(f"unknown variant {unknown[0]!r}: choose from {', '.join(VARIANTS)}")
    if not os.path.isdir(args.folder):
        p.error(f"{args.folder}: no such folder")
    results: dict[str, list[dict]] = {v: [] for v in variants}
    for round_ in range(1, args.rounds + 1):
        for variant in variants:
            done = subprocess.run([sys.executable, "-m", "benchmarks.segment_cpu", "--child",
                                   variant, args.folder, "--articles", str(args.articles)],
                                  cwd=REPO, capture_output=True, text=True)
            if done.returncode:
                print(f"{variant}: failed\n{done.stderr[-1500:]}", file=sys.stderr)
                return 1
            r = json.loads(done.stdout.strip().splitlines()[-1])
            results[variant].append(r)
            print(f"round {round_} {variant:17} {r['articles']:6,} articles  add {r['add']:6.2f}"
                  f"  finish {r['finish']:5.2f}  CPU {r['cpu']:6.2f} s"
                  f"  postings {r.get('postings', 0) / 2**20:6.1f} MB", flush=True)
    base = statistics.median(r["cpu"] for r in results[variants[0]])
    print()
    for variant in variants:
        median = statistics.median(r["cpu"] for r in results[variant])
        per = median / results[variant][0]["articles"] * 1000
        print(f"{variant:17} median CPU {median:6.2f} s  {per:.2f} ms/article  "
              f"{median / base:.3f}x {variants[0]}  ({VARIANTS[variant]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
