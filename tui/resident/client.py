"""The fast path of ``broadsheet search``: ask the library's resident reader, if one runs.

A one-shot search spends most of its time starting: Python, Whoosh's imports, opening the
index, reading facet sets. A process that already has the library open answers in a few
milliseconds (``python -m benchmarks.run``: row 'one-shot search', against '… no resident
reader'), so the first ``search`` (or ``facets``, ``show``, ``stats``) on a library answers
in-process and then starts a resident reader (``tui.resident.server``) in the background;
later ones send their arguments over a UNIX socket and print what it answers, exactly what
they would have printed themselves. The reader follows the library as it changes, and ends
after ``IDLE_SECONDS`` without a request. ``BROADSHEET_SERVER=0`` turns all of it off.

Another local user must neither answer nor overhear a search: the socket's folder is used
only when it is a real folder (not a link) of this user's that no one else can enter, the
reader at the other end must run as this user (``SO_PEERCRED``), and its answer is read up
to ``MAX_ANSWER`` bytes within ``ANSWER_SECONDS``. Anything else, and the command answers
in-process, as it would with no reader.

This module is the client, imported on every command: the standard library only, and
little of that.
"""

from __future__ import annotations

import os
import stat
import sys
import time
import zlib

# The C module alone: ``socket`` adds selectors and enums, 5 ms of start-up (measured once
# with ``python -X importtime``; no benchmark tracks it).
try:
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
ANSWER_SECONDS = 60.0
"""The longest a client waits for an answer, all of it; then it answers in-process."""
MAX_ANSWER = 64 << 20
"""An answer longer than this is not read (the longest real one, ``show`` of an article of
a million characters as JSON, is a few MB); the command answers in-process instead."""


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
    """``folder`` is a real folder (``lstat``: a link to one is not) of this user's, mode
    0700: no one else can listen there, or swap it for one of theirs."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid()
            and stat.S_IMODE(st.st_mode) == 0o700)


def hostile(folder: str) -> str | None:
    """What makes ``folder`` look planted by someone else (a link, not a folder, another
    owner), or None: a folder that is merely missing or open to others is no attack."""
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "not a folder"
    if st.st_uid != os.getuid():
        return f"owned by another user (uid {st.st_uid})"
    return None


def ask(library: str, argv: list[str]) -> tuple[int, str, str] | None:
    """The reader's answer to ``broadsheet --library LIBRARY ARGV`` (exit code, stdout,
    stderr), or None when no reader of this library and this code is there to answer."""
    folder = runtime_dir()
    if not private(folder):
        odd = hostile(folder)
        if odd:
            sys.stderr.write(f"broadsheet: not using the resident reader: {folder} is {odd}\n")
        return None
    request = {"protocol": PROTOCOL, "code": code_stamp(), "library": library,
               "argv": argv, "tty": sys.stdout.isatty(),
               "env": {k: os.environ[k] for k in PASSED_ENV if k in os.environ}}
    reply = _exchange(library, request, ANSWER_SECONDS)
    try:
        if reply is None or reply.get("ok") is not True:
            return None
        code, out, err = reply["code"], reply["out"], reply["err"]
    except (KeyError, AttributeError):
        return None
    if type(code) is not int or not isinstance(out, str) or not isinstance(err, str):
        return None
    return code, out, err


def stop(library: str) -> bool:
    """Ask the reader of ``library`` to end; whether one was there to ask."""
    if not private(runtime_dir()):
        return False
    reply = _exchange(library, {"protocol": PROTOCOL, "stop": True}, CONNECT_TIMEOUT * 4)
    return isinstance(reply, dict) and reply.get("ok") is True


def _exchange(library: str, request: dict, seconds: float) -> dict | None:
    """Send ``request`` to the reader of ``library`` and read its answer, all within
    ``seconds`` of connecting; None when there is no reader, it is not this user's, or its
    answer is too long, too slow or not JSON."""
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.settimeout(CONNECT_TIMEOUT)
            conn.connect(socket_path(library))
            if not _ours(conn):
                return None
            import json  # only once a reader answers: a search without one prints text

            deadline = time.monotonic() + seconds
            conn.settimeout(seconds)
            conn.sendall(json.dumps(request).encode())
            conn.shutdown(socket.SHUT_WR)
            answer = _receive(conn, deadline)
        finally:
            conn.close()
        reply = json.loads(answer) if answer is not None else None
    except (OSError, ValueError):
        return None
    return reply if isinstance(reply, dict) else None


def _ours(conn) -> bool:
    """The process at the other end runs as this user (a socket in our private folder
    should be; this holds even if the folder was swapped after it was checked)."""
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    except (OSError, AttributeError):  # not Linux: the folder's check must do
        return True
    return int.from_bytes(creds[4:8], sys.byteorder) == os.getuid()  # struct ucred's uid


def _receive(conn, deadline: float) -> bytes | None:
    """Everything the reader sends until it closes, or None past ``MAX_ANSWER`` bytes or
    ``deadline``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        conn.settimeout(left)
        chunk = conn.recv(1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER:
            return None
        chunks.append(chunk)


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
    folder = runtime_dir()
    if os.path.lexists(folder) and not private(folder):
        return  # a reader would refuse it too
    import subprocess

    try:
        subprocess.Popen([sys.executable, "-m", "tui.resident.server", found[0]],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True,
                         cwd=_TOP)
    except OSError:
        pass  # no reader this time: the next search starts in-process again
