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


def _real(name: str):
    if name.startswith("__"):  # the import system asking the stand-in (``__path__``)
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module("inspect"), name)


if "dataclasses" not in sys.modules and "inspect" not in sys.modules:
    _stand_in = types.ModuleType("inspect")
    _stand_in.__getattr__ = _real  # type: ignore[method-assign]
    sys.modules["inspect"] = _stand_in
    try:
        import dataclasses  # noqa: F401
    finally:
        del sys.modules["inspect"]


def _quote_from_bytes(*args, **kwargs):  # pragma: no cover - PurePath.as_uri only
    from urllib.parse import quote_from_bytes

    return quote_from_bytes(*args, **kwargs)


def _parse_attribute(name: str):  # pragma: no cover - not asked by pathlib as it is
    if name.startswith("__"):  # the import system's questions (``__path__``)
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module("urllib.parse"), name)


if "pathlib" not in sys.modules and "urllib.parse" not in sys.modules:
    _stand_in = types.ModuleType("urllib.parse")
    _stand_in.quote_from_bytes = _quote_from_bytes  # type: ignore[attr-defined]
    _stand_in.__getattr__ = _parse_attribute  # type: ignore[method-assign]
    sys.modules["urllib.parse"] = _stand_in
    try:
        import pathlib  # noqa: F401
    finally:
        del sys.modules["urllib.parse"]
