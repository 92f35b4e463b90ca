"""A killed indexer takes its workers with it (issue 23, item 11).

``broadsheet index`` writes large batches in worker processes, children of multiprocessing's
fork server. Killed with ``kill -9``, or stopped with SIGTERM (as ``timeout``, systemd or an
out-of-memory kill do), it used to leave the fork server and its workers alive: writing
segments nobody would commit, then idling forever with ~300 MB each. Here the indexer is
killed while its workers write, and none of its processes may be left 10 s later; the next
run finishes the job.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from index import Library, Query
from tests.reliability.conftest import (
    ROOT,
    SYNTHETIC_TOTAL,
    run_cli_subprocess,
    wait_for,
    word,
)

MARK = "BROADSHEET_TEST_ORPHANS"
"""An environment variable every process of the indexer under test inherits (the fork
server, its workers, the resource tracker): how the test finds them in /proc."""
GONE_WITHIN = 10.0


def marked(value: str) -> list[tuple[int, str]]:
    """(pid, command line) of every live process whose environment holds ``MARK=value``."""
    needle = f"{MARK}={value}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if needle not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{entry}/stat", "rb") as f:
                if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    continue  # a zombie: ended, only not yet reaped by its parent
        except OSError:  # ended meanwhile, or not ours to read
            continue
        found.append((int(entry), command))
    return found


def workers_writing(library: Path) -> bool:
    """Whether worker processes are writing segments: each writer (the indexer's and one
    per worker) spills into a temporary folder of its own in the index folder."""
    folder = library / "whoosh"
    try:
        return sum(name.endswith(".bs-tmp") for name in os.listdir(folder)) >= 2
    except FileNotFoundError:
        return False


@pytest.fixture
def indexer(tmp_path, synthetic):
    """Start ``python -m tui.cli --library L index CORPUS`` (5,000 articles, a few seconds
    of work on two cores) with a mark of its own; whatever of it outlives the test is
    killed after it, so a failing test leaves nothing running."""
    value = uuid.uuid4().hex
    library = tmp_path / "library"
    env = dict(os.environ, **{MARK: value}, BROADSHEET_SERVER="0")
    env.pop("BROADSHEET_DEBUG", None)
    err = (tmp_path / "stderr").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--library", str(library), "index", str(synthetic)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    yield proc, library, value, tmp_path / "stderr"
    proc.kill()
    proc.wait()
    err.close()
    for pid, _ in marked(value):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kill_while_writing(proc: subprocess.Popen, library: Path, value: str,
                       signum: int) -> int:
    """Send ``signum`` to the indexer once its workers write; its exit status."""
    wait_for(lambda: workers_writing(library), proc, timeout=120, poll=0.02)
    family = marked(value)
    assert len(family) >= 4, family  # the indexer, the fork server, two workers (and more)
    proc.send_signal(signum)
    return proc.wait(timeout=30)


def assert_all_gone(value: str) -> None:
    deadline = time.monotonic() + GONE_WITHIN
    while (left := marked(value)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"still running {GONE_WITHIN:.0f} s after the indexer: {left}"


def assert_next_run_finds_everything(library: Path, corpus: Path) -> None:
    done = run_cli_subprocess("--library", library, "index", corpus)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    with Library(library) as reader:
        assert reader.stats().articles == SYNTHETIC_TOTAL
        for n in random.Random(2).sample(range(SYNTHETIC_TOTAL), 20):
            assert reader.search(Query(word(n), facets=False)).total == 1, n
    assert not [p.name for p in (library / "whoosh").iterdir() if p.is_dir()]


def test_kill_9_of_the_indexer_ends_its_workers_and_fork_server(indexer, synthetic):
    proc, library, value, _ = indexer
    assert kill_while_writing(proc, library, value, signal.SIGKILL) == -signal.SIGKILL
    assert_all_gone(value)
    assert_next_run_finds_everything(library, synthetic)


def test_sigterm_stops_the_pool_and_exits_with_one_line(indexer, synthetic):
    proc, library, value, stderr = indexer
    assert kill_while_writing(proc, library, value, signal.SIGTERM) == 128 + signal.SIGTERM
    assert_all_gone(value)
    err = stderr.read_text()
    assert err.startswith("broadsheet: stopped by SIGTERM"), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert_next_run_finds_everything(library, synthetic)
