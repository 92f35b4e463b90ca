"""End to end: the real ``broadsheet`` command in tmux at 80x24, as a person over SSH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import write_articles

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
BROADSHEET = Path(sys.executable).parent / "broadsheet"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never showed; the screen was:\n{screen(session)}")


@pytest.fixture
def session(tmp_path):
    name = f"bs-test-{os.getpid()}"
    yield name
    tmux("kill-session", "-t", name)


def test_index_a_folder_search_open_and_quit(tmp_path, session):
    if not BROADSHEET.exists():
        pytest.skip("the broadsheet script is not installed in this environment")
    articles = write_articles(tmp_path / "articles")
    command = (f"TERM=xterm ESCDELAY=25 {BROADSHEET} --library {tmp_path / 'lib'} {articles}; "
               "echo EXITED $?; sleep 30")
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24",
         "-e", f"HOME={tmp_path}", command)
    wait_for(session, "7 articles")
    tmux("send-keys", "-t", session, "-l", "wahlen")
    shown = wait_for(session, "1 article ")
    assert "Wahlen in Frankreich" in shown
    tmux("send-keys", "-t", session, "Enter")
    tmux("send-keys", "-t", session, "Enter")
    shown = wait_for(session, "match")
    assert "Frankreich wählt ein neues Parlament" in shown
    tmux("send-keys", "-t", session, "Escape")
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "q")
    wait_for(session, "EXITED 0")
