"""Indexing on every core: worker processes enrich articles and write Whoosh segments.

Everything an article costs the indexer depends on that article alone: cleanup, language,
date and countries (``enrich``), its document, the analysis of its text fields and the
postings a Whoosh segment holds, and the paragraph shingles that link near-duplicates. So a
large batch is shared among the worker processes, and each writes what it took as a
segment of its own, the way Whoosh's own ``MpWriter(multisegment=True)`` does (an unlocked
``SegmentWriter`` whose segment the locking writer adds to the index). The indexer's
writer, in the calling process, then deletes replaced documents, takes the new segments
into its commit and merges small ones.

The workers start while the indexer is still reading a large batch, and build their tables
then (``warm_up``). The batch goes out in chunks (``chunk_sizes``) on one queue all the
workers take from, a few chunks ahead of them (``FEED_AHEAD``), so a worker that is done
with its chunk takes the next: none waits at the end of a batch for another that drew the
longer articles. As they write, the workers send back what became of each chunk's
articles, and the indexer links near-duplicates meanwhile (``Workers.write``'s ``each``).

Small batches (a few changed files) go straight into the indexer's writer: a worker costs
about half a second to start (imports and the tables), more than they take.

Workers end with the indexer. They are the fork server's children, not the indexer's, and
both wait on pipes the workers themselves hold open, so a killed indexer (``kill -9``, an
out-of-memory kill) used to leave the fork server and its workers writing segments nobody
would commit, then idling forever. Each worker watches its parent's sentinel (a pipe the
indexer holds: readable once the indexer is gone, whoever forked the worker) and exits the
moment it is; the fork server, whose "alive" pipe the workers held, follows. (Not
``PR_SET_PDEATHSIG``: the workers' parent is the fork server, and it fires on the death of
the forking thread, Linux only.) An indexer that stops on an exception or a signal
(``Workers.__exit__``) terminates its workers rather than waiting for their segments.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import accumulate
from typing import Any, NamedTuple

from .enrich.cleanup import line_keys
from .enrich.duplicates import Packed, pack_paragraphs, paragraph_shingles
from .enrich.pipeline import article_id, enrich
from .models import RawArticle
from .records import from_utf8, utf8
from .schema import document
from .sources.errors import detail
from .trust import tighten_umask

PARALLEL_FROM = 400
"""Batches of at least this many articles are written by worker processes."""
WORKER_LIMIT_MB = 80
"""Each worker's posting pool (past it, it spills sorted runs to disk), as the pool
estimates it, which is about what it holds (``writer.TERM_BYTES``). A worker is ~75 MB of
tables and code besides, its word caches (``analysis.FORMS_CACHED``, ~40 MB), and the chunk
of articles it is writing. At 20,000 synthetic articles, all processes together peaked at
789 MB with 80 and 879 MB with 128, in 80.5 and 78.6 s (one run each). (At 256, with the
pool's older estimate, a worker took 550-650 MB.)"""
MERGE_LIMIT_MB = 128
"""A worker's posting pool when it merges segments. Segments merge as streams of their sorted
terms (``writer.add_segments``) and need no pool; it holds only what the fallback (Whoosh's
own merge, for a segment of an unexpected field order) sends through it. At 256, with the
pool's older estimate, the final merge of a 1 GB WARC's 22,000 pages took all processes to
1.3 GB."""
REPORT_EVERY = 500
"""A worker is sent its articles this many at a time (fewer toward the end of a batch:
``chunk_sizes``), and reports what became of them as each such chunk is written, so the
indexer links their near-duplicates while the workers are still writing."""
LAST_CHUNK = 25
"""The smallest chunk ``chunk_sizes`` makes, but for a batch's very last."""
FEED_AHEAD = 2
"""Chunks sent to each worker and not yet taken up, at most (the one queue holds this many
per worker). A worker's part used to go in one message: the pickled part waited in the
indexer (47 MB for a part of 10,000 synthetic articles), and the worker held that message
and every article of its part at once. Now the indexer's copy is all there is of a chunk
not yet sent."""

Job = tuple[RawArticle, Collection[int], "str | None"]
"""A raw article, the line keys of its source's boilerplate, and the language most of its
source is written in (None when the library does not know it yet)."""


class Outcome(NamedTuple):
    """One article as the indexer needs to know it once it is written (or refused)."""

    id: str
    where: str
    """The file (and entry) it came from, for messages."""
    paragraphs: Packed
    """Its paragraphs' shingle hashes (``duplicates.pack_paragraphs``)."""
    problem: str | None = None


def add_all(writer, jobs: Sequence[Job]) -> list[Outcome]:
    """Enrich each job's article and add its document to ``writer``. A value Whoosh cannot
    take, or a detector's bug, costs that article, never the batch (nor, in a worker
    process, the pool: the exception comes back as the article's outcome)."""
    done = []
    for raw, repeated, prior in jobs:
        where = f"{raw.path} ({raw.entry})" if raw.entry else raw.path
        try:
            article = enrich(raw, repeated, prior)
        except Exception as exc:
            done.append(Outcome(article_id(raw.path, raw.entry), where, (),
                                 f"cannot enrich: {detail(exc)}"))
            continue
        try:
            shingles = pack_paragraphs(paragraph_shingles(article.text))
            writer.add_document(**document(article))
        except Exception as exc:
            done.append(Outcome(article.id, where, (), f"cannot index: {detail(exc)}"))
            continue
        done.append(Outcome(article.id, where, shingles))
    return done


WARM_UP = RawArticle(path="warm-up.txt", format="txt", title="Warm-up", text=(
    "Jana Kehl08.11.2025, 05.30 Uhr\nWASHINGTON, March 3 - The United States and Germany "
    "said on Monday that talks with Kazakhstan would go on.\nFoto: Keystone\n"))
"""An article touching every lazily built table (the gazetteer, date names, the language
profiles) a worker's first real article would otherwise build."""


_reports: Any = None  # a multiprocessing Queue
"""In a worker process: the queue its outcomes go back on as it writes (``write_segment``)."""
_feed: Any = None  # a multiprocessing Queue
"""In a worker process: the queue the chunks of articles of a write call come on, shared by
the workers (``write_segment``)."""


def start_worker(reports, feed=None) -> None:
    """A worker's start (the pool's initializer): end with the indexer, keep the queues
    for articles and outcomes, and build the tables the articles need while the indexer is
    still reading the batch. Segments it writes are not writable by others, whatever umask
    the pool was started with."""
    global _reports, _feed
    follow_parent()
    _reports, _feed = reports, feed
    tighten_umask()
    warm_up()
    gc.freeze()  # the tables and code warm_up loaded: never garbage, never walked again


@contextmanager
def young_collections_only() -> Iterator[None]:
    """While a segment is written: the garbage collector collects young objects only, and
    everything once at the end.

    A posting pool is millions of small lists and arrays that live until the segment is
    written, and every full collection walks all of them: at 5,000 synthetic articles a
    worker made 18 full collections, which found nothing to free (none of the 531 objects
    freed came from them). Young collections still free the cycles enrichment leaves
    behind. With full collections, writing those 5,000 articles took 1.15x the CPU (34.3
    against 29.9 s, medians of 4 rounds in turns: ``python -m benchmarks.segment_cpu``)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, NO_FULL_COLLECTION)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
        gc.collect()


NO_FULL_COLLECTION = 2**31 - 1
"""A threshold the count of middle-generation collections never reaches."""


def start_merger() -> None:
    """A merging process's start (``Workers.merge``): end with the indexer, and nothing
    else. It builds none of a writer's tables: merging reads only segments."""
    follow_parent()
    tighten_umask()


ORPHANED = 3
"""A worker's exit status when its indexer is gone."""


def follow_parent() -> None:
    """In a worker: exit as soon as the process that started it (the indexer) ends.

    ``multiprocessing.parent_process().sentinel`` is a pipe only the indexer holds open (the
    fork server passes it on), so it reads as ready exactly when the indexer is gone. A
    thread waits on it and ends the process with ``os._exit``: no cleanup runs, nothing more
    is written, and the next run clears the uncommitted segment."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:  # pragma: no cover - not a worker
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(ORPHANED)

    threading.Thread(target=watch, name="follow-indexer", daemon=True).start()


def warm_up() -> None:
    """Build every lazily built table now. A failure here only costs the time it saves."""
    try:
        document(enrich(WARM_UP))
        paragraph_shingles(WARM_UP.text)
    except Exception:  # pragma: no cover - the first real article reports it
        pass


def keys_of(texts: Sequence[bytes]) -> list[set[int]]:
    """In a worker: ``line_keys`` of each text, sent as UTF-8 (``records.utf8``), for the
    indexer's boilerplate count."""
    return [keys_or_none(from_utf8(text)) for text in texts]


def keys_or_none(text: str) -> set[int]:
    """``line_keys`` of one text; none when they cannot be computed (the article's own
    enrichment then names what is wrong with it, and costs only it)."""
    try:
        return line_keys(text)
    except Exception:
        return set()


def _started() -> None:
    """The task that makes the pool start a process (the initializer does the work)."""


def write_segment(index_dir: str, call: int):
    """In a worker: the chunks of jobs of write call ``call`` it takes off the shared feed,
    up to a chunk without jobs, as one new, uncommitted segment (None if nothing was
    added). What became of each chunk's articles goes back on the reports queue, with
    ``(call, the chunk's number)``, once they are written. The worker holds one chunk of
    articles at a time besides its posting pool."""
    # isort: off
    from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh)
    # isort: on
    from whoosh.index import open_dir

    from .whoosh_internals.writer import Writer

    writer = Writer(open_dir(index_dir), locked=False, limitmb=WORKER_LIMIT_MB)
    try:
        with young_collections_only():
            while True:
                sent_by, number, jobs = _feed.get()
                if sent_by != call:  # left over from a write call that failed
                    continue
                if not jobs:
                    return writer.finish_segment()
                _reports.put(((call, number), add_all(writer, jobs)))
                del jobs  # before the next chunk comes
    except BaseException:
        writer.cancel()
        raise


def merge_segments(index_dir: str, segments: Sequence):
    """In a worker: ``segments`` (their live documents) folded into one new, uncommitted
    segment."""
    # isort: off
    from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh)
    # isort: on
    from whoosh.index import open_dir

    from .whoosh_internals.writer import Writer

    writer = Writer(open_dir(index_dir), locked=False, limitmb=MERGE_LIMIT_MB)
    try:
        writer.add_segments(segments)
        return writer.finish_segment()
    except BaseException:
        writer.cancel()
        raise


def balanced(segments: Sequence, parts: int) -> list[list]:
    """``segments`` in ``parts`` groups of about as many documents each."""
    groups: list[list] = [[] for _ in range(min(parts, len(segments)))]
    sizes = [0] * len(groups)
    for segment in sorted(segments, key=lambda seg: -seg.doc_count_all()):
        lightest = sizes.index(min(sizes))
        groups[lightest].append(segment)
        sizes[lightest] += segment.doc_count_all()
    return groups


def chunk_sizes(jobs: int, workers: int) -> list[int]:
    """How a batch of ``jobs`` goes to ``workers`` processes taking chunks off one queue:
    REPORT_EVERY at a time, then smaller as the batch runs out (a quarter of what is left
    per worker, down to LAST_CHUNK), so the workers finish within a small chunk of each
    other. Split in two fixed halves, the worker that drew the longer articles of a 20,000
    synthetic batch wrote for ~5 s alone."""
    sizes = []
    left = jobs
    while left:
        size = min(left, REPORT_EVERY, max(LAST_CHUNK, left // (2 * workers)))
        sizes.append(size)
        left -= size
    return sizes


class _Feeding:
    """A write call's jobs on their way to the workers, on the queue they share: numbered
    chunks (``chunk_sizes``), as many as the queue takes without waiting, then an empty
    chunk for each worker to end its segment."""

    def __init__(self, feed, call: int, jobs: Sequence[Job], workers: int) -> None:
        self._feed, self._call, self._jobs = feed, call, jobs
        self._chunks = [*accumulate(chunk_sizes(len(jobs), workers), initial=0)]
        """Where each chunk starts, and where the jobs end."""
        self._sent = 0
        """Messages sent: chunks, then ends."""
        self._messages = len(self._chunks) - 1 + workers

    def _message(self, number: int) -> tuple[int, int, Sequence[Job]]:
        if number + 1 < len(self._chunks):
            return self._call, number, self._jobs[self._chunks[number]:self._chunks[number + 1]]
        return self._call, number, ()

    def send(self) -> None:
        """What the queue takes now."""
        from queue import Full

        while self._sent < self._messages:
            try:
                self._feed.put_nowait(self._message(self._sent))
            except Full:
                return
            self._sent += 1

    def finish(self) -> None:
        """The rest, waiting for room: after the last outcome, only the ends are left, and
        the workers are taking them."""
        while self._sent < self._messages:
            self._feed.put(self._message(self._sent))
            self._sent += 1


def _told(each, outcomes: list[Outcome]) -> list[Outcome]:
    if each is not None:
        each(outcomes)
    return outcomes


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """Writes the batches of one indexing run: into the indexer's writer, or as segments
    from worker processes started on the first large batch and kept until ``close``."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = cores() if processes is None else processes
        self._pool: ProcessPoolExecutor | None = None
        self._merging = False
        """Whether the pool's processes are mergers (``start_merger``), not writers."""
        self._reports: Any = None  # a multiprocessing Queue, with the pool
        self._feed: Any = None  # a bounded multiprocessing Queue the processes share, with it
        self._calls = 0

    def write(self, writer, index_dir: str, jobs: Sequence[Job],
              each: Callable[[list[Outcome]], None] | None = None) -> list[Outcome]:
        """Add every job's article to the index ``writer`` will commit; what became of
        each, in job order. ``each`` is called with those outcomes as they come in (with
        their paragraphs, which only it gets from the workers), so the
        caller can work on them while the workers go on (after a worker died, once more
        for every job)."""
        if len(jobs) < PARALLEL_FROM:  # a few changed files: their pool is small
            return _told(each, add_all(writer, jobs))
        if self.processes < 2:  # one core: this process's pool is a worker's
            with young_collections_only():
                return _told(each, add_all(writer, jobs))
        try:
            pool = self._start()
            self._calls += 1
            feeding = _Feeding(self._feed, self._calls, jobs, self.processes)
            futures = [pool.submit(write_segment, index_dir, self._calls)
                       for _ in range(self.processes)]
            done = self._collect(futures, feeding, len(jobs), each)
            feeding.finish()
            segments = [future.result() for future in futures]
        except BrokenProcessPool:  # a worker died (killed, out of memory): do it here
            self.close()
            return _told(each, add_all(writer, jobs))
        writer.segments.extend(segment for segment in segments if segment is not None)
        return [outcome for number in sorted(done) for outcome in done[number]]

    def _collect(self, futures, feeding: _Feeding, expected: int,
                 each) -> dict[int, list[Outcome]]:
        """Send the workers the jobs as they take them up, and gather the outcomes of this
        write call, chunk by chunk off the queue, until every job's has come (or a worker
        failed: its error is raised): by chunk number. Each chunk's paragraph shingles go
        to ``each`` and are not kept: about 10 kB an article, they were most of the
        indexer's memory (250 of 470 MB at 50,000 synthetic articles)."""
        from queue import Empty

        done: dict[int, list[Outcome]] = {}
        received = 0
        while received < expected:
            for future in futures:
                if future.done() and future.exception() is not None:
                    raise future.exception()
            feeding.send()
            try:
                (call, number), chunk = self._reports.get(timeout=0.1)
            except Empty:
                continue
            if call != self._calls:  # left over from a write call that failed
                continue
            received += len(chunk)
            _told(each, chunk)
            done[number] = [outcome._replace(paragraphs=()) for outcome in chunk]
        return done

    def merge(self, index_dir: str, segments: Sequence) -> list | None:
        """``segments`` folded into one new segment per worker process, in parallel; None
        when there are no workers (one core) or one died, for the caller to merge them."""
        if self.processes < 2:
            return None
        groups = balanced(segments, self.processes)
        alone = [group[0] for group in groups if len(group) == 1]
        groups = [group for group in groups if len(group) > 1]
        try:
            pool = self._start(merging=True)
            futures = [pool.submit(merge_segments, index_dir, group) for group in groups]
            merged = [future.result() for future in futures]
        except BrokenProcessPool:
            self.close()
            return None
        return alone + [segment for segment in merged if segment is not None]

    def line_keys(self, texts: Sequence[str]):
        """``line_keys`` of each text, computed by a worker while the caller goes on
        reading: a future of the list, or None when no workers are running."""
        if self._pool is None:
            return None
        try:
            return self._pool.submit(keys_of, [utf8(text) for text in texts])
        except BrokenProcessPool:
            return None

    def pages(self, shown: str, pages: list):
        """A web archive's ``pages`` read into articles by a worker: a future of
        ``warc.read_pages``'s answer, or None when no workers can run."""
        if self.processes < 2:
            return None
        from .sources.warc import read_pages

        try:
            return self._start().submit(read_pages, shown, pages)
        except BrokenProcessPool:
            self.close()
            return None

    def prepare(self, articles: int) -> None:
        """Start the worker processes now if a batch of ``articles`` (still being read)
        will be theirs: each imports the engine and builds its tables meanwhile
        (``warm_up``, half a second or more)."""
        if articles >= PARALLEL_FROM and self.processes >= 2 and self._pool is None:
            pool = self._start()
            for _ in range(self.processes):  # the pool starts a process per waiting task
                pool.submit(_started)

    def _start(self, merging: bool = False) -> ProcessPoolExecutor:
        """The pool: of writers, or with ``merging`` of mergers. A merge comes at the end
        of a run, after the last batch is written, and a writer's tables, word caches and
        the heap its posting pool grew are no use to it: the writers end, and new
        processes merge, holding only what merging needs (``start_merger``)."""
        if self._pool is not None and self._merging != merging:
            self.close()
        if self._pool is None:
            import multiprocessing

            # forkserver: workers never inherit the caller's threads, locks or connections.
            context = multiprocessing.get_context("forkserver")
            if merging:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes, mp_context=context, initializer=start_merger)
            else:
                self._reports = context.Queue()
                self._feed = context.Queue(FEED_AHEAD * self.processes)
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes, mp_context=context, initializer=start_worker,
                    initargs=(self._reports, self._feed))
            self._merging = merging
        return self._pool

    def close(self, stop: bool = False) -> None:
        """End the worker processes: once their tasks are done, or with ``stop`` at once
        (SIGTERM: a segment they were writing is left for the next run to clear)."""
        if self._pool is not None:
            if stop:
                # ProcessPoolExecutor has no way to end running tasks before Python 3.14's
                # terminate_workers; its processes are kept in ``_processes`` until then.
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            if self._feed is not None:  # what a stopped worker left untaken is not needed
                self._feed.cancel_join_thread()
            for queue in (self._reports, self._feed):
                if queue is not None:  # a merging pool has none
                    queue.close()
            self._reports, self._feed = None, None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        """On an exception (a signal's too), stop the workers rather than wait for them."""
        self.close(stop=kind is not None)
