"""Web archives: pages/s from a WARC against the same pages as ``.html`` files, and the peak
memory of indexing a large WARC (every process: the indexer and its workers).

    python -m benchmarks.bench_warc [--pages 2000] [--large 10000] [--large-bulk-kb 40]
                                    [--out DIR]

(``--pages 0``: the large WARC alone; ``--large 22000 --large-bulk-kb 40``: a 1 GB one.)

Pages are news pages built from the synthetic generator's multilingual articles (a site's
template around each: nav, headline, byline, date meta on most, related links, footer).
The same pages are written once as ``.html`` files (one folder per site) and once as a
``.warc.gz`` gzipped per record, each page after its ``request`` record, as crawlers write
them. Each is indexed into an empty library by ``benchmarks.probe index`` in a fresh
process, in turns (files, WARC, WARC, files, … ``--repeat`` times each), and the fastest run
of each counts, as the least disturbed by other work on the machine; the ratio is the WARC's
time over the files' (target: <= 1.1).
On a busy machine wall time says little (other work takes the cores), so the same is also
measured as CPU time, in this process with no worker processes (one core): the work each way
costs, whatever else runs. Then a WARC of ``--large`` pages (twice as many records) is
indexed alone, for its peak memory (target: <= 1 GB for every process together, the issue's
bound for a 1 GB WARC).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from . import synthetic

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = """\
<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">{meta}
<meta name="author" content="{author}"></head>
<body><header><a href="/">{site}</a><nav><a href="/world">World</a> | <a href="/business">
Business</a> | <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">{author}, {city}</p>
{paragraphs}
</article><aside><h2>Related</h2><ul><li><a href="/a">{related}</a></li></ul></aside></main>
<footer>© {site}. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>
"""
AUTHORS = ["Jana Kehl", "Marco Rossi", "Ana Souza", "Piotr Nowak", "Léa Martin", "Omar Haddad"]


def pages(count: int, seed: int = 7) -> Iterator[tuple[str, str, bytes]]:
    """(site, url, html) for ``count`` deterministic pages."""
    rng = random.Random(seed)
    for n in range(count):
        code = rng.choices(synthetic.LANGS, weights=synthetic.LANG_WEIGHTS)[0]
        lang = synthetic.language(code)
        a = synthetic.article(rng, lang)
        site = rng.choice(synthetic.SOURCES[code])
        meta = (f'\n<meta property="article:published_time" content="{a["date"].isoformat()}">'
                if a["date"] and rng.random() < 0.8 else "")
        paragraphs = "\n".join(f"<p>{p}</p>" for p in a["text"].split("\n\n"))
        html = TEMPLATE.format(lang=code, title=a["title"], site=site, meta=meta,
                               author=rng.choice(AUTHORS), city=a["city"],
                               paragraphs=paragraphs, related=a["title"][::-1])
        yield site, f"https://{site}.example/{n}.html", html.encode("utf-8")


def _record(kind: str, uri: str, block: bytes, ctype: str, when: datetime) -> bytes:
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: {when:%Y-%m-%dT%H:%M:%SZ}\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n", 6)


def write_warc(path: Path, count: int, bulk_kb: int = 0) -> int:
    """A per-record gzipped WARC of ``count`` pages, each after its request; its bytes.

    With ``bulk_kb``, each page is as heavy as a crawled one: an inline script of 8 kB of
    random data in its HTML, and an image of ``bulk_kb`` kB of random bytes fetched after it
    (skipped by the reader, as real crawls' images are): 1 GB holds ~22,000 pages at 40."""
    path.parent.mkdir(parents=True, exist_ok=True)
    when = datetime(2026, 11, 20, 8, 0)
    rng = random.Random(11)
    with open(path, "wb") as out:
        for site, url, html in pages(count):
            when += timedelta(seconds=1)
            if bulk_kb:
                script = rng.randbytes(6 * 1024).hex().encode()[:8 * 1024]
                html = html.replace(b"</head>", b"<script>var state='" + script +
                                    b"';</script></head>")
            request = f"GET /{url.rsplit('/', 1)[1]} HTTP/1.1\r\nHost: {site}.example\r\n\r\n"
            out.write(_record("request", url, request.encode(),
                              "application/http; msgtype=request", when))
            response = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        f"Content-Length: {len(html)}\r\n\r\n").encode() + html
            out.write(_record("response", url, response, "application/http; msgtype=response",
                              when))
            if bulk_kb:
                image = rng.randbytes(bulk_kb * 1024)
                out.write(_record("response", url.replace(".html", ".jpg"), (
                    "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    f"{len(image)}\r\n\r\n").encode() + image,
                    "application/http; msgtype=response", when))
    return path.stat().st_size


def write_files(folder: Path, count: int) -> None:
    for site, url, html in pages(count):
        (folder / site).mkdir(parents=True, exist_ok=True)
        (folder / site / url.rsplit("/", 1)[1]).write_bytes(html)


def probe_index(folder: Path, library: Path) -> dict:
    """``benchmarks.probe index`` in a fresh process; its answer, with ``tree_pss_mb``: the
    peak proportional set size of it and its workers together, sampled from outside every
    0.25 s (shared pages, such as the libraries every worker maps, counted once; the probe's
    own ``tree_peak_mb`` adds up resident sizes, counting them in every process)."""
    import threading

    args = json.dumps({"folder": str(folder), "library": str(library)})
    child = subprocess.Popen([sys.executable, "-m", "benchmarks.probe", "index", args],
                             cwd=REPO, stdout=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], _tree_pss_mb(child.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"probe failed ({child.returncode})")
    return {**json.loads(out.strip().splitlines()[-1]), "tree_pss_mb": peak[0]}


def _tree_pss_mb(root: int) -> float:
    """Proportional set size of ``root`` and its descendants (Linux; 0 elsewhere)."""
    import os

    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except OSError:
            pass
    return total / 1024


def cpu_seconds(folder: Path, library: Path) -> tuple[float, int]:
    """CPU time of indexing ``folder`` into an empty library here, with no workers."""
    import shutil

    from index import Library, workers

    shutil.rmtree(library, ignore_errors=True)
    cores, workers.cores = workers.cores, lambda: 1
    try:
        started = time.process_time()
        with Library(library) as lib:
            articles = lib.add([folder]).articles
        return time.process_time() - started, articles
    finally:
        workers.cores = cores
        shutil.rmtree(library, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--large-files", action="store_true",
                        help="also index the large WARC's pages as .html files, for their peak")
    parser.add_argument("--large", type=int, default=10_000,
                        help="pages of the WARC measured for memory (records: twice that)")
    parser.add_argument("--large-bulk-kb", type=int, default=0,
                        help="each large page's image (and 8 kB of script): 40 makes a 1 GB "
                             "WARC of 22,000 pages")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "warc")
    args = parser.parse_args(argv)
    import shutil

    shutil.rmtree(args.out, ignore_errors=True)
    if args.pages:
        ratio(args)
    if args.large:
        large_peak(args)


def ratio(args: argparse.Namespace) -> None:
    """The WARC's time over the same pages' as .html files, wall and CPU."""
    import shutil

    files, crawl = args.out / "files", args.out / "crawl"
    started = time.perf_counter()
    write_files(files, args.pages)
    size = write_warc(crawl / "crawl.warc.gz", args.pages)
    print(f"wrote {args.pages:,} pages as files and as a {size / 2**20:.1f} MB WARC in "
          f"{time.perf_counter() - started:.0f} s")
    runs: dict[str, list[dict]] = {"files": [], "warc": []}
    for turn in range(args.repeat):
        order = [("files", files), ("warc", crawl)]
        for name, folder in order if turn % 2 == 0 else order[::-1]:
            library = args.out / f"lib-{name}-{turn}"
            runs[name].append(probe_index(folder, library))
            shutil.rmtree(library, ignore_errors=True)
    html = min(runs["files"], key=lambda r: r["seconds"])
    warc = min(runs["warc"], key=lambda r: r["seconds"])
    for name, r in (("html files", html), ("warc.gz", warc)):
        every = ", ".join(f"{x['seconds']:.1f}" for x in runs["files" if r is html else "warc"])
        print(f"{name:>10}: {r['articles']:,} articles in {r['seconds']:.1f} s ({every}), "
              f"{r['rate']:.0f} pages/s, peak {r['tree_peak_mb']:.0f} MB RSS, "
              f"{r['tree_pss_mb']:.0f} MB PSS (all processes)")
    print(f"     ratio: {warc['seconds'] / html['seconds']:.2f}x the files' time (target <= 1.1)")
    import trafilatura  # noqa: F401

    import index.sources.warc  # noqa: F401  (imports paid before either run)

    cpu: dict[str, list[float]] = {"files": [], "warc": []}
    for turn in range(args.repeat):
        order = [("files", files), ("warc", crawl)]
        for name, folder in order if turn % 2 == 0 else order[::-1]:
            cpu[name].append(cpu_seconds(folder, args.out / f"lib-cpu-{name}")[0])
    print(f"  cpu time: files {min(cpu['files']):.1f} s, warc.gz {min(cpu['warc']):.1f} s, one "
          f"core, no workers: {min(cpu['warc']) / min(cpu['files']):.2f}x")


def large_peak(args: argparse.Namespace) -> None:
    """The peak memory of every process while a large WARC is indexed."""
    large = args.out / "large" / "crawl.warc.gz"
    started = time.perf_counter()
    size = write_warc(large, args.large, args.large_bulk_kb)
    records = (3 if args.large_bulk_kb else 2) * args.large
    print(f"wrote {records:,} records ({size / 2**20:.0f} MB) in "
          f"{time.perf_counter() - started:.0f} s")
    r = probe_index(large.parent, args.out / "lib-large")
    print(f"     large: {records:,} records ({size / 2**20:.0f} MB gzipped), "
          f"{r['articles']:,} articles in {r['seconds']:.0f} s ({r['rate']:.0f}/s), "
          f"peak {r['tree_pss_mb']:.0f} MB PSS of all processes (target <= 1024; "
          f"{r['tree_peak_mb']:.0f} MB adding up their RSS), "
          f"{r['peak_rss_mb']:.0f} MB the indexer's own")
    if args.large_files:
        write_files(args.out / "large-files", args.large)
        r = probe_index(args.out / "large-files", args.out / "lib-large-files")
        print(f"     files: the same pages as .html files in {r['seconds']:.0f} s, peak "
              f"{r['tree_pss_mb']:.0f} MB PSS ({r['tree_peak_mb']:.0f} MB RSS)")


if __name__ == "__main__":
    main()
