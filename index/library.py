"""The service the CLI and the app call: add, search, facets, get, stats.

It hands out plain dataclasses only (``index.models``); Whoosh stays behind this module and
``schema``/``store``/``searching``, so another backend is a matter of one module.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import trust
from .models import Query, Results
from .store import (
    DB_NAME,
    INDEX_DIR,
    REBUILT_TABLES,
    SCHEMA_VERSION,
    VALUES_NAME,
    LibraryError,
    add_roots,
    check_folder,
    check_version,
    connect,
    database_error,
    init_db,
    read_version,
    roots,
    set_schema_version,
    write_lock,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .models import Article, Failure, IndexReport, Stats

ENV_LIBRARY = "BROADSHEET_LIBRARY"


def default_folder() -> Path:
    """``--library`` is resolved by the caller; then ``BROADSHEET_LIBRARY``; then the user
    data directory."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("broadsheet", appauthor=False)) / "library"


class Library:
    """One library folder. Safe to search from several threads; one writer at a time."""

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(os.path.abspath(Path(folder).expanduser() if folder
                                           else default_folder()))
        self._ix = None
        self._conn = None
        self._search_lock = threading.Lock()
        self._searching = None

    # -- opening ----------------------------------------------------------------------------
    def exists(self) -> bool:
        return (self.folder / DB_NAME).exists() and (self.folder / INDEX_DIR).is_dir()

    def _open_read(self):
        if self._ix is not None:  # its files may have been opened to others since
            trust.check(self.folder)
        if self._ix is None:
            check_folder(self.folder, create=False)
            if not self.exists():
                raise LibraryError(f"no library at {self.folder}; index something first: "
                                   "broadsheet index PATH")
            trust.check(self.folder)  # before the first pickle of the index is read
            conn = connect(self.folder, readonly=True)
            import sqlite3  # loaded by ``connect``: the app's own process never gets here

            try:
                version = read_version(conn)
            except sqlite3.Error as exc:
                conn.close()
                raise database_error(exc, self.folder) from None
            check_version(version, self.folder)
            if version is None or version < SCHEMA_VERSION:
                raise LibraryError(f"library {self.folder} is from an older broadsheet; "
                                   "rebuild it: broadsheet index --rebuild")
            self._ix = _open_index(self.folder / INDEX_DIR, self.folder)
            self._conn = conn
        return self._ix

    def _searcher_context(self):
        from .searching import Searching

        ix = self._open_read()
        with self._search_lock:
            if self._searching is None:
                self._searching = Searching(ix, self._conn, self.folder)
            return self._searching

    @property
    def is_open(self) -> bool:
        """Whether the index and database are open (for reading) in this process."""
        return self._ix is not None

    def close(self) -> None:
        if self._searching is not None:
            self._searching.close()
            self._searching = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._ix = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def add(self, paths: Iterable[str | Path] = (), rebuild: bool = False,
            progress=None) -> IndexReport:
        """Index files and folders (all known roots when ``paths`` is empty)."""
        return self._index(paths, rebuild, progress, changed=False)

    def update(self, changed: Iterable[str | Path], progress=None) -> IndexReport:
        """Bring the library up to date with ``changed`` paths (a watcher's): those that
        exist are indexed (a folder walked), those gone are removed (a folder: everything
        that was under it). No folder but these is walked, and a missing path is no error."""
        return self._index(changed, False, progress, changed=True)

    def roots(self) -> list[str]:
        """The folders indexed before (what ``add`` with no paths walks)."""
        return _known_roots(self.folder)

    def _index(self, paths: Iterable[str | Path], rebuild: bool, progress,
               changed: bool) -> IndexReport:
        with trust.private_files():
            check_folder(self.folder, create=True)
            trust.check(self.folder)
            return self._write(paths, rebuild, progress, changed)

    def _write(self, paths: Iterable[str | Path], rebuild: bool, progress,
               changed: bool) -> IndexReport:
        # isort: off
        from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh)
        # isort: on
        import sqlite3

        from whoosh import index

        from .enrich.duplicates import DuplicateIndex
        from .indexer import Indexer
        from .schema import build_schema

        given = [os.path.abspath(Path(p).expanduser()) for p in paths]
        with write_lock(self.folder):
            self.close()
            if rebuild:
                given = given or _known_roots(self.folder)  # "rebuild what I had"
                _remove_database(self.folder)  # even a damaged one: it is rebuilt from files
            conn = connect(self.folder)
            try:
                version = init_db(conn)
                check_version(version, self.folder)
                ix_dir = self.folder / INDEX_DIR
                stale = version is not None and version < SCHEMA_VERSION
                if rebuild or stale or not _index_exists(ix_dir, self.folder):
                    _reset(conn, ix_dir)
                    ix = index.create_in(str(ix_dir), build_schema())
                else:
                    ix = _open_index(ix_dir, self.folder)
                set_schema_version(conn)
                if changed:
                    everything = [p for p in given if os.path.lexists(p)]
                    prune_under = [p for p in given if not os.path.lexists(p)]
                else:
                    everything = given or roots(conn)
                    existing = [p for p in given if os.path.exists(p)]
                    add_roots(conn, [p for p in existing if os.path.isdir(p)])
                    prune_under = existing or everything
                conn.commit()
                indexer = Indexer(ix, conn, DuplicateIndex(conn), progress, watched=changed)
                report = indexer.run(everything, prune_under=prune_under)
                _write_values(self.folder, ix)
            except sqlite3.Error as exc:
                raise database_error(exc, self.folder) from None
            finally:
                conn.close()
        return report

    # -- reading ----------------------------------------------------------------------------
    def search(self, query: Query) -> Results:
        """Ranked (or date-ordered) hits, facet counts over all results, and a "did you
        mean" when little matches (``Query`` says which). Raises QueryError for a query the
        user must fix."""
        return self._searcher_context().search(query)

    def generation(self) -> int:
        """The index's generation: it grows with every commit, another process's too (a
        ``broadsheet index`` beside an open app). A look at the index folder's names."""
        return self._open_read().latest_generation()

    def match_spans(self, query: str, text: str, lang: str, prefix_last: bool = False,
                    all_languages: bool = True,
                    langs: tuple[str, ...] = ()) -> list[tuple[int, int]]:
        """(start, end) of every word of ``text`` that ``query`` matches, for highlighting
        an article: folded, stemmed in ``lang``, prefixes and fuzzy terms alike, and the
        mentions of a country a word names (``all_languages``, see ``Query``). ``langs``:
        the search's language filter (``Filters.langs``), whose forms alone it found."""
        return self._searcher_context().match_spans(query, text, lang, prefix_last,
                                                    all_languages, langs)

    def get(self, id_or_prefix: str) -> Article | None:
        return self._searcher_context().get(id_or_prefix)

    def stats(self) -> Stats:
        return self._searcher_context().stats(str(self.folder), _folder_bytes(self.folder))



VALUE_FIELDS = {"lang": "lang", "countries": "countries", "source": "source"}
"""The filters whose values shell completion offers: the key in ``values.json`` and the
index field holding them."""


def _write_values(folder: Path, ix) -> None:
    """Write ``values.json``: every language, country and source in the library, sorted,
    each one list. The shell's completion of ``--lang``, ``--country`` and ``--source``
    reads it (``broadsheet __values``) in a few milliseconds, without opening the index.

    Read from the fields' term lists, less the terms only deleted articles held (before a
    merge drops them). A value that would not print as itself (control characters) is
    left out. Written whole, then renamed over the old one: a shell never reads half."""
    values: dict[str, list[str]] = {}
    with ix.reader() as reader:
        deletions = reader.has_deletions()
        for key, field in VALUE_FIELDS.items():
            found = []
            for raw in reader.lexicon(field) if field in reader.indexed_field_names() else ():
                value = raw.decode("utf-8")
                if not value.isprintable() or not value.strip():
                    continue
                if deletions and all(reader.is_deleted(docnum) for docnum
                                     in reader.postings(field, raw).all_ids()):
                    continue
                found.append(value)
            values[key] = sorted(found, key=lambda v: (v.casefold(), v))
    import json

    target = folder / VALUES_NAME
    temporary = target.with_name(f".{VALUES_NAME}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(values, ensure_ascii=False) + "\n", "utf-8")
        os.replace(temporary, target)
    except OSError:  # completion goes without: not worth failing an index run for
        temporary.unlink(missing_ok=True)


def _index_exists(ix_dir: Path, folder: Path) -> bool:
    # isort: off
    from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh)
    # isort: on
    from whoosh import index

    try:
        return index.exists_in(str(ix_dir))
    except Exception as exc:  # a damaged table of contents: pickle or OS errors
        raise LibraryError(f"cannot open the index in {folder} ({type(exc).__name__}); "
                           "rebuild it: broadsheet index --rebuild") from None


def _open_index(ix_dir: Path, folder: Path):
    # isort: off
    from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh)
    # isort: on
    from whoosh import index

    try:
        return index.open_dir(str(ix_dir))
    except Exception as exc:  # whoosh raises EmptyIndexError, OSError, pickle errors
        raise LibraryError(f"cannot open the index in {folder} ({type(exc).__name__}); "
                           "rebuild it: broadsheet index --rebuild") from None


def _known_roots(folder: Path) -> list[str]:
    """The folders a library was built from, if its database can still say."""
    if not (folder / DB_NAME).exists():
        return []
    import sqlite3

    try:
        conn = connect(folder, readonly=True)
        try:
            return roots(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return []  # damaged: the paths must be given again


def _remove_database(folder: Path) -> None:
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            pass


def _reset(conn, ix_dir: Path) -> None:
    """Start the library over: a rebuild re-reads every file, so forget what was indexed."""
    import shutil

    if ix_dir.exists():
        shutil.rmtree(ix_dir)
    ix_dir.mkdir(parents=True)
    for table in REBUILT_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute("DROP TABLE IF EXISTS dup_shingles")
    for name, in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'dup_%'").fetchall():
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    init_db(conn)
    # The file keeps the pages of what was dropped: give them back, or a library upgraded
    # by a rebuild stays the size of its old tables. Cheap: little is left to copy.
    conn.commit()
    conn.execute("VACUUM")


def _folder_bytes(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def inspect_paths(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Detect everything for files without indexing them (``broadsheet inspect``)."""
    from . import sources
    from .models import Failure, RawArticle

    for path, problem in sources.discover(paths):
        if problem:
            yield Failure(str(path), problem)
            continue
        try:
            items = list(sources.read_file(Path(path)))
        except sources.SourceError as exc:
            yield Failure(str(path), str(exc))
            continue
        except OSError as exc:
            yield Failure(str(path), f"cannot read: {exc.strerror}")
            continue
        for item in items:
            if isinstance(item, RawArticle):
                yield _inspected(item)
            else:
                yield Failure(f"{path} ({item.entry})", item.reason)


def _inspected(raw) -> Article | Failure:
    """One read article enriched, or what went wrong (it costs only this article)."""
    from .enrich.pipeline import enrich
    from .models import Failure
    from .sources.errors import detail

    try:
        return enrich(raw)
    except Exception as exc:
        where = f"{raw.path} ({raw.entry})" if raw.entry else raw.path
        return Failure(where, f"cannot enrich: {detail(exc)}")
