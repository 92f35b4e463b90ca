"""Import the standard library's ``dataclasses`` without ``inspect``, and ``pathlib``
without ``urllib.parse``.

``dataclasses`` imports ``inspect`` (with ``ast``, ``dis``, ``tokenize`` and ``linecache``:
~3-5 ms of a one-shot search's start, ``python -X importtime``, measured once) for one call:
``inspect.signature``, to write a docstring for a dataclass that has none, and every
dataclass of broadsheet has one. A stand-in takes ``inspect``'s place while ``dataclasses``
is imported, then is taken out again: a later ``import inspect`` gets the real module, and
``dataclasses`` gets it too at its first use of the stand-in.

``pathlib`` imports ``urllib.parse`` (which imports ``ipaddress``: ~2 ms of a one-shot
search's start, ``python -X importtime``) for ``as_uri``, which broadsheet does not call (it
writes SQLite's URI itself, ``store.file_uri``). A stand-in takes its place the same way,
handing ``pathlib`` a ``quote_from_bytes`` that imports the real one when called.

Imported first by ``index`` (``tests/tui/test_cli_oneshot.py`` holds a search to it).
"""

from __future__ import annotations

import sys
import types


def real_attribute(module: str):
    """A stand-in module's ``__getattr__``: each attribute read from the real ``module``,
    imported then. Not the import system's questions (``__path__``, ``__spec__``): while the
    stand-in is in place, importing the module would find the stand-in again."""
    def attribute(name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        __import__(module)
        return getattr(sys.modules[module], name)

    return attribute


def deferred(module: str, name: str):
    """A stand-in for the function ``module.name``, imported when first called: for what
    a module takes by name at its import (``from shutil import copyfileobj``)."""
    def function(*args, **kwargs):  # pragma: no cover - never called by a search
        __import__(module)
        return getattr(sys.modules[module], name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    return function


def stood_in(stand_ins: dict[str, dict], modules) -> None:
    """Import ``modules`` with a stand-in in place of each module ``stand_ins`` names (its
    attributes given), but those imported already; then take the stand-ins out again:
    what imports them later gets the real module."""
    placed = [name for name in stand_ins if name not in sys.modules]
    for name in placed:
        stand_in = types.ModuleType(name)
        stand_in.__dict__.update(stand_ins[name])
        sys.modules[name] = stand_in
    try:
        for module in modules:
            __import__(module)
    finally:
        for name in placed:
            del sys.modules[name]


if "dataclasses" not in sys.modules:
    stood_in({"inspect": {"__getattr__": real_attribute("inspect")}}, ["dataclasses"])

if "pathlib" not in sys.modules:
    stood_in({"urllib.parse": {
        "quote_from_bytes": deferred("urllib.parse", "quote_from_bytes"),
        "__getattr__": real_attribute("urllib.parse")}}, ["pathlib"])
