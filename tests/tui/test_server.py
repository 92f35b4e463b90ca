"""The resident reader: what it answers is exactly what the command prints itself, it
follows the library as it changes, and it starts and ends on its own."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import main
from tui.resident import client, server

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


# -- the runtime folder, the lock and the reader at the other end (a hostile neighbour) ------

def test_a_runtime_folder_that_is_a_link_is_not_used(reader, lib, runtime, capsys):
    """Someone who could replace the folder with a link to theirs would hear every search."""
    folder = runtime / "broadsheet"
    folder.rename(runtime / "real")
    folder.symlink_to(runtime / "real")
    assert client.ask(lib, ["stats"]) is None
    assert f"not using the resident reader: {folder} is a symbolic link" in \
        capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_runtime_folder_of_another_user_is_not_used(reader, lib, runtime, capsys):
    os.chown(runtime / "broadsheet", 12345, -1)
    assert client.ask(lib, ["stats"]) is None
    assert "is owned by another user (uid 12345)" in capsys.readouterr().err


def test_a_runtime_folder_open_to_others_is_not_used_quietly(reader, lib, runtime, capsys):
    (runtime / "broadsheet").chmod(0o711)
    assert client.ask(lib, ["stats"]) is None
    assert capsys.readouterr().err == ""  # not an attack, just not private: no message


@pytest.mark.parametrize("link", [False, True])
def test_the_lock_file_is_neither_followed_nor_truncated(lib, runtime, tmp_path, link):
    folder = runtime / "broadsheet"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock = Path(f"{client.socket_path(lib)}.lock")
    if link:  # planted before the folder was ours, or followed through a swapped folder
        lock.symlink_to(victim)
    else:
        lock.write_text("precious\n")
    proc = subprocess.Popen([sys.executable, "-m", "tui.resident.server", lib], cwd=ROOT)
    try:
        if link:
            assert proc.wait(timeout=30) == 1  # no reader through a link
        else:
            wait_until(lambda: client.ask(lib, ["stats"]) is not None, what="the reader")
    finally:
        proc.kill()
        proc.wait()
    assert victim.read_text() == "precious\n"
    assert lock.read_text() == "precious\n"


def _fake_reader(path: str, answer, uid: int | None = None) -> subprocess.Popen:
    """A process listening at ``path`` (as ``uid``, if given) that answers every request
    with ``answer``: bytes, or ``"slow"`` to send a byte a second, forever."""
    script = textwrap.dedent(f"""\
        import os, socket, sys, time
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind({path!r})
        if {uid!r} is not None:
            os.chmod({path!r}, 0o666)
            os.setresgid({uid!r}, {uid!r}, {uid!r})
            os.setresuid({uid!r}, {uid!r}, {uid!r})
        s.listen(4)
        print("ready", flush=True)
        while True:
            conn, _ = s.accept()
            while conn.recv(65536):
                pass
            if {answer!r} == "slow":
                while True:
                    conn.sendall(b" ")
                    time.sleep(1)
            conn.sendall({answer!r})
            conn.close()
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "ready\n"
    return proc


FORGED = json.dumps({"ok": True, "code": 0, "out": "\x1b]52;c;Zm9yZ2Vk\x07forged\n",
                     "err": ""}).encode()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can listen as another user")
def test_a_reader_of_another_user_is_not_asked(lib, runtime):
    folder = runtime / "broadsheet"
    folder.mkdir(mode=0o700)
    fake = _fake_reader(client.socket_path(lib), FORGED, uid=12345)
    try:
        assert client.ask(lib, ["search", "grösste"]) is None  # answered in-process
    finally:
        fake.kill()
        fake.wait()


def test_an_answer_too_long_or_too_slow_is_not_taken(lib, runtime, monkeypatch):
    folder = runtime / "broadsheet"
    folder.mkdir(mode=0o700)
    path = client.socket_path(lib)
    monkeypatch.setattr(client, "MAX_ANSWER", len(FORGED) - 1)
    fake = _fake_reader(path, FORGED)
    try:
        assert client.ask(lib, ["stats"]) is None
        monkeypatch.setattr(client, "MAX_ANSWER", len(FORGED))
        assert client.ask(lib, ["stats"])[1].endswith("forged\n")  # the fake does answer
    finally:
        fake.kill()
        fake.wait()
    os.unlink(path)
    monkeypatch.setattr(client, "ANSWER_SECONDS", 1.5)
    fake = _fake_reader(path, "slow")
    try:
        start = time.monotonic()
        assert client.ask(lib, ["stats"]) is None
        assert time.monotonic() - start < 5
    finally:
        fake.kill()
        fake.wait()


# -- odd requests ---------------------------------------------------------------------------

def send(lib: str, payload: bytes, timeout: float = 30) -> dict | None:
    """``payload`` sent to the reader of ``lib`` as it is; its reply, or None."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        conn.connect(client.socket_path(lib))
        conn.sendall(payload)
        conn.shutdown(socket.SHUT_WR)
        answer = b"".join(iter(lambda: conn.recv(1 << 16), b""))
    return json.loads(answer) if answer else None


def request(lib: str, timeout: float = 30, **fields) -> dict | None:
    sent = {"protocol": client.PROTOCOL, "code": client.code_stamp(), "library": lib,
            "argv": ["stats"], "tty": False, "env": {}}
    return send(lib, json.dumps({**sent, **fields}).encode(), timeout)


@pytest.mark.parametrize("fields", [
    {"argv": ["search", "x", "--he"]}, {"argv": ["search", "x", "--help"]},
    {"argv": ["stats", "-h"]}, {"argv": [1, 2]}, {"argv": ["search", 5]},
    {"argv": "search x"}, {"argv": []}, {"argv": None}, {"env": {"TERM": 5}},
    {"env": {"PATH": "/tmp"}}, {"env": "TERM"}, {"argv": ["--library", "/elsewhere", "stats"]},
    {"argv": ["search", "(" * 5000]},
], ids=lambda fields: json.dumps(fields)[:40])
def test_an_odd_request_is_answered_and_the_reader_goes_on(reader, lib, fields, capsys):
    reply = request(lib, **fields)
    assert reply is not None
    if reply["ok"]:  # what the command itself prints (for --he: a usage error)
        assert steady((reply["code"], reply["out"], reply["err"])) == \
            in_process(capsys, lib, fields["argv"])
    assert client.ask(lib, ["stats", "--json"])[0] == 0
    assert reader.poll() is None


def test_a_reader_runs_no_command_that_writes(reader, lib, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "vulkan.txt").write_text("Vulkanausbruch auf Island\n\nDer Vulkan auf Island "
                                      "ist wieder ausgebrochen, meldet die Regierung.\n")
    for argv in (["index", str(extra)], ["index", "--rebuild"], ["inspect", str(extra)]):
        assert request(lib, argv=argv)["ok"] is False
    assert client.ask(lib, ["search", "Vulkanausbruch"])[0] == 1  # nothing was indexed


def test_a_trickling_client_holds_the_reader_no_longer_than_the_deadline(reader, lib):
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(client.socket_path(lib))
    stop = threading.Event()

    def trickle():
        try:
            while not stop.wait(0.5):
                conn.send(b" ")  # always a byte before the last read times out
        except OSError:
            pass  # the reader gave up on us

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        time.sleep(0.2)
        # answered once the reader gives up on the trickle, REQUEST_SECONDS after it began
        reply = request(lib, timeout=server.REQUEST_SECONDS + 3, argv=["stats", "--json"])
        assert reply["ok"] and reply["code"] == 0
    finally:
        stop.set()
        thread.join()
        conn.close()


# -- the end of a reader --------------------------------------------------------------------

def test_a_removed_library_ends_the_reader_within_seconds(reader, lib):
    """Without a request to notice it: the reader looks by itself (it wakes every 2 s)."""
    shutil.rmtree(lib)
    start = time.monotonic()
    wait_until(lambda: reader.poll() is not None, what="the reader to end", timeout=10)
    print(f"the reader ended {time.monotonic() - start:.1f} s after its library was removed")
    assert reader.returncode == 0
    assert not os.path.exists(client.socket_path(lib))


def _deleted_files(pid: int, under: str) -> list[str]:
    """Files under ``under`` that process ``pid`` holds open or mapped after their deletion."""
    held = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    held += [line.split(None, 5)[-1] for line in open(f"/proc/{pid}/maps")]
    return [name for name in held if name.startswith(under) and name.endswith("(deleted)")]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux's /proc")
def test_a_rebuilt_library_leaves_no_deleted_file_open(reader, lib):
    assert client.ask(lib, ["search", "grösste"])[0] == 0  # the index is open
    assert main(["--library", lib, "index", "--rebuild", "--quiet"], forward=False) == 1
    wait_until(lambda: not _deleted_files(reader.pid, lib), what="the old files closed",
               timeout=10)
    assert client.ask(lib, ["search", "grösste"])[0] == 0  # and the new library is opened


def test_an_upgrade_ends_the_reader_within_seconds(lib, tmp_path):
    """A reader started from a copy of broadsheet ends when that copy changes, without a
    request (a pip upgrade rewrites the files in place)."""
    code = tmp_path / "code"
    for package in ("index", "tui"):
        shutil.copytree(ROOT / package, code / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.Popen([sys.executable, "-m", "tui.resident.server", lib], cwd=code,
                            env=dict(os.environ), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: os.path.exists(client.socket_path(lib)), what="the reader")
        time.sleep(0.5)
        later = time.time() + 10
        os.utime(code / "tui" / "text.py", (later, later))
        wait_until(lambda: proc.poll() is not None, what="the reader to end", timeout=10)
    finally:
        proc.kill()
        proc.wait()
    assert not os.path.exists(client.socket_path(lib))
