"""Watched folders: the library follows its folders as files come, change and go.

``follow`` waits for the file system to report changes (inotify on Linux, through
watchfiles' Rust watcher, imported only here), gathers a burst of them into one batch (the
batch closes QUIET_MS after the last change, or BATCH_MS after the first, whichever is
sooner), and hands the batch to ``Library.update``: one commit per batch, only the changed
files read, deleted ones (or everything under a deleted folder) removed. A copy of a
thousand files is a few batches, not a thousand commits.

Only what ``broadsheet index`` would read is passed on: hidden files and folders,
README-style files and other types are left out, and so is the library's own folder (its
``values.json`` would otherwise be indexed, and every commit would start another).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import sources
from .library import Library
from .models import IndexReport

QUIET_MS = 100
"""A batch closes once nothing changed for this long (a burst of copies has shorter gaps)."""
BATCH_MS = 800
"""...or this long after its first change, so a long copy is indexed as it goes."""
IDLE_MS = 500
"""The watcher hands back an empty batch after this long without changes."""


def watched(library: Library, paths: Iterable[str | Path]) -> list[str]:
    """The folders (or files) to watch: ``paths``, else the library's folders; only those
    that exist."""
    given = [os.path.abspath(Path(p).expanduser()) for p in paths] or library.roots()
    return [p for p in given if os.path.exists(p)]


def wanted(path: str, roots: list[str], library: str) -> bool:
    """Whether a change at ``path`` concerns the library: what ``discover`` would read under
    one of ``roots`` (or, for a path that is gone, may have read)."""
    if path == library or path.startswith(library + os.sep):
        return False
    root = next((r for r in roots if path == r or path.startswith(r.rstrip(os.sep) + os.sep)),
                None)
    if root is None:
        return False
    parts = Path(os.path.relpath(path, root)).parts if path != root else ()
    if any(part.startswith(".") for part in parts):
        return False
    if os.path.isdir(path) or not os.path.lexists(path) and not sources.extension(path):
        return True  # a folder, or one that was deleted (extensionless: maybe a folder)
    name = os.path.basename(path)
    return (sources.extension(name) in sources.EXTENSIONS
            and name.lower().split(".")[0] not in sources.NOT_ARTICLES)


def batches(roots: list[str], library: str, stop=None) -> Iterator[list[str]]:
    """The changed paths under ``roots``, a batch at a time, sorted, until ``stop`` (a
    threading.Event) is set; an empty batch every IDLE_MS without changes (the first one
    says the watcher is running). Ctrl-c raises KeyboardInterrupt, and so does a signal's
    handler's exception (watchfiles turns both into KeyboardInterrupt)."""
    from watchfiles import watch

    def keep(change, path: str) -> bool:
        return wanted(path, roots, library)

    for changes in watch(*roots, watch_filter=keep, debounce=BATCH_MS, step=QUIET_MS,
                         stop_event=stop, raise_interrupt=True, rust_timeout=IDLE_MS,
                         yield_on_timeout=True):
        yield sorted({path for _, path in changes})


def follow(library: Library, roots: list[str],
           each: Callable[[IndexReport], None], stop=None) -> None:
    """Keep ``library`` up to date with ``roots`` until ``stop`` is set (or a signal's
    exception ends it): ``each`` is called with the report of every batch.

    A change made after the caller's last ``add`` but before the watcher ran would go
    unseen, so once it runs the roots are walked once more (only what changed is read)."""
    from .workers import warm_up

    # Else the first file to come pays for the detectors' tables (~0.5 s, measured once; it
    # would show as the first file's delay in ``python -m benchmarks.watch_latency``).
    warm_up()
    caught_up = False
    for paths in batches(roots, str(library.folder), stop):
        if not caught_up:
            caught_up = True
            report = library.add(roots)
            if report.added or report.updated or report.removed or report.failed:
                each(report)
        elif paths:
            each(library.update(paths))
