"""Files asked of the system ahead of their reading (``indexer._Prefetch``): each file
before it is read, never far ahead, and a file that is not a plain one of a readable size
is let be, without waiting or failing."""

from __future__ import annotations

import os

import pytest

import index.indexer as indexer
from index import Library
from tests.conftest import write_corpus

advises = pytest.mark.skipif(not hasattr(os, "posix_fadvise"),
                             reason="posix_fadvise is a Linux (POSIX) call")


def test_each_file_is_asked_for_before_it_is_read_a_few_ahead(tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "PREFETCH_AHEAD", 3)
    monkeypatch.setattr(indexer, "LOOKUP_WINDOW", 7)  # windows end and start
    events: list[tuple[str, str]] = []
    monkeypatch.setattr(indexer, "_ask", lambda path: events.append(("asked", path)))
    visit = indexer.Indexer._visit
    monkeypatch.setattr(indexer.Indexer, "_visit",
                        lambda self, key: (events.append(("read", key)), visit(self, key))[1])
    corpus = write_corpus(tmp_path / "corpus", {
        f"{i:02}.txt": f"Story {i}\n\nThe council met on day {i}." for i in range(20)})
    with Library(tmp_path / "lib") as library:
        assert library.add([corpus]).articles == 20
    read = [path for what, path in events if what == "read"]
    asked = [path for what, path in events if what == "asked"]
    assert read == asked and len(read) == 20  # every file once, in the order read
    for at, (what, path) in enumerate(events):
        if what == "read":
            before = events[:at]
            assert ("asked", path) in before
            ahead = sum(1 for w, _ in before if w == "asked") - sum(
                1 for w, _ in before if w == "read")
            assert ahead <= 3 + 1


def test_only_files_new_to_the_library_are_asked_for(tmp_path, monkeypatch):
    """A re-index that finds nothing new reads no file, and must not make the system read
    the archive either; a changed file the library knows is read without being asked for
    (most known files are unchanged), a new one is asked for."""
    asked: list[str] = []
    monkeypatch.setattr(indexer, "_ask", asked.append)
    corpus = write_corpus(tmp_path / "corpus", {
        f"{i:02}.txt": f"Story {i}\n\nThe council met on day {i}." for i in range(5)})
    with Library(tmp_path / "lib") as library:
        library.add([corpus])
        assert len(asked) == 5
        asked.clear()
        assert library.add([corpus]).unchanged == 5
        assert asked == []
        (corpus / "01.txt").write_text("Story 1\n\nThe council met again.")
        (corpus / "09.txt").write_text("Story 9\n\nThe harbour opened.")
        report = library.add([corpus])
        assert (report.added, report.updated) == (1, 1)
        assert asked == [str(corpus / "09.txt")]


@advises
def test_only_plain_files_of_a_readable_size_are_asked_for(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(os, "posix_fadvise",
                        lambda fd, offset, length, advice: asked.append(os.fstat(fd).st_size))
    small = tmp_path / "small.txt"
    small.write_text("Story\n\nText.")
    large = tmp_path / "large.txt"
    large.write_bytes(b"x" * (indexer.PREFETCH_MOST + 1))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it to read would wait for a writer, but for O_NONBLOCK
    for path in (small, large, empty, fifo, tmp_path / "gone.txt", tmp_path):
        indexer._ask(str(path))
    assert asked == [small.stat().st_size]


@advises
def test_a_failing_call_costs_nothing(tmp_path, monkeypatch):
    def refuse(fd, offset, length, advice):
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "posix_fadvise", refuse)
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": "Story\n\nThe council met."})
    with Library(tmp_path / "lib") as library:
        report = library.add([corpus])
        assert report.articles == 1 and not report.failed
