"""The resident reader of one library: ``python -m tui.resident.server LIBRARY``.

Started in the background by a one-shot ``broadsheet search`` (see ``tui.resident.client``), it
keeps the library open and answers the read-only commands sent over its UNIX socket by
running them exactly as ``broadsheet`` would, output and exit code included. One request
at a time: each takes milliseconds, and the library searches under one lock anyway.

It follows the library: Whoosh reopens its searcher after every commit, and a library
rebuilt from scratch (a new database file) is opened anew. It ends, removing its socket,
after ``client.IDLE_SECONDS`` without a request, when its library is gone, or when a client
runs other broadsheet code than it does.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import socket
import struct
import sys
from contextlib import redirect_stderr, redirect_stdout

from ..cli import main as run_cli
from . import client

TYPE_CHECKING = False
if TYPE_CHECKING:
    from index import Library

# ``commands`` (and with it the engine) is imported only once this reader holds its lock:
# a burst of first searches may start several readers, and all but one end at the lock.

MAX_REQUEST = 1 << 20


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
        request = _read(conn)
        go_on = True
        reply: dict[str, object]
        if request is None or request.get("protocol") != client.PROTOCOL:
            reply = {"ok": False}
        elif request.get("stop"):
            reply, go_on = {"ok": True}, False
        elif request.get("code") != self.code:
            reply, go_on = {"ok": False}, False  # newer code: let a new reader start
        elif request.get("library") != self.library:
            reply = {"ok": False}  # another library, whose socket name is the same
        elif not self._current():
            reply, go_on = {"ok": False}, False  # the library is gone
        else:
            code, out, err = self._run(request["argv"], bool(request.get("tty")),
                                       request.get("env") or {})
            reply = {"ok": True, "code": code, "out": out, "err": err}
        try:
            conn.sendall(json.dumps(reply).encode())
        except OSError:
            pass  # the client went away (interrupted): nothing to answer
        return go_on

    def close(self) -> None:
        if self._resident is not None:  # a library was opened
            self._resident.close()

    def warm(self) -> None:
        """Open the library and search once, so the first answer is as quick as the rest
        (facet sets, the date column, stemmers)."""
        if self._current():
            self._run(["search", "*", "--json", "--limit", "1"], False, {})

    def _current(self) -> bool:
        """The library is still there; reopened if it was rebuilt as a new file."""
        try:
            st = os.stat(os.path.join(self.library, "library.sqlite"))
        except OSError:
            return False
        identity = (st.st_dev, st.st_ino)
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


def _read(conn: socket.socket) -> dict | None:
    conn.settimeout(5.0)
    chunks, size = [], 0
    try:
        while size <= MAX_REQUEST:
            chunk = conn.recv(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        request = json.loads(b"".join(chunks))
        return request if isinstance(request, dict) else None
    except (OSError, ValueError):
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
    with open(f"{path}.lock", "w") as lock:
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
            listener.settimeout(idle)
            reader = Reader(library)
            try:
                reader.warm()
                while True:
                    try:
                        conn, _ = listener.accept()
                    except TimeoutError:
                        break
                    with conn:
                        if not reader.handle(conn):
                            break
            finally:
                os.unlink(path)
                reader.close()
    return 0


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
