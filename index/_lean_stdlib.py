"""Import the standard library's ``dataclasses`` without ``inspect``.

``dataclasses`` imports ``inspect`` (with ``ast``, ``dis``, ``tokenize`` and ``linecache``:
~3-5 ms of a one-shot search's start, ``python -X importtime``, measured once) for one call:
``inspect.signature``, to write a docstring for a dataclass that has none, and every
dataclass of broadsheet has one. A stand-in takes ``inspect``'s place while ``dataclasses``
is imported, then is taken out again: a later ``import inspect`` gets the real module, and
``dataclasses`` gets it too at its first use of the stand-in.

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
