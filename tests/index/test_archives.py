"""Compressed files, zip archives and web archives (WARC): read as the files inside them,
ids stable per member and record, broken archives keep what is whole."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from index import Library, sources
from index.enrich.pipeline import article_id
from index.models import RawArticle
from index.sources.errors import EntryError, SourceError
from tests.conftest import HTML, JSONL, MD

GOOD_JSONL = "\n".join(line for line in JSONL.splitlines() if "broken" not in line) + "\n"


def read(path: Path) -> list:
    return list(sources.read_file(path))


def articles(path: Path) -> list[RawArticle]:
    return [a for a in read(path) if isinstance(a, RawArticle)]


def zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


PACKERS = {"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress, "zst": zstd}


# -- compressed files -------------------------------------------------------------------------

@pytest.mark.parametrize("packed", sorted(PACKERS))
@pytest.mark.parametrize("name, content, count", [("wire.jsonl", GOOD_JSONL, 2),
                                                  ("page.html", HTML, 1), ("notes.md", MD, 1)])
def test_a_compressed_file_reads_as_the_file_inside(tmp_path, packed, name, content, count):
    plain = tmp_path / name
    plain.write_text(content, "utf-8")
    packed_file = tmp_path / f"{name}.{packed}"
    packed_file.write_bytes(PACKERS[packed](content.encode()))
    got, want = articles(packed_file), articles(plain)
    assert len(got) == count
    assert [(a.title, a.text, a.date, a.format) for a in got] == \
        [(a.title, a.text, a.date, a.format) for a in want]
    assert all(a.path == str(packed_file) for a in got)


def test_compressed_files_are_found_in_folders_and_others_counted(tmp_path):
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress(GOOD_JSONL.encode()))
    (tmp_path / "table.tsv.gz").write_bytes(gzip.compress(b"a\tb\n"))
    skipped: Counter[str] = Counter()
    found = [p.name for p, _ in sources.discover([tmp_path], skipped)]
    assert found == ["wire.jsonl.gz"]
    assert skipped == {"tsv.gz": 1}


def test_a_gzip_bomb_is_refused_past_the_file_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 4 * 2**20)
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (8 * 2**20)))  # 8 kB on disk
    with pytest.raises(SourceError, match="gzip content is over 4 MB"):
        read(bomb)


@pytest.mark.parametrize("packed", sorted(PACKERS))
def test_a_cut_compressed_jsonl_keeps_its_whole_lines(tmp_path, packed):
    total = 3000  # a few blocks: bzip2 (at level 1) and zstd decompress 100-128 kB at a time
    lines = "".join(f'{{"title": "Item {n}", "text": "Wire item number {n} about Chile."}}\n'
                    for n in range(total))
    data = bz2.compress(lines.encode(), 1) if packed == "bz2" else PACKERS[packed](lines.encode())
    cut = tmp_path / f"wire.jsonl.{packed}"
    cut.write_bytes(data[:len(data) - 100])
    items = read(cut)
    kept = [a for a in items if isinstance(a, RawArticle)]
    [problem] = [e for e in items if isinstance(e, EntryError)]
    assert 0 < len(kept) < total
    assert [a.title for a in kept] == [f"Item {n}" for n in range(len(kept))]
    assert "cut off" in problem.reason or "broken" in problem.reason


def test_a_cut_compressed_page_is_no_article(tmp_path):
    data = gzip.compress(HTML.encode())
    (tmp_path / "page.html.gz").write_bytes(data[:-10])
    with pytest.raises(SourceError, match="gzip stream cut off"):
        read(tmp_path / "page.html.gz")


def test_not_gzip_data_says_so(tmp_path):
    (tmp_path / "a.txt.gz").write_text("plain text, not gzip", "utf-8")
    with pytest.raises(SourceError, match="not valid gzip data"):
        read(tmp_path / "a.txt.gz")


# -- zip archives -----------------------------------------------------------------------------

def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_members_are_files_of_their_own(tmp_path):
    bundle = make_zip(tmp_path / "bundle.zip", {
        "a/first.txt": b"First title\n\nText of the first article, about Norway.",
        "a/wire.jsonl.gz": gzip.compress(GOOD_JSONL.encode()),
        "b/page.html": HTML.encode(),
        "a/README.md": b"# not an article",
        "__MACOSX/a/._first.txt": b"junk",
        "data.tsv": b"a\tb",
    })
    got = articles(bundle)
    paths = [a.path for a in got]
    assert paths == [f"{bundle}!a/first.txt", f"{bundle}!a/wire.jsonl.gz",
                     f"{bundle}!a/wire.jsonl.gz", f"{bundle}!b/page.html"]
    assert got[0].title == "First title" and got[0].source == "a"
    assert got[3].source == "Harbour Times"  # the page's own site name wins


def test_zip_member_ids_are_stable_and_distinct(tmp_path):
    members = {"a/one.txt": b"One\n\nFirst text.", "a/two.txt": b"Two\n\nSecond text."}
    bundle = make_zip(tmp_path / "bundle.zip", members)
    first = [article_id(a.path, a.entry) for a in articles(bundle)]
    make_zip(bundle, {**members, "a/three.txt": b"Three\n\nThird text."})  # rewritten
    second = [article_id(a.path, a.entry) for a in articles(bundle)]
    assert len(set(first)) == 2 and second[:2] == first


def test_a_bad_zip_member_costs_that_member(tmp_path):
    bundle = make_zip(tmp_path / "bundle.zip", {"good.txt": b"Good\n\nText.",
                                                "bad.json": b"{", "empty.txt": b""})
    items = read(bundle)
    assert [a.title for a in items if isinstance(a, RawArticle)] == ["Good"]
    assert sorted(e.entry for e in items if isinstance(e, EntryError)) == ["bad.json",
                                                                           "empty.txt"]


def test_a_zip_without_articles_or_not_a_zip_says_so(tmp_path):
    make_zip(tmp_path / "data.zip", {"table.tsv": b"a\tb"})
    with pytest.raises(SourceError, match="no files of a type broadsheet reads"):
        read(tmp_path / "data.zip")
    (tmp_path / "fake.zip").write_bytes(b"PK not really")
    with pytest.raises(SourceError, match="not a readable zip archive"):
        read(tmp_path / "fake.zip")


def test_a_zip_bomb_is_refused_past_the_file_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 2 * 2**20)
    bundle = make_zip(tmp_path / "bundle.zip", {"a.txt": b"Title\n\nSmall.",
                                                "b.txt": b"x" * (3 * 2**20)})
    items = read(bundle)
    assert [a.title for a in items if isinstance(a, RawArticle)] == ["Title"]
    [problem] = [e for e in items if isinstance(e, EntryError)]
    assert "over the limit" in problem.reason


def test_compressed_and_zip_files_index_and_search(tmp_path, capsys):
    from tui.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl.gz").write_bytes(gzip.compress(GOOD_JSONL.encode()))
    make_zip(folder / "bundle.zip", {"a/first.txt": b"Fjord ferry\n\nThe ferry to Norway."})
    library = Library(tmp_path / "lib")
    report = library.add([folder])
    assert (report.added, report.articles, report.failed) == (2, 3, ())
    [hit] = library.search("ferry").hits
    assert hit.path == f"{folder / 'bundle.zip'}!a/first.txt"
    assert library.search("chip").total == 2
    again = library.add([folder])
    assert (again.unchanged, again.articles) == (2, 0)
    library.close()
    code = main(["--library", str(tmp_path / "lib"), "show", hit.id])
    assert code == 0 and "bundle.zip!a/first.txt" in capsys.readouterr().out
