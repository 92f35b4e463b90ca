"""Indexing on every core: worker processes must give the library exactly what indexing in
one process gives, and a broken worker or detector must cost nothing but its own article."""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

import index.indexer as indexer
import index.workers as workers
from index import Filters, Library, Query
from tests.conftest import SAMPLE_DATA, write_corpus

QUERIES = ("*", "grösste", "Abkommens", '"trade deal"', "oil OR gas", "kasach*", "mercosur",
           "country:KZ", "lang:de")


def snapshot(library: Library) -> dict:
    """What a user can see of a library: every hit, facets, duplicates, stats. (Not the
    order: Whoosh expands a prefix per segment, so its scores depend on how the index is
    split into segments, which a worker changes, as any later batch does.)"""
    out = {"stats": library.stats().to_json() | {"library": None, "index_bytes": None}}
    for q in QUERIES:
        r = library.search(Query(q, limit=100))
        out[q] = ({h.id: (h.title, h.countries, h.lang, h.date, h.snippet, h.highlights,
                          h.duplicates) for h in r.hits}, r.total, r.facets)
    out["filtered"] = library.search(Query("*", Filters(countries=("KZ",), langs=("de",)))).total
    return out


@pytest.fixture
def two_libraries(tmp_path, monkeypatch):
    """sample_data and the test corpus, indexed once in-process and once in workers."""
    paths = [SAMPLE_DATA, write_corpus(tmp_path / "corpus")]
    serial = Library(tmp_path / "serial")
    serial.add(paths)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "KEYS_CHUNK", 3)  # workers key lines as the batch is read
    parallel = Library(tmp_path / "parallel")
    parallel.add(paths)
    yield serial, parallel
    serial.close()
    parallel.close()


def test_workers_index_exactly_what_one_process_does(two_libraries):
    serial, parallel = two_libraries
    assert parallel.stats().articles > 50
    assert snapshot(parallel) == snapshot(serial)


class _BrokenPool:
    def submit(self, fn, *args):
        future = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def test_a_dead_worker_costs_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers.Workers, "_start", lambda self, merging=False: _BrokenPool())
    corpus = write_corpus(tmp_path / "corpus")
    with Library(tmp_path / "lib") as library:
        report = library.add([corpus])
        assert report.articles == 11 and library.stats().articles == 11


def test_a_detector_bug_costs_only_its_article(tmp_path, monkeypatch):
    real = workers.enrich

    def flaky(raw, repeated=(), lang_prior=None):
        if raw.path.endswith("reform.txt"):
            raise RuntimeError("boom")
        return real(raw, repeated, lang_prior)

    monkeypatch.setattr(workers, "enrich", flaky)
    corpus = write_corpus(tmp_path / "corpus")
    with Library(tmp_path / "lib") as library:
        report = library.add([corpus])
        assert library.stats().articles == 10
    [failure] = [f for f in report.failed if f.path.endswith("reform.txt")]
    assert failure.reason == "cannot enrich: RuntimeError: boom"


def test_a_document_or_line_keys_that_fail_cost_only_their_article(tmp_path, monkeypatch):
    """Not only the detectors: building the Whoosh document, or the line keys the indexer
    counts boilerplate with, may fail on one article (any exception); it is that article's
    failure, named on its line, and every other article is indexed."""
    import index.indexer as indexer

    real_document, real_keys = workers.document, workers.line_keys

    def broken_document(article):
        if article.path.endswith("reform.txt"):
            raise KeyError("no such field")
        return real_document(article)

    def broken_keys(text):
        if "Kasachstan" in text:
            raise OverflowError("too many lines")
        return real_keys(text)

    monkeypatch.setattr(workers, "document", broken_document)
    monkeypatch.setattr(workers, "line_keys", broken_keys)
    monkeypatch.setattr(indexer, "line_keys", broken_keys, raising=False)  # before the fix
    corpus = write_corpus(tmp_path / "corpus")
    with Library(tmp_path / "lib") as library:
        report = library.add([corpus])
        assert library.stats().articles == 10
    [failure] = [f for f in report.failed if "invalid JSON" not in f.reason]
    assert failure.path.endswith("reform.txt")
    assert failure.reason == "cannot index: KeyError: 'no such field'"


def _segments(folder) -> list[int]:
    from whoosh.index import open_dir

    with open_dir(str(folder / "whoosh")).reader() as reader:
        return sorted(leaf.doc_count() for leaf, _ in reader.leaf_readers())


def _segment_ids(folder) -> set[str]:
    from whoosh.index import open_dir

    with open_dir(str(folder / "whoosh")).reader() as reader:
        return {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}


@pytest.mark.parametrize("broken", [False, True])
def test_the_final_merge_in_workers_keeps_every_article(tmp_path, monkeypatch, broken):
    """Many small batches, folded together at the end by the workers (or, when one dies,
    by the indexer itself): the same library as indexing in one process."""
    import index.indexer as indexer

    paths = [SAMPLE_DATA, write_corpus(tmp_path / "corpus")]
    serial = Library(tmp_path / "serial")
    serial.add(paths)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 10)
    monkeypatch.setattr(indexer, "PARALLEL_MERGE_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    if broken:
        monkeypatch.setattr(workers.Workers, "_start", lambda self, merging=False: _BrokenPool())
    merged = Library(tmp_path / "merged")
    merged.add(paths)
    assert snapshot(merged) == snapshot(serial)
    # One segment per worker, or the one the indexer folded them into
    assert len(_segments(tmp_path / "merged")) == (1 if broken else 2)
    serial.close()
    merged.close()


def test_large_segments_are_not_merged_again(tmp_path, monkeypatch):
    import index.indexer as indexer

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 10)
    with Library(tmp_path / "lib") as library:
        library.add([SAMPLE_DATA])
        before = _segments(tmp_path / "lib")
        monkeypatch.setattr(indexer, "LARGE_SEGMENT", min(before))  # all of them large now
        library.add([write_corpus(tmp_path / "corpus")])
        after = _segments(tmp_path / "lib")
    assert all(n in after for n in before) and len(after) > len(before)


def test_a_run_ending_on_a_full_batch_is_merged_too(tmp_path, monkeypatch):
    """Every file its own batch: the last commit is made before the run ends, and the
    final merge must still happen (it did not: 200,000 articles made 20 segments)."""
    import index.indexer as indexer

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    with Library(tmp_path / "lib") as library:
        library.add([write_corpus(tmp_path / "corpus")])
        assert library.search(Query("*")).total == 11
    assert len(_segments(tmp_path / "lib")) == 1  # 11 articles: folded in-process


def test_workers_started_early_index_the_batch(tmp_path, monkeypatch):
    """Workers start while a large batch is still being read, building their tables then;
    a failure while warming up costs nothing but the time it would have saved."""
    def broken(raw, repeated=(), lang_prior=None):
        if raw is workers.WARM_UP:
            raise RuntimeError("detector bug")
        return enrich(raw, repeated, lang_prior)

    enrich = workers.enrich
    monkeypatch.setattr(workers, "enrich", broken)
    with pytest.raises(RuntimeError):
        broken(workers.WARM_UP)
    workers.warm_up()  # does not raise
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    started = []
    prepare = workers.Workers.prepare
    monkeypatch.setattr(workers.Workers, "prepare",
                        lambda self, n: (started.append(n), prepare(self, n)))
    library = Library(tmp_path / "lib")
    report = library.add([SAMPLE_DATA])
    assert started and not report.failed
    assert library.search(Query("*")).total == report.articles > 50


def test_boilerplate_lines_keyed_by_workers_are_dropped(tmp_path, monkeypatch):
    """A line in the last lines of many articles of one source is site furniture, whether
    the indexer counted it or workers did while the files were read."""
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "KEYS_CHUNK", 2)
    topics = ["harbour", "budget", "rail", "schools", "water", "tax", "power"]
    corpus = write_corpus(tmp_path / "harbourtimes", {
        f"{t}.txt": f"The {t} plan\n\nThe council debated the {t} plan for hours on Monday."
                    f"\n\nSubscribe to the Harbour Gazette digest for more local stories."
        for t in topics})
    with Library(tmp_path / "lib") as library:
        assert library.add([corpus]).articles == len(topics)
        assert library.search(Query("council")).total == len(topics)
        assert library.search(Query("gazette")).total == 0


@pytest.mark.parametrize("files, batches", [(10, 1), (11, 2), (40, 5)])
def test_the_last_few_files_join_the_batch_before_them(tmp_path, monkeypatch, files, batches):
    """A batch is committed at BATCH_ARTICLES, but a remainder of a quarter of a batch or
    less joins it instead of making a small batch of its own; no batch grows past a quarter
    more than BATCH_ARTICLES. Every article is indexed either way."""
    import index.indexer as indexer

    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 8)
    commits = []
    commit = indexer.Indexer._commit
    monkeypatch.setattr(indexer.Indexer, "_commit", lambda self, final=False: (
        commits.append(self.batch_size) if self.batch else None, commit(self, final))[1])
    corpus = write_corpus(tmp_path / "corpus", {
        f"{i:02}.txt": f"Story {i}\n\nThe council met on day {i} to talk about trade."
        for i in range(files)})
    with Library(tmp_path / "lib") as library:
        report = library.add([corpus])
        assert library.search(Query("*")).total == report.articles == files
    assert len(commits) == batches and max(commits) <= 10


def test_a_large_file_waits_for_the_next_batch(tmp_path, monkeypatch):
    """A file of many articles (a JSONL export) read when the batch is nearly full starts
    the next batch rather than taking this one far past BATCH_ARTICLES: the indexer and its
    workers hold a batch's texts while it is written, so their memory follows the largest
    batch. Every article is indexed, and found."""
    import json

    import index.indexer as indexer

    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 8)
    commits = []
    commit = indexer.Indexer._commit
    monkeypatch.setattr(indexer.Indexer, "_commit", lambda self, final=False: (
        commits.append(self.batch_size) if self.batch else None, commit(self, final))[1])
    files = {f"{i:02}.txt": f"Story {i}\n\nThe council met on day {i} to talk about trade."
             for i in range(7)}
    files["zz.jsonl"] = "\n".join(json.dumps({
        "headline": f"Export {i}", "body": f"The harbour board met on day {i} about ferries.",
        "url": f"https://example.org/{i}"}) for i in range(6))
    corpus = write_corpus(tmp_path / "corpus", files)
    with Library(tmp_path / "lib") as library:
        report = library.add([corpus])
        assert report.articles == 13 and not report.failed
        assert library.search(Query("ferries")).total == 6
        assert library.search(Query("council")).total == 7
    assert commits == [7, 6]


def test_outcomes_come_in_as_the_workers_write(tmp_path, monkeypatch):
    """Workers report their articles while they write (the indexer links near-duplicates
    meanwhile): every job's outcome once, as the parts come in; ``write`` returns them all
    in job order, without the paragraphs, which only ``each`` needed."""
    from whoosh.index import create_in

    from index.schema import build_schema
    from index.whoosh_internals.writer import Writer
    from tests.index.test_writer import sample_jobs

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    jobs = sample_jobs()
    ix = create_in(str(tmp_path), build_schema())
    writer = Writer(ix)
    chunks = []
    with workers.Workers(processes=2) as pool:
        done = pool.write(writer, str(tmp_path), jobs, each=chunks.append)
    writer.commit()
    assert len(chunks) >= 2  # one part per worker at least
    reported = [o for chunk in chunks for o in chunk]
    assert sorted(o.id for o in reported) == sorted(o.id for o in done)
    assert [o._replace(paragraphs=()) for o in sorted(reported, key=lambda o: o.id)] == sorted(
        done, key=lambda o: o.id)
    # the paragraphs (~10 kB an article) went to ``each``; the batch's outcomes keep none
    assert any(o.paragraphs for o in reported) and not any(o.paragraphs for o in done)
    assert [o.id for o in done] == [workers.article_id(r.path, r.entry) for r, _, _ in jobs]
    assert ix.doc_count() == len(jobs) - sum(1 for o in done if o.problem)


def test_a_batch_goes_to_the_workers_a_few_chunks_ahead():
    """The indexer sends a batch as the workers take it up: never more than the queue they
    share holds (the whole part used to wait, pickled, in the indexer), every job once, in
    order, in numbered chunks, and then an empty chunk for each worker to end it."""
    from queue import Queue

    feed: Queue = Queue(maxsize=2)
    jobs = list(range(2 * workers.REPORT_EVERY + 7))
    feeding = workers._Feeding(feed, 7, jobs, workers=2)
    feeding.send()
    assert feed.qsize() == 2  # full: sending again adds nothing
    feeding.send()
    assert feed.qsize() == 2
    taken = []
    while not feed.empty():
        taken.append(feed.get())
        feeding.send()
    assert all(call == 7 for call, _, _ in taken)
    assert [number for _, number, _ in taken] == list(range(len(taken)))
    assert [job for _, _, chunk in taken for job in chunk] == jobs
    assert [len(chunk) for _, _, chunk in taken][-2:] == [0, 0]  # one end for each worker
    feeding.send()
    assert feed.empty()  # ended: nothing more


@pytest.mark.parametrize("jobs", [1, 24, 400, 1007, 20_000, 21_578])
def test_chunks_shrink_toward_the_end_of_a_batch(jobs):
    """Chunks of REPORT_EVERY while the batch lasts, then smaller: two workers taking them
    off one queue end within a small chunk of each other."""
    sizes = workers.chunk_sizes(jobs, 2)
    assert sum(sizes) == jobs and all(sizes)
    assert max(sizes) <= workers.REPORT_EVERY
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] <= workers.LAST_CHUNK
    if jobs >= 20_000:
        assert sizes.count(workers.REPORT_EVERY) >= jobs // workers.REPORT_EVERY - 4


def _busy_until(flag: str) -> None:
    """A task that keeps a worker busy until ``flag`` exists (a minute at most)."""
    import time

    deadline = time.monotonic() + 60
    while not os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_worker_held_up_does_not_hold_up_the_batch(tmp_path, monkeypatch):
    """The workers take chunks off one queue, so one that is slow (here: busy with another
    task until the batch is written) leaves the rest of the batch to the others, who
    write it all, in one segment, rather than wait for it. (Split in fixed parts, the busy
    worker's part waited for it.)"""
    from whoosh.index import create_in

    from index.schema import build_schema
    from index.whoosh_internals.writer import Writer
    from tests.index.test_writer import sample_jobs

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "REPORT_EVERY", 2)
    monkeypatch.setattr(workers, "LAST_CHUNK", 1)
    jobs = sample_jobs()
    (tmp_path / "ix").mkdir()
    ix = create_in(str(tmp_path / "ix"), build_schema())
    writer = Writer(ix)
    flag = tmp_path / "written"
    with workers.Workers(processes=2) as pool:
        busy = pool._start().submit(_busy_until, str(flag))
        try:
            done = pool.write(writer, str(tmp_path / "ix"), jobs)
            assert not busy.done()  # it was busy all along
        finally:
            flag.touch()
    writer.commit()
    assert [o.id for o in done] == [workers.article_id(r.path, r.entry) for r, _, _ in jobs]
    assert len(writer.segments) == 1
    assert writer.segments[0].doc_count_all() == len(jobs) - sum(1 for o in done if o.problem)


def test_sending_an_article_to_a_worker_leaves_its_text_as_it_was():
    """Pickling a str that is not ASCII keeps a UTF-8 copy of it inside the string for good;
    the indexer's batch, sent to the workers, took twice its size that way."""
    import pickle
    import sys

    from index.models import RawArticle

    raw = RawArticle("a.txt", "Grösste Stadt Kasachstans \udcff " * 200, "txt", title="Almaty",
                     countries=("KZ",), notes=("cut",))
    size = sys.getsizeof(raw.text)
    copy = pickle.loads(pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL))
    assert sys.getsizeof(raw.text) == size
    assert copy == raw
    texts = [raw.text, "ascii only"]
    assert workers.keys_of([workers.utf8(text) for text in texts]) == [
        workers.line_keys(text) for text in texts]


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmHWM for process {pid}")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"),
                    reason="reads each worker's peak memory from /proc (Linux)")
def test_the_final_merge_runs_in_processes_without_the_writers_tables(tmp_path, monkeypatch):
    """The final merge is when all processes together hold the most. The writers' tables,
    word caches and grown heaps are no use to it, so it runs in processes of its own,
    which peak far below the writers (each process's VmHWM, read as its pool is done: of
    a write, the largest, the worker that wrote; on a loaded machine the other may have
    taken no chunk of the batch, or not even started)."""
    peaks: dict[str, list[float]] = {"write": [], "merge": []}

    def watched(kind, method):
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            finally:
                if self._pool is not None:
                    found = [_peak_mb(pid) for pid in self._pool._processes]
                    peaks[kind] += found if kind == "merge" else [max(found)]
        return call

    monkeypatch.setattr(workers.Workers, "write", watched("write", workers.Workers.write))
    monkeypatch.setattr(workers.Workers, "merge", watched("merge", workers.Workers.merge))
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 10)
    monkeypatch.setattr(indexer, "PARALLEL_MERGE_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    with Library(tmp_path / "lib") as library:
        library.add([SAMPLE_DATA, write_corpus(tmp_path / "corpus")])
        assert library.search(Query("grösste")).total
    assert peaks["write"] and peaks["merge"]
    assert max(peaks["merge"]) < min(peaks["write"]) - 30, peaks


def _failing_after_whoosh(monkeypatch, at: int):
    """The records of the ``at``-th commit fail to save, after Whoosh committed its
    articles: a run killed between the two (its transaction is rolled back)."""
    saves = []
    save = indexer.save_files

    def dies(conn, records):
        saves.append(records)
        if len(saves) == at:
            raise KeyboardInterrupt
        save(conn, records)

    monkeypatch.setattr(indexer, "save_files", dies)
    return lambda: monkeypatch.setattr(indexer, "save_files", save)


@pytest.mark.parametrize("processes", [1, 2])
def test_articles_a_killed_run_left_without_records_are_replaced_not_doubled(
        tmp_path, monkeypatch, processes):
    """Whoosh's commit comes before the records': a run killed between them leaves
    articles that no record names. The next run must replace them, in whichever of its
    batches their files come, not add them again."""
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: processes)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 3)
    corpus = write_corpus(tmp_path / "corpus")
    restore = _failing_after_whoosh(monkeypatch, at=3)
    with pytest.raises(KeyboardInterrupt), Library(tmp_path / "lib") as library:
        library.add([corpus])
    restore()
    with Library(tmp_path / "lib") as library:
        library.add([corpus])
        hits = library.search(Query("*", limit=100)).hits
        assert len(hits) == len({hit.id for hit in hits}) == 11


def test_new_articles_are_looked_for_only_where_a_killed_run_could_have_left_them(
        tmp_path, monkeypatch):
    """Before a batch is written, its new articles' ids are looked up, in case a killed run
    left them in the index. Segments this run wrote with their records cannot hold them:
    looking in each of those made a run quadratic (a million articles: 20,000 ids in up
    to 100 segments, for each of 50 batches, with the workers waiting)."""
    from whoosh.reading import SegmentReader

    looked: Counter[str] = Counter()
    contains = SegmentReader.__contains__

    def counted(self, term):
        if term[0] == "id":
            looked[self.segment().segment_id()] += 1
        return contains(self, term)

    monkeypatch.setattr(SegmentReader, "__contains__", counted)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 3)
    with Library(tmp_path / "lib") as library:
        library.add([write_corpus(tmp_path / "corpus")])  # four batches, one run
        assert not looked
        found = _segment_ids(tmp_path / "lib")
        library.add([SAMPLE_DATA])  # new files: looked for in the segments there before
        assert looked and set(looked) <= found


def test_a_runs_steps_add_up_to_its_time(tmp_path, monkeypatch):
    """``IndexReport.steps`` (``broadsheet index -v``): each moment counted once, for the
    innermost step, so that the steps add up to the run, merging and linking included."""
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_ARTICLES", 10)
    monkeypatch.setattr(indexer, "PARALLEL_MERGE_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    with Library(tmp_path / "lib") as library:
        report = library.add([SAMPLE_DATA, write_corpus(tmp_path / "corpus")])
    steps = dict(report.steps)
    assert {"finding files", "reading files", "counting boilerplate lines", "writing",
            "linking copies", "merging", "committing"} <= set(steps)
    assert all(seconds >= 0 for seconds in steps.values())
    assert sum(steps.values()) == pytest.approx(report.seconds, rel=0.1, abs=0.5)


def test_a_segment_is_written_with_young_collections_only():
    """While a segment is written no full collection walks its posting pool, young
    collections still free cycles, everything is collected at the end, and the collector is
    left as it was."""
    import gc

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    before = gc.get_threshold()
    kept = []
    with workers.young_collections_only():
        full = gc.get_stats()[2]["collections"]
        young = gc.get_stats()[0]["collections"]
        for _ in range(300_000):  # a pool's worth of long-lived containers, and a few cycles
            kept.append([len(kept)])
        for _ in range(100):
            Cycle()
        assert gc.get_stats()[2]["collections"] == full
        assert gc.get_stats()[0]["collections"] > young
        aging = Cycle()
        gc.collect(1)  # now in the oldest generation: only a full collection frees it
        del aging
        freed_by_full = gc.get_stats()[2]["collected"]
    assert gc.get_threshold() == before
    assert gc.get_stats()[2]["collected"] > freed_by_full
