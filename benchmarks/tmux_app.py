"""The app's first screen as a person sees it: the real ``broadsheet`` command in tmux.

    python -m benchmarks.tmux_app LIBRARY [--runs 7] [--size 80x24] [--words a,b] [--rounds 2]

From the moment the command starts (a shell records the time and ``exec``s it) to the moment
tmux's screen shows the result count in the status line: Python's start-up, imports,
Textual's start, the first search and the first paint, all included. The screen is polled
every few milliseconds with ``capture-pane``, so a figure is late by at most one poll (its
duration is reported too). A private tmux server (``-L``, no config) per run.

The baseline, in the same run: Textual's own floor, an app of one line of text
(``FLOOR``) started the same way, in turns with broadsheet (one start of each per round,
so both meet the same machine). The ratio says what broadsheet adds to any Textual app's
start on this machine, however fast it is at the moment.

Then typing: words typed at a brisk pace (a key every 90 ms), each key timed from
``send-keys`` to its letter on the screen (what a person feels as stutter), and the last key
of a word to the status line's count of that word's own results (not the count of a search
for fewer letters: the app searches on every key). ``--runs 0`` types only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

from .workload import compile_bytecode

FLOOR = """\
from textual.app import App
from textual.widgets import Static


class Floor(App):
    def compose(self):
        yield Static("1 article")


Floor().run()
"""
"""Textual's floor: a bare app showing a line the ``SHOWN`` pattern matches."""
SHOWN = re.compile(r"\b[\d,]+ articles?\b")
"""The status line once the first results are painted: '21,578 articles · 12 ms · …'."""


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args],
                          capture_output=True, text=True, check=False).stdout


def first_screen(command: list[str], size: str = "80x24", timeout: float = 20.0,
                 env: dict[str, str] | None = None) -> dict:
    """One cold start of ``command`` in tmux: seconds to the first results on screen."""
    width, height = size.split("x")
    socket = f"broadsheet-bench-{uuid.uuid4().hex[:10]}"
    with tempfile.TemporaryDirectory() as scratch:
        stamp = Path(scratch) / "started"
        quoted = " ".join(_quote(c) for c in command)
        shell = f"date +%s.%N > {_quote(str(stamp))}; exec {quoted}"
        pairs = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
        _tmux(socket, "new-session", "-d", "-s", "b", "-x", width, "-y", height, *pairs,
              "sh", "-c", shell)
        polls: list[float] = []
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                t = time.perf_counter()
                screen = _tmux(socket, "capture-pane", "-p", "-t", "b")
                seen = time.time()
                polls.append(time.perf_counter() - t)
                if SHOWN.search(screen) and stamp.exists():
                    started = float(stamp.read_text().strip())
                    return {"seconds": seen - started, "poll_ms": 1000 * statistics.median(polls),
                            "screen": screen}
                time.sleep(0.003)
            raise TimeoutError(f"no results on screen after {timeout:.0f} s:\n{screen}")
        finally:
            _tmux(socket, "kill-server")


TYPED = ("petroleum", "coffee", "yugoslavia", "opec", "tonnes", "cocoa", "said")
"""Words typed on Reuters: rare (60 hits) to common (15,359), each with a final count the
key before it did not have (``distinct``)."""


def final_counts(library: Path, words: list[str]) -> dict[str, str]:
    """What the status line says once each word's own results are on the screen ("498
    articles"): the app's very query for the typed text (``tui.engine.request.typed``),
    counted here beforehand. A word whose count equals the one of the key before it is left
    out (``distinct``): the screen cannot tell its results from the earlier ones."""
    from index import Library
    from tui.engine.request import EVERYTHING, typed
    from tui.text import plural

    counts = {}
    with Library(library) as lib:
        def total(value: str) -> int:
            return lib.search(replace(typed(EVERYTHING, value), limit=0, facets=False,
                                      suggest=False)).total

        for word in words:
            final = total(word)
            if final != total(word[:-1]):
                counts[word] = plural(final, "article")
    return counts


def typing_echo(command: list[str], words: dict[str, str], size: str = "80x24",
                gap: float = 0.09, env: dict[str, str] | None = None,
                rounds: int = 2, settle: float = 0.5) -> dict:
    """Type each of ``words`` (word -> its final count, ``final_counts``) into the search
    box at a brisk typist's pace (a key every ``gap`` seconds, the app searching as it
    goes), ``rounds`` times, and time each key from ``send-keys`` to its letter on the
    screen: the delay a person feels as stutter. Then the time from the last key of each
    word to its final count in the status line, and for ``settle`` seconds after it whether
    the status line ever showed another count (a stale search's: counted in ``stale``)."""
    width, height = size.split("x")
    socket = f"broadsheet-bench-{uuid.uuid4().hex[:10]}"
    pairs = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
    _tmux(socket, "new-session", "-d", "-s", "b", "-x", width, "-y", height, *pairs,
          " ".join(_quote(c) for c in command))
    echo_ms: list[float] = []
    results_ms: list[float] = []
    stale: list[str] = []
    try:
        _wait(socket, lambda screen: SHOWN.search(screen) is not None, 20.0)
        for word, count in [item for _ in range(rounds) for item in words.items()]:
            typed = ""
            for at, char in enumerate(word, 1):
                typed += char
                sent = time.perf_counter()
                _tmux(socket, "send-keys", "-t", "b", "-l", char)
                shown = typed.strip()  # tmux's capture drops a line's trailing spaces
                # The whole line: the box's placeholder holds letters too ("p" of "phrase")
                _wait(socket, lambda screen, shown=shown:
                      screen.splitlines()[0].strip() == shown, 10.0)
                echo_ms.append((time.perf_counter() - sent) * 1000)
                if at < len(word):  # after the last key, the count is watched for at once
                    time.sleep(max(0.0, gap - (time.perf_counter() - sent)))
            last = sent  # the last key
            _wait(socket, lambda screen, count=count: _count(screen) == count, 20.0)
            results_ms.append((time.perf_counter() - last) * 1000)
            until = time.perf_counter() + settle
            while time.perf_counter() < until:
                now = _count(_tmux(socket, "capture-pane", "-p", "-t", "b"))
                if now != count:
                    stale.append(f"{word}: {now} after {count}")
                    break
                time.sleep(0.01)
            _tmux(socket, "send-keys", "-t", "b", "C-u")  # clear the box for the next word
            _wait(socket, lambda screen, word=word: word not in screen.splitlines()[0], 10.0)
            time.sleep(0.5)
    finally:
        _tmux(socket, "kill-server")
    return {"echo_ms": echo_ms, "results_ms": results_ms, "stale": stale}


def _count(screen: str) -> str | None:
    """The result count the status line shows ("498 articles"), if any."""
    lines = screen.splitlines()
    found = SHOWN.match(lines[1].strip()) if len(lines) > 1 else None
    return found.group(0) if found else None


def _wait(socket: str, condition, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = _tmux(socket, "capture-pane", "-p", "-t", "b")
        if condition(screen):
            return screen
        time.sleep(0.002)
    raise TimeoutError(f"the screen did not change in time:\n{screen}")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def broadsheet() -> str:
    beside = Path(sys.executable).with_name("broadsheet")
    return str(beside) if beside.exists() else (shutil.which("broadsheet") or "broadsheet")


def measure(library: Path, runs: int = 7, size: str = "80x24",
            words: tuple[str, ...] = TYPED, rounds: int = 2) -> dict:
    """Median over ``runs`` cold starts, after one warm-up (the page cache) with the
    bytecode written (``compile_bytecode``); then ``words`` typed ``rounds`` times (those
    of them ``final_counts`` keeps)."""
    if shutil.which("tmux") is None:
        return {"skipped": "tmux is not installed"}
    home = tempfile.mkdtemp(prefix="broadsheet-home-")  # history and config of nobody
    env = {"HOME": home, "TERM": "xterm-256color", "BROADSHEET_LIBRARY": str(library),
           "XDG_DATA_HOME": os.path.join(home, "data")}
    command = [broadsheet()]
    floor = [sys.executable, "-c", FLOOR]
    compile_bytecode()
    out: dict = {"size": size, "runs": runs}
    if runs:
        first_screen(command, size, env=env)
        first_screen(floor, size, env=env)
        samples, floors = [], []
        for _ in range(runs):  # in turns: a slow moment of the machine meets both
            samples.append(first_screen(command, size, env=env))
            floors.append(first_screen(floor, size, env=env)["seconds"])
        seconds = [s["seconds"] for s in samples]
        out.update(median_s=statistics.median(seconds), min_s=min(seconds),
                   max_s=max(seconds), samples_s=seconds,
                   poll_ms=statistics.median(s["poll_ms"] for s in samples),
                   floor_median_s=statistics.median(floors), floor_samples_s=floors)
    counts = final_counts(library, list(words)) if words else {}
    if counts:
        typed = typing_echo(command, counts, size, env=env, rounds=rounds)
        echo, results = typed["echo_ms"], typed["results_ms"]
        out.update(echo_p50_ms=statistics.median(echo), echo_max_ms=max(echo),
                   echo_ms=echo, typed_words=counts, typed_results_ms=results,
                   typed_results_p50_ms=statistics.median(results),
                   typed_results_p90_ms=_percentile(results, 90), typed_stale=typed["stale"],
                   typed_left_out=[w for w in words if w not in counts])
    shutil.rmtree(home, ignore_errors=True)
    return out


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.tmux_app",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("library", type=Path)
    p.add_argument("--runs", type=int, default=7, help="cold starts of each (0: none)")
    p.add_argument("--size", default="80x24")
    p.add_argument("--words", default=",".join(TYPED),
                   help="words to type, comma-separated (empty: no typing)")
    p.add_argument("--rounds", type=int, default=2, help="times each word is typed")
    args = p.parse_args(argv)
    words = tuple(w for w in args.words.split(",") if w)
    r = measure(args.library.resolve(), args.runs, args.size, words, args.rounds)
    if "skipped" in r:
        print(r["skipped"])
        return 1
    if args.runs:
        print(f"first screen in tmux {r['size']}: median {r['median_s']:.3f} s "
              f"(min {r['min_s']:.3f}, max {r['max_s']:.3f}, {r['runs']} runs; "
              f"screen polled every ~{r['poll_ms']:.1f} ms)")
        print(f"a bare Textual app, in turns with it: median {r['floor_median_s']:.3f} s; "
              f"ratio {r['median_s'] / r['floor_median_s']:.2f}x")
    if "echo_ms" in r:
        print(f"typing: key to letter on screen p50 {r['echo_p50_ms']:.0f} ms, max "
              f"{r['echo_max_ms']:.0f} ms ({len(r['echo_ms'])} keys, one every 90 ms); last "
              f"key to the word's final count p50 {r['typed_results_p50_ms']:.0f} ms, p90 "
              f"{r['typed_results_p90_ms']:.0f} ms ({len(r['typed_results_ms'])} words typed)")
        typed = list(r["typed_words"]) * args.rounds
        print("  " + ", ".join(f"{w} {ms:.0f}" for w, ms in
                               zip(typed, r["typed_results_ms"], strict=True)))
        if r["typed_left_out"]:
            print(f"  left out (the key before had the same count): {r['typed_left_out']}")
        if r["typed_stale"]:
            print(f"  STALE: another count after the final one: {r['typed_stale']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
