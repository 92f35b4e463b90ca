"""The app's one thread for the engine.

``Library`` opens its SQLite connection in whichever thread first searches, and SQLite
connections refuse other threads; Whoosh wants one searcher per thread. So every engine call
the app makes — search, get, close — runs on this one thread, in order. Calls that are no
longer wanted by the time their turn comes (the user typed on) are skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Stale(Exception):
    """The call was skipped: a newer one replaced it before it started."""


class EngineThread:
    def __init__(self, library) -> None:
        self.library = library
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="broadsheet-engine")

    def warm(self) -> None:
        """Open the index now, while Textual starts (the first search then runs warm)."""
        def job() -> None:
            try:
                self.library.search("*", limit=0, facets=False)
            except Exception:  # the real first search reports whatever is wrong
                pass

        self._pool.submit(job)

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
