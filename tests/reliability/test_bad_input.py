"""Bad input never stops a run (DESIGN §8): one folder holding every kind of bad file beside
good ones, indexed by the real CLI. Every good article is searchable; every bad file gets one
line in the summary saying why; the exit status is 1; there is no traceback."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import sources
from tests.reliability.conftest import run_cli, run_cli_subprocess

HUGE_CHARS = 20_000_000
"""The huge text file: tens of MB, far beyond index.sources.MAX_TEXT_CHARS."""


@dataclass(frozen=True)
class Folder:
    root: Path
    good: dict[str, str]
    """unique word -> the file (or file and entry) holding the good article."""
    bad: dict[str, str]
    """what the summary names (a path, or "path (entry)") -> a fragment of the reason."""
    notes: dict[str, str]
    """files indexed with a note in the summary -> a fragment of the note."""
    after_cut: str
    """a word of the huge file beyond the text limit."""


def _para(n: int) -> str:
    return (f"Paragraph {n % 10} about the harbour, the ferries and the fishing boats of the town; "
            "the council met again to argue about the price of the new bridge.\n\n")


def build_bad_folder(root: Path) -> Folder:
    """Write the folder; return what a user should see after indexing it."""
    root.mkdir(parents=True)
    good: dict[str, str] = {}
    bad: dict[str, str] = {}
    notes: dict[str, str] = {}

    def put(name: str, data: bytes | str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def article(word: str, title: str = "A good article") -> str:
        return (f"{title} {word}\n\nThe town council of Bergen in Norway met on Monday to "
                f"discuss the harbour; the word {word} is found in this article only.\n")

    # -- good files, in odd encodings and under odd names ----------------------------------
    good["zqplain"] = str(put("plain.txt", article("zqplain")))
    good["zqlatin"] = str(put("latin1.txt", article("zqlatin", "Grüße aus Zürich")
                              .encode("latin-1")))
    good["zqutfsixteen"] = str(put("utf16.txt", article("zqutfsixteen", "Grüße aus Köln")
                                   .encode("utf-16")))
    good["zqspace"] = str(put("with  space .txt", article("zqspace")))
    good["zqunicode"] = str(put("ünïcödé 日本語 статья.txt", article("zqunicode")))
    good["zqnewline"] = str(put("new\nline.txt", article("zqnewline")))
    good["zqdash"] = str(put("-leading-dash.txt", article("zqdash")))
    good["zqlong"] = str(put("l" * 250 + ".txt", article("zqlong")))  # 254 bytes: the limit
    good["zqdirtxt"] = str(put("x.txt/inner.txt", article("zqdirtxt")))  # a folder named x.txt

    # a JSONL file with a broken line among good ones: the line costs only itself
    jsonl = root / "mixed.jsonl"

    def good_line(w):
        return json.dumps({"title": f"Line article {w}",
                           "text": f"A JSON line about Chile, holding {w}."})

    put("mixed.jsonl", "\n".join([good_line("zqjsonlone"),
                                  '{"title": "broken", "text": "no closing quote',
                                  good_line("zqjsonltwo"),
                                  "",
                                  good_line("zqjsonlthree")]) + "\n")
    for w in ("zqjsonlone", "zqjsonltwo", "zqjsonlthree"):
        good[w] = str(jsonl)
    bad[f"{jsonl} (line 2)"] = "invalid JSON"

    # broken YAML front matter: the body is indexed, the summary says so
    front = put("front.md", "---\ntitle: [unclosed\ndate: 2025-01-01\n---\n"
                            "# Heading zqfronttitle\n\nThe body zqfrontbody is about Peru.\n")
    good["zqfrontbody"] = str(front)
    notes[str(front)] = "front matter is not valid YAML"

    # broken but readable HTML: unclosed tags, no </body>
    good["zqhtmlbody"] = str(put("recoverable.html", (
        "<html><head><title>Broken markup zqhtmltitle</title></head><body><div>"
        "<p>Unclosed paragraph about the harbour of Oslo in Norway, zqhtmlbody, where ferries "
        "run all day and the city council argued about the new bridge for hours."
        "<p>Another <b>unclosed bold paragraph <i>about fjords and fishing boats."
        "<table><tr><td>cell")))

    # a feed cut short: its whole first item is indexed, the cut one is named
    trunc = put("truncated.rss", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Broken Wire</title><item><title>First item zqfeedone</title>"
        "<link>https://example.org/f1</link><description>The first item mentions Norway."
        "</description></item><item><title>Second item cut"))
    good["zqfeedone"] = str(trunc)
    bad[f"{trunc} (entry 1)"] = "no title or text"

    # a text file of tens of MB: indexed, its text cut at MAX_TEXT_CHARS, and said so
    head = "Huge file zqhugetitle\n\nzqhugestart opens the text.\n\n"
    body, size, n = [], len(head), 0
    while size < sources.MAX_TEXT_CHARS + 1000:
        body.append(_para(n))
        size += len(body[-1])
        n += 1
    filler = "".join(body)
    tail = filler * (HUGE_CHARS // len(filler) + 1)
    huge = put("huge.txt", head + filler + " zqhugeafter \n\n" + tail)
    good["zqhugestart"] = str(huge)
    notes[str(huge)] = f"cut to its first {sources.MAX_TEXT_CHARS:,}"

    # a list of articles with one bad item
    listed = put("list.json", json.dumps([{"title": "Listed zqjsonlist", "text": "About Peru."},
                                          42]))
    good["zqjsonlist"] = str(listed)
    bad[f"{listed} (item 1)"] = "expected an article object"

    # -- bad files --------------------------------------------------------------------------
    bad[str(put("binary.txt", bytes(range(256)) * 64))] = "binary"
    bad[str(put("empty.txt", b""))] = "empty file"
    bad[str(put("blank.md", b"  \n\t\n   \n"))] = "empty file"
    bad[str(put("malformed.json", '{"title": "x", "text": '))] = "invalid JSON"
    bad[str(put("fields.json", '{"foo": 1, "bar": [2]}'))] = "no text or title field"
    bad[str(put("deep.json", "[" * 200_000 + "]" * 200_000))] = "nested too deeply"
    bad[str(put("garbage.rss", "<rss><<<<>>>& garbage &&& </item>"))] = \
        "not a readable RSS/Atom feed"
    bad[str(put("nofeed.xml", "<?xml version='1.0'?><root><a>text</a></root>"))] = \
        "not an RSS or Atom feed"
    bad[str(put("untitled.html", "<html><head><title>Never closed</head><body><p>All of this "
                                 "is inside the title, as a browser reads it."))] = \
        "no article text found"
    enormous = root / "enormous.txt"  # sparse: beyond MAX_FILE_BYTES without using the disk
    with open(enormous, "wb") as handle:
        handle.truncate(sources.MAX_FILE_BYTES + 2**20)
    bad[str(enormous)] = "the limit is"
    (root / "selfloop.txt").symlink_to("selfloop.txt")
    bad[str(root / "selfloop.txt")] = "symbolic link"
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    bad[str(root / "dangling.txt")] = "symbolic link"
    (root / "loop").symlink_to(".")  # a folder loop: never followed, nothing read twice
    (root / "up").mkdir()
    (root / "up" / "parent").symlink_to("..")
    return Folder(root, good, bad, notes, after_cut="zqhugeafter")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Folder:
    return build_bad_folder(tmp_path_factory.mktemp("bad") / "articles")


@dataclass
class Run:
    code: int
    out: str
    err: str
    library: Path


@pytest.fixture(scope="module")
def indexed(folder, tmp_path_factory) -> Run:
    """``broadsheet index FOLDER``, in-process, once for the module."""
    from tui.cli import main

    library = tmp_path_factory.mktemp("badlib") / "library"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--library", str(library), "index", str(folder.root)])
    return Run(code, out.getvalue(), err.getvalue(), library)


def lines_naming(err: str, what: str) -> list[str]:
    return [line for line in err.splitlines() if what in line]


def test_the_run_ends_with_exit_1_and_no_traceback(indexed, folder):
    assert indexed.code == 1, indexed.err
    assert "Traceback" not in indexed.err and "internal error" not in indexed.err
    summary = indexed.err.strip().splitlines()[-1]
    assert f"{len(folder.bad)} failed" in summary, summary


def test_every_bad_file_is_named_once_with_its_reason(indexed, folder):
    for what, reason in folder.bad.items():
        named = [line for line in lines_naming(indexed.err, what)
                 if not line[line.index(what) + len(what):].startswith(" (")]
        assert len(named) == 1, (what, named)
        assert reason in named[0], named[0]


def test_no_good_file_is_reported_failed(indexed, folder):
    failed = [line for line in indexed.err.splitlines() if line.startswith("failed:")]
    assert len(failed) == len(folder.bad), "\n".join(failed)
    for path in set(folder.good.values()):
        assert not [line for line in failed if f"{path}:" in line], path


def test_notes_say_what_was_cut_or_ignored(indexed, folder):
    for path, note in folder.notes.items():
        named = lines_naming(indexed.err, f"{path}:")
        assert len(named) == 1 and note in named[0], named


def test_every_good_article_is_searchable(indexed, folder, capsys):
    for unique, path in folder.good.items():
        code, out, err = run_cli(capsys, "--library", indexed.library, "search", unique,
                                 "--jsonl")
        hits = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and [h["path"] for h in hits] == [path], (unique, err)


def test_encodings_are_decoded_not_mangled(indexed, capsys):
    for unique, title in (("zqlatin", "Grüße aus Zürich zqlatin"),
                          ("zqutfsixteen", "Grüße aus Köln zqutfsixteen")):
        _, out, _ = run_cli(capsys, "--library", indexed.library, "search", unique, "--jsonl")
        assert json.loads(out)["title"] == title
    code, _, _ = run_cli(capsys, "--library", indexed.library, "search", "Grüße")
    assert code == 0


def test_the_huge_file_is_indexed_up_to_the_limit(indexed, folder, capsys):
    code, out, _ = run_cli(capsys, "--library", indexed.library, "search", "zqhugestart",
                           "--jsonl")
    hit = json.loads(out)
    code, out, _ = run_cli(capsys, "--library", indexed.library, "show", hit["id"], "--json")
    text = json.loads(out)["text"]
    assert code == 0 and sources.MAX_TEXT_CHARS - 100 <= len(text) <= sources.MAX_TEXT_CHARS
    code, _, _ = run_cli(capsys, "--library", indexed.library, "search", folder.after_cut)
    assert code == 1  # beyond the documented limit


def test_nothing_is_indexed_twice_through_symlinked_folders(indexed, folder, capsys):
    code, out, _ = run_cli(capsys, "--library", indexed.library, "stats", "--json")
    good_articles = len(folder.good)  # one unique word per good article
    assert code == 0 and json.loads(out)["articles"] == good_articles


def test_a_second_run_reports_the_bad_files_again_and_changes_nothing(indexed, folder, capsys):
    code, _, err = run_cli(capsys, "--library", indexed.library, "index", folder.root)
    assert code == 1
    assert f"0 added, 0 updated, {len(set(folder.good.values()))} unchanged" in err
    for what in folder.bad:
        if " (" not in what:  # a whole file that failed is read, and named, again
            assert len(lines_naming(err, f"{what}:")) == 1, what


def test_a_second_run_still_names_bad_entries(indexed, folder, capsys):
    code, _, err = run_cli(capsys, "--library", indexed.library, "index", folder.root)
    assert f"{len(folder.bad)} failed" in err, err.splitlines()[-1]


def test_inspect_names_bad_files_and_goes_on(folder, capsys):
    """``broadsheet inspect`` reads the same files: one line per bad file, never a crash."""
    code, out, err = run_cli(capsys, "inspect", folder.root, "--jsonl")
    assert code == 1 and "internal error" not in err and "Traceback" not in err, err
    shown = {json.loads(line)["path"] for line in out.splitlines()}
    assert shown == set(folder.good.values())
    for what, reason in folder.bad.items():
        named = [line for line in lines_naming(err, what)
                 if not line[line.index(what) + len(what):].startswith(" (")]
        assert len(named) == 1 and reason in named[0], (what, named)


def test_the_console_script_on_the_bad_folder(folder, tmp_path):
    """The same run in a fresh interpreter, as a user runs it: ``python -m tui.cli``."""
    library = tmp_path / "library"
    done = run_cli_subprocess("--library", library, "index", folder.root)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    for what, reason in folder.bad.items():
        named = [line for line in lines_naming(done.stderr, what)
                 if not line[line.index(what) + len(what):].startswith(" (")]
        assert len(named) == 1 and reason in named[0], (what, named)
    query = " OR ".join(folder.good)
    found = run_cli_subprocess("--library", library, "search", query, "--jsonl",
                               "--limit", "100")
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert found.returncode == 0, found.stderr
    assert sorted(h["path"] for h in hits) == sorted(folder.good.values())


# -- odd inputs beside the folder: each must cost at most its own file ----------------------

def _index(capsys, tmp_path, files: dict[bytes, bytes]) -> tuple[int, str, Path]:
    root = tmp_path / "in"
    root.mkdir()
    for name, data in files.items():
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(data)
    library = tmp_path / "library"
    code, _, err = run_cli(capsys, "--library", library, "index", root)
    return code, err, library


GOOD_TXT = b"A good neighbour zqneighbour\n\nThis article about Peru must be indexed.\n"


def test_a_file_name_that_is_not_utf8_costs_only_that_file(tmp_path, capsys):
    code, err, library = _index(capsys, tmp_path, {b"caf\xe9.txt": GOOD_TXT.replace(
        b"zqneighbour", b"zqlatinname"), b"good.txt": GOOD_TXT})
    assert code in (0, 1) and "internal error" not in err, err
    assert len(err.strip().split("\n")) <= 2  # at most a failure line, and the summary
    assert run_cli(capsys, "--library", library, "search", "zqneighbour")[0] == 0


def test_a_lone_surrogate_in_json_is_indexed_and_printable(tmp_path, capsys):
    line = b'{"title": "Surrogate zqsurrogate \\ud800 here", "text": "Text \\udfff about Peru."}\n'
    code, err, library = _index(capsys, tmp_path, {b"s.jsonl": line, b"good.txt": GOOD_TXT})
    assert code == 0, err
    for args in (["search", "zqsurrogate"], ["search", "zqsurrogate", "--json"]):
        code, out, err = run_cli(capsys, "--library", library, *args)
        assert code == 0 and "internal error" not in err, err
        assert "zqsurrogate" in out


def test_a_bad_file_with_a_newline_in_its_name_is_one_summary_line(tmp_path, capsys):
    code, err, _ = _index(capsys, tmp_path, {b"bad\nname.json": b"{", b"good.txt": GOOD_TXT})
    assert code == 1
    assert len(err.strip().split("\n")) == 2, err  # the failure and the summary
    [failure] = [line for line in err.splitlines() if "invalid JSON" in line]
    assert "bad" in failure and "name.json" in failure


def test_nul_characters_inside_json_text_do_not_break_the_index(tmp_path, capsys):
    line = b'{"title": "Nul zqnulchar", "text": "Text \\u0000 with a NUL about Peru."}\n'
    code, err, library = _index(capsys, tmp_path, {b"n.jsonl": line, b"good.txt": GOOD_TXT})
    assert code == 0, err
    assert run_cli(capsys, "--library", library, "search", "zqnulchar")[0] == 0


def test_utf16_without_a_bom_is_named_not_crashed_on(tmp_path, capsys):
    text = GOOD_TXT.decode().encode("utf-16-le")
    code, err, library = _index(capsys, tmp_path, {b"nobom.txt": text, b"good.txt": GOOD_TXT})
    assert code in (0, 1) and "internal error" not in err
    if code == 1:
        assert len([line for line in err.splitlines() if "nobom.txt" in line]) == 1


def test_a_path_with_a_leading_dash_after_double_dash(tmp_path, capsys, monkeypatch):
    (tmp_path / "-dash.txt").write_bytes(GOOD_TXT)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "--library", tmp_path / "library", "index", "--",
                           "-dash.txt")
    assert code == 0, err
    assert run_cli(capsys, "--library", tmp_path / "library", "search", "zqneighbour")[0] == 0


def test_bom_encodings_in_every_format(tmp_path, capsys):
    """A UTF-8 or UTF-16 byte-order mark before JSON, Markdown front matter or a feed."""
    files = {
        b"a.json": codecs.BOM_UTF8 + b'{"title": "Bom json zqbomjson", "text": "About Peru."}',
        b"b.md": "---\ntitle: Bom md zqbommd\n---\nAbout Peru.\n".encode("utf-16"),
        b"c.rss": codecs.BOM_UTF8 + b'<?xml version="1.0"?><rss version="2.0"><channel>'
                  b"<title>W</title><item><title>Bom feed zqbomfeed</title><description>"
                  b"About Peru.</description></item></channel></rss>",
    }
    code, err, library = _index(capsys, tmp_path, files)
    assert code == 0, err
    for unique in ("zqbomjson", "zqbommd", "zqbomfeed"):
        assert run_cli(capsys, "--library", library, "search", unique)[0] == 0, unique


def test_a_deeply_nested_jsonl_line_costs_only_that_line(tmp_path, capsys):
    lines = [b'{"title": "First zqdeepone", "text": "About Peru."}',
             b"[" * 100_000 + b"]" * 100_000,
             b'{"title": "Third zqdeepthree", "text": "About Chile."}']
    code, err, library = _index(capsys, tmp_path, {b"deep.jsonl": b"\n".join(lines)})
    assert code == 1
    [failure] = [line for line in err.splitlines() if line.startswith("failed:")]
    assert "deep.jsonl (line 2)" in failure, failure
    for unique in ("zqdeepone", "zqdeepthree"):
        assert run_cli(capsys, "--library", library, "search", unique)[0] == 0, unique


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, capsys,
                                                                   monkeypatch):
    """A machine without the memory for a file beyond MAX_FILE_BYTES: reading it at all
    fails. The file must be refused for its size, with the limit in the message."""
    big = tmp_path / "in" / "enormous.txt"
    big.parent.mkdir()
    with open(big, "wb") as handle:  # sparse: costs no disk
        handle.truncate(sources.MAX_FILE_BYTES + 1)
    (tmp_path / "in" / "good.txt").write_bytes(GOOD_TXT)
    read_bytes = Path.read_bytes

    def no_memory_for_huge_files(self):
        if self.stat().st_size > sources.MAX_FILE_BYTES:
            raise MemoryError
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", no_memory_for_huge_files)
    code, _, err = run_cli(capsys, "--library", tmp_path / "library", "index", tmp_path / "in")
    assert code == 1 and "internal error" not in err, err
    [failure] = [line for line in err.splitlines() if line.startswith("failed:")]
    assert "enormous.txt" in failure and "the limit is" in failure
