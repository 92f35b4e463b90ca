"""One measurement in a fresh process: ``python -m benchmarks.probe STEP '<json args>'``.

Each step runs alone in its own interpreter, so its peak RSS (``ru_maxrss``) is its own and
no cache of an earlier step flatters it. The last line printed is a JSON object.

Steps: ``index`` (Library.add), ``bare`` (plain Whoosh on the same text), ``search`` (the
in-process query set), ``app`` (Textual headless: first screen, keystrokes).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """Peak resident memory of this process and all its descendants together (indexing
    workers included), sampled from /proc every ``interval`` seconds: ``ru_maxrss`` sees
    one process only. Also each process's own peak, and the CPU time the tree's processes
    had used when last seen: on a machine shared with other work the wall time grows with
    the load, the CPU time far less. Linux; elsewhere the peaks stay 0."""

    def __init__(self, interval: float = 0.25) -> None:
        import threading

        self.peak_mb = 0.0
        self.process_peaks_mb: dict[int, float] = {}
        self._cpu_s: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self, interval: float) -> None:
        while not self._stop.wait(interval):
            tree = _tree(os.getpid())
            self.peak_mb = max(self.peak_mb, sum(rss for rss, _ in tree.values()) / 2**20)
            for pid, (rss, cpu) in tree.items():
                self.process_peaks_mb[pid] = max(self.process_peaks_mb.get(pid, 0),
                                                 rss / 2**20)
                self._cpu_s[pid] = cpu

    @property
    def cpu_s(self) -> float:
        """CPU seconds of every process seen in the tree, this one's included (up to its
        last sample: a worker's last quarter second may be missing)."""
        return sum(self._cpu_s.values())


def _tree(root: int) -> dict[int, tuple[int, float]]:
    """pid -> (resident bytes, CPU seconds used) of ``root`` and its descendants."""
    parents: dict[int, int] = {}
    seen: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        seen[int(entry)] = (int(fields[21]) * resource.getpagesize(),
                            (int(fields[11]) + int(fields[12])) / tick)
    out, stack = {}, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while stack:
        pid = stack.pop()
        if pid in seen:
            out[pid] = seen[pid]
        stack.extend(children.get(pid, ()))
    return out


def step_index(args: dict) -> dict:
    from index import Library

    started = time.perf_counter()
    with TreeMemory() as tree, Library(args["library"]) as library:
        report = library.add([args["folder"]], rebuild=args.get("rebuild", False))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": report.articles, "added": report.added,
            "updated": report.updated, "unchanged": report.unchanged,
            "failed": len(report.failed), "rate": report.articles / seconds if seconds else 0,
            "peak_rss_mb": _peak_mb(), "tree_peak_mb": tree.peak_mb,
            "process_peaks_mb": sorted(tree.process_peaks_mb.values(), reverse=True),
            "cpu_s": tree.cpu_s, "index_mb": _folder_mb(args["library"]),
            "steps": dict(report.steps)}


def step_bare(args: dict) -> dict:
    """Whoosh as its tutorial shows it: title + body, StandardAnalyzer, one writer."""
    import shutil

    from whoosh import index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import TEXT, Schema

    from .workload import plain_documents

    folder = Path(args["library"])
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    schema = Schema(title=TEXT(stored=True, analyzer=StandardAnalyzer()),
                    body=TEXT(analyzer=StandardAnalyzer()))
    ix = index.create_in(str(folder), schema)
    writer = ix.writer(limitmb=256, procs=1)
    n = 0
    for title, body in plain_documents(Path(args["folder"])):
        writer.add_document(title=title, body=body)
        n += 1
    writer.commit()
    seconds = time.perf_counter() - started
    used = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": seconds, "articles": n, "rate": n / seconds, "peak_rss_mb": _peak_mb(),
            "cpu_s": used.ru_utime + used.ru_stime, "index_mb": _folder_mb(folder)}


def step_search(args: dict) -> dict:
    """The query set in one process: cold first query, then ``repeats`` timed passes."""
    from index import Filters, Library, Query

    texts, variants = args["texts"], args["filters"]
    filters = {name: Filters(**_revive(kw)) for name, kw in variants.items()}
    started = time.perf_counter()
    library = Library(args["library"])
    first = library.search(Query(next(iter(texts.values())), Filters(), limit=20, facets=True))
    cold_ms = (time.perf_counter() - started) * 1000
    for text in texts.values():  # warm: every query once (stemmers, caches)
        for f in filters.values():
            library.search(Query(text, f, limit=20, facets=True))
    samples: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for _ in range(args["repeats"]):
        for kind, text in texts.items():
            for name, f in filters.items():
                t = time.perf_counter()
                results = library.search(Query(text, f, limit=20, facets=True))
                samples.setdefault(f"{kind}|{name}", []).append(
                    (time.perf_counter() - t) * 1000)
                totals[f"{kind}|{name}"] = results.total
    library.close()
    return {"cold_ms": cold_ms, "cold_total": first.total, "samples": samples,
            "totals": totals, "peak_rss_mb": _peak_mb()}


def _revive(kw: dict) -> dict:
    from datetime import datetime

    out = {}
    for key, value in kw.items():
        if key in ("since", "until") and isinstance(value, str):
            value = datetime.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        out[key] = value
    return out


def step_app(args: dict) -> dict:
    import asyncio

    return asyncio.run(_app(args))


async def _app(args: dict) -> dict:
    """First screen with results, then keystroke -> results for a few typed words."""
    t_import = time.perf_counter()
    from index import Library
    from tui.app.app import BroadsheetApp
    from tui.app.screens.search import SearchScreen

    import_s = time.perf_counter() - t_import
    shown: list[tuple[float, str]] = []
    original = SearchScreen.on_search_screen_search_done

    def spy(self, event):  # when the screen has shown a search's results (or "nothing")
        out = original(self, event)
        if event.request == self.request:
            shown.append((time.perf_counter(), event.request.text))
        return out

    SearchScreen.on_search_screen_search_done = spy
    history = Path(args["scratch"]) / "history"
    started = time.perf_counter()
    app = BroadsheetApp(Library(args["library"]), history_path=history)
    out: dict = {"import_s": import_s}
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: shown)
        out["first_screen_s"] = shown[0][0] - started
        keys_ms, results_ms = [], []
        for word in args["words"]:
            await _clear(pilot, app, shown)
            for ch in word:
                typed = time.perf_counter()  # the last key's press starts the clock
                await pilot.press(ch)
                keys_ms.append((time.perf_counter() - typed) * 1000)
            await _until(pilot, lambda word=word: shown and shown[-1][1] == word,
                         lambda word=word: f"typed {word!r}, last shown {shown[-3:]}, focus "
                                 f"{app.focused}, value {app.screen.query_one('#search').value!r}")
            results_ms.append((shown[-1][0] - typed) * 1000)
        out.update(key_ms=keys_ms, results_ms=results_ms)
        await pilot.press("ctrl+q")
    # The engine process (``tui.engine.process``) holds the index: its peak counts too. It is this
    # process's only child, reaped when the app closes. Its pages shared with this process
    # since the fork count twice: an upper bound.
    out["peak_rss_mb"] = _peak_mb()
    out["engine_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


async def _clear(pilot, app, shown) -> None:
    from tui.app.widgets.search_bar import SearchBar

    bar = app.screen.query_one(SearchBar)
    if bar.value:
        bar.value = ""
        await _until(pilot, lambda: shown and shown[-1][1] == "*")


async def _until(pilot, condition, explain=lambda: "", timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the app did not show results in time: {explain()}")
        await pilot.pause(0.002)


def _folder_mb(folder) -> float:
    total = 0
    for root, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 2**20


STEPS = {"index": step_index, "bare": step_bare, "search": step_search, "app": step_app}

if __name__ == "__main__":
    result = STEPS[sys.argv[1]](json.loads(sys.argv[2]))
    print(json.dumps(result))
