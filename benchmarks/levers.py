"""What-if runs for indexing: the same ``Library.add`` with one engine setting changed.

The engine is not edited: each variant patches a setting inside its own fresh process, so
the lead can see what a change would buy before making it.

    python -m benchmarks.levers FOLDER [FOLDER...] [--variants default,one-commit,...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIANTS = {
    "default": "the engine as it is",
    "one-commit": "BATCH_ARTICLES so large that the run commits once (no repeated merges)",
    "add-document": "add_document instead of update_document (a fresh index: no id to replace)",
    "no-merge": "every batch commits with mergetype=NO_MERGE (one segment per batch)",
    "no-stem-field": "documents without the stem field (upper bound of dropping it)",
    "no-enrich": "enrich() replaced by title/text pass-through (Whoosh + reading only)",
}


def _apply(variant: str) -> None:
    import index.indexer as indexer

    if variant == "one-commit":
        indexer.BATCH_ARTICLES = 10**9
    elif variant == "add-document":
        from whoosh import writing

        # update_document opens a reader over every committed segment for each document
        writing.SegmentWriter.update_document = writing.SegmentWriter.add_document
    elif variant == "no-merge":
        from whoosh import writing

        commit = writing.SegmentWriter.commit

        def no_merge(self, mergetype=None, optimize=False, merge=True):
            return commit(self, mergetype=writing.NO_MERGE)

        writing.SegmentWriter.commit = no_merge
    elif variant == "no-stem-field":
        document = indexer.document
        indexer.document = lambda article: {k: v for k, v in document(article).items()
                                            if k != "stem"}
    elif variant == "no-enrich":
        from index.models import Article

        def plain(raw, repeated=(), lang_prior=None):
            return Article(id=indexer.article_id(raw.path, raw.entry), path=raw.path,
                           format=raw.format, title=raw.title or "", text=raw.text)

        indexer.enrich = plain


def run_variant(variant: str, folders: list[str]) -> dict:
    _apply(variant)
    from index import Library, Query

    library = Path(tempfile.mkdtemp(prefix="bs-lever-"))
    try:
        started = time.perf_counter()
        with Library(library) as lib:
            report = lib.add(folders)
        seconds = time.perf_counter() - started
        with Library(library) as lib:  # the index must still answer
            found = lib.search(Query("oil", limit=5)).total
    finally:
        shutil.rmtree(library, ignore_errors=True)
    return {"variant": variant, "seconds": seconds, "articles": report.articles,
            "rate": report.articles / seconds, "oil_hits": found}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="+")
    p.add_argument("--variants", default=",".join(VARIANTS))
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(run_variant(args.child, args.folders)))
        return 0
    for variant in args.variants.split(","):
        done = subprocess.run([sys.executable, "-m", "benchmarks.levers", "--child", variant,
                               *args.folders], cwd=REPO, capture_output=True, text=True)
        if done.returncode:
            print(f"{variant}: failed\n{done.stderr[-1500:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{variant:14} {r['articles']:7,} articles {r['seconds']:7.1f} s "
              f"{r['rate']:6.0f}/s  ('oil': {r['oil_hits']} hits)  {VARIANTS[variant]}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
