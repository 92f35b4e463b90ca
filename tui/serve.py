"""``broadsheet serve``: the app in a web browser, for a colleague without a terminal.

textual-serve runs a web server whose page holds a terminal (xterm.js); each browser tab
that opens it starts its own ``broadsheet`` app process, driven by Textual's web driver,
on the same library. Nothing here imports Textual or textual-serve until ``serve`` runs:
the web server (aiohttp, jinja2) costs ~150 ms to import, which no other command pays.

Only the app is served, never a shell: the command each tab runs is fixed here. The
library is read-only to the browser (the app never writes it), but whoever can reach the
address reads all of it, so the default is this machine only (127.0.0.1), and any other
host is a warning.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from pathlib import Path

from .status import Exit, UsageError

LOOPBACK = ("localhost", "127.0.0.1", "::1")


def app_command(library: Path) -> str:
    """The shell command each browser tab runs: this Python, this broadsheet, the library."""
    return shlex.join([sys.executable, "-m", "tui.cli", "--library", str(library), "app"])


def is_local(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(host: str, port: int) -> None:
    """A clear usage error for a port out of range or an address that cannot be bound."""
    if not 0 < port < 65536:
        raise UsageError(f"--port {port}: use a port between 1 and 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(library: Path, host: str, port: int) -> Exit:
    """Serve the app on ``library`` at http://HOST:PORT until ctrl-c."""
    check_address(host, port)
    if not is_local(host):
        print(f"broadsheet: warning: serving on {host}: whoever reaches {host}:{port} can "
              f"read the whole library {library}", file=sys.stderr)
    from textual_serve.server import Server

    server = Server(app_command(library), host=host, port=port,
                    title=f"broadsheet: {library.name}")
    server.serve()
    return Exit.OK
