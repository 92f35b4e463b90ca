"""The methods ``dataclasses`` writes, compiled once and kept between runs.

Python 3.11's ``dataclasses`` writes the methods of every dataclass (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, a frozen one's ``__setattr__`` and ``__delattr__``)
as source text and compiles each with ``exec``, at every start of every process. The app's
start compiled 215 of them, Textual's and broadsheet's (21 ms: an ad-hoc script timing
``compile`` of the texts the app's start writes), a one-shot search 42 (~4 ms of its ~85).

Importing this module gives ``dataclasses`` an ``exec`` of its own that compiles each text
once: the code objects are kept, by their text, in the user's cache folder
(``$XDG_CACHE_HOME/broadsheet``, else ``~/.cache/broadsheet``), one file for each Python
bytecode (``marshal``'s format is that Python's). The file is read at the first dataclass
of a process and written again when the process compiled texts it did not hold (``save``:
at the end of the start, ``tui.startup``, and of the process). A text compiles to the same
code wherever it is compiled; what runs it (the class's globals) is given at each ``exec``
as before. Python 3.13 writes a dataclass's methods in one text: one is kept per class.

Reading compiled code runs it, so the cache is read only when no one but its user could
have written it, as a library is (``trust``): the folder and the file belong to this user
and neither group nor others can write them. Anything wrong with it (missing, damaged,
another's, unwritable) leaves every text compiled as before, never an error.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import stat
import sys

OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
FORMAT = 1
"""In the file's name: a change to how texts are compiled here starts a new file."""
LIMIT = 4000
"""Texts kept at most: past it, the file keeps those of the process writing it (a
Textual upgrade leaves the texts of the release before behind)."""

_kept: dict[str, object] | None = None  # text -> code object, read at first use
_used: set[str] = set()
_new: dict[str, object] = {}


def folder() -> str:
    """The cache folder: ``$XDG_CACHE_HOME/broadsheet``, else ``~/.cache/broadsheet``."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return os.path.join(base, "broadsheet")


def path() -> str:
    from importlib.util import MAGIC_NUMBER

    return os.path.join(folder(), f"dataclasses-{FORMAT}-{sys.implementation.cache_tag}-"
                                  f"{MAGIC_NUMBER.hex()}.marshal")


def install() -> None:
    """Give ``dataclasses`` this module's ``exec`` (once; a Python whose ``dataclasses``
    writes no source text never calls it). ``builtins.exec`` itself is left alone: the
    name is looked up in the module's globals first."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source, globals=None, locals=None, /):  # noqa: A002  (builtins.exec's names)
    if type(source) is str:
        source = _compiled(source)
    return builtins.exec(source, globals, locals)


def _compiled(text: str):
    global _kept
    if _kept is None:
        _kept = _read()
    code = _kept.get(text)
    if code is None:
        # as ``exec`` would: not with this module's ``from __future__ import annotations``,
        # which would leave the methods' annotations as strings
        code = _kept[text] = _new[text] = compile(text, "<string>", "exec", dont_inherit=True)
    _used.add(text)
    return code


def _safe(st: os.stat_result) -> bool:
    return st.st_uid == os.geteuid() and not st.st_mode & OTHERS_WRITE


def _read() -> dict[str, object]:
    try:
        name = path()
        if not (_safe(os.stat(folder())) and _safe(os.stat(name))):
            return {}
        with open(name, "rb") as f:
            found = marshal.load(f)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if type(found) is not dict:
        return {}
    code_type = type(_read.__code__)
    return {k: v for k, v in found.items() if type(k) is str and type(v) is code_type}


def save() -> None:
    """Write the cache if this process compiled texts it did not hold: once a start is
    over (``tui.startup.save_compiled``) and at the process's end (``atexit``). Quietly
    does nothing where it cannot."""
    global _new
    if not _new or _kept is None:
        return
    kept = _kept if len(_kept) <= LIMIT else {t: _kept[t] for t in _used}
    _new = {}
    where = folder()
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        if not _safe(os.stat(where)):
            return
        target = path()
        temporary = f"{target}.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump(kept, f)
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, ValueError):
        return


install()  # imported first by ``index``, before its first dataclass
atexit.register(save)
