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
import zlib

OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
FORMAT = 2
"""In the file's name: a change to what the file holds, or to how texts are compiled
here, starts a new file."""
LIMIT = 1000
"""Texts kept at most: past it, the file keeps those of the process writing it (a
Textual upgrade leaves the texts of the release before behind)."""

# The file: the CRC-32 of each text -> marshal's bytes of (text, code). A process unmarshals
# the few entries it uses, not all: the app's start and the searches leave ~330 entries,
# whose code objects took 8-12 ms to unmarshal, a one-shot search's ~40 of them 0.2 ms.
_kept: dict[int, bytes] | None = None  # read at first use
_codes: dict[str, object] = {}  # text -> code, this process's
_used: set[int] = set()
_new: dict[int, bytes] = {}


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
    code = _codes.get(text)
    if code is not None:
        return code
    if _kept is None:
        _kept = _read()
    key = zlib.crc32(text.encode())
    entry = _kept.get(key)
    if entry is not None:
        try:
            kept_text, code = marshal.loads(entry)
        except (ValueError, EOFError, TypeError):
            kept_text = code = None
        if kept_text != text or type(code) is not _CODE:  # another text of the same CRC
            code = None
    if code is None:
        # as ``exec`` would: not with this module's ``from __future__ import annotations``,
        # which would leave the methods' annotations as strings
        code = compile(text, "<string>", "exec", dont_inherit=True)
        _kept[key] = _new[key] = marshal.dumps((text, code))
    _codes[text] = code
    _used.add(key)
    return code


_CODE = type(_compiled.__code__)


def owned_privately(st: os.stat_result) -> bool:
    """Whether a file or folder is this user's and no one else can write it: what may be
    run or unpickled from it (the app's parsed CSS, ``tui.app.css_cache``, uses it too)."""
    return st.st_uid == os.geteuid() and not st.st_mode & OTHERS_WRITE


def _read() -> dict[int, bytes]:
    return entries(read_privately(path(), marshal.load))


def read_privately(name: str, load):
    """``load(file)`` of the file ``name`` in the cache folder, when it and the folder are
    ``owned_privately``; None when they are not, or the file is missing, unreadable or
    damaged."""
    try:
        if not (owned_privately(os.stat(folder())) and owned_privately(os.stat(name))):
            return None
        with open(name, "rb") as f:
            return load(f)
    except Exception:  # whatever a damaged file makes the loader raise
        return None


def entries(found) -> dict[int, bytes]:
    """The well-formed entries of a cache file's table (a key's CRC-32 -> its bytes)."""
    if type(found) is not dict:
        return {}
    return {k: v for k, v in found.items() if type(k) is int and type(v) is bytes}


def save() -> None:
    """Write the cache if this process compiled texts it did not hold: once a start is
    over (``tui.startup.save_compiled``) and at the process's end (``atexit``). Quietly
    does nothing where it cannot."""
    global _new
    if not _new or _kept is None:
        return
    kept = _kept if len(_kept) <= LIMIT else {t: _kept[t] for t in _used}
    _new = {}
    write_privately(path(), lambda f: marshal.dump(kept, f))


def write_privately(target: str, dump) -> None:
    """Write ``target`` in the cache folder with ``dump(file)``, readable by this user
    alone, whole or not at all (a temporary file renamed over it). Quietly does nothing
    where it cannot: a folder it cannot make, or one others could write."""
    where = folder()
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        if not owned_privately(os.stat(where)):
            return
        temporary = f"{target}.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                dump(f)
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, ValueError):
        return


install()  # imported first by ``index``, before its first dataclass
atexit.register(save)
