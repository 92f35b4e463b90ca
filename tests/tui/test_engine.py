"""The app's engine thread, and the first screen's search in a forked child beside it."""

from __future__ import annotations

import threading

import pytest

from index import Library, LibraryError
from tui.engine import EngineThread
from tui.request import first_page


def test_the_childs_first_page_is_the_engine_threads(library_folder):
    beside = EngineThread(Library(library_folder))
    here = EngineThread(Library(library_folder))
    try:
        forked = beside.start_beside(first_page).result(timeout=60)
        assert not beside.library.is_open  # the child opened its own copy
        direct = here.start(first_page).result(timeout=60)
    finally:
        beside.close()
        here.close()
    assert forked.total == direct.total == 7
    assert [h.id for h in forked.hits] == [h.id for h in direct.hits]
    assert forked.hits == direct.hits


def test_the_childs_error_is_the_callers(tmp_path):
    engine = EngineThread(Library(tmp_path / "nothing here"))
    try:
        with pytest.raises(LibraryError, match="no library"):
            engine.start_beside(first_page).result(timeout=60)
    finally:
        engine.close()


def test_with_threads_running_it_searches_on_the_engine_thread(library_folder, monkeypatch):
    """Forking a process with threads is unsafe: then the engine thread does it."""
    import os

    def no_fork():
        raise AssertionError("forked while another thread ran")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    engine = EngineThread(Library(library_folder))
    try:
        assert engine.start_beside(first_page).result(timeout=60).total == 7
    finally:
        stop.set()
        other.join()
        engine.close()
