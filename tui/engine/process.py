"""The app's engine: one thread that makes every engine call, and the process it hands them to.

Every engine call the app makes — search, facets, an article and its match spans — goes
through this one thread, in order. The Library is safe to call from several threads, but it
searches under one lock anyway, so more threads would only queue there; one thread keeps
the UI thread free, runs calls in the order the user made them, and skips calls that are no
longer wanted by the time their turn comes (the user typed on).

The thread does not search itself when it can help it. ``start_beside`` forks the engine
process before Textual is imported: a copy of this process with the index's code loaded and
no UI, on the other core. It runs the first screen's search while Textual starts, and then
every call the thread sends it, until the app closes. A search is Python from end to end: in
the app's own process it took turns with the UI for the GIL while the user typed on, and at
200,000 articles one takes 100-300 ms (``python -m benchmarks.run --only synthetic``, row
'in-process search p50 / p95'). In the engine process the index is opened, read and cached
there, and the app's process holds the UI alone. Where the process cannot be had (no
``fork``, other threads already running, the library already open here) or once it has died,
the thread makes the calls itself, as before.
"""

from __future__ import annotations

import gc
import itertools
import mmap
import os
import pickle
import signal
import struct
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_SIZE = 8
"""Bytes of the length before each message on the pipes (little-endian)."""
_SLOTS = 64
"""Calls the app can have abandoned at once (``_EngineProcess.abandon``): one slot each in
the memory the two processes share, by the call's number modulo this."""


class Stale(Exception):
    """The call was skipped: a newer one replaced it before it started."""


class _Gone(Exception):
    """The engine process is no longer there to answer."""


class _Here(Exception):
    """The call cannot travel to the engine process (it does not pickle): make it here."""


class EngineThread:
    def __init__(self, library, process: _EngineProcess | None = None) -> None:
        self.library = library
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="broadsheet-engine")
        self._process: _EngineProcess | None = process
        """The forked engine process, while it answers (``start_beside``, or ``fork_early``
        before this thread was made)."""
        self._tickets = itertools.count(1)
        """Each ``call``'s number (0: a call that is never abandoned, ``start``'s)."""

    @property
    def beside(self) -> bool:
        """Whether calls go to the engine process."""
        return self._process is not None

    def start(self, fn: Callable[..., T], *args, **kwargs) -> Future[T]:
        """Start ``fn(library, *args, **kwargs)`` now (before the UI is up, say) and await
        its result later with ``result``."""
        return self._pool.submit(self._run, fn, args, kwargs)

    def start_beside(self, fn: Callable[..., T], *args) -> Future[T]:
        """Fork the engine process, start ``fn(library, *args)`` in it, and await its result
        later with ``result``; every later call goes to the same process.

        For the first screen's search: started before Textual, it runs on the other core
        while this process starts the UI, instead of taking turns with it for the GIL
        (which more than doubles its time). Where there is no ``fork``, where threads
        already run (forking them is unsafe) or the library is already open, it runs on
        the engine thread as ``start`` does. What ``fn`` raises in the child, the call
        raises; if the child dies, ``fn`` runs on the engine thread after all."""
        if self._process is None and not self.library.is_open:
            library = self.library
            self._process = _fork(lambda: library)
        return self.start(fn, *args)

    def _run(self, fn: Callable[..., T], args: tuple, kwargs: dict, ticket: int = 0) -> T:
        """On the engine thread: ``fn`` in the engine process, else here."""
        process = self._process
        if process is not None:
            try:
                return process.call(fn, args, kwargs, ticket)
            except _Here:
                pass
            except _Gone:  # it died (killed, out of memory): from now on, here
                self._process = None
                process.close()
        return fn(self.library, *args, **kwargs)

    async def result(self, future: Future[T]) -> T:
        import asyncio  # here: the app has it loaded; the first screen's fork need not wait

        return await asyncio.wrap_future(future)

    async def call(self, fn: Callable[..., T], *args,
                   wanted: Callable[[], bool] | None = None, **kwargs) -> T:
        """Run ``fn(library, *args, **kwargs)`` through the engine thread and await it.
        ``fn`` and what it returns travel to the engine process and back pickled; a ``fn``
        that does not pickle (a lambda) runs here, on the engine thread.

        Cancelled (the app's worker was: the user typed on), a call that has not started
        never does, and one the engine process is making stops at its next check
        (``index.interrupt``): the newer call need not wait for it to finish."""
        ticket = next(self._tickets)

        def job() -> T:
            if wanted is not None and not wanted():
                raise Stale()
            return self._run(fn, args, kwargs, ticket)

        import asyncio

        try:
            return await asyncio.wrap_future(self._pool.submit(job))
        except asyncio.CancelledError:
            process = self._process
            if process is not None:
                process.abandon(ticket)
            raise

    def close(self) -> None:
        """End the engine process and close the library, on the engine thread, then stop
        the thread."""
        def finish() -> None:
            process, self._process = self._process, None
            if process is not None:
                process.close()
            self.library.close()

        self._pool.submit(finish).result()
        self._pool.shutdown(wait=True, cancel_futures=True)


def fork_early(make_library: Callable[[], object]) -> _EngineProcess | None:
    """Fork the engine process at the very start of ``broadsheet``, before this process
    imports the index's code and the app's: the child makes its library with
    ``make_library`` and imports what it searches with, on the other core, while this
    process imports Textual. Forked after those imports (``start_beside``), it began its
    part ~110 million instructions later (the resident reader's client,
    ``tui.cli.commands``, ``index``, the argument parser and ``tui.engine.request``, counted
    once with ``valgrind --tool=callgrind``; the first screen in tmux is ``python -m
    benchmarks.tmux_app``). Hand the process to
    ``EngineThread``; ``close`` it if the app never starts. None where there is no fork."""
    return _fork(make_library)


def _fork(make_library: Callable[[], object]) -> _EngineProcess | None:
    """The engine process, or None where it cannot be had (no ``fork``, other threads
    already running: forking them is unsafe)."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return None
    try:
        return _EngineProcess.fork(make_library)
    except OSError:  # no process: the engine thread does it
        return None


class _EngineProcess:
    """The parent's end of a forked engine process: a pipe each way, one call at a time
    (the engine thread's)."""

    def __init__(self, pid: int, requests, answers, abandoned: mmap.mmap) -> None:
        self.pid, self._requests, self._answers = pid, requests, answers
        self._abandoned = abandoned
        """Shared with the child: the numbers of the calls the app abandoned, by slot."""

    @classmethod
    def fork(cls, make_library: Callable[[], object]) -> _EngineProcess:
        abandoned = mmap.mmap(-1, 8 * _SLOTS)  # anonymous and shared: the child sees writes
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (child_reads, parent_writes, parent_reads, child_writes):
                os.close(fd)
            raise
        if pid == 0:  # the child: serve until the parent closes its end, then leave at once
            code = 0
            try:
                os.close(parent_writes)
                os.close(parent_reads)
                _serve(make_library, child_reads, child_writes, abandoned)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(child_reads)
        os.close(child_writes)
        return cls(pid, os.fdopen(parent_writes, "wb"), os.fdopen(parent_reads, "rb"),
                   abandoned)

    def abandon(self, ticket: int) -> None:
        """Tell the child that call ``ticket``'s answer is no longer wanted: a search stops
        at its next check (``index.interrupt``) if it is the one under way."""
        struct.pack_into("<q", self._abandoned, 8 * (ticket % _SLOTS), ticket)

    def call(self, fn: Callable[..., T], args: tuple, kwargs: dict, ticket: int = 0) -> T:
        try:
            request = pickle.dumps((ticket, fn, args, kwargs),
                                   protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError):  # a lambda, say
            raise _Here() from None
        try:
            self._requests.write(len(request).to_bytes(_SIZE, "little") + request)
            self._requests.flush()
            ok, value = pickle.loads(_read(self._answers))
        except (OSError, EOFError, pickle.UnpicklingError, ValueError) as exc:
            raise _Gone() from exc
        if not ok:
            raise value
        return value

    def close(self, wait: float = 3.0) -> None:
        """Close the pipes: the child leaves when it reads their end (after the call it
        may be making). One that has not left after ``wait`` seconds is killed."""
        for pipe in (self._requests, self._answers):
            try:
                pipe.close()
            except OSError:
                pass
        deadline = time.monotonic() + wait
        try:
            while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.005)
        except (ChildProcessError, ProcessLookupError):
            pass


def _serve(make_library: Callable[[], object], requests_fd: int, answers_fd: int,
           abandoned: mmap.mmap) -> None:
    """The engine process: answer each call with (True, value) or (False, exception); a
    call the app abandoned (``abandon``) raises ``index.interrupt.Interrupted`` at its next
    check."""
    from index import interrupt

    making = [0]  # the number of the call under way

    def asked() -> bool:
        ticket = making[0]
        return ticket != 0 and struct.unpack_from("<q", abandoned, 8 * (ticket % _SLOTS))[0] \
            == ticket

    interrupt.install(asked)
    gc.enable()  # ``broadsheet`` paused the collector for its start (``tui.startup``)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the app's to handle
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # never a byte into the terminal the app draws on
        os.dup2(quiet, fd)
    library: Any = make_library()
    with os.fdopen(requests_fd, "rb") as requests, os.fdopen(answers_fd, "wb") as answers:
        while True:
            try:
                making[0], fn, args, kwargs = pickle.loads(_read(requests))
            except EOFError:  # the app closed its end: done
                break
            try:
                answer = pickle.dumps((True, fn(library, *args, **kwargs)),
                                      protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                answer = _failure(exc)
            answers.write(len(answer).to_bytes(_SIZE, "little") + answer)
            answers.flush()
    library.close()


def _failure(exc: Exception) -> bytes:
    """What the call raised, as the caller will raise it (or, if it cannot be pickled, a
    RuntimeError naming it)."""
    try:
        return pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _read(pipe) -> bytes:
    """One message: its length, then its bytes. EOFError at the end of the pipe."""
    head = pipe.read(_SIZE)
    if len(head) < _SIZE:
        raise EOFError("the pipe closed")
    size = int.from_bytes(head, "little")
    body = pipe.read(size)
    if len(body) < size:
        raise EOFError("the pipe closed mid-message")
    return body
