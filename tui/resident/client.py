"""The fast path of ``broadsheet search``: ask the library's resident reader, if one runs.

A one-shot search spends most of its time starting: Python, Whoosh's imports, opening the
index, reading facet sets. A process that already has the library open answers in a few
milliseconds, so the first ``search`` (or ``facets``, ``show``, ``stats``) on a library
answers in-process and then starts a resident reader (``tui.resident.server``) in the background;
later ones send their arguments over a UNIX socket and print what it answers, exactly what
they would have printed themselves. The reader follows the library as it changes, and ends
after ``IDLE_SECONDS`` without a request. ``BROADSHEET_SERVER=0`` turns all of it off.

This module is the client, imported on every command: the standard library only, and
little of that.
"""

from __future__ import annotations

import json
import os
import sys
import zlib

try:  # the C module alone: ``socket`` adds selectors and enums, 5 ms of start-up
    import _socket as socket
except ImportError:  # pragma: no cover - an interpreter without it
    import socket  # type: ignore[no-redef]

ENV = "BROADSHEET_SERVER"
IDLE_ENV = "BROADSHEET_SERVER_IDLE"
IDLE_SECONDS = 900.0
"""A resident reader ends after this long without a request (15 minutes)."""
COMMANDS = ("search", "facets", "show", "stats")
"""The commands a resident reader answers: those that only read the library."""
PROTOCOL = 1
PASSED_ENV = ("NO_COLOR", "TERM", "BROADSHEET_DEBUG")
"""The client's environment that changes what a command prints."""
CONNECT_TIMEOUT = 0.5


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "no", "off", "false")


def runtime_dir() -> str:
    """A folder only this user can enter, for sockets and their locks."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and os.path.isdir(base):
        return os.path.join(base, "broadsheet")
    return os.path.join("/tmp", f"broadsheet-{os.getuid()}")


_TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
"""The folder that holds the ``index`` and ``tui`` packages."""


def socket_path(library: str) -> str:
    """Where the reader of ``library`` (an absolute path) listens. A short name, since a
    socket path has a length limit; the reader checks that it is the library asked for."""
    key = zlib.crc32(library.encode("utf-8", "surrogateescape"))
    return os.path.join(runtime_dir(), f"{key:08x}.sock")


def code_stamp() -> str:
    """Which broadsheet code this is: a reader started by other code (an upgrade, an edit
    in a development checkout) is not asked, and ends."""
    here = _TOP
    newest = 0
    for package in ("index", "tui"):
        stack = [os.path.join(here, package)]
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            stack.append(entry.path)
                    elif entry.name.endswith(".py"):
                        newest = max(newest, entry.stat().st_mtime_ns)
    return f"{sys.version}|{here}|{newest}"


def split_library(argv: list[str]) -> tuple[str, list[str]] | None:
    """The library folder a command line names (``--library``, $BROADSHEET_LIBRARY, the
    default) as an absolute path, and the rest of the line; None when the line is not one
    a reader answers."""
    folder, rest = None, list(argv)
    while rest and rest[0].startswith("-"):
        arg = rest.pop(0)
        if arg == "--library" and rest:
            folder = rest.pop(0)
        elif arg.startswith("--library="):
            folder = arg.split("=", 1)[1]
        else:
            return None  # --help, --version, or a mistake the full parser explains
    if not rest or rest[0] not in COMMANDS or any(a in ("-h", "--help") for a in rest):
        return None
    if folder is None:
        folder = default_library()
    return os.path.abspath(os.path.expanduser(folder)), rest


def default_library() -> str:
    """``index.default_folder()``, without importing the engine (a test keeps the two
    the same)."""
    env = os.environ.get("BROADSHEET_LIBRARY")
    if env:
        return env
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("broadsheet", appauthor=False), "library")


def private(folder: str) -> bool:
    """Only this user can reach into ``folder`` (no one else can listen there)."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


def ask(library: str, argv: list[str]) -> tuple[int, str, str] | None:
    """The reader's answer to ``broadsheet --library LIBRARY ARGV`` (exit code, stdout,
    stderr), or None when no reader of this library and this code is there to answer."""
    if not private(runtime_dir()):
        return None
    request = {"protocol": PROTOCOL, "code": code_stamp(), "library": library,
               "argv": argv, "tty": sys.stdout.isatty(),
               "env": {k: os.environ[k] for k in PASSED_ENV if k in os.environ}}
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.settimeout(CONNECT_TIMEOUT)
            conn.connect(socket_path(library))
            conn.settimeout(None)  # a large search may take a while: wait for it
            conn.sendall(json.dumps(request).encode())
            conn.shutdown(socket.SHUT_WR)
            answer = b"".join(iter(lambda: conn.recv(1 << 16), b""))
        finally:
            conn.close()
        reply = json.loads(answer)
        if not reply.get("ok"):
            return None
        return int(reply["code"]), reply["out"], reply["err"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def stop(library: str) -> bool:
    """Ask the reader of ``library`` to end; whether one was there to ask."""
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.settimeout(CONNECT_TIMEOUT * 4)
            conn.connect(socket_path(library))
            conn.sendall(json.dumps({"protocol": PROTOCOL, "stop": True}).encode())
            conn.shutdown(socket.SHUT_WR)
            return bool(json.loads(b"".join(iter(lambda: conn.recv(1 << 16), b""))).get("ok"))
        finally:
            conn.close()
    except (OSError, ValueError):
        return False


def forward(argv: list[str]) -> int | None:
    """Print the reader's answer to ``argv`` and return its exit code; None to go on
    in-process."""
    if not enabled():
        return None
    found = split_library(argv)
    if found is None:
        return None
    answer = ask(*found)
    if answer is None:
        return None
    code, out, err = answer
    sys.stdout.write(out)
    sys.stdout.flush()
    sys.stderr.write(err)
    return code


def start_reader(argv: list[str]) -> None:
    """After an in-process answer: start a resident reader for next time (detached, with
    no terminal and no inherited output, so neither a shell nor a pipe waits for it)."""
    found = split_library(argv) if enabled() else None
    if found is None or not os.path.exists(os.path.join(found[0], "library.sqlite")):
        return
    import subprocess

    try:
        subprocess.Popen([sys.executable, "-m", "tui.resident.server", found[0]],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True,
                         cwd=_TOP)
    except OSError:
        pass  # no reader this time: the next search starts in-process again
