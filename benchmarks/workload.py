"""What the benchmarks run on: corpora written out as files, and the fixed query sets.

Reuters-21578 is written as one ``.txt`` file per article (title, blank line, body) in a
folder per thousand ids, as a user's archive would be; the synthetic corpus comes from
``benchmarks.synthetic``. Both are cached under the work folder (a ``.complete`` stamp says a
copy is whole) so repeated runs only pay for them once.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class QuerySet:
    """Queries for one corpus: one-shot words of different frequency, and the in-process
    set (each text is run with every filter variant)."""

    words: tuple[str, ...]
    """Single words for the one-shot CLI vs ``rg -il`` rows, frequent to rare."""
    texts: dict[str, str]
    """kind -> query text: one term (3 frequencies), two terms, a phrase, a prefix."""
    filters: dict[str, dict] = field(default_factory=dict)
    """variant -> keyword arguments of ``index.Filters`` (``none`` is no filter)."""


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path
    articles: int
    queries: QuerySet


def compile_bytecode() -> None:
    """Write the bytecode of broadsheet's own modules, as a user's copy has it from its first
    run on. Where ``PYTHONDONTWRITEBYTECODE`` is set (some CI and container images set it),
    Python would otherwise compile them from source at every start: ~0.1 s on each start-up
    measured, which no user pays."""
    import compileall
    import importlib.util

    for package in ("index", "tui"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)


def shared_folder(repo: Path, given: str | None) -> Path:
    """``--shared``, else ``$BROADSHEET_SHARED``, else ``../shared`` beside the repository."""
    found = given or os.environ.get("BROADSHEET_SHARED")
    return Path(found).expanduser().resolve() if found else (repo.parent / "shared").resolve()


# --------------------------------------------------------------------------- Reuters-21578

REUTERS_QUERIES = QuerySet(
    # document frequencies in the 21,578 articles: said 15,465; dollar 1,103; coffee 230;
    # yugoslavia 50; pesticide 3
    words=("said", "dollar", "coffee", "yugoslavia", "pesticide"),
    texts={"term-frequent": "dollar", "term-medium": "coffee", "term-rare": "yugoslavia",
           "two-terms": "oil prices", "phrase": '"interest rates"', "prefix": "bundes*",
           "browse": "*"},
)


def _reuters_filters() -> dict[str, dict]:
    from datetime import datetime

    return {"none": {}, "lang": {"langs": ("en",)}, "country": {"countries": ("US",)},
            "since": {"since": datetime(1987, 4, 1)}}


def reuters_docs(shared: Path) -> Iterator:
    """Reuters articles via ``benchmarks.corpora`` (a fallback reader if it is missing)."""
    folder = shared / "corpora" / "reuters21578"
    try:
        from .corpora import iter_reuters
    except ImportError:  # pragma: no cover - the shared reader is there in this repository
        iter_reuters = _iter_reuters
    return iter_reuters(folder)


def _iter_reuters(folder: Path) -> Iterator:
    """Minimal SGML reader: latin-1, html.unescape, control characters stripped."""
    import html
    import re
    from types import SimpleNamespace

    block = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

    def tag(text: str, name: str) -> str:
        m = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", text, re.S)
        return control.sub("", html.unescape(m.group(1))).strip() if m else ""

    for path in sorted(folder.glob("reut2-*.sgm")):
        for m in block.finditer(path.read_text(encoding="latin-1")):
            newid = re.search(r'NEWID="(\d+)"', m.group(1))
            text = tag(m.group(2), "TEXT")
            body = tag(text, "BODY") if "<BODY>" in m.group(2) else ""
            yield SimpleNamespace(id=newid.group(1) if newid else "",
                                  title=tag(m.group(2), "TITLE"), body=body or text)


def reuters_files(shared: Path, dest: Path, limit: int | None = None) -> Corpus:
    """Write Reuters (the first ``limit`` articles) as ``.txt`` files under ``dest``."""
    stamp = dest / ".complete"
    want = str(limit or "all")
    if not (stamp.exists() and stamp.read_text() == want):
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for n, doc in enumerate(reuters_docs(shared)):
            if limit and n >= limit:
                break
            number = int(doc.id or n + 1)
            folder = dest / f"r{number // 1000:02d}"
            folder.mkdir(exist_ok=True)
            (folder / f"{number:05d}.txt").write_text(f"{doc.title}\n\n{doc.body}\n",
                                                      encoding="utf-8")
        stamp.write_text(want)
    count = sum(len(files) for _, _, files in os.walk(dest)) - 1
    queries = QuerySet(REUTERS_QUERIES.words, REUTERS_QUERIES.texts, _reuters_filters())
    return Corpus(f"reuters-{count}", dest, count, queries)


# --------------------------------------------------------------------------- synthetic


def synthetic_files(dest: Path, articles: int, seed: int = 1) -> Corpus:
    from datetime import datetime

    from . import synthetic

    shard = 10_000 if articles >= 40_000 else max(1, articles // 4)
    synthetic.generate(dest, articles, seed=seed, shard_size=shard)
    de = synthetic.language("de")
    rare = de.words[len(synthetic.COMMON["de"].split()) + 4000]
    medium = de.words[len(synthetic.COMMON["de"].split()) + 150]
    queries = QuerySet(
        words=("government", "Regierung", "Kasachstan", medium, rare),
        texts={"term-frequent": "government", "term-medium": "Kasachstan",
               "term-rare": rare, "two-terms": "Regierung Abkommen",
               "phrase": '"der Regierung"', "prefix": "verhandl*",
               "browse": "*"},
        filters={"none": {}, "lang": {"langs": ("de",)}, "country": {"countries": ("US",)},
                 "since": {"since": datetime(2025, 1, 1)}},
    )
    return Corpus(f"synthetic-{articles}", dest, articles, queries)


# --------------------------------------------------------------------------- bare reading


def plain_documents(folder: Path) -> Iterator[tuple[str, str]]:
    """(title, body) of every article under ``folder``, read as simply as possible: the
    bare-Whoosh baseline indexes exactly this text."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".txt"):
                with open(path, encoding="utf-8", errors="replace") as fh:
                    title, _, body = fh.read().partition("\n")
                yield title.strip(), body.strip()
            elif name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        if line.strip():
                            item = json.loads(line)
                            yield item.get("title") or "", item.get("text") or ""
