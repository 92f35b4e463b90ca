"""End to end: the real ``broadsheet`` command in tmux at 80x24, as a person over SSH.

The test runs its own tmux server (``tmux -L <unique name> -f /dev/null``): it never sees a
user's server, their ~/.tmux.conf, or another test's sessions, and the server is killed after.
Waits poll the screen with generous limits (indexing and start-up on a busy 2-core CI machine
take seconds); no step relies on a fixed sleep.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import write_articles

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
BROADSHEET = Path(sys.executable).parent / "broadsheet"
SESSION = "bs"


class Tmux:
    """One private tmux server with one session, driven like a terminal user would."""

    def __init__(self) -> None:
        self.socket = f"broadsheet-test-{uuid.uuid4().hex[:12]}"
        self.path = ""

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=False, timeout=30).stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        pairs = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        self.run("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", *pairs, command)
        self.run("set-option", "-s", "escape-time", "10")
        self.path = self.run("display-message", "-p", "#{socket_path}").strip()

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", SESSION, *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", SESSION)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed in {timeout:.0f} s; the screen was:\n"
                             f"{self.screen()}")

    def kill(self) -> None:
        self.run("kill-server")
        if self.path:  # tmux leaves the socket file behind
            Path(self.path).unlink(missing_ok=True)


@pytest.fixture
def tmux():
    server = Tmux()
    yield server
    server.kill()


def test_index_a_folder_search_open_and_quit(tmp_path, tmux):
    if not BROADSHEET.exists():
        pytest.skip("the broadsheet script is not installed in this environment")
    articles = write_articles(tmp_path / "articles")
    command = f"{BROADSHEET} --library {tmp_path / 'lib'} {articles}; echo EXITED $?; sleep 60"
    tmux.start(command, {"TERM": "xterm", "ESCDELAY": "25", "HOME": str(tmp_path),
                         "XDG_DATA_HOME": str(tmp_path / "data")})
    tmux.wait_for("7 articles", timeout=90)  # indexes first, then opens the app
    tmux.keys("parlament", literal=True)
    shown = tmux.wait_for("1 article ")
    assert "Wahlen in Frankreich" in shown
    tmux.keys("Enter")  # to the results
    tmux.wait_for("s Sort")  # the footer of the result list (the search box has none)
    tmux.keys("Enter")  # open the article: full-screen at 80 columns
    shown = tmux.wait_for("1 match")
    assert "Frankreich wählt ein neues Parlament" in shown
    tmux.keys("Escape")
    tmux.wait_for("s Sort")
    tmux.keys("q")
    tmux.wait_for("EXITED 0")
    assert (tmp_path / "data" / "broadsheet" / "history").read_text().split() == ["parlament"]
