"""A search stopped part-way by whoever asked for it, because its answer is no longer wanted.

The app searches on every key. At 200,000 articles the search for a short prefix ("bah",
~1,800 terms) takes half a second, and the word's last key waited behind it. The app's
engine process installs ``asked`` (is the call it is making abandoned?), and a search
checks it between steps (``check``): between a prefix's terms, between its phases. A
process that installs nothing (``broadsheet search``, the tests) pays a global lookup a
check.

A search stopped this way leaves the searcher as it was: every cache it fills is filled
with whole entries only (a term's scores, a prefix's terms, the facet sets).
"""

from __future__ import annotations

from collections.abc import Callable


class Interrupted(Exception):
    """The search was stopped: the one who asked for it no longer wants its answer."""


_asked: Callable[[], bool] | None = None


def install(asked: Callable[[], bool] | None) -> None:
    """From now on, ``check`` raises Interrupted whenever ``asked()`` is true (None: never)."""
    global _asked
    _asked = asked


def check() -> None:
    """Raise Interrupted if the search under way is no longer wanted."""
    if _asked is not None and _asked():
        raise Interrupted()
