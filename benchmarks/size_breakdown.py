"""Where a library's bytes go: per Whoosh file kind, per field, per SQLite table.

    python -m benchmarks.size_breakdown LIBRARY [--json]

Whoosh files are grouped by what follows the segment name (``.trm`` term index, ``.pst``
postings, ``._stored.col`` stored fields, ``._exact_L.col`` field lengths, ...); the term
index and postings are also split by field (each term's key and term info in ``.trm``, its
postings' extent in ``.pst``). Stored fields are split by field the way the engine stores
them, each document's pickled dict compressed with zlib (``writer.STORED_PROTOCOL``,
``STORED_LEVEL``): a field's share is what the column would lose without it, measured on a
sample of documents. SQLite tables and indexes come
from the ``dbstat`` virtual table (pages used, whole pages). A report, not a test: it reads
Whoosh's private formats (2.7.4).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import zlib
from collections import defaultdict
from pathlib import Path

from index.store import DB_NAME, INDEX_DIR

MB = 1024 * 1024
SAMPLE = 2000


def whoosh_files(folder: Path) -> dict[str, int]:
    """Bytes per file kind: the name's part after the segment's (``MAIN_x3k.trm`` -> ``.trm``)."""
    out: dict[str, int] = defaultdict(int)
    for path in (folder / INDEX_DIR).iterdir():
        kind = re.sub(r"^[A-Za-z]+_[0-9a-z]+", "", path.name) if "_" in path.name else path.name
        out[kind if kind.startswith(".") else "(toc, locks)"] += path.stat().st_size
    return dict(out)


def whoosh_fields(folder: Path) -> dict[str, dict[str, int]]:
    """Per field: term index bytes (keys and term infos, inlined postings included) and
    postings bytes; and the stored column's share per stored field."""
    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.index import open_dir

    terms: dict[str, int] = defaultdict(int)
    postings: dict[str, int] = defaultdict(int)
    stored: dict[str, float] = defaultdict(float)
    ix = open_dir(str(folder / INDEX_DIR))
    with ix.reader() as top:
        for reader in getattr(top, "readers", None) or [top]:  # MultiReader's segments
            table = reader._terms._tindex
            unmap = reader._terms._fieldunmap
            for key, value in table.items():
                field = unmap[int.from_bytes(key[:2], "big")]
                terms[field] += len(key) + len(value)
                info = W3TermInfo.from_bytes(value)
                if not info.is_inlined():
                    length = info.extent()[1]  # Whoosh reads it as a 1-tuple
                    postings[field] += length[0] if isinstance(length, tuple) else length
            for field, share in _stored_shares(reader).items():
                stored[field] += share
    return {"terms": dict(terms), "postings": dict(postings),
            "stored": {k: round(v) for k, v in stored.items()}}


def _stored_shares(reader) -> dict[str, float]:
    """Each stored field's share of the stored column, from a sample of documents."""
    from index.whoosh_internals.writer import STORED_LEVEL, STORED_PROTOCOL, pickled

    def size(fields: dict) -> int:
        return len(zlib.compress(pickled(fields, STORED_PROTOCOL), STORED_LEVEL))

    n = reader.doc_count_all()
    step = max(1, n // SAMPLE)
    whole: float = 0
    without: dict[str, float] = defaultdict(float)
    docs = 0
    for docnum in range(0, n, step):
        fields = reader.stored_fields(docnum)
        whole_doc = size(fields)
        whole += whole_doc
        for name in fields:
            without[name] += whole_doc - size({k: v for k, v in fields.items() if k != name})
        docs += 1
    column = sum(p.stat().st_size for p in Path(reader._storage.folder).glob(
        f"{reader._segment.segment_id()}._stored.col")) if hasattr(reader, "_segment") else 0
    scale = column / whole if whole and column else n / max(docs, 1)
    return {name: share * scale for name, share in without.items()}


def sqlite_tables(folder: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{(folder / DB_NAME).absolute().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        return dict(rows.fetchall())
    finally:
        conn.close()


def breakdown(folder: Path) -> dict:
    files = whoosh_files(folder)
    others = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
    return {"whoosh_files": files, "whoosh_fields": whoosh_fields(folder),
            "sqlite": sqlite_tables(folder), "other_files": others,
            "total": sum(files.values()) + sum(others.values())}


def _print(title: str, sizes: dict[str, int | float], total: float) -> None:
    print(f"\n{title}")
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        if size >= 0.001 * total:
            print(f"  {name:32} {size / MB:9.1f} MB  {100 * size / total:5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.library / INDEX_DIR).is_dir():
        parser.error(f"{args.library}: not a library folder (it has no {INDEX_DIR} folder)")
    out = breakdown(args.library)
    if args.json:
        print(json.dumps(out, indent=1))
        return
    total = out["total"]
    print(f"library {args.library}: {total / MB:.1f} MB")
    _print("whoosh files", out["whoosh_files"], total)
    for kind, sizes in out["whoosh_fields"].items():
        _print(f"whoosh {kind} by field", sizes, total)
    _print("sqlite tables and indexes (dbstat)", out["sqlite"], total)
    _print("library files", out["other_files"], total)


if __name__ == "__main__":
    main()
