"""Hostile input: files written to break or stall the indexer cost their own file at most.

One bad value (an impossible date, a number of 5,000 digits) is that file's or that line's
failure, never the run's; a file built to make a pattern backtrack reads as fast as an
ordinary file of its size (a CPU-time ratio measured in this process, never a wall-clock
bound); a large file of one article is read up to a limit, and a large file of many is
refused for its size, so no file takes indexing far past what a small one takes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import sources
from index.enrich.cleanup import line_keys
from index.enrich.duplicates import paragraph_shingles
from index.enrich.pipeline import enrich
from index.models import RawArticle
from index.schema import document
from tests.conftest import SAMPLE_DATA
from tests.reliability.conftest import ROOT, run_cli

ORDINARY = ("The council of Bergen met on Monday, 3 March 2025, to argue about the harbour "
            "and the price of the new bridge; Norway's ferries ran all day.\n\n")
TITLE = "The council of Bergen met about the harbour and the bridge on Monday"
BIG_NUMBER = "9" * 5000
"""Python refuses to turn more than 4,300 digits into an int (a ValueError from json/yaml)."""


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _lines(header: str, word: str, size: int) -> str:
    """A JSONL file of ``size`` bytes: articles opening with ``header``, each with ``word``."""
    line = json.dumps({"text": f"{header}\n\n{word} body."}) + "\n"
    return line * max(1, size // len(line))


def _ordinary(ext: str, size: int) -> str:
    """An ordinary file of ``size`` bytes in the format ``ext``."""
    if ext == "rss":
        return _feed("Ordinary", _repeat(f"<p>{ORDINARY.strip()}</p>", size))
    if ext == "jsonl":
        return _lines(f"{TITLE}\n\nBergen, 3 March 2025, the council met again.", "zqordinary",
                      size)
    return "Ordinary\n\n" + _repeat(ORDINARY, size)


def _feed(title: str, body: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
            f"<title>{title}</title><description><![CDATA[{body}]]></description>"
            "</item></channel></rss>")


# name -> (extension, size in bytes -> the file's text); each file names its class's word
PATHOLOGICAL: dict[str, tuple[str, Callable[[int], str]]] = {
    "brackets": ("md", lambda n: "# Brackets zqbrackets\n\n" + "[" * n),
    "nested": ("md", lambda n: "# Nested zqnested\n\n" + _repeat("[[(](", n)),
    "emphasis": ("md", lambda n: "# Emphasis zqemphasis\n\n" + _repeat("_a *b `c ", n)),
    "cdata": ("rss", lambda n: _feed("Less-than zqcdata", "<" * n)),
    "tags": ("rss", lambda n: _feed("Tags zqtags", _repeat("<p <b <br", n))),
    "digits": ("txt", lambda n: "Digits zqdigits\n\n" + "1" * n),
    "spaces": ("txt", lambda n: "Spaces zqspaces\n\nword" + " " * n + "word"),
    "dots": ("txt", lambda n: "Dots zqdots\n\n" + "." * n),
    "byline": ("jsonl", lambda n: _lines(f"{TITLE}\n\nBergen, 3 March 2025, {'A' * 150}!",
                                         "zqbyline", n)),
    "longline": ("txt", lambda n: "zqlongline " + _repeat(ORDINARY.strip() + " ", n)),
}
SIZE = 256 * 1024
"""Each pathological file's size (before the fixes, 100,000 ``[`` took 48 s)."""
SIZES = {"longline": 1 << 20, "byline": 32 * 1024}
"""A line of a megabyte without a newline; 100 articles whose dateline ends in a run of
capitals (a pattern tried every way to split it into words: 0.4 s an article)."""
RATIO = 5.0
"""A pathological file may cost at most this many times an ordinary file of its size."""


def _cpu_seconds(path: Path) -> float:
    """CPU time of reading and indexing ``path`` as the indexer does (best of three)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for raw in sources.read_file(path):
            assert isinstance(raw, RawArticle), raw
            line_keys(raw.text)
            article = enrich(raw)
            document(article)
            paragraph_shingles(article.text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_pathological_file_reads_as_fast_as_an_ordinary_one(name, tmp_path):
    ext, make = PATHOLOGICAL[name]
    size = SIZES.get(name, SIZE)
    ordinary = tmp_path / f"ordinary.{ext}"
    ordinary.write_text(_ordinary(ext, size), "utf-8")
    hostile = tmp_path / f"{name}.{ext}"
    hostile.write_text(make(size), "utf-8")
    _cpu_seconds(ordinary)  # the detectors' tables are built on first use
    base, cost = _cpu_seconds(ordinary), _cpu_seconds(hostile)
    assert cost < RATIO * base, f"{name}: {cost:.2f} s against {base:.2f} s"


# -- a folder of hostile files beside sample_data, indexed by the CLI ----------------------

@dataclass(frozen=True)
class Folder:
    root: Path
    good: dict[str, str]
    """unique word -> the file holding it"""
    bad: dict[str, str]
    """what a "failed:" line names (a path, or "path (line 2)") -> a fragment of its reason"""
    notes: dict[str, str]
    """a file indexed with a note -> a fragment of the note"""


def build_hostile_folder(root: Path) -> Folder:
    shutil.copytree(SAMPLE_DATA, root / "sample_data")
    good: dict[str, str] = {}
    bad: dict[str, str] = {}
    notes: dict[str, str] = {}

    def put(name: str, text: str) -> str:
        (root / name).write_text(text, "utf-8")
        return str(root / name)

    # one bad value
    good["zqbaddate"] = put("baddate.md", "---\ntitle: Impossible date zqbaddate\n"
                                          "date: 2025-02-30\n---\nThe body is about Peru.\n")
    path = put("bignumber.md", f"---\ntitle: Big\ncount: {BIG_NUMBER}\n---\n"
                               "# Big number zqbignumbermd\n\nThe body is about Chile.\n")
    good["zqbignumbermd"] = path
    notes[path] = "front matter unreadable"
    bad[put("bignumber.json", json.dumps({"title": "x", "text": "y"})[:-1]
            + f', "count": {BIG_NUMBER}}}')] = "cannot read: ValueError"
    lines = [json.dumps({"title": "First line zqlineone", "text": "About Peru."}),
             '{"title": "x", "text": "y", "count": ' + BIG_NUMBER + "}",
             json.dumps({"title": "Third line zqlinethree", "text": "About Chile."})]
    path = put("bignumber.jsonl", "\n".join(lines) + "\n")
    good["zqlineone"] = good["zqlinethree"] = path
    bad[f"{path} (line 2)"] = "cannot read: ValueError"
    # tables: a bad row costs that row; a table of no articles says why
    path = put("desk.csv", "title,text,url\nFirst row zqtableone,About Peru.,/a\n,,/b\n"
                           "\"Third row zqtablethree\",\"About Chile, and more.\",/c\n")
    good["zqtableone"] = good["zqtablethree"] = path
    bad[f"{path} (row 2)"] = "no text or title"
    bad[put("prices.csv", "day,open,close\n2025-01-02,10.5,11.0\n2025-01-03,11.0,10.8\n")] = (
        "no column of article text")
    # patterns that backtracked
    for name, (ext, make) in PATHOLOGICAL.items():
        if name != "byline":  # its articles are many: not one word each
            good[f"zq{name}"] = put(f"{name}.{ext}", make(100_000))
    # a file of one article larger than is read of it; one of many, larger than its limit
    text_limit = sources.HEAD_BYTES["txt"]
    path = put("long.txt", "Long zqlongfile\n\n" + _repeat(ORDINARY, text_limit + (1 << 20)))
    good["zqlongfile"] = path
    notes[path] = "only the first 8 MB"
    whole = root / "whole.jsonl"
    with open(whole, "wb") as handle:  # sparse: costs no disk
        handle.truncate(sources.WHOLE_BYTES["jsonl"] + 1)
    bad[str(whole)] = "read whole"
    return Folder(root, good, bad, notes)


@dataclass
class Run:
    code: int
    err: str
    library: Path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Folder:
    return build_hostile_folder(tmp_path_factory.mktemp("hostile") / "articles")


@pytest.fixture(scope="module")
def indexed(folder, tmp_path_factory) -> Run:
    """``broadsheet index FOLDER`` in a fresh interpreter, as a user runs it."""
    library = tmp_path_factory.mktemp("hostilelib") / "library"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--library", str(library), "index",
                           str(folder.root)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, errors="backslashreplace")
    return Run(done.returncode, done.stderr, library)


@pytest.fixture(scope="module")
def sample_articles(tmp_path_factory) -> int:
    from index import Library

    with Library(tmp_path_factory.mktemp("samplelib") / "library") as library:
        return library.add([SAMPLE_DATA]).articles


def test_the_run_ends_with_exit_1_and_no_traceback(indexed, folder):
    assert indexed.code == 1, indexed.err
    assert "Traceback" not in indexed.err and "internal error" not in indexed.err, indexed.err
    summary = indexed.err.strip().splitlines()[-1]
    assert f"{len(folder.bad)} failed" in summary, summary


def test_each_bad_file_or_line_is_named_once_with_its_reason(indexed, folder):
    failed = [line for line in indexed.err.splitlines() if line.startswith("failed:")]
    assert len(failed) == len(folder.bad), "\n".join(failed)
    for what, reason in folder.bad.items():
        named = [line for line in failed if line.startswith(f"failed: {what}:")]
        assert len(named) == 1 and reason in named[0], (what, named)


def test_notes_say_what_was_left_out(indexed, folder):
    for path, note in folder.notes.items():
        named = [line for line in indexed.err.splitlines() if line.startswith(f"note: {path}:")]
        assert len(named) == 1 and note in named[0], (path, named)


def test_every_good_article_is_indexed_and_searchable(indexed, folder, sample_articles, capsys):
    for unique, path in folder.good.items():
        code, out, err = run_cli(capsys, "--library", indexed.library, "search", unique,
                                 "--jsonl")
        hits = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and [h["path"] for h in hits] == [path], (unique, err)
    code, out, _ = run_cli(capsys, "--library", indexed.library, "stats", "--json")
    assert json.loads(out)["articles"] == sample_articles + len(folder.good)


def test_an_impossible_front_matter_date_leaves_the_article_undated(indexed, capsys):
    code, out, _ = run_cli(capsys, "--library", indexed.library, "search", "zqbaddate",
                           "--jsonl")
    hit = json.loads(out)
    assert hit["title"] == "Impossible date zqbaddate" and hit["date"] is None


def test_inspect_names_the_bad_files_and_goes_on(folder, capsys):
    code, out, err = run_cli(capsys, "inspect", folder.root, "--jsonl")
    assert code == 1 and "internal error" not in err and "Traceback" not in err, err
    shown = {json.loads(line)["path"] for line in out.splitlines()}
    assert set(folder.good.values()) <= shown
    for what, reason in folder.bad.items():
        named = [line for line in err.splitlines()
                 if line.startswith(f"broadsheet: {what}:")]
        assert len(named) == 1 and reason in named[0], (what, named)


# -- memory: a large file of one article costs about what a small one does -----------------

PEAK = """\
import resource, sys
from index import Library

report = Library(sys.argv[1]).add([sys.argv[2]])
print(report.articles, len(report.failed), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
MEMORY_RATIO = 3.5
"""Peak RSS of indexing a large file, at most this many times that of a small file. (Before:
a 24 MB page took 5.7x, a 100 MB text in cp1252 5.3x: 790 and 740 MB.)"""


def _peak(tmp_path: Path, name: str, data: bytes) -> int:
    """Peak RSS (kB) of a fresh interpreter indexing one file of ``data``."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / name).write_bytes(data)
    done = subprocess.run([sys.executable, "-c", PEAK, str(tmp_path / f"lib-{name}"),
                           str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    articles, failed, peak = map(int, done.stdout.split())
    assert (articles, failed) == (1, 0), (name, done.stdout)
    return peak


def _large_page(size: int) -> bytes:
    paragraph = f"<p>{ORDINARY.strip()}</p>\n"
    return ("<html><head><title>Large page</title></head><body><article><h1>Large page</h1>"
            + _repeat(paragraph, size) + "</article></body></html>").encode()


def _large_cp1252_text(size: int) -> bytes:
    return ("Large text\n\n" + _repeat("“Grüße”, said the council of Köln. ", size)
            ).encode("cp1252")


@pytest.mark.parametrize("name, make", [("page.html", _large_page),
                                        ("text.txt", _large_cp1252_text)])
def test_a_large_file_of_one_article_takes_little_more_memory(tmp_path, name, make):
    small = _peak(tmp_path, "small.txt", b"Small\n\n" + ORDINARY.encode())
    size = 24 << 20 if name.endswith(".html") else 100 << 20
    large = _peak(tmp_path, name, make(size))
    assert large < MEMORY_RATIO * small, f"{name}: {large // 1024} MB against {small // 1024} MB"
