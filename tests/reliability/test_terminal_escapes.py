"""Escape sequences in an article or a file name never reach the terminal.

An article's title, lang, source, author, url or text, a file name and a folder name carry
the sequences an attacker would use: OSC 2 (window title), OSC 52 (clipboard), SGR 8
(conceal), C1 CSI (``\\x9b``), and a CR/LF that would forge a result line. Every command's
output, text and JSON, is checked byte by byte: for a library indexed now (values cleaned
when read) and for one that holds them raw, as a library an older broadsheet wrote does
(cleaned when shown)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.reliability.conftest import run_cli

OSC2 = "\x1b]2;pwned\x07"
OSC52 = "\x1b]52;c;cHduZWQ=\x07"
CONCEAL = "\x1b[8m"
CSI = "\x9b2J"
FORGED = "\r\nfeedc0ffee00  2025-01-01  en  forged"
"""After a line break, what a result's first line looks like."""
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""What may not reach the terminal: every control character but newline and tab."""
HIT_LINE = re.compile(r"^[0-9a-f]{12}  ", re.M)


def write_hostile(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "front.md").write_text(
        "---\n"
        f'title: "Front \\e]2;pwned\\a zqfront\\r\\n{FORGED[2:]}"\n'
        'lang: "e\\e[8mn"\n'
        'source: "Src\\e]52;c;cHduZWQ=\\a"\n'
        'author: "Au\\x9b2Jthor"\n'
        'url: "https://example.org/\\e]2;u\\a"\n'
        "---\n"
        f"The body zqfrontbody {OSC2} is about Peru and Lima.\n", "utf-8")
    (root / "wire.json").write_text(json.dumps({
        "title": f"Json {OSC52} zqjson{FORGED}",
        "text": f"Text zqjsonbody {CONCEAL}concealed{CSI} about Chile,\ttabbed\r"
                f"overwritten\nsecond line {OSC2}.",
        "lang": OSC2, "source": f"Wire{CSI}", "author": f"A{OSC2}",
        "url": f"https://example.org/{OSC52}"}), "utf-8")
    (root / "page.html").write_text(
        f"<html lang='e{OSC2}n'><head><title>Page {OSC2} zqhtml</title></head><body>"
        f"<article><p>The page zqhtmlbody {OSC52} is about the election in Peru, long enough "
        "for the extractor, and it goes on about Lima and the votes counted on Sunday "
        "night.</p></article></body></html>", "utf-8")
    (root / f"name{OSC2}{CSI}.txt").write_text(
        "Plain zqname\n\nThe plain zqnamebody file is about Chile.\n", "utf-8")
    folder = root / f"dir{OSC2}"
    folder.mkdir()
    (folder / "in.txt").write_text("Folder zqfolder\n\nThe zqfolderbody is about Chile.\n",
                                   "utf-8")
    return root


WORDS = ("zqfront", "zqjson", "zqhtml", "zqname", "zqfolder")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("escapes") / "articles")


def assert_safe(text: str, what) -> None:
    found = UNSAFE.search(text)
    if found:
        raise AssertionError(f"{what}: {found.group()!r} in "
                             f"{text[max(found.start() - 60, 0):][:160]!r}")


def cli(capsys, library: Path, *args) -> tuple[int, str, str]:
    code, out, err = run_cli(capsys, "--library", library, *args)
    assert_safe(out, (args, "stdout"))
    assert_safe(err, (args, "stderr"))
    assert "internal error" not in err, err
    return code, out, err


def index(capsys, library: Path, hostile: Path) -> str:
    code, _, err = cli(capsys, library, "index", hostile)
    assert code == 0, err
    return err


def check_every_command(capsys, library: Path, hostile: Path) -> None:
    ids = []
    for word in WORDS:
        code, out, _ = cli(capsys, library, "search", word, "--jsonl")
        assert code == 0, word
        [hit] = [json.loads(line) for line in out.splitlines()]
        ids.append(hit["id"])
        assert cli(capsys, library, "search", word)[0] == 0
        assert cli(capsys, library, "search", word, "--json")[0] == 0
    for article_id in ids:
        assert cli(capsys, library, "show", article_id)[0] == 0
        shown = json.loads(cli(capsys, library, "show", article_id, "--json")[1])
        assert shown["id"] == article_id
    for args in (["facets"], ["facets", "--json"], ["stats"], ["stats", "--json"],
                 ["search", "*", "--sort", "newest"], ["search", "zqnope"],
                 ["show", "zzzz\x1b]2;x\x07"]):
        cli(capsys, library, *args)
    for path in (hostile, *sorted(hostile.iterdir())):
        for form in ([], ["--json"], ["--jsonl"]):
            cli(capsys, library, "inspect", path, *form)


def check_result_lines(capsys, library: Path) -> None:
    """One result, one id line: a line break in a title or text makes no line of its own."""
    code, out, _ = cli(capsys, library, "search", "*")
    assert code == 0
    assert out.startswith("5 articles, showing 1-5")
    assert len(HIT_LINE.findall(out)) == 5, out
    assert "feedc0ffee00" not in "".join(re.findall(r"^\S+", out, re.M))
    for word in WORDS:
        _, out, _ = cli(capsys, library, "search", word)
        assert len(HIT_LINE.findall(out)) == 1, out


def test_an_indexed_library_holds_clean_values(hostile, tmp_path, capsys):
    library = tmp_path / "library"
    err = index(capsys, library, hostile)
    assert "lang 'e\\x1b[8mn' is not a language code; detected the language instead" in err
    articles = {}
    for word in WORDS:
        [hit] = [json.loads(line) for line in
                 cli(capsys, library, "search", word, "--jsonl")[1].splitlines()]
        articles[word] = json.loads(cli(capsys, library, "show", hit["id"], "--json")[1])
    for word, article in articles.items():
        for name in ("title", "lang", "source", "author", "url"):
            value = article[name] or ""
            assert not UNSAFE.search(value), (word, name, value)
            # the whole sequence goes, not only its ESC (HTML's parser drops the ESC itself
            # before broadsheet sees the text: what is left of it is plain text)
            if word != "zqhtml":
                assert "pwned" not in value and "cHduZWQ" not in value and "[8m" not in value
        assert re.fullmatch(r"[a-z]{2,3}", article["lang"]), article["lang"]
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", article["text"])
    assert articles["zqjson"]["title"] == "Json  zqjson feedc0ffee00  2025-01-01  en  forged"
    assert articles["zqjson"]["source"] == "Wire"
    assert articles["zqjson"]["url"] == "https://example.org/"
    # the text keeps its lines and tabs; a lone CR is a line break, not an overprint
    assert "about Chile,\ttabbed\noverwritten\nsecond line ." in articles["zqjson"]["text"]
    assert articles["zqfront"]["author"] == "Author"
    assert articles["zqfolder"]["source"] == "dir"


def test_no_command_prints_an_escape(hostile, tmp_path, capsys):
    library = tmp_path / "library"
    index(capsys, library, hostile)
    check_every_command(capsys, library, hostile)
    check_result_lines(capsys, library)


@pytest.fixture
def raw_library(hostile, tmp_path, capsys, monkeypatch) -> Path:
    """A library holding every value as the file gave it, as one an older broadsheet
    wrote: the index-time cleaning is turned off while it is built."""
    import index.enrich.pipeline as pipeline
    import index.sources as sources
    import index.workers as workers

    def enrich_raw(raw, repeated=frozenset(), lang_prior=None):  # detected, stored as given
        return replace(pipeline.enrich(raw, repeated, lang_prior), lang=raw.lang or "und")

    monkeypatch.setattr(sources, "_cleaned", lambda article: article)
    monkeypatch.setattr(pipeline, "one_line", lambda text: text)
    monkeypatch.setattr(workers, "enrich", enrich_raw)
    library = tmp_path / "library"
    index(capsys, library, hostile)
    monkeypatch.undo()
    code, out, _ = run_cli(capsys, "--library", library, "search", "zqjson", "--jsonl")
    assert OSC52 in json.loads(out)["title"]  # it does hold them raw
    return library


def test_a_library_holding_raw_escapes_prints_none(raw_library, hostile, capsys):
    check_every_command(capsys, raw_library, hostile)
    check_result_lines(capsys, raw_library)
    # JSON keeps the data, escaped: a script still reads what the library holds
    code, out, _ = cli(capsys, raw_library, "search", "zqjson", "--jsonl")
    hit = json.loads(out)
    assert hit["lang"] == OSC2 and hit["source"] == f"Wire{CSI}"
    assert "\\u001b]2;pwned\\u0007" in out and "\\u009b2J" in out
