"""The incremental indexer: files in, committed batches of enriched articles out.

A file is re-read only when its size or mtime changed, and re-indexed only when its content
hash changed. Work is committed in batches (Whoosh first, then the manifest), so a crash or
``kill -9`` keeps every finished batch and the next run picks up the rest.

A web archive is streamed, a record at a time, and committed as it goes: its manifest entry
keeps, as its size, the offset after the last whole record committed and, as its digest, the
hash of the file up to there. An archive that grew (a crawl still running), or whose run was
killed midway, is read on from that offset when the bytes before it are still the same; one
that changed before it is read again from the start. A large archive's pages are read
(trafilatura) by the worker processes, a few dozen at a time, while this process reads on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from . import sources
from .enrich.duplicates import unpack_paragraphs
from .enrich.pipeline import article_id, source_of
from .models import Failure, IndexReport, RawArticle
from .store import (
    FileRecord,
    file_paths,
    find_files,
    forget_files,
    load_problems,
    save_files,
    save_problems,
)
from .whoosh_internals.writer import NO_MERGE, Writer
from .workers import PARALLEL_FROM, Outcome, Workers, keys_or_none

PAGES_PER_TASK = 32
"""Pages of a web archive one worker task reads (trafilatura) into articles."""
PARALLEL_WARC_PAGES = PARALLEL_FROM
"""A web archive's pages past this many are read by the worker processes, which a batch of
this many articles starts anyway (to write it); an archive of fewer is read here."""
HASH_CHUNK = 4 * 2**20
ARCHIVE_BATCH_ARTICLES = 1_000
"""A web archive's pages are committed this many per worker process at a time (2,000 on two
cores), and a killed run loses little. A worker grows by ~140 kB for each article of its
part of a batch (1,000 articles: 115 -> 257 MB) and keeps what it grew to: at 5,000 a batch,
each of two workers stayed at ~390 MB while a 1 GB WARC (22,000 pages) was indexed, and all
processes together at 995 MB, against a bound of 1 GB."""

BATCH_ARTICLES = 20_000
"""Articles per commit: about the most a crash can cost (half a minute of work or so). Each
commit adds a segment per worker, and merging segments costs as much as writing them, so
batches are large: 21,578 Reuters articles make one batch (``_batch_full``), 2 segments."""
LOOKUP_WINDOW = 500
"""Files whose records in the library one query fetches as a run visits them
(``store.find_files``): memory bound by this, not by the library's files."""
KEYS_CHUNK = 500
"""Articles whose boilerplate line keys one worker task computes while the batch is read."""
REPEATED_MIN_DOCS = 5
"""A line in at least this many articles of one source is boilerplate (site furniture)."""

PRIOR_ARTICLES = 5
"""A source is known to write in one language once the library holds this many of its
articles with a language detected..."""
PRIOR_SHARE = 0.9
"""...and this share of them are in that language (a bilingual feed has no prior)."""

Progress = Callable[[int, int, str], None]


def source_languages(ix) -> dict[str, str]:
    """Source -> the language nearly all its indexed articles are in (``PRIOR_ARTICLES``,
    ``PRIOR_SHARE``), from the index's own postings: no article is read."""
    from .models import UNDETERMINED

    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return {}
        langs = {term.decode("utf-8"): set(reader.postings("lang", term).all_ids())
                 for term in reader.lexicon("lang")}
        langs.pop(UNDETERMINED, None)
        priors = {}
        for term in reader.lexicon("source"):
            docs = set(reader.postings("source", term).all_ids())
            counts = {lang: len(docs & held) for lang, held in langs.items()}
            known = sum(counts.values())
            if known < PRIOR_ARTICLES:
                continue
            lang, most = max(counts.items(), key=lambda item: item[1])
            if most >= PRIOR_SHARE * known:
                priors[term.decode("utf-8")] = lang
        return priors


@dataclass
class _Pending:
    """A changed file, read and waiting to be indexed in the current batch."""

    record: FileRecord
    articles: list[RawArticle]
    old_ids: list[str]


class _Clock:
    """Where a run's time goes, step by step (``IndexReport.steps``): each moment counts
    for the innermost step running then (a commit in the middle of reading an archive is
    the commit's), so the steps add up to the run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._running: list[str] = []
        self._since = time.perf_counter()

    def _switch(self) -> None:
        now = time.perf_counter()
        if self._running:
            step = self._running[-1]
            self.seconds[step] = self.seconds.get(step, 0.0) + now - self._since
        self._since = now

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self._switch()
        self._running.append(name)
        try:
            yield
        finally:
            self._switch()
            self._running.pop()


@dataclass
class _Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    articles: int = 0
    failed: list[Failure] = field(default_factory=list)
    notes: list[Failure] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)


class Indexer:
    """One indexing run over a library (the caller holds the write lock)."""

    def __init__(self, ix, conn, duplicates, progress: Progress | None = None,
                 workers: Workers | None = None, watched: bool = False):
        self.ix, self.conn, self.duplicates = ix, conn, duplicates
        self.choose = to_merge_watched if watched else to_merge
        """Which segments a commit merges: a watched folder's frequent small commits fold
        only small segments (``to_merge_watched``)."""
        self.workers = workers or Workers()
        self.progress = progress or (lambda done, total, path: None)
        self.problems = load_problems(conn)
        self._records: dict[str, FileRecord] = {}
        """The library's records of the next LOOKUP_WINDOW files to visit (``_run``)."""
        self.tally = _Tally()
        self.clock = _Clock()
        self.batch: list[_Pending] = []
        self.batch_size = 0
        self._priors: dict[str, str] | None = None
        self._keys: list[tuple[Future | None, list[str]]] = []
        """The batch's texts in chunks of KEYS_CHUNK, each with the future of its line keys
        when a worker computes them as the batch is read (None: keyed at the commit)."""
        self._unkeyed: list[str] = []
        self._deleted: list[str] = []
        self._forgotten: list[str] = []
        self._repeated: list[str] = []
        """Ids an archive gave again after an earlier batch of this run wrote them."""
        self._written: set[str] = set()
        """The segments this run's batches wrote and committed with their records: a new
        article's id cannot be in them unless the batch that wrote it named it (``_commit``)."""

    def run(self, paths: Iterable[str], prune_under: Iterable[str]) -> IndexReport:
        started = time.perf_counter()
        with self.workers:
            self._run(paths, prune_under)
        t = self.tally
        return IndexReport(added=t.added, updated=t.updated, unchanged=t.unchanged,
                           removed=t.removed, failed=tuple(t.failed), notes=tuple(t.notes),
                           articles=t.articles, seconds=time.perf_counter() - started,
                           skipped=tuple(t.skipped.most_common()),
                           records=tuple(t.records.most_common()),
                           steps=tuple(self.clock.seconds.items()))

    def _run(self, paths: Iterable[str], prune_under: Iterable[str]) -> None:
        found = _Found()
        problems: dict[str, str] = {}
        with self.clock.step("finding files"):
            for file, problem in sources.discover(paths, self.tally.skipped):
                found.add(file)
                if problem:
                    problems[file] = problem
        done = 0
        prefetch = _Prefetch()
        for window in found.windows(LOOKUP_WINDOW):
            with self.clock.step("reading files"):
                self._records = find_files(self.conn, window)  # the next files' records
            prefetch.start([key for key in window if key not in self._records])
            for key in window:
                prefetch.before(key)
                done += 1
                self.progress(done, len(found), key)
                if key in problems:
                    self.tally.failed.append(Failure(key, problems[key]))
                    continue
                with self.clock.step("reading files"):
                    if sources.is_warc(key):
                        self._visit_warc(key)
                    else:
                        self._visit(key)
                self.workers.prepare(self.batch_size)
                if self._batch_full(files_left=len(found) - done):
                    self._commit()
        with self.clock.step("finding files"):
            self._remove_missing(prune_under, lambda key: key in found and key not in problems)
        self._commit(final=True)

    @staticmethod
    def _batch_most() -> int:
        """No batch holds more articles than this (a quarter more than BATCH_ARTICLES),
        unless one file does: a file that would take the batch past it waits for the next
        one (``_visit``). The indexer and each worker hold their part of a batch's texts
        while it is written, so memory follows the largest batch; before, a file of 10,000
        articles (a JSONL shard) read at 19,999 made a batch of 30,000."""
        return BATCH_ARTICLES + BATCH_ARTICLES // 4

    def _batch_full(self, files_left: int) -> bool:
        """Commit now? At BATCH_ARTICLES, unless the files still to read are few (a
        quarter of a batch or less): those join this batch rather than making a small one,
        with a small segment per worker, of their own. (21,578 Reuters files: one batch.)
        A batch never grows past ``_batch_most``."""
        if self.batch_size >= self._batch_most():
            return True
        return self.batch_size >= BATCH_ARTICLES and files_left > BATCH_ARTICLES // 4

    # -- one file -------------------------------------------------------------------------
    def _changed(self, key: str, old: FileRecord | None) -> os.stat_result | None:
        """The file's ``stat``, or None (counted unchanged) when its size and modification
        time are those it was indexed with. Raises OSError as ``stat`` does."""
        stat = os.stat(key)
        if old and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
            self._unchanged(key)
            return None
        return stat

    def _visit(self, key: str) -> None:
        old = self._records.get(key)
        try:
            stat = self._changed(key, old)
            if stat is None:
                return
            sources.check_size(stat.st_size, sources.extension(key))
            path = Path(key)
            data = path.read_bytes()
        except sources.SourceError as exc:
            self.tally.failed.append(Failure(key, str(exc)))
            return
        except OSError as exc:
            self.tally.failed.append(Failure(key, f"cannot read: {exc.strerror}"))
            return
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        record = FileRecord(key, stat.st_size, stat.st_mtime_ns, digest, [])
        if old and old.digest == digest:
            record.ids = old.ids
            save_files(self.conn, [record])
            self._unchanged(key)
            return
        articles = self._read(path, key, data)
        if articles is None:
            return
        if self.batch and self.batch_size + len(articles) > self._batch_most():
            self._commit()  # the batch so far, before a large file would take it past
        record.ids = list(dict.fromkeys(article_id(a.path, a.entry) for a in articles))
        self.batch.append(_Pending(record, articles, old.ids if old else []))
        self.batch_size += len(articles)
        self._unkeyed += [raw.text for raw in articles]
        if len(self._unkeyed) >= KEYS_CHUNK:
            self._keys.append((self.workers.line_keys(self._unkeyed), self._unkeyed))
            self._unkeyed = []
        if old:
            self.tally.updated += 1
        else:
            self.tally.added += 1

    # -- one web archive ----------------------------------------------------------------------
    def _visit_warc(self, key: str) -> None:
        old = self._records.get(key)
        try:
            stat = self._changed(key, old)
            if stat is None:
                return
            with open(key, "rb") as stream:
                prefix = _Prefix(stream.fileno())
                start = self._resume_at(prefix, old, stat.st_size)
                if old and start == stat.st_size:  # touched, not grown
                    save_files(self.conn, [FileRecord(key, start, stat.st_mtime_ns,
                                                      old.digest, old.ids)])
                    self._unchanged(key)
                    return
                _ArchiveRun(self, key, stream, prefix, start, old, stat).run()
        except sources.SourceError as exc:
            self.tally.failed.append(Failure(key, str(exc)))
            return
        except OSError as exc:
            self.tally.failed.append(Failure(key, f"cannot read: {exc.strerror or exc}"))
            return
        if old:
            self.tally.updated += 1
        else:
            self.tally.added += 1

    @staticmethod
    def _resume_at(prefix: _Prefix, old: FileRecord | None, size: int) -> int:
        """Where to read an archive from: the end of what was committed of it, when the
        file still holds those bytes unchanged; else its start."""
        if old and 0 < old.size <= size:
            prefix.advance(old.size)
            if prefix.digest() == old.digest:
                return old.size
            prefix.restart()
        return 0

    def _unchanged(self, key: str) -> None:
        """An unchanged file is not read again, but its bad entries are still reported."""
        self.tally.unchanged += 1
        for entry, reason in self.problems.get(key, ()):
            self.tally.failed.append(Failure(f"{key} ({entry})", reason))

    def _read(self, path: Path, key: str, data: bytes) -> list[RawArticle] | None:
        try:
            items = list(sources.read_file(path, data))
        except sources.SourceError as exc:
            self.tally.failed.append(Failure(key, str(exc)))
            return None
        except OSError as exc:
            self.tally.failed.append(Failure(key, f"cannot read: {exc.strerror}"))
            return None
        articles = [item for item in items if isinstance(item, RawArticle)]
        bad = [(item.entry, item.reason) for item in items
               if isinstance(item, sources.EntryError)]
        for entry, reason in bad:
            self.tally.failed.append(Failure(f"{key} ({entry})", reason))
        if bad or key in self.problems:  # else there is nothing to record or forget
            save_problems(self.conn, key, bad)
        for article in articles:
            for note in article.notes:
                self.tally.notes.append(Failure(key, note))
        if not articles and not any(isinstance(i, sources.EntryError) for i in items):
            self.tally.failed.append(Failure(key, "no articles in the file"))
        return articles or None

    # -- batches ----------------------------------------------------------------------------
    def _commit(self, final: bool = False) -> None:
        """Write the batch, commit Whoosh, then the manifest and the links.

        Intermediate commits only add segments; the final one merges small segments
        (``merge_small``), so a search does not walk one segment per batch: even when the
        last batch was already committed (a run of exactly 200,000 articles ends on a full
        batch), or when a killed run left its segments unmerged."""
        with self.clock.step("committing"):
            self._write_batch(final)

    def _write_batch(self, final: bool) -> None:
        if not self.batch and not self._deleted:
            if final:
                self._merge()
            return
        with self.clock.step("counting boilerplate lines"):
            repeated = self._count_repeated_lines()
        priors = self._language_priors()
        jobs = [(raw, repeated.get(source_of(raw), ()), priors.get(source_of(raw)))
                for pending in self.batch for raw in pending.articles]
        stale = set(self._deleted).union(*(set(p.old_ids) - set(p.record.ids)
                                           for p in self.batch if p.old_ids))
        replaced = set(self._deleted).union(self._repeated,
                                            *(p.old_ids for p in self.batch if p.old_ids))
        fresh = {article_id(a.path, a.entry) for p in self.batch for a in p.articles}
        for doc_id in stale:
            self.duplicates.remove(doc_id)
        before = {seg.segment_id() for seg in self.ix._segments()}
        writer = Writer(self.ix)
        try:
            with self.clock.step("finding replaced articles"):
                _delete_ids(writer, replaced, fresh, trusted=self._written)
            # Near-duplicates are linked as the workers report their articles: the links
            # reach the database in the same transaction as the manifest, after Whoosh's
            # commit, so an interrupted batch leaves neither. Their postings go in once,
            # in order, when the batch is written (see ``DuplicateIndex``).
            with self.clock.step("linking copies"), self.duplicates.deferred():
                with self.clock.step("writing"):
                    done = self.workers.write(writer, self.ix.storage.folder, jobs,
                                              each=self._link)
            # Written: only the records are saved below. The texts go before the commit,
            # whose merge (the last batch's) is when every process holds the most.
            del jobs
            for pending in self.batch:
                pending.articles = []
            writer.commit(mergetype=self._merging if final else NO_MERGE)
        except BaseException:
            writer.cancel()
            raise
        added = [p for p in done if p.problem is None]
        self.tally.failed.extend(Failure(p.where, p.problem) for p in done if p.problem)
        # a web archive's batches share its one record, saved once
        save_files(self.conn, list({p.record.path: p.record for p in self.batch}.values()))
        forget_files(self.conn, self._forgotten)
        self.conn.commit()
        if not final:  # a commit that merged nothing: its new segments are the batch's
            self._written |= {seg.segment_id() for seg in self.ix._segments()} - before
        self.tally.articles += len(added)
        self.batch, self.batch_size = [], 0
        self._deleted, self._forgotten, self._repeated = [], [], []

    def _link(self, outcomes: list[Outcome]) -> None:
        """Link the written articles among ``outcomes`` to those sharing paragraphs."""
        with self.clock.step("linking copies"):
            self.duplicates.add_paragraphs((p.id, unpack_paragraphs(p.paragraphs))
                                           for p in outcomes if p.problem is None)

    def _merging(self, writer, segments):
        """The commit's merge policy: ``merge_small``, timed."""
        with self.clock.step("merging"):
            return merge_small(writer, segments, workers=self.workers, choose=self.choose)

    def _merge(self) -> None:
        """Merge the library's segments if ``to_merge`` says so, adding nothing. (No writer
        otherwise: a no-op run on a read-only library must not need one.)"""
        if not self.choose([seg.doc_count_all() for seg in self.ix._segments()]):
            return
        writer = Writer(self.ix)
        try:
            writer.commit(mergetype=self._merging)
        except BaseException:
            writer.cancel()
            raise

    def _language_priors(self) -> dict[str, str]:
        """Each source's language where the library already holds enough of its articles
        and nearly all are in one language: the answer for an item of it too short or too
        unsure to read (``enrich``'s ``lang_prior``). Read once a run, from the index as it
        stood: a new source gets its prior from the next run on."""
        if self._priors is None:
            self._priors = source_languages(self.ix)
        return self._priors

    def _count_repeated_lines(self) -> dict[str, set[int]]:
        """Count this batch's lines per source, and return the keys now seen in at least
        REPEATED_MIN_DOCS articles of their source."""
        per_source: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        raws = (raw for pending in self.batch for raw in pending.articles)
        for raw, keys in zip(raws, self._batch_keys(), strict=True):
            counts = per_source[source_of(raw)]
            if not self._first_copy(source_of(raw), raw.text):
                continue
            for key in keys:
                counts[key] += 1
        repeated: dict[str, set[int]] = {}
        for source, counts in per_source.items():
            rows = [(source, key & 0x7FFFFFFFFFFFFFFF, n) for key, n in counts.items()]
            self.conn.executemany(
                "INSERT INTO line_counts VALUES (?, ?, ?) ON CONFLICT(source, key) "
                "DO UPDATE SET docs = docs + excluded.docs", rows)
            frequent = self.conn.execute(
                "SELECT key FROM line_counts WHERE source = ? AND docs >= ?",
                (source, REPEATED_MIN_DOCS))
            masked = {k[0] for k in frequent}
            repeated[source] = {key for key in counts if key & 0x7FFFFFFFFFFFFFFF in masked}
        return repeated

    def _first_copy(self, source: str, text: str) -> bool:
        """Whether ``text`` is new to its source: copies of one article (the same text in
        ten files) count once toward its lines' boilerplate, else a story saved
        REPEATED_MIN_DOCS times would lose every short line as site furniture."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8)
        key = int.from_bytes(digest.digest(), "big") & 0x7FFFFFFFFFFFFFFF
        return self.conn.execute("INSERT OR IGNORE INTO line_texts VALUES (?, ?)",
                                 (source, key)).rowcount == 1

    def _batch_keys(self) -> Iterator[set[int]]:
        """``line_keys`` of every article of the batch, in order: the chunks the workers
        keyed while the batch was read, the rest here."""
        chunks, self._keys = [*self._keys, (None, self._unkeyed)], []
        self._unkeyed = []
        for future, texts in chunks:
            keys = None
            if future is not None:
                try:
                    keys = future.result()
                except BrokenProcessPool:  # a worker died: key them here (writing will too)
                    pass
            yield from keys if keys is not None else map(keys_or_none, texts)

    def _remove_missing(self, prune_under: Iterable[str], seen: Callable[[str], bool]) -> None:
        """Files indexed before under the given folders that are gone now (not ``seen``
        by this run, nor on disk)."""
        prune_under = [str(p) for p in prune_under]
        prefixes = tuple(p.rstrip(os.sep) + os.sep for p in prune_under)
        gone = [p for p in file_paths(self.conn)
                if (p.startswith(prefixes) or p in prune_under) and not seen(p)]
        gone = [p for p in gone if not os.path.exists(p)]
        for start in range(0, len(gone), LOOKUP_WINDOW):
            for record in find_files(self.conn, gone[start:start + LOOKUP_WINDOW]).values():
                self._deleted.extend(record.ids)
        for path in gone:
            self._forgotten.append(path)
            self.tally.removed += 1


def _split(path: str) -> tuple[str, str]:
    """A path's folder, with its separator (none for a bare name), and its name."""
    folder, sep, name = path.rpartition(os.sep)
    return folder + sep, name


class _Found:
    """The files an indexing run found, in the order found, each folder's names kept in one
    string. A list of the paths held 88 MB through the run for the 750,000 files of a
    million synthetic articles (tracemalloc, paths of 66 characters), and a set to look
    them up in 32 MB more; kept here, they take 10 MB. Paths are made again a
    window at a time (``windows``), and one folder's names are a set while paths are
    looked up in it (``in``: paths come sorted, so folder by folder)."""

    _FOLDERS_KEPT = 8
    """Folders whose names are kept as sets for ``in``: sorted paths go from a folder to
    its subfolders' files and back, no deeper than this, mostly."""

    def __init__(self) -> None:
        self._folders: list[tuple[str, str]] = []  # (folder, its files' names joined by NUL)
        self._folder = ""  # the folder of the names being gathered
        self._names: list[str] = []
        self._count = 0
        self._sets: dict[str, set[str]] = {}
        self._where: dict[str, list[int]] | None = None  # folder -> its entries in _folders

    def add(self, path: str) -> None:
        folder, name = _split(path)
        if folder != self._folder:
            self._close()
            self._folder = folder
        self._names.append(name)
        self._count += 1

    def _close(self) -> None:
        if self._names:
            # NUL: the one character no file name holds
            self._folders.append((self._folder, "\0".join(self._names)))
            self._names = []

    def __len__(self) -> int:
        return self._count

    def windows(self, size: int) -> Iterator[list[str]]:
        """Every path, in the order added, ``size`` at a time."""
        self._close()
        window: list[str] = []
        for folder, names in self._folders:
            for name in names.split("\0"):
                window.append(folder + name)
                if len(window) == size:
                    yield window
                    window = []
        if window:
            yield window

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        self._close()
        folder, name = _split(path)
        names = self._sets.get(folder)
        if names is None:
            if self._where is None:
                self._where = defaultdict(list)
                for at, (seen, _) in enumerate(self._folders):
                    self._where[seen].append(at)
            if len(self._sets) >= self._FOLDERS_KEPT:
                del self._sets[next(iter(self._sets))]
            names = self._sets[folder] = {
                name for at in self._where.get(folder, ())
                for name in self._folders[at][1].split("\0")}
        return name in names


PREFETCH_AHEAD = 32
"""Files past the one being read that the system is asked to read meanwhile (``_Prefetch``)."""
PREFETCH_MOST = 4 * 2**20
"""Files larger than this are not asked for: the system reads ahead of a long read anyway,
and a few large files asked for at once would push out of its cache what the run needs."""


class _Prefetch:
    """Asks the system to read the next new files of a run into its page cache
    (``posix_fadvise(WILLNEED)``), PREFETCH_AHEAD ahead of the one the indexer reads, so
    the disk reads them while the indexer parses and hashes the files before. Only files
    the library has no record of are asked for: a file it knows is most likely unchanged
    (its size and time say so, and it is not read), and a re-index that finds nothing
    new must not read the whole archive.

    An archive of small files was read one at a time, each read waiting on the disk.
    Indexing 12,000 files of a million-article synthetic library, none of them cached,
    the run spent 2.0 s reading files against 3.1 s (medians of 3 rounds in turns:
    ``python -m benchmarks.cold_read FOLDER --rounds 3``). A file already cached costs an
    ``open``, ``fstat`` and ``close`` more. Where the call does not exist (not on Linux)
    or fails, files are read as before."""

    def __init__(self) -> None:
        self._ahead = PREFETCH_AHEAD
        self._new: list[str] = []
        """The window's files to ask for, in the order they are read."""
        self._read = 0
        """Files of ``_new`` read (or about to be) so far."""
        self._asked = 0
        """Files of ``_new`` asked for so far."""

    def start(self, new: list[str]) -> None:
        """The next window's files to ask for, in order (its new files)."""
        self._new, self._read, self._asked = new, 0, 0

    def before(self, path: str) -> None:
        """The indexer is about to read ``path`` (the window's files come in order): if it
        is the next of the new files, ask for those up to PREFETCH_AHEAD past it."""
        if self._read == len(self._new) or self._new[self._read] != path:
            return
        self._read += 1
        end = min(len(self._new), self._read + self._ahead)
        while self._asked < end:
            _ask(self._new[self._asked])
            self._asked += 1


def _ask(path: str) -> None:
    """Ask the system to read a regular file of at most PREFETCH_MOST bytes into its cache,
    without waiting. A FIFO opens without waiting for a writer (``O_NONBLOCK``) and is let
    be, as is any file that cannot be opened: reading it will say why."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return
    try:
        info = os.fstat(fd)
        if S_ISREG(info.st_mode) and 0 < info.st_size <= PREFETCH_MOST:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


class _Prefix:
    """The hash of a file's first bytes, carried forward as the file is read (by offset,
    apart from the reader's buffering): an archive's digest up to its last whole record."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.restart()

    def restart(self) -> None:
        self.hash = hashlib.blake2b(digest_size=16)
        self.at = 0

    def advance(self, to: int) -> None:
        while self.at < to:
            data = os.pread(self.fd, min(HASH_CHUNK, to - self.at), self.at)
            if not data:
                raise OSError(f"file shrank while read (at byte {self.at:,})")
            self.hash.update(data)
            self.at += len(data)

    def digest(self) -> str:
        return self.hash.hexdigest()


class _ArchiveRun:
    """One web archive read from ``start``: its pages go into the indexer's batches, with
    its manifest entry (one ``FileRecord``, brought up to date as pages come: ``size`` is
    the offset after the last whole record in the batch, where a later read may start), and
    the batch is committed when full."""

    def __init__(self, indexer: Indexer, key: str, stream, prefix: _Prefix, start: int,
                 old: FileRecord | None, stat) -> None:
        self.ix, self.key, self.stream, self.prefix = indexer, key, stream, prefix
        self.start, self.stat = start, stat
        ids = list(old.ids) if old and start else []
        self.record = FileRecord(key, start, 0, prefix.digest(), ids)
        self.seen = set(ids)
        self.old_ids: list[str] = list(old.ids) if old and not start else []
        self.resume = start  # the last offset a read may start from, for the manifest
        self.sent = 0  # pages read so far
        self.flight: deque = deque()  # (future, result, pages, end) in file order

    def run(self) -> None:
        from .sources.warc import Scan

        scan = self.scan = Scan(self.stream, sources.kind(self.key)[1], self.start)
        pages: list = []
        for page in scan:
            pages.append(page)
            if len(pages) >= PAGES_PER_TASK:
                self._send(pages)
                pages = []
        self._send(pages)
        while self.flight:
            self._take()
        self.ix.tally.records.update(scan.skipped)
        self._pending([], scan.end, final=scan.problem is None and scan.end is not None)
        if scan.problem:
            entry, reason = scan.problem
            self.ix.tally.failed.append(Failure(self.key, f"{reason} ({entry})"))

    def _send(self, pages: list) -> None:
        """Read ``pages``: by a worker when one is free (past the first pages), else here
        at once, so this process never waits while there are pages to read."""
        from .sources.warc import read_pages

        if not pages:
            return
        self.sent += len(pages)
        workers = self.ix.workers.processes
        busy = sum(1 for future, *_ in self.flight if future is not None and not future.done())
        future = result = None
        if workers >= 2 and busy <= workers and self._parallel(pages[-1].end):
            future = self.ix.workers.pages(self.key, pages)
        if future is None:
            result = read_pages(self.key, pages)
        self.flight.append((future, result, pages, pages[-1].end))
        while self.flight and (len(self.flight) > 2 * workers or self.flight[0][0] is None
                               or self.flight[0][0].done()):
            self._take()

    def _parallel(self, end: int | None) -> bool:
        """Whether the workers read pages: once the archive has more than
        PARALLEL_WARC_PAGES (its batches start them anyway), or promises as much by the
        bytes its first pages took (up to ``end``, the last one's), so they read nearly
        all of a large archive's pages (and warm up while this process reads the first)."""
        if self.sent > PARALLEL_WARC_PAGES:
            return True
        read = (end if end is not None else self.scan.read_to()) - self.start
        left = self.stat.st_size - self.start
        return read > 0 and self.sent * left / read > PARALLEL_WARC_PAGES

    def _take(self) -> None:
        from .sources.warc import read_pages

        future, result, pages, end = self.flight.popleft()
        if future is not None:
            try:
                result = future.result()
            except BrokenProcessPool:  # a worker died: read them here
                result = None
        articles, skipped = result if result is not None else read_pages(self.key, pages)
        self.ix.tally.records.update(skipped)
        self._pending(articles, end)

    def _pending(self, articles: list[RawArticle], end: int | None, final: bool = False) -> None:
        """Add ``articles`` to the batch with the manifest entry they leave (read up to
        ``end``, if a read may start there), and commit a full batch."""
        ix = self.ix
        for article in articles:
            for note in article.notes:
                ix.tally.notes.append(Failure(self.key, note))
        record = self.record
        for doc_id in (article_id(a.path, a.entry) for a in articles):
            if doc_id in self.seen:  # a record repeated: the copy an earlier batch wrote goes
                ix._repeated.append(doc_id)
            else:
                self.seen.add(doc_id)
                record.ids.append(doc_id)
        if end is not None:
            self.resume = end
        self.prefix.advance(self.resume)
        record.size, record.digest = self.resume, self.prefix.digest()
        record.mtime_ns = self.stat.st_mtime_ns if final else 0
        ix.batch.append(_Pending(record, articles, self.old_ids))
        self.old_ids = []  # stale ids go with the first batch of a read from the start
        ix.batch_size += len(articles)
        ix._unkeyed += [raw.text for raw in articles]
        if len(ix._unkeyed) >= KEYS_CHUNK:
            ix._keys.append((ix.workers.line_keys(ix._unkeyed), ix._unkeyed))
            ix._unkeyed = []
        ix.workers.prepare(ix.batch_size)
        if ix.batch_size >= ARCHIVE_BATCH_ARTICLES * max(1, ix.workers.processes):
            ix._commit()


MERGE_ABOVE = 4
"""More segments than this are merged at the end of a run: every segment costs each search
a lookup (10 segments made Reuters queries 2x slower than one)."""
LARGE_SEGMENT = 50_000
"""Segments of this many documents or more are never merged again."""
MERGE_FLOOR = 10_000
"""A segment joins a merge when it has at most twice as many documents as the smaller ones
taken before it, plus this many: segments are folded with others of about their size, so
adding a few files to a large library never rewrites all of it, and small segments (a few
seconds of merging) are always folded together."""
PARALLEL_MERGE_FROM = 20_000
"""A merge of this many documents or more is done by the worker processes, one part each."""


def to_merge(sizes: list[int]) -> list[int]:
    """Which segments to fold together (their indexes in ``sizes``, the segments' document
    counts), when there are more than MERGE_ABOVE; none when no two belong together."""
    if len(sizes) <= MERGE_ABOVE:
        return []
    taken: list[int] = []
    total = 0
    for i in sorted(range(len(sizes)), key=lambda i: sizes[i]):
        n = sizes[i]
        if n >= LARGE_SEGMENT or (taken and n > 2 * (total + MERGE_FLOOR)):
            break
        taken.append(i)
        total += n
    return taken if len(taken) > 1 else []


WATCHED_SMALL = 1_000
"""A watched folder's commit (``Library.update``) merges only segments of fewer documents
than this, and only when there are more than MERGE_ABOVE of them: a batch is a file or a
few, and ``to_merge`` would fold the library's segments of up to 50,000 articles with each
batch's new one every few batches (2,000 articles took 20 s on a busy machine, while the
new file waited). Ordinary runs of ``broadsheet index`` fold them later."""


def to_merge_watched(sizes: list[int]) -> list[int]:
    """``to_merge`` for a watched folder's commits: the small segments, once they are more
    than MERGE_ABOVE (each costs every search a lookup)."""
    small = [i for i, n in enumerate(sizes) if n < WATCHED_SMALL]
    return small if len(small) > MERGE_ABOVE else []


def merge_small(writer, segments, workers: Workers | None = None, choose=to_merge):
    """Whoosh merge policy (``to_merge`` chooses): the chosen segments folded into one, or,
    when they hold PARALLEL_MERGE_FROM documents or more, into one per worker process,
    written side by side. A 200,000-article import makes twenty 10,000-article segments,
    which two workers fold into two."""
    chosen = [segments[i] for i in choose([seg.doc_count_all() for seg in segments])]
    if not chosen:
        return segments
    kept = [seg for seg in segments if seg not in chosen]
    if workers is not None and sum(seg.doc_count_all() for seg in chosen) >= PARALLEL_MERGE_FROM:
        try:
            merged = workers.merge(writer.storage.folder, chosen)
        except OSError:  # no room for the merged copy, say: the batch still commits
            return segments
        if merged is not None:
            return kept + merged
    writer.add_segments(chosen)
    return kept


def _delete_ids(writer, ids: set[str], fresh: Collection[str] = frozenset(),
                trusted: Collection[str] = frozenset()) -> None:
    """Delete the documents with these ids, looking each up in the id field's term table
    of every segment; and those with a ``fresh`` id (a batch's new articles), looked up
    only in the segments not ``trusted``.

    ``ids`` are the documents the library's records name as replaced or gone. A fresh id
    is in the index only if a crashed run committed it to Whoosh but not to the records,
    so it is looked for in the segments that were there when this run began, and not in
    those its own batches committed with their records (``Indexer._written``). A run
    adds a segment per worker and batch, and looking every new id up in each of them
    made the run quadratic: at a million articles, 20,000 ids in up to 100 segments, for
    each of 50 batches, while the workers waited. (``update_document`` would open a reader
    over every segment for each document; ``document_number`` builds a query for each, a
    third slower than this.)"""
    if not ids and not fresh:
        return
    with writer.searcher() as searcher:
        for reader, base in searcher.reader().leaf_readers():
            segment = reader.segment()
            mine = segment is not None and segment.segment_id() in trusted
            looked = ids if mine else ids.union(fresh)
            for doc_id in looked:
                if ("id", doc_id) in reader:
                    for docnum in reader.postings("id", doc_id).all_ids():
                        if not reader.is_deleted(docnum):
                            writer.delete_document(base + docnum)
