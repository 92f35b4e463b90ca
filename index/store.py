"""The library directory: the Whoosh index, the file manifest, the write lock.

Layout of a library folder::

    whoosh/          the index (non-compound segments: a searcher opens them without
                     copying each segment into memory)
    library.sqlite   schema version, indexed roots, one row per file (size, mtime, hash,
                     article ids), bad entries of files, line counts per source,
                     near-duplicate shingles and links
    facets-*.bin     facet sets of the current index snapshot (a cache; safe to delete)
    write.lock       held (flock) by the one process that writes

Whoosh commits first, then the manifest: a crash between the two only means the next run
re-reads those files, and the indexer deletes any id it is about to add, so ids stay unique.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3

SCHEMA_VERSION = 13
"""Bump when a field or analyzer of ``schema`` changes, or what enrichment stores (8: word
positions stored as ``positions.Places``; 9: words reduced in 37 languages, not 14; 10:
Estonian reduced by its own rules, Finnish evened out after Snowball, copies of an
article counted once as boilerplate; 11: the ``parts`` of compounds; 12: near-duplicate
shingles hashed in 32 bits, the manifest's tables without rowids; 13: the 14 languages
Whoosh's Python Snowball reduced, reduced by PyStemmer's Snowball):
older libraries are then rebuilt from their files."""

REBUILT_TABLES = ("files", "file_problems", "line_counts", "line_texts")
"""What a rebuild starts over (``roots`` and ``meta`` stay): dropped and made again, so a
library from an older broadsheet gets the tables as they are now."""

DB_NAME = "library.sqlite"
INDEX_DIR = "whoosh"
VALUES_NAME = "values.json"
"""The library's languages, countries and sources, for shell completion (``values``)."""
LOCK_NAME = "write.lock"


class LibraryError(Exception):
    """A problem with the library itself; the message says what and how to fix it."""


class LibraryBusy(LibraryError):
    pass


@dataclass
class FileRecord:
    """One indexed file. For a web archive, ``size`` is the offset after its last whole
    record indexed (its size once read to the end; a later run reads on from there) and
    ``digest`` the hash of the file up to there; ``mtime_ns`` is 0 until it was read to
    the end, so that a later run looks again."""

    path: str
    size: int
    mtime_ns: int
    digest: str
    ids: list[str]


_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS roots (path TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, digest TEXT, ids TEXT)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS file_problems (path TEXT, entry TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS line_counts (
    source TEXT, key INTEGER, docs INTEGER, PRIMARY KEY (source, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS line_texts (
    source TEXT, key INTEGER, PRIMARY KEY (source, key)) WITHOUT ROWID;
"""


def connect(folder: Path, readonly: bool = False) -> sqlite3.Connection:
    """The manifest database. Readers open it read-only: they never wait for, or block,
    an indexer (WAL mode lets them read the last committed state while it writes)."""
    import sqlite3  # here: the app's own process never opens it (its engine process does)

    path = folder.absolute() / DB_NAME
    try:
        if readonly:
            # In a folder we cannot write, SQLite cannot make the WAL's shared-memory file:
            # open the database as immutable (nobody can be writing it there anyway).
            fixed = "" if os.access(folder, os.W_OK) else "&immutable=1"
            return sqlite3.connect(f"{file_uri(path)}?mode=ro{fixed}", uri=True, timeout=30,
                                   check_same_thread=False)
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn
    except sqlite3.Error as exc:
        raise database_error(exc, folder) from None


_URI_KEPT = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def file_uri(path: Path) -> str:
    """``path`` (absolute) as a ``file:`` URI, each byte of its name but letters, digits
    and ``_.-~/`` percent-encoded: what ``Path.as_uri`` gives, without importing
    ``urllib.parse`` for it (``_lean_stdlib``)."""
    return "file://" + "".join(chr(b) if b in _URI_KEPT else f"%{b:02X}"
                               for b in os.fsencode(path))


def database_error(exc: sqlite3.Error, folder: Path) -> LibraryError:
    """An SQLite failure as a message a user can act on."""
    text = str(exc)
    if "full" in text:
        return LibraryError(f"disk full while writing library {folder}; free some space "
                            "and index again (what was committed is kept)")
    if "not a database" in text or "malformed" in text:
        return LibraryError(f"library {folder} is damaged ({text}); rebuild it: "
                            "broadsheet index --rebuild")
    if "readonly" in text or "read-only" in text:
        return LibraryError(f"library {folder} is read-only; choose a writable --library")
    return LibraryError(f"cannot use library {folder}: {text}")


def read_version(conn: sqlite3.Connection) -> int | None:
    """The schema version a library was written with (None: not a library yet)."""
    import sqlite3  # loaded with ``conn``

    try:
        row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return int(row[0]) if row else None


def check_folder(folder: Path, create: bool) -> None:
    """Make sure ``folder`` can hold a library; raise LibraryError saying what is wrong."""
    if folder.exists() and not folder.is_dir():
        raise LibraryError(f"library {folder} is a file, not a folder; choose another --library")
    if not folder.exists():
        if not create:
            raise LibraryError(f"no library at {folder}; index something first: "
                               "broadsheet index PATH")
        try:
            folder.mkdir(parents=True, exist_ok=True)  # another indexer may be making it too
        except OSError as exc:
            raise LibraryError(f"cannot create library {folder}: {exc.strerror}") from None
    if create and not os.access(folder, os.W_OK):
        raise LibraryError(f"library {folder} is read-only; choose a writable --library")


def init_db(conn: sqlite3.Connection) -> int | None:
    """Create tables; return the schema version the library was written with (None: new)."""
    for statement in filter(str.strip, _TABLES.split(";")):
        conn.execute(statement)
    return read_version(conn)


def set_schema_version(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))


def check_version(found: int | None, folder: Path) -> None:
    if found is not None and found > SCHEMA_VERSION:
        raise LibraryError(
            f"library {folder} was written by a newer broadsheet (schema {found}, this one "
            f"reads {SCHEMA_VERSION}); upgrade broadsheet or use another --library")


def find_files(conn: sqlite3.Connection, paths: Sequence[str]) -> dict[str, FileRecord]:
    """The records of those of ``paths`` that were indexed, in one query (keep ``paths``
    to a few hundred). An indexing run looks its files up a window at a time: it held every
    record at once before, 1,109 MB at the peak of a no-op run over the 750,000 files of a
    million synthetic articles."""
    import json  # here: a search never reads the files table

    marks = ",".join("?" * len(paths))
    rows = conn.execute(f"SELECT path, size, mtime_ns, digest, ids FROM files "
                        f"WHERE path IN ({marks})", [_key(p) for p in paths])
    return {_str(r[0]): FileRecord(_str(r[0]), r[1], r[2], r[3], json.loads(r[4]))
            for r in rows}


def file_paths(conn: sqlite3.Connection) -> Iterator[str]:
    """Every indexed file's path, one at a time (write to the table only once through)."""
    return (_str(row[0]) for row in conn.execute("SELECT path FROM files"))


def save_files(conn: sqlite3.Connection, records: list[FileRecord]) -> None:
    import json

    conn.executemany(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
        [(_key(r.path), r.size, r.mtime_ns, r.digest, json.dumps(r.ids)) for r in records])


def forget_files(conn: sqlite3.Connection, paths: list[str]) -> None:
    conn.executemany("DELETE FROM files WHERE path = ?", [(_key(p),) for p in paths])
    conn.executemany("DELETE FROM file_problems WHERE path = ?", [(_key(p),) for p in paths])


def load_problems(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """Bad entries of indexed files (a broken JSONL line), reported again on every run."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path, entry, reason in conn.execute("SELECT path, entry, reason FROM file_problems"):
        out.setdefault(_str(path), []).append((entry, reason))
    return out


def save_problems(conn: sqlite3.Connection, path: str, problems: list[tuple[str, str]]) -> None:
    conn.execute("DELETE FROM file_problems WHERE path = ?", (_key(path),))
    conn.executemany("INSERT INTO file_problems VALUES (?, ?, ?)",
                     [(_key(path), entry, reason) for entry, reason in problems])


def roots(conn: sqlite3.Connection) -> list[str]:
    return [_str(r[0]) for r in conn.execute("SELECT path FROM roots ORDER BY path")]


def add_roots(conn: sqlite3.Connection, paths: list[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO roots VALUES (?)", [(_key(p),) for p in paths])


def _key(path: str) -> bytes:
    """A path as the bytes the file system knows it by: a file name that is not valid UTF-8
    (held in ``str`` as lone surrogates) cannot be stored as SQLite text."""
    return path.encode("utf-8", "surrogateescape")


def _str(key: bytes | str) -> str:
    return key.decode("utf-8", "surrogateescape") if isinstance(key, bytes) else key


@contextmanager
def write_lock(folder: Path) -> Iterator[None]:
    """Hold the library's write lock, or raise LibraryBusy at once.

    flock is released by the kernel when the process dies, even by ``kill -9``; a lock
    file left behind is harmless.
    """
    path = folder / LOCK_NAME
    try:
        handle = open(path, "a+")
    except OSError as exc:
        raise LibraryError(f"cannot write to library {folder}: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise LibraryBusy(
                    f"library busy: {holder} is indexing {folder}; try again when it "
                    "finishes") from None
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(f"broadsheet (pid {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_links(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """Other article id -> shared paragraphs, for each of ``ids`` (the near-duplicates
    ``enrich.duplicates`` linked); one query per 500 ids.

    Read-only, for searchers: it creates nothing and writes nothing, so it neither waits
    for an indexer's transaction nor fails on a read-only library. Here, not beside the
    linking, so a search does not import what the linking needs (its patterns, hashing:
    ~3-5 ms of a one-shot search's start, ``python -X importtime``)."""
    import sqlite3  # loaded with ``conn``

    out: dict[str, dict[str, int]] = {doc_id: {} for doc_id in ids}
    keys = list(out)
    try:
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = conn.execute(
                "SELECT d.key, o.key, l.n FROM dup_docs d JOIN dup_links l ON l.a = d.id"
                f" JOIN dup_docs o ON o.id = l.b WHERE d.key IN ({','.join('?' * len(chunk))})"
                " ORDER BY l.n DESC, o.key", chunk)
            for key, other, n in rows:
                out[key][other] = n
    except sqlite3.OperationalError:  # no tables yet: nothing indexed, nothing linked
        pass
    return out
