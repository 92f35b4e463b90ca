"""The app's one thread for the engine.

Every engine call the app makes — search, get, match spans, close — runs on this one thread,
in order. The Library is safe to call from several threads, but it searches under one lock
anyway, so more threads would only queue there; one thread keeps the UI thread free, runs
calls in the order the user made them, and skips calls that are no longer wanted by the time
their turn comes (the user typed on).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Stale(Exception):
    """The call was skipped: a newer one replaced it before it started."""


class EngineThread:
    def __init__(self, library) -> None:
        self.library = library
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="broadsheet-engine")

    def start(self, fn: Callable[..., T], *args, **kwargs) -> Future[T]:
        """Start ``fn(library, *args, **kwargs)`` now (before the UI is up, say) and await
        its result later with ``result``."""
        return self._pool.submit(fn, self.library, *args, **kwargs)

    def start_beside(self, fn: Callable[..., T]) -> Future[T]:
        """Start ``fn(library)`` in a forked child process, and await its result later
        with ``result``.

        For the first screen's search: started before Textual, it runs on the other core
        while this process starts the UI, instead of taking turns with it for the GIL
        (which more than doubles its time). Where there is no ``fork``, where threads
        already run (forking them is unsafe) or the library is already open, it runs on
        the engine thread as ``start`` does. What ``fn`` raises in the child, the call
        raises; if the child dies, ``fn`` runs on the engine thread after all."""
        if not hasattr(os, "fork") or threading.active_count() > 1 or self.library.is_open:
            return self.start(fn)
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return self.start(fn)
        if pid == 0:  # the child: search, send the answer, and leave at once
            os.close(read)
            try:
                try:
                    answer = (True, fn(self.library))
                except Exception as exc:
                    answer = (False, exc)
                with os.fdopen(write, "wb") as out:
                    pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write)

        def collect() -> T:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            try:
                ok, value = pickle.loads(data)
            except Exception:  # the child died: search here after all
                return fn(self.library)
            if not ok:
                raise value
            return value

        return self._pool.submit(collect)

    async def result(self, future: Future[T]) -> T:
        import asyncio  # here: the app has it loaded; the first screen's fork need not wait

        return await asyncio.wrap_future(future)

    async def call(self, fn: Callable[..., T], *args,
                   wanted: Callable[[], bool] | None = None, **kwargs) -> T:
        """Run ``fn(library, *args, **kwargs)`` on the engine thread and await it."""
        def job() -> T:
            if wanted is not None and not wanted():
                raise Stale()
            return fn(self.library, *args, **kwargs)

        import asyncio

        return await asyncio.wrap_future(self._pool.submit(job))

    def close(self) -> None:
        """Close the library on its own thread, then stop the thread."""
        self._pool.submit(self.library.close).result()
        self._pool.shutdown(wait=True, cancel_futures=True)
