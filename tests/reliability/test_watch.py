"""``broadsheet index --watch``: a file added, changed or deleted in a watched folder is
found (or gone) by ``broadsheet search`` within a couple of seconds; a burst of files is
one commit, not one each; ctrl-c and SIGTERM end it with exit 0."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import keys_of_a_terminal
from tests.reliability.conftest import ROOT, word
from tui.cli import main

BOUND = 10.0
"""How long a test waits for the watcher (it should take well under 2 s)."""


def article(folder: Path, name: str, marker: str) -> Path:
    path = folder / name
    path.write_text(f"Harbour report {marker}\n\nThe harbour council met on Monday to talk "
                    f"about the ferry and the railway, and about {marker} above all.\n",
                    "utf-8")
    return path


def found(capsys, library: Path, marker: str) -> int:
    """How many articles ``broadsheet search MARKER`` finds now."""
    code = main(["--library", str(library), "search", marker, "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 1) and out, (code, out, err)
    return json.loads(out)["total"]


def until(condition, watcher: subprocess.Popen, log: Path) -> float:
    """Seconds until ``condition()`` holds (fails after BOUND, or if the watcher ends)."""
    start = time.monotonic()
    while not condition():
        assert watcher.poll() is None, f"the watcher ended: {log.read_text()}"
        assert time.monotonic() - start < BOUND, f"not within {BOUND} s: {log.read_text()}"
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.fixture
def watching(tmp_path):
    """``broadsheet index --watch FOLDER`` running on a folder of one article, watching."""
    folder, library, log = tmp_path / "articles", tmp_path / "library", tmp_path / "log"
    folder.mkdir()
    article(folder, "first.txt", word(1))
    env = dict(os.environ, BROADSHEET_SERVER="0")
    env.pop("BROADSHEET_DEBUG", None)
    with log.open("w") as err:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--library", str(library), "index", "--watch",
             str(folder)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err,
            preexec_fn=keys_of_a_terminal)
    try:
        start = time.monotonic()
        while "watching 1 folder" not in log.read_text():
            assert watcher.poll() is None, log.read_text()
            assert time.monotonic() - start < 120, log.read_text()
            time.sleep(0.05)
        yield watcher, folder, library, log
    finally:
        if watcher.poll() is None:
            watcher.kill()
        watcher.wait()


def batch_lines(log: Path) -> list[tuple[int, int, int]]:
    return [tuple(map(int, m.groups())) for m in
            re.finditer(r"^\d\d:\d\d:\d\d \+(\d+) ~(\d+) -(\d+),", log.read_text(), re.M)]


def test_added_changed_and_deleted_files_follow_and_ctrl_c_ends_it(watching, capsys):
    watcher, folder, library, log = watching
    assert found(capsys, library, word(1)) == 1

    path = article(folder, "second.txt", word(2))
    added = until(lambda: found(capsys, library, word(2)) == 1, watcher, log)

    article(folder, "second.txt", word(3))  # the same file, new text
    changed = until(lambda: found(capsys, library, word(3)) == 1, watcher, log)
    assert found(capsys, library, word(2)) == 0

    path.unlink()
    deleted = until(lambda: found(capsys, library, word(3)) == 0, watcher, log)
    assert found(capsys, library, word(1)) == 1
    with capsys.disabled():  # shown with -s
        print(f"watch latency: added {added:.2f} s, changed {changed:.2f} s, "
              f"deleted {deleted:.2f} s")

    before = len(batch_lines(log))
    burst = folder / "burst"
    burst.mkdir()
    for n in range(100, 130):
        article(burst, f"{n}.txt", word(n))
    until(lambda: found(capsys, library, "harbour") == 31, watcher, log)
    # (the batch's line is printed just after its commit)
    until(lambda: sum(n for n, _, _ in batch_lines(log)[before:]) == 30, watcher, log)
    lines = batch_lines(log)[before:]
    assert len(lines) <= 3, log.read_text()  # a burst is a batch (or two), not 30 commits
    assert found(capsys, library, word(129)) == 1

    (folder / ".hidden.txt").write_text("hidden harbour", "utf-8")  # not read, as by index
    (folder / "notes.ods").write_text("harbour\t1\n", "utf-8")

    watcher.send_signal(signal.SIGINT)
    assert watcher.wait(timeout=30) == 0, log.read_text()
    text = log.read_text()
    assert text.rstrip().endswith("broadsheet: stopped watching"), text
    assert "Traceback" not in text and "failed:" not in text, text
    assert found(capsys, library, "harbour") == 31


def test_sigterm_ends_the_watch_with_exit_0(watching, capsys):
    watcher, folder, library, log = watching
    article(folder, "second.txt", word(2))
    until(lambda: found(capsys, library, word(2)) == 1, watcher, log)
    watcher.send_signal(signal.SIGTERM)
    assert watcher.wait(timeout=30) == 0, log.read_text()
    text = log.read_text()
    assert text.rstrip().endswith("broadsheet: stopped watching"), text
    assert "Traceback" not in text, text


def test_watch_needs_a_folder(tmp_path, capsys):
    code = main(["--library", str(tmp_path / "library"), "index", "--watch"])
    assert code == 2
    assert "no folder to watch" in capsys.readouterr().err
