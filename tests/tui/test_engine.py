"""The app's engine thread, and the engine process forked beside it: the first screen's
search and every later call."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from index import Library, LibraryError, Query, QueryError
from tui.engine.process import EngineThread
from tui.engine.request import first_page


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


def _pid(library) -> int:
    return os.getpid()


def _search(library, text):
    return library.search(Query(text, limit=5))


@pytest.fixture
def beside(library_folder):
    engine = EngineThread(Library(library_folder))
    first = engine.start_beside(first_page)
    yield engine, first
    engine.close()


async def test_every_later_call_goes_to_the_engine_process(beside, library_folder):
    engine, first = beside
    assert first.result(timeout=60).total == 7
    assert engine.beside
    assert await engine.call(_pid) != os.getpid()
    found = await engine.call(_search, "kasachstan OR kazakhstan")
    with Library(library_folder) as here:
        direct = here.search(Query("kasachstan OR kazakhstan", limit=5))
    assert [h.id for h in found.hits] == [h.id for h in direct.hits] and found.total == 4
    assert not engine.library.is_open  # this process never opened the index


async def test_what_the_process_raises_the_caller_raises_and_it_serves_on(beside):
    engine, _ = beside
    with pytest.raises(QueryError, match="unbalanced quote"):
        await engine.call(_search, '"grain')
    assert (await engine.call(_search, '"kasachstan"')).total == 2


async def test_a_call_that_does_not_pickle_runs_here(beside):
    engine, _ = beside
    assert await engine.call(lambda library: os.getpid()) == os.getpid()
    assert engine.beside  # it did not end the engine process
    assert await engine.call(_pid) != os.getpid()


async def test_when_the_process_dies_the_engine_thread_answers(beside):
    engine, first = beside
    first.result(timeout=60)
    child = await engine.call(_pid)
    os.kill(child, signal.SIGKILL)
    assert (await engine.call(_search, '"kasachstan"')).total == 2  # answered here
    assert not engine.beside and engine.library.is_open
    assert await engine.call(_pid) == os.getpid()


def _until_interrupted(library) -> str:
    """A search that would never end unless stopped (``index.interrupt``)."""
    import time

    from index import interrupt

    while True:
        interrupt.check()
        time.sleep(0.005)


async def test_a_cancelled_call_stops_in_the_process_and_the_next_one_is_answered(beside):
    """The user typed on: the app's worker was cancelled, so the engine process stops the
    search under way at its next check, and the next key's search does not wait for it."""
    import asyncio

    engine, first = beside
    first.result(timeout=60)
    endless = asyncio.ensure_future(engine.call(_until_interrupted))
    await asyncio.sleep(0.2)  # under way in the engine process
    endless.cancel()
    found = await asyncio.wait_for(engine.call(_search, '"kasachstan"'), timeout=20)
    assert found.total == 2 and engine.beside


def test_closing_ends_the_engine_process(library_folder):
    engine = EngineThread(Library(library_folder))
    engine.start_beside(first_page).result(timeout=60)
    child = engine._process.pid
    engine.close()
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # gone, and reaped


APP_PROCESS = """
import sys

import tui.app.app as app

def run_app(library, engine, first):  # where Textual's app would start
    results = first.result(timeout=60)
    print(engine.beside, results.total, len(results.hits),
          sorted(m for m in sys.modules if m.split(".")[0] in ("whoosh", "sqlite3", "argparse")))
    engine.close()
    return 0

app.run_app = run_app
from tui.cli import main
sys.exit(main(["--library", sys.argv[1]]))
"""


def test_the_apps_own_process_leaves_whoosh_to_the_engine_process(library_folder):
    """``broadsheet`` (the app): the engine process imports Whoosh and reads the index;
    the app's process, which starts Textual meanwhile, never imports Whoosh, nor SQLite,
    nor argparse (it has no arguments to parse)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", APP_PROCESS, str(library_folder)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "BROADSHEET_SERVER": "0"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().split(maxsplit=3) == ["True", "7", "7", "[]"]



EARLY_FORK = """
import os
import sys
import types

forked_with = []
real_fork = os.fork

def fork():
    loaded = sorted(m for m in ("index", "textual", "whoosh") if m in sys.modules)
    pid = real_fork()
    if pid:
        forked_with.append(loaded)
    return pid

def run_app(library, engine, first):  # where Textual's app would start
    results = first.result(timeout=60)
    print(engine.beside, results.total, len(results.hits))
    engine.close()
    print(forked_with)
    return 0

os.fork = fork
sys.modules["tui.app.app"] = types.SimpleNamespace(run_app=run_app)
from tui.cli import main
sys.exit(main(ARGV))
"""


@pytest.mark.parametrize("argv", [[], ["--library", "{library}"]])
def test_the_engine_process_starts_before_the_app_imports_the_index(library_folder, argv):
    """``broadsheet`` and ``broadsheet --library DIR``: the engine process is forked first
    thing, and opens the index while the app's process imports the index's code and
    Textual; the first screen's results come from it all the same."""
    import subprocess
    import sys

    script = EARLY_FORK.replace("ARGV", repr([a.format(library=library_folder) for a in argv]))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "BROADSHEET_SERVER": "0",
                                            "BROADSHEET_LIBRARY": str(library_folder)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == ["True 7 7", "[[]]"]  # forked once, first
