"""Whether a library may be opened: no one but its user can have written it.

Whoosh keeps its table of contents, its stored fields and its word positions as pickles, and
reading a pickle can run any code the pickle names. So a library someone else can write (a
folder shared with a group, a ``chmod 777``, a library another user made) could run that
someone's code as whoever searches it. As git does with ``safe.directory``, broadsheet opens
a library only when the folder, its index folder and the files in both belong to the user
running it and neither group nor others can write them; a user who trusts a library anyway
lists it in ``BROADSHEET_TRUSTED_LIBRARIES`` (folders separated by ``:``, or ``*`` for any).
broadsheet's own cache (the facet sets) is plain binary that cannot run code.

The check runs on every open (each ``broadsheet search``): ``lstat`` of the two folders and
``stat`` of the entries ``scandir`` found, tens of microseconds on a library of a few
segments. Libraries broadsheet creates are made with modes no one else can write, whatever
the umask (``private_files``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .store import INDEX_DIR, LibraryError

ENV_TRUSTED = "BROADSHEET_TRUSTED_LIBRARIES"
OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


class UntrustedLibrary(LibraryError):
    """A library someone else could have written; the message says how to fix or trust it."""


def check(folder: Path) -> None:
    """Raise UntrustedLibrary unless ``folder`` (a library, absolute) and everything Whoosh
    reads in it belong to this user and no one else can write them, or the user trusts it."""
    problem = _problem(folder, os.geteuid())
    if problem is not None and not trusted(folder):
        raise UntrustedLibrary(_message(folder, *problem))


def trusted(folder: Path) -> bool:
    """Whether ``BROADSHEET_TRUSTED_LIBRARIES`` lists ``folder`` (or is ``*``)."""
    listed = os.environ.get(ENV_TRUSTED, "")
    if not listed.strip():
        return False
    here = {os.path.abspath(folder), os.path.realpath(folder)}
    for entry in listed.split(os.pathsep):
        entry = entry.strip()
        if entry == "*":
            return True
        if entry:
            path = os.path.expanduser(entry)
            if os.path.abspath(path) in here or os.path.realpath(path) in here:
                return True
    return False


def _problem(folder: Path, uid: int) -> tuple[str, os.stat_result] | None:
    """The first path (relative to ``folder``) another user owns or could write, and its
    status; None when there is none."""
    try:
        st = os.stat(folder)  # the folder may be a link the user made to a folder of theirs
    except OSError:
        return None  # not there: opening it says so
    if _unsafe(st, uid):
        return ".", st
    for where in (folder, folder / INDEX_DIR):
        try:
            entries = os.scandir(where)
        except OSError:
            continue  # no index folder yet
        with entries:
            for entry in entries:
                try:
                    st = entry.stat()  # what a link points to is what would be read
                except OSError:
                    continue  # gone since the listing (a commit), or a dangling link
                if _unsafe(st, uid):
                    return os.path.relpath(entry.path, folder), st
    return None


def _unsafe(st: os.stat_result, uid: int) -> bool:
    return st.st_uid != uid or bool(st.st_mode & OTHERS_WRITE)


def _message(folder: Path, where: str, st: os.stat_result) -> str:
    what = f"library {folder}" if where == "." else f"library {folder}: {where}"
    if st.st_uid != os.geteuid():
        problem = f"{what} belongs to another user ({_owner(st.st_uid)})"
        fix = "use a library of your own"
    else:
        who = "others" if st.st_mode & stat.S_IWOTH else "your group"
        problem = f"{what} is writable by {who} (mode {stat.S_IMODE(st.st_mode):04o})"
        fix = f"fix it with chmod -R go-w {folder}"
    return (f"{problem}, and whoever can write a library can make broadsheet run code as "
            f"you; {fix}, or trust it: {ENV_TRUSTED}={folder}")


def _owner(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


@contextmanager
def private_files() -> Iterator[None]:
    """Files and folders created meanwhile are not writable by group or others, whatever
    the umask (a umask of 002 would make every segment group-writable, and the library one
    this module refuses)."""
    old = tighten_umask()
    try:
        yield
    finally:
        os.umask(old)


def tighten_umask() -> int:
    """Add group and other write to the process's umask; the umask it had."""
    old = os.umask(0o022)
    os.umask(old | 0o022)
    return old
