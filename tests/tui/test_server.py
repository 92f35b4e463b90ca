"""The resident reader: what it answers is exactly what the command prints itself, it
follows the library as it changes, and it starts and ends on its own."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import main
from tui.resident import client

BROADSHEET = Path(sys.executable).parent / "broadsheet"


@pytest.fixture
def runtime(tmp_path, monkeypatch) -> Path:
    """A private runtime folder, so no test meets a user's (or another test's) readers."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.setenv(client.ENV, "1")
    monkeypatch.setenv(client.IDLE_ENV, "60")
    return folder


@pytest.fixture
def lib(tmp_path, corpus, runtime) -> str:
    folder = tmp_path / "library"
    assert main(["--library", str(folder), "index", str(corpus), "--quiet"], forward=False) == 1
    return str(folder)


@pytest.fixture
def reader(lib):
    """A resident reader of ``lib``, stopped after the test."""
    proc = subprocess.Popen([sys.executable, "-m", "tui.resident.server", lib], cwd=ROOT,
                            env=dict(os.environ), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_until(lambda: client.ask(lib, ["stats"]) is not None, what="the reader to answer")
    yield proc
    proc.kill()
    proc.communicate()


def wait_until(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def steady(answer: tuple[int, str, str] | None):
    """An answer without the one thing that differs from run to run: the time taken."""
    assert answer is not None, "no answer"
    code, out, err = answer
    return code, re.sub(r"\(\d+ ms\)", "(N ms)", out), err


def in_process(capsys, lib: str, argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()  # what came before
    code = main(["--library", lib, *argv], forward=False)
    out = capsys.readouterr()
    return steady((code, out.out, out.err))


COMMANDS = [
    ["search", "grösste"],
    ["search", "grösste", "--json"],
    ["search", "*", "--jsonl", "--limit", "3", "--sort", "newest"],
    ["search", "Kasachstan", "--lang", "de", "--country", "Kasachstan"],
    ["search", "nothingmatcheshere"],           # exit 1
    ["search", '"unclosed'],                    # exit 2, one line on stderr
    ["search", "x", "--since", "2025-13"],     # exit 2
    ["facets", "--json"],
    ["show", "nosuchid"],                       # exit 1
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_the_reader_answers_exactly_what_the_command_prints(reader, lib, capsys, argv):
    assert steady(client.ask(lib, argv)) == in_process(capsys, lib, argv)


def test_show_and_stats_through_the_reader(reader, lib, capsys):
    hit = json.loads(in_process(capsys, lib, ["search", "grösste", "--json"])[1])["hits"][0]
    assert steady(client.ask(lib, ["show", hit["id"]])) == \
        in_process(capsys, lib, ["show", hit["id"]])
    code, out, _ = client.ask(lib, ["stats", "--json"])
    assert code == 0 and json.loads(out)["articles"] == 11


def test_colour_follows_the_clients_terminal(reader, lib, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert "\x1b[" in client.ask(lib, ["search", "grösste"])[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in client.ask(lib, ["search", "grösste"])[1]


def test_the_reader_follows_the_library(reader, lib, tmp_path, capsys):
    assert client.ask(lib, ["search", "Vulkanausbruch"])[0] == 1
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "vulkan.txt").write_text("Vulkanausbruch auf Island\n\nDer Vulkan auf Island "
                                      "ist wieder ausgebrochen, meldet die Regierung.\n")
    assert main(["--library", lib, "index", str(extra), "--quiet"], forward=False) == 0
    code, out, _ = client.ask(lib, ["search", "Vulkanausbruch", "--json"])
    assert code == 0 and json.loads(out)["total"] == 1
    # rebuilt from scratch: a new database, opened anew
    assert main(["--library", lib, "index", "--rebuild", "--quiet"], forward=False) == 1
    assert steady(client.ask(lib, ["search", "grösste"])) == \
        in_process(capsys, lib, ["search", "grösste"])


def test_other_code_ends_the_reader(reader, lib, monkeypatch):
    monkeypatch.setattr(client, "code_stamp", lambda: "another version")
    assert client.ask(lib, ["stats"]) is None
    assert reader.wait(timeout=10) == 0
    assert not os.path.exists(client.socket_path(lib))


def test_a_removed_library_ends_the_reader(reader, lib):
    shutil.rmtree(lib)
    assert client.ask(lib, ["stats"]) is None
    assert reader.wait(timeout=10) == 0


def test_no_reader_is_asked_in_a_folder_others_can_enter(reader, lib, runtime):
    runtime.joinpath("broadsheet").chmod(0o755)
    assert client.ask(lib, ["stats"]) is None


def test_the_first_search_starts_a_reader_that_ends_when_idle(lib, monkeypatch, runtime):
    monkeypatch.setenv(client.IDLE_ENV, "1.5")
    env = dict(os.environ)
    first = subprocess.run([str(BROADSHEET), "--library", lib, "search", "grösste"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    path = client.socket_path(lib)
    wait_until(lambda: os.path.exists(path), what="a reader to start")
    second = subprocess.run([str(BROADSHEET), "--library", lib, "search", "grösste"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert steady((second.returncode, second.stdout, second.stderr)) == \
        steady((first.returncode, first.stdout, first.stderr))
    wait_until(lambda: not os.path.exists(path), what="the idle reader to end")


def test_off_means_no_reader(lib, monkeypatch, runtime):
    monkeypatch.setenv(client.ENV, "0")
    done = subprocess.run([str(BROADSHEET), "--library", lib, "search", "grösste"],
                          env=dict(os.environ), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    time.sleep(1.0)
    assert not os.path.exists(client.socket_path(lib))


@pytest.mark.parametrize("env", [None, "/some/library"])
def test_the_clients_default_library_is_the_engines(monkeypatch, env):
    from index import default_folder

    if env:
        monkeypatch.setenv("BROADSHEET_LIBRARY", env)
    else:
        monkeypatch.delenv("BROADSHEET_LIBRARY", raising=False)
    assert client.default_library() == str(default_folder())


@pytest.mark.parametrize("argv,expected", [
    (["search", "x"], ("DEFAULT", ["search", "x"])),
    (["--library", "lib", "facets"], ("ABS", ["facets"])),
    (["--library=lib", "stats", "--json"], ("ABS", ["stats", "--json"])),
    (["index", "x"], None), (["search", "--help"], None), (["--version"], None),
    (["x.txt"], None), ([], None),
])
def test_which_command_lines_a_reader_answers(monkeypatch, argv, expected):
    monkeypatch.setenv("BROADSHEET_LIBRARY", "/default/library")
    found = client.split_library(argv)
    if expected is None:
        assert found is None
    else:
        where = "/default/library" if expected[0] == "DEFAULT" else os.path.abspath("lib")
        assert found == (where, expected[1])


def test_a_reader_can_be_told_to_end(reader, lib):
    assert client.stop(lib)
    assert reader.wait(timeout=10) == 0
    assert not client.stop(lib)
