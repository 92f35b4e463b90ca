"""The app's one thread for the engine.

Every engine call the app makes — search, get, match spans, close — runs on this one thread,
in order. The Library is safe to call from several threads, but it searches under one lock
anyway, so more threads would only queue there; one thread keeps the UI thread free, runs
calls in the order the user made them, and skips calls that are no longer wanted by the time
their turn comes (the user typed on).
"""

from __future__ import annotations

import asyncio
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

    async def result(self, future: Future[T]) -> T:
        return await asyncio.wrap_future(future)

    async def call(self, fn: Callable[..., T], *args,
                   wanted: Callable[[], bool] | None = None, **kwargs) -> T:
        """Run ``fn(library, *args, **kwargs)`` on the engine thread and await it."""
        def job() -> T:
            if wanted is not None and not wanted():
                raise Stale()
            return fn(self.library, *args, **kwargs)

        return await asyncio.wrap_future(self._pool.submit(job))

    def close(self) -> None:
        """Close the library on its own thread, then stop the thread."""
        self._pool.submit(self.library.close).result()
        self._pool.shutdown(wait=True, cancel_futures=True)
