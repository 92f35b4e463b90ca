"""Python's cyclic garbage collector, paused while the app starts.

Start-up makes tens of thousands of objects that live as long as the process: modules,
classes, Textual's styles and widgets, the index's tables. Each young collection promotes
them, and the collector walks them again on every older one. Before the app's first screen
that was 113 collections, 61-67 ms of a ~0.5 s start (counted with ``gc.callbacks``, Reuters
library, tmux 80x24), a third of it one full collection in the middle of the first layout
(counted once by hand; the start itself is the first screen of ``python -m
benchmarks.tmux_app LIBRARY``, the row 'app first screen in tmux 80x24, from exec' of
``python -m benchmarks.run``). Start-up leaves little garbage in cycles: ~4,000 objects.

So ``broadsheet`` pauses the collector first thing. The app resumes it once its first
screen is painted, and a command that writes (``index``) at once; a read-only command
(``search``, ``show``, ``facets``, ``stats``) never: its process ends a moment later.
Resuming freezes what start-up made (``gc.freeze``): later collections, while the user
types, no longer walk it. The small start-up garbage stays with it; collecting it first
would cost ~50 ms of a full collection after the first frame, when the first keys are
being handled (measured once; no benchmark tracks it).
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Collect again, without walking what exists now. Only when ``pause`` stopped the
    collector: a process that never paused it (tests, an embedding program) keeps its
    objects collectable."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    save_compiled()


def save_compiled() -> None:
    """Keep what the start compiled and parsed: the dataclass methods
    (``index._code_cache``) and Textual's CSS (``tui.app.css_cache``), where it made any
    the caches did not hold. Once the start is over, not only at the end of a process that
    may end without Python's exit (a killed terminal, ``os._exit``)."""
    import sys

    for name in ("index._code_cache", "tui.app.css_cache"):
        cache = sys.modules.get(name)
        if cache is not None:
            cache.save()
