"""The benchmark suite: every DESIGN §7 target, measured against its baseline in one run.

    python -m benchmarks.run                 # Reuters 21,578 + synthetic 200,000
    python -m benchmarks.run --quick         # 2,000 Reuters + 10,000 synthetic, ~2-4 min
    python -m benchmarks.run --only reuters  # one corpus
    python -m benchmarks.run --synthetic 50000 --out /tmp/bench

Measurements run one after another (never two at once: the machine has two cores and a
parallel run would disturb the other's timings); each heavy step runs in a fresh process
(``benchmarks.probe``) so its peak memory is its own. Results are printed as a table of
medians and ratios and written to ``OUT/results.json`` (plus a timestamped copy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from .workload import Corpus, compile_bytecode, reuters_files, shared_folder, synthetic_files

REPO = Path(__file__).resolve().parent.parent
TARGETS = {
    "index_rate": 500.0,        # articles/s, including enrichment
    "index_ratio": 2.0,         # broadsheet time / bare Whoosh time
    "noop_s": 3.0,              # re-index of unchanged files (at 21,578)
    "oneshot_ratio": 1.0,       # broadsheet search / rg -il, no resident reader (a first search)
    "oneshot_reader_ratio": 0.5,  # the same, answered by the resident reader
    "p95_small_ms": 100.0,      # in-process search + facets + first page, 21,578
    "p95_large_ms": 300.0,      # same, 200,000
    "app_first_s": 0.5,
    "app_rss_mb": 150.0,        # at 21,578
    "app_rss_million_mb": 600.0,  # with its engine process, at 1,000,000
    "typed_p50_ms": 60.0,       # last key of a word -> its count on screen, tmux (21,578)
    "typed_p50_large_ms": 150.0,  # same, 200,000
    "typed_p50_million_ms": 250.0,  # same, 1,000,000
}


# ----------------------------------------------------------------------------- helpers


def probe(step: str, **args) -> dict:
    """Run one ``benchmarks.probe`` step in a fresh interpreter; its JSON result."""
    cmd = [sys.executable, "-m", "benchmarks.probe", step, json.dumps(args, default=str)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"probe {step} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def wall(cmd: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


CALIBRATION = "s = 0\nfor i in range(10_000_000): s += i"
"""A fixed pure-Python loop. Its time says how fast the machine was during a run (a shared
2-core machine varies 2x within an hour): absolute targets (articles/s, first screen in
seconds) read against it; ratios need no such help."""


def calibrate() -> float:
    """Seconds for the CALIBRATION loop in a fresh interpreter, best of three."""
    cmd = [sys.executable, "-c", f"import time; t = time.perf_counter()\n{CALIBRATION}\n"
                                 "print(time.perf_counter() - t)"]
    return min(float(subprocess.run(cmd, capture_output=True, text=True).stdout)
               for _ in range(3))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def broadsheet_command() -> list[str]:
    beside = Path(sys.executable).with_name("broadsheet")
    found = str(beside) if beside.exists() else shutil.which("broadsheet")
    return [found] if found else [sys.executable, "-m", "tui.cli"]


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- measurements


def measure_indexing(corpus: Corpus, work: Path, repeats: int) -> dict:
    """Library.add and bare Whoosh, alternating, each from an empty folder."""
    library, bare = work / f"lib-{corpus.name}", work / f"bare-{corpus.name}"
    runs: dict[str, list[dict]] = {"broadsheet": [], "bare": []}
    for i in range(repeats):
        order = ("bare", "broadsheet") if i % 2 == 0 else ("broadsheet", "bare")
        for which in order:
            if which == "bare":
                runs["bare"].append(probe("bare", folder=corpus.folder, library=bare))
            else:
                shutil.rmtree(library, ignore_errors=True)
                runs["broadsheet"].append(probe("index", folder=corpus.folder,
                                                library=library))
            r = runs[which][-1]
            log(f"  index {which}: {r['articles']:,} articles, {r['seconds']:.1f} s "
                f"(CPU {r.get('cpu_s', 0):.1f} s), {r['rate']:.0f}/s, "
                f"peak {r['peak_rss_mb']:.0f} MB"
                + (f", tree {r['tree_peak_mb']:.0f} MB (per process "
                   f"{', '.join(f'{mb:.0f}' for mb in r['process_peaks_mb'][:4])})"
                   if r.get("process_peaks_mb") else ""))
            if r.get("steps"):  # where the time went (``broadsheet index -v``), most first
                log("    " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds
                                       in sorted(r["steps"].items(), key=lambda i: -i[1])))
    shutil.rmtree(bare, ignore_errors=True)
    bs = statistics.median(r["seconds"] for r in runs["broadsheet"])
    bw = statistics.median(r["seconds"] for r in runs["bare"])
    articles = runs["broadsheet"][-1]["articles"]
    return {
        "runs": runs, "articles": articles,
        "broadsheet_s": bs, "bare_s": bw,
        "broadsheet_rate": articles / bs, "bare_rate": runs["bare"][-1]["articles"] / bw,
        "ratio": bs / bw,
        "cpu_ratio": (statistics.median(r.get("cpu_s", 0) for r in runs["broadsheet"])
                      / (statistics.median(r.get("cpu_s", 0) for r in runs["bare"]) or 1)),
        "broadsheet_peak_mb": max(r["peak_rss_mb"] for r in runs["broadsheet"]),
        "broadsheet_tree_peak_mb": max(r.get("tree_peak_mb", 0) for r in runs["broadsheet"]),
        "bare_peak_mb": max(r["peak_rss_mb"] for r in runs["bare"]),
        "index_mb": runs["broadsheet"][-1]["index_mb"],
        "bare_index_mb": runs["bare"][-1]["index_mb"],
        "library": str(library),
        "steps": runs["broadsheet"][-1].get("steps", {}),
    }


def measure_noop(corpus: Corpus, library: Path, repeats: int = 3) -> dict:
    runs = [probe("index", folder=corpus.folder, library=library) for _ in range(repeats)]
    for r in runs:
        log(f"  no-op re-index: {r['seconds']:.2f} s ({r['unchanged']:,} unchanged, "
            f"{r['articles']} re-indexed)")
    return {"runs": runs, "median_s": statistics.median(r["seconds"] for r in runs)}


def measure_oneshot(corpus: Corpus, library: Path, repeats: int, work: Path) -> dict:
    """``broadsheet search WORD`` (and ``--json``) vs ``rg -il WORD``, interleaved: as a
    user's shell alias runs it, answered by the library's resident reader (started by the
    warm-up run, as a user's first search starts it), and with the reader turned off
    (``BROADSHEET_SERVER=0``: Python, imports and the index opened in every process), as
    text and as ``--json`` (with facets)."""
    from tui.resident import client

    runtime = work / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), BROADSHEET_SERVER="1")
    cold_env = dict(env, BROADSHEET_SERVER="0")
    bs = broadsheet_command() + ["--library", str(library), "search"]
    rg = shutil.which("rg")
    if not rg:
        log("  rg (ripgrep) not found: the rg baseline rows are skipped "
            "(install it: apt-get install -y ripgrep)")
    startup = min(wall([sys.executable, "-c", "pass"]) for _ in range(5))
    out = {"python_startup_s": startup, "words": {}}
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)  # where client.stop looks
    try:
        for word in corpus.queries.words:
            cmds = {"broadsheet": (bs + [word], env),
                    "broadsheet_json": (bs + [word, "--json"], env),
                    "no_reader": (bs + [word], cold_env),
                    "no_reader_json": (bs + [word, "--json"], cold_env)}
            if rg:
                cmds["rg"] = ([rg, "-il", word, str(corpus.folder)], None)
            for cmd, cmd_env in cmds.values():  # warm the page cache and the bytecode
                wall(cmd, cmd_env)
            _wait_for_reader(client.socket_path(str(library)))
            times: dict[str, list[float]] = {k: [] for k in cmds}
            for _ in range(repeats):
                for key, (cmd, cmd_env) in cmds.items():
                    times[key].append(wall(cmd, cmd_env))
            row = {k: statistics.median(v) for k, v in times.items()}
            if rg:
                for key in ("broadsheet", "broadsheet_json", "no_reader", "no_reader_json"):
                    row[f"ratio_{key}"] = row[key] / row["rg"]
            row["samples"] = times
            out["words"][word] = row
            log(f"  one-shot {word!r}: broadsheet {row['broadsheet'] * 1000:.0f} ms, --json "
                f"{row['broadsheet_json'] * 1000:.0f} ms, no reader "
                f"{row['no_reader'] * 1000:.0f} ms, --json "
                f"{row['no_reader_json'] * 1000:.0f} ms"
                + (f", rg {row['rg'] * 1000:.0f} ms, ratios "
                   f"{row['ratio_broadsheet']:.2f} / {row['ratio_no_reader']:.2f}" if rg else ""))
    finally:
        client.stop(str(library))
    return out


def _wait_for_reader(path: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise RuntimeError("the resident reader did not start")
        time.sleep(0.05)


def measure_inprocess(corpus: Corpus, library: Path, repeats: int) -> dict:
    q = corpus.queries
    r = probe("search", library=library, texts=q.texts, filters=q.filters, repeats=repeats)
    every = [ms for values in r["samples"].values() for ms in values]
    per_kind: dict[str, list[float]] = {}
    for key, values in r["samples"].items():
        per_kind.setdefault(key.split("|")[0], []).extend(values)
        per_kind.setdefault("filter:" + key.split("|")[1], []).extend(values)
    r.update(p50_ms=percentile(every, 50), p95_ms=percentile(every, 95), max_ms=max(every),
             n=len(every), per_kind={k: {"p50": percentile(v, 50), "p95": percentile(v, 95)}
                                     for k, v in per_kind.items()})
    log(f"  in-process: p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
        f"cold first query {r['cold_ms']:.0f} ms, peak {r['peak_rss_mb']:.0f} MB")
    return r


def measure_app(corpus: Corpus, library: Path, work: Path) -> dict:
    if not (REPO / "tui" / "app" / "app.py").exists():
        return {"skipped": "tui/app/app.py is not there yet"}
    try:
        import importlib.util

        if importlib.util.find_spec("textual") is None:
            return {"skipped": "textual is not installed"}
    except ImportError:
        return {"skipped": "textual is not installed"}
    words = corpus.queries.words[1:4]
    scratch = work / "app-scratch"
    scratch.mkdir(exist_ok=True)
    out = {}
    try:
        r = probe("app", library=library, words=words, scratch=scratch)
    except RuntimeError as exc:
        return {"skipped": f"the app probe failed: {str(exc).splitlines()[-1]}"}
    r.update(results_p50_ms=statistics.median(r["results_ms"]),
             key_max_ms=max(r["key_ms"]), key_p50_ms=statistics.median(r["key_ms"]))
    out["pilot"] = r
    log(f"  app (headless): first screen {r['first_screen_s']:.2f} s (+ import "
        f"{r['import_s']:.2f} s), keystroke->results p50 {r['results_p50_ms']:.0f} ms, "
        f"key max {r['key_max_ms']:.0f} ms, peak {r['peak_rss_mb']:.0f} MB, its engine "
        f"process {r.get('engine_peak_rss_mb', 0.0):.0f} MB")
    from .tmux_app import TYPED
    from .tmux_app import measure as measure_tmux

    # The words typed: the corpus's own and Reuters' (``TYPED``), those whose count the key
    # before did not have already (``tmux_app.final_counts``), each typed twice
    typed = tuple(dict.fromkeys((*corpus.queries.words, *TYPED)))
    out["tmux"] = measure_tmux(library, runs=7, size="80x24", words=typed)
    if "skipped" not in out["tmux"]:
        t = out["tmux"]
        log(f"  app in tmux 80x24: start to first results painted, median {t['median_s']:.2f} s "
            f"(min {t['min_s']:.2f}, max {t['max_s']:.2f}); a bare Textual app in turns with "
            f"it: {t['floor_median_s']:.2f} s")
        if "typed_results_ms" in t:
            log(f"  typing in tmux: last key to the word's final count p50 "
                f"{t['typed_results_p50_ms']:.0f} ms, p90 {t['typed_results_p90_ms']:.0f} ms "
                f"({len(t['typed_results_ms'])} words); stale counts after it: "
                f"{t['typed_stale'] or 'none'}")
    return out


# ----------------------------------------------------------------------------- one corpus


def bench_corpus(corpus: Corpus, work: Path, args) -> dict:
    large = corpus.articles >= 100_000
    result: dict = {"corpus": corpus.name, "articles": corpus.articles,
                    "folder": str(corpus.folder), "loadavg_before": os.getloadavg(),
                    "calibration_before_s": calibrate()}
    if args.search_only:
        from index.store import DB_NAME

        library = work / f"lib-{corpus.name}"
        if not (library / DB_NAME).is_file():
            raise SystemExit(f"--search-only: no library at {library}; run the benchmark "
                             "once without it")
        log(f"{corpus.name}: searching the library a previous run built ({library}); "
            "updating it first if the code's schema changed")
        probe("index", folder=corpus.folder, library=library)
        result["indexing"] = result["noop"] = None
    else:
        log(f"{corpus.name}: indexing ({args.index_repeats if not large else 1} run(s) each)")
        result["indexing"] = measure_indexing(corpus, work, 1 if large else args.index_repeats)
        library = Path(result["indexing"]["library"])
        log(f"{corpus.name}: no-op re-index")
        result["noop"] = measure_noop(corpus, library)
    log(f"{corpus.name}: one-shot search")
    result["oneshot"] = measure_oneshot(corpus, library, args.repeats, work)
    log(f"{corpus.name}: in-process search")
    result["inprocess"] = measure_inprocess(corpus, library, args.repeats)
    if not args.no_app:
        log(f"{corpus.name}: app")
        result["app"] = measure_app(corpus, library, work)
    result["p95_target_ms"] = TARGETS["p95_large_ms" if large else "p95_small_ms"]
    result["loadavg_after"] = os.getloadavg()
    result["calibration_after_s"] = calibrate()
    if max(result["loadavg_before"][0], result["loadavg_after"][0]) > (os.cpu_count() or 1):
        log(f"  warning: load average above the core count {result['loadavg_after']}: "
            "other processes were competing, timings are inflated")
    return result


# ----------------------------------------------------------------------------- report


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISS")


def table(result: dict) -> str:
    rows: list[tuple[str, str, str, str, str]] = []

    def row(what, ours, base, ratio, ok=None, target=""):
        rows.append((what, ours, base, ratio, f"{target} {_verdict(ok)}".strip()))

    if result["indexing"] is None:
        row("indexing", "not measured", "", "", None, "--search-only")
    else:
        _indexing_rows(row, result)
    _search_rows(row, result)
    head = ("measure", "broadsheet", "baseline", "ratio", "target")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(5)]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) if i < 4 else c
                         for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    title = f"== {result['corpus']} ({result['articles']:,} articles) =="
    return "\n".join([title, line(head), "  ".join("-" * w for w in widths)]
                     + [line(r) for r in rows])


def _indexing_rows(row, result: dict) -> None:
    ix, noop = result["indexing"], result["noop"]
    row("index rate (articles/s)", f"{ix['broadsheet_rate']:.0f}", f"{ix['bare_rate']:.0f}",
        f"{ix['ratio']:.2f}x", ix["broadsheet_rate"] >= TARGETS["index_rate"]
        and ix["ratio"] <= TARGETS["index_ratio"], "≥500/s, ≤2.0x")
    row("index time (s)", f"{ix['broadsheet_s']:.1f}", f"{ix['bare_s']:.1f}", "", None)
    if ix.get("cpu_ratio"):
        row("  … CPU time, workers included", "", "", f"{ix['cpu_ratio']:.2f}x", None)
    row("index peak RSS (MB)", f"{ix['broadsheet_peak_mb']:.0f}", f"{ix['bare_peak_mb']:.0f}",
        "", None)
    if ix.get("broadsheet_tree_peak_mb"):
        row("  … with its workers (MB, sampled)", f"{ix['broadsheet_tree_peak_mb']:.0f}", "",
            "", None)
    for step, seconds in sorted(ix.get("steps", {}).items(), key=lambda item: -item[1])[:4]:
        row(f"  … {step} (s)", f"{seconds:.1f}", "", "", None)
    row("index size (MB)", f"{ix['index_mb']:.0f}", f"{ix['bare_index_mb']:.0f}", "", None)
    row("no-op re-index (s)", f"{noop['median_s']:.2f}", "", "",
        noop["median_s"] <= TARGETS["noop_s"] if result["articles"] <= 30_000 else None,
        "≤3 s" if result["articles"] <= 30_000 else "")


def _search_rows(row, result: dict) -> None:
    one = result["oneshot"]
    for word, r in one["words"].items():
        has_rg = "rg" in r
        for key, label in (("broadsheet", f"one-shot search {word!r} (ms)"),
                           ("broadsheet_json", "  … with --json, facets (ms)"),
                           ("no_reader", "  … no resident reader (ms)"),
                           ("no_reader_json", "  … no resident reader, --json (ms)")):
            if key not in r:  # a result an older benchmark wrote
                continue
            ratio = r.get(f"ratio_{key}")
            target = TARGETS["oneshot_ratio" if key.startswith("no_reader")
                             else "oneshot_reader_ratio"]
            row(label, f"{r[key] * 1000:.0f}", f"{r['rg'] * 1000:.0f}" if has_rg else "rg n/a",
                f"{ratio:.2f}x" if has_rg else "", ratio <= target if has_rg else None,
                f"≤{target:.1f}x")
    row("python -c pass (ms)", f"{one['python_startup_s'] * 1000:.0f}", "", "", None)
    ip = result["inprocess"]
    target = result["p95_target_ms"]
    row(f"in-process search p50 / p95 (ms, n={ip['n']})",
        f"{ip['p50_ms']:.1f} / {ip['p95_ms']:.1f}", "", "", ip["p95_ms"] <= target,
        f"p95 ≤{target:.0f}")
    row("  first query after open (ms)", f"{ip['cold_ms']:.0f}", "", "", None)
    for kind, v in ip["per_kind"].items():
        row(f"  {kind} p50 / p95 (ms)", f"{v['p50']:.1f} / {v['p95']:.1f}", "", "", None)
    row("search process peak RSS (MB)", f"{ip['peak_rss_mb']:.0f}", "", "", None)
    app = result.get("app")
    if app and "skipped" in app:
        row("app", "skipped", "", "", None, app["skipped"])
    elif app:
        d = app["pilot"]
        small = result["articles"] <= 30_000
        t = app.get("tmux", {"skipped": "not measured"})
        if "skipped" in t:
            row("app first screen in tmux", "skipped", "", "", None, t["skipped"])
        else:
            row("app first screen in tmux 80x24, from exec (s)", f"{t['median_s']:.2f}",
                f"{t['floor_median_s']:.2f}", f"{t['median_s'] / t['floor_median_s']:.2f}x",
                t["median_s"] <= TARGETS["app_first_s"], "≤0.5 s; baseline: a bare Textual app")
        if "echo_p50_ms" in t:
            row("app in tmux: key to its letter on screen p50 / max (ms)",
                f"{t['echo_p50_ms']:.0f} / {t['echo_max_ms']:.0f}", "", "", None,
                f"{len(t['echo_ms'])} keys typed, one every 90 ms")
        if "typed_results_ms" in t:
            limit = TARGETS["typed_p50_ms" if small else "typed_p50_million_ms"
                            if result["articles"] >= 1_000_000 else "typed_p50_large_ms"]
            row("app in tmux: last key to the word's final count p50 / p90 (ms)",
                f"{t['typed_results_p50_ms']:.0f} / {t['typed_results_p90_ms']:.0f}", "", "",
                t["typed_results_p50_ms"] <= limit,
                f"≤{limit:.0f} ms p50; {len(t['typed_results_ms'])} words, "
                f"{len(t['typed_stale'])} stale")
        row("  in-process: App() to first results (s)", f"{d['first_screen_s']:.2f}", "", "",
            None)
        row("  + import tui.app.app (s)", f"{d['import_s']:.2f}", "", "", None)
        row("app keystroke→results p50 (ms, headless)", f"{d['results_p50_ms']:.0f}", "", "",
            None)
        row("app pilot.press round trip p50 / max (ms)",
            f"{d['key_p50_ms']:.1f} / {d['key_max_ms']:.1f}", "", "", None)
        peak = d["peak_rss_mb"] + d.get("engine_peak_rss_mb", 0.0)
        million = result["articles"] >= 1_000_000
        rss_limit = (TARGETS["app_rss_mb"] if small
                     else TARGETS["app_rss_million_mb"] if million else None)
        row("app peak RSS, with its engine process (MB)", f"{peak:.0f}", "", "",
            peak <= rss_limit if rss_limit else None,
            f"≤{rss_limit:.0f} MB" if rss_limit else "")
        row("  … the app's process / the engine process (MB)",
            f"{d['peak_rss_mb']:.0f} / {d.get('engine_peak_rss_mb', 0.0):.0f}", "", "", None)
    row("machine speed: fixed loop before / after (ms)",
        f"{result['calibration_before_s'] * 1000:.0f} / "
        f"{result['calibration_after_s'] * 1000:.0f}", "", "", None,
        "lower is faster; ~900 on a quiet machine")


def save(report: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=1, default=str)
    (out / "results.json").write_text(text)
    (out / f"results-{report['started']}.json").write_text(text)


# ----------------------------------------------------------------------------- main


def parse(argv: list[str] | None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.run",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="2,000 Reuters + 10,000 synthetic articles, fewer repeats")
    p.add_argument("--reuters", type=int, default=None, metavar="N",
                   help="only the first N Reuters articles (default: all 21,578)")
    p.add_argument("--synthetic", type=int, default=None, metavar="N",
                   help="synthetic articles (default 200,000; 0 skips)")
    p.add_argument("--only", choices=("reuters", "synthetic"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeats", type=int, default=None, help="timed repeats per query")
    p.add_argument("--index-repeats", type=int, default=None,
                   help="indexing runs per side below 100,000 articles (default 3; 1 quick)")
    p.add_argument("--no-app", action="store_true", help="skip the app measurements")
    p.add_argument("--search-only", action="store_true",
                   help="measure searching and the app on the library an earlier run built "
                        "(lib-NAME in the work folder under --out), without indexing again")
    p.add_argument("--profile", action="store_true",
                   help="also profile indexing and one-shot search (benchmarks.profiles)")
    p.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    p.add_argument("--shared", help="the shared folder (default $BROADSHEET_SHARED, "
                                    "else ../shared beside the repository)")
    args = p.parse_args(argv)
    if args.quick:
        args.reuters = args.reuters or 2000
        args.synthetic = 10_000 if args.synthetic is None else args.synthetic
    args.synthetic = 200_000 if args.synthetic is None else args.synthetic
    args.repeats = args.repeats or (3 if args.quick else 7)
    args.index_repeats = args.index_repeats or (1 if args.quick else 3)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    out = args.out.resolve()
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    shared = shared_folder(REPO, args.shared)
    report = {"started": f"{datetime.now():%Y%m%d-%H%M%S}", "argv": sys.argv[1:],
              "python": sys.version.split()[0], "cpus": os.cpu_count(),
              "rg": shutil.which("rg"), "targets": TARGETS, "corpora": []}
    compile_bytecode()  # start-up is measured as a user's installed copy starts
    corpora = []
    if args.only in (None, "reuters"):
        if not (shared / "corpora" / "reuters21578").is_dir():
            log(f"no Reuters corpus under {shared} (use --shared DIR): skipped")
        else:
            corpora.append(lambda: reuters_files(
                shared, work / f"reuters-{args.reuters or 'all'}", args.reuters))
    if args.only in (None, "synthetic") and args.synthetic:
        corpora.append(lambda: synthetic_files(
            work / f"synthetic-{args.synthetic}-{args.seed}", args.synthetic, args.seed))
    for make in corpora:
        started = time.perf_counter()
        corpus = make()
        log(f"{corpus.name}: {corpus.articles:,} articles ready in "
            f"{time.perf_counter() - started:.0f} s under {corpus.folder}")
        result = bench_corpus(corpus, work, args)
        if args.profile:
            from .profiles import profile_corpus

            result["profile"] = profile_corpus(corpus, Path(result["indexing"]["library"]),
                                               out / "profiles")
        report["corpora"].append(result)
        save(report, out)
        print(table(result), flush=True)
        print(flush=True)
    log(f"results: {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
