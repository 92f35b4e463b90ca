"""Helpers for the reliability tests: a synthetic corpus with one unique word per article,
a child indexer that can be killed, and the CLI run in-process or as a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_TOPICS = ("harbour", "election", "drought", "railway", "harvest", "bridge", "ferry", "market",
           "council", "strike", "budget", "museum")


def word(n: int) -> str:
    """A word found in exactly one synthetic article: ``qx`` + ``n`` written in letters
    (letters only, so the analyser keeps it whole and no stemmer shortens it)."""
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
        if n == 0:
            break
    return f"qx{letters}qx"


def write_synthetic(root: Path, files: int = 50, per_file: int = 100) -> Path:
    """``files`` JSONL files of ``per_file`` small English articles; article ``n`` holds
    ``word(n)`` and nothing else does. Every line differs, so no line is boilerplate."""
    root.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in range(files):
        lines = []
        for _ in range(per_file):
            topic = _TOPICS[n % len(_TOPICS)]
            lines.append(json.dumps({
                "title": f"Report {n} on the {topic} {word(n)}",
                "text": f"Article number {n} ({word(n)}) is about the {topic} and what the "
                        f"town council said about it on day {n % 28 + 1} of the month.",
                "date": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "lang": "en", "source": "synthetic"}))
            n += 1
        (root / f"part{f:03d}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return root


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Path:
    """5,000 articles in 50 files, written once per test session (read-only for tests)."""
    return write_synthetic(tmp_path_factory.mktemp("synthetic") / "articles")


SYNTHETIC_TOTAL = 5000
SYNTHETIC_PER_FILE = 100


@pytest.fixture(scope="session")
def small_synthetic(tmp_path_factory) -> Path:
    """2,000 articles in 20 files."""
    return write_synthetic(tmp_path_factory.mktemp("small") / "articles", files=20)

DRIVER = textwrap.dedent("""\
    import sys, time
    import index.indexer
    from index import Library

    index.indexer.BATCH_ARTICLES = int(sys.argv[3])
    delay = float(sys.argv[4])

    def progress(done, total, path):
        time.sleep(delay)   # slow the run down, so the parent can act before the end

    report = Library(sys.argv[1]).add([sys.argv[2]], progress=progress)
    print(report.articles, len(report.failed), flush=True)
""")

CLI_AT = textwrap.dedent("""\
    import sys, time
    import index.enrich.pipeline, index.indexer, tui.cli.commands, whoosh.index  # imported now
    from tui.cli import main

    start = float(sys.argv[1])
    time.sleep(max(0.0, start - time.time()))   # several of us start at the same instant
    sys.exit(main(sys.argv[2:]))
""")


def start_cli_at(tmp_path: Path, start: float, *args: str) -> subprocess.Popen:
    """``broadsheet ARGS`` in a child that waits until the wall-clock time ``start``."""
    driver = tmp_path / "cli_at.py"
    driver.write_text(CLI_AT, "utf-8")
    return subprocess.Popen([sys.executable, str(driver), repr(start), *map(str, args)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def start_indexer(tmp_path: Path, library: Path, corpus: Path, batch: int = 200,
                  delay: float = 0.0) -> subprocess.Popen:
    """A child process indexing ``corpus`` into ``library`` with small batches."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, "utf-8")
    return subprocess.Popen(
        [sys.executable, str(driver), str(library), str(corpus), str(batch), str(delay)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def committed_files(library: Path) -> int:
    """Files in the library's manifest, read the way a reader would (read-only)."""
    db = library / "library.sqlite"
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM files").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def wait_for(condition, proc: subprocess.Popen, timeout: float = 60.0,
             poll: float = 0.01) -> None:
    """Poll ``condition()`` until true; fail if the child ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the indexer ended (exit {proc.returncode}) before the test could "
                        f"act:\n{out}\n{err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("timed out waiting for the indexer")
        time.sleep(poll)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """``broadsheet ARGS`` in-process: (exit code, stdout, stderr)."""
    from tui.cli import main

    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_cli_subprocess(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m tui.cli ARGS`` in a fresh interpreter."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("BROADSHEET_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout,
                          errors="backslashreplace")
