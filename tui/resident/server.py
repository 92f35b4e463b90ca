"""The resident reader of one library: ``python -m tui.resident.server LIBRARY``.

Started in the background by a one-shot ``broadsheet search`` (see ``tui.resident.client``), it
keeps the library open and answers the read-only commands sent over its UNIX socket by
running them exactly as ``broadsheet`` would, output and exit code included. One request
at a time: each takes milliseconds, and the library searches under one lock anyway.

It follows the library: Whoosh reopens its searcher after every commit, and a library
rebuilt from scratch (a new database file) is opened anew. It wakes every ``WAKE_SECONDS``
and ends, closing its files and removing its socket, when its library is gone (a rebuilt
one is closed, to be opened anew by the next request), when broadsheet's code changed (an
upgrade), or after ``client.IDLE_SECONDS`` without a request; and when a client runs other
broadsheet code than it does.

What it answers it takes as input from outside: only the read-only commands
(``client.COMMANDS``), arguments and environment values that are strings, a request read
within ``REQUEST_SECONDS`` whatever pace its bytes come at, and whatever a command raises
(argparse's ``SystemExit`` too) is an error answer, after which the reader goes on; the
client then answers in-process.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import socket
import struct
import sys
import time
from contextlib import redirect_stderr, redirect_stdout

from ..cli import main as run_cli
from . import client

TYPE_CHECKING = False
if TYPE_CHECKING:
    from index import Library

# ``commands`` (and with it the engine) is imported only once this reader holds its lock:
# a burst of first searches may start several readers, and all but one end at the lock.

MAX_REQUEST = 1 << 20
REQUEST_SECONDS = 5.0
"""A request must arrive whole within this (a client sends it at once)."""
REPLY_SECONDS = 30.0
"""An answer must be taken within this (a client reads it at once)."""
WAKE_SECONDS = 2.0
"""Between requests, the reader looks this often whether its library is still there."""


class _Output(io.StringIO):
    """Captured output that is a terminal when the client's is (colour, progress)."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class Reader:
    def __init__(self, library: str) -> None:
        self.library = library
        self.code = client.code_stamp()
        self._identity: tuple[int, int] | None = None
        self._resident: Library | None = None
        """The library kept open between requests (opened by ``_current``)."""

    def handle(self, conn: socket.socket) -> bool:
        """Answer one request; False when the reader should end."""
        if not _same_user(conn):
            return True
        try:
            reply, go_on = self._answer(_read(conn))
        except (Exception, SystemExit) as exc:  # a bug of ours must not end the reader
            reply, go_on = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}, True
        try:
            conn.settimeout(REPLY_SECONDS)  # for all of sendall, not each piece
            conn.sendall(json.dumps(reply).encode())
        except OSError:
            pass  # the client went away (interrupted), or does not read: nothing to answer
        return go_on

    def _answer(self, request: dict | None) -> tuple[dict, bool]:
        """The reply to ``request`` and whether to go on."""
        if request is None or request.get("protocol") != client.PROTOCOL:
            return {"ok": False}, True
        if request.get("stop"):
            return {"ok": True}, False
        if request.get("code") != self.code:
            return {"ok": False}, False  # newer code: let a new reader start
        if request.get("library") != self.library:
            return {"ok": False}, True  # another library, whose socket name is the same
        command = _command(request)
        if command is None:
            return {"ok": False, "error": "not a request this reader answers"}, True
        if not self._current():
            return {"ok": False}, False  # the library is gone
        try:
            code, out, err = self._run(*command)
        except SystemExit as exc:  # argparse's --help, or an abbreviation of it
            return {"ok": False, "error": f"the command exited ({exc.code})"}, True
        return {"ok": True, "code": code, "out": out, "err": err}, True

    def close(self) -> None:
        if self._resident is not None:  # a library was opened
            self._resident.close()

    def warm(self) -> None:
        """Open the library and search once, so the first answer is as quick as the rest
        (facet sets, the date column, stemmers)."""
        if self._current():
            self._run(["search", "*", "--json", "--limit", "1"], False, {})

    def gone(self) -> bool:
        """Between requests: whether the library is gone (the reader should end). A library
        rebuilt as a new file is closed now, so no deleted file stays open, and opened anew
        by the next request."""
        identity = _database(self.library)
        if identity is None:
            return True
        if self._identity is not None and identity != self._identity:
            self.close()
            self._resident, self._identity = None, None
        return False

    def _current(self) -> bool:
        """The library is still there; reopened if it was rebuilt as a new file."""
        identity = _database(self.library)
        if identity is None:
            return False
        if identity != self._identity:
            from index import Library

            if self._resident is not None:
                self._resident.close()
            self._resident = Library(self.library)
            self._identity = identity
        return True

    def _run(self, argv: list[str], tty: bool, env: dict[str, str]) -> tuple[int, str, str]:
        out, err = _Output(tty), _Output(False)
        saved = {key: os.environ.get(key) for key in client.PASSED_ENV}
        try:
            for key in client.PASSED_ENV:
                if key in env:
                    os.environ[key] = env[key]
                else:
                    os.environ.pop(key, None)
            with redirect_stdout(out), redirect_stderr(err):
                code = run_cli(["--library", self.library, *argv], forward=False,
                               resident=self._resident)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return code, out.getvalue(), err.getvalue()


def _same_user(conn: socket.socket) -> bool:
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):  # not Linux: the folder's permissions must do
        return True
    return struct.unpack("3i", creds)[1] == os.getuid()


def _database(library: str) -> tuple[int, int] | None:
    """Which database file the library is (a rebuild makes a new one); None when gone."""
    try:
        st = os.stat(os.path.join(library, "library.sqlite"))
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _command(request: dict) -> tuple[list[str], bool, dict[str, str]] | None:
    """(argv, tty, env) of a request for a read-only command, every value of the type the
    command needs; None for anything else (``index``, a number for an argument)."""
    argv, env, tty = request.get("argv"), request.get("env") or {}, request.get("tty")
    if not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)):
        return None
    if argv[0] not in client.COMMANDS or not isinstance(env, dict):
        return None
    if not all(k in client.PASSED_ENV and isinstance(v, str) for k, v in env.items()):
        return None
    return argv, tty is True, env


def _read(conn: socket.socket) -> dict | None:
    """The request, read whole within ``REQUEST_SECONDS`` (a client trickling its bytes
    one at a time does not hold the reader longer); None if it is not a JSON object."""
    deadline = time.monotonic() + REQUEST_SECONDS
    chunks, size = [], 0
    try:
        while size <= MAX_REQUEST:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            conn.settimeout(left)
            chunk = conn.recv(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        request = json.loads(b"".join(chunks))
        return request if isinstance(request, dict) else None
    except (OSError, ValueError, RecursionError):
        return None


def serve(library: str, idle: float) -> int:
    folder = client.runtime_dir()
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return 1
    if not client.private(folder):
        return 1
    path = client.socket_path(library)
    try:  # not through a link, and not truncated: a lock is all it is
        lock = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                       0o600)
    except OSError:
        return 1
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0  # another reader of this library is already up
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            try:
                os.unlink(path)  # a reader killed before it could clean up
            except FileNotFoundError:
                pass
            listener.bind(path)
            os.chmod(path, 0o600)
            listener.listen(16)
            reader = Reader(library)
            try:
                _listen(listener, reader, idle)
            finally:
                os.unlink(path)
                reader.close()
    finally:
        os.close(lock)
    return 0


def _listen(listener: socket.socket, reader: Reader, idle: float) -> None:
    """Answer requests until told to end, idle for ``idle`` seconds, the library is gone
    or broadsheet's code changed; look every ``WAKE_SECONDS`` between requests."""
    try:
        reader.warm()
    except (Exception, SystemExit):
        pass  # the first request says what is wrong (or the library is gone: ended below)
    last = time.monotonic()
    while True:
        left = last + idle - time.monotonic()
        if left <= 0:
            return
        listener.settimeout(min(WAKE_SECONDS, left))
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            if reader.gone() or client.code_stamp() != reader.code:
                return
            continue
        with conn:
            if not reader.handle(conn):
                return
        last = time.monotonic()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tui.resident.server LIBRARY", file=sys.stderr)
        return 2
    try:
        idle = float(os.environ.get(client.IDLE_ENV) or client.IDLE_SECONDS)
    except ValueError:
        idle = client.IDLE_SECONDS
    return serve(os.path.abspath(argv[0]), idle)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
