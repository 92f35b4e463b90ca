"""Compressed files, zip archives and web archives (WARC): read as the files inside them,
ids stable per member and record, broken archives keep what is whole."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from index import Library, Query, sources
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
    (tmp_path / "table.ods.gz").write_bytes(gzip.compress(b"a\tb\n"))
    skipped: Counter[str] = Counter()
    found = [os.path.basename(p) for p, _ in sources.discover([tmp_path], skipped)]
    assert found == ["wire.jsonl.gz"]
    assert skipped == {"ods.gz": 1}


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
        "data.ods": b"a\tb",
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
    make_zip(tmp_path / "data.zip", {"table.ods": b"a\tb"})
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
    [hit] = library.search(Query("ferry")).hits
    assert hit.path == f"{folder / 'bundle.zip'}!a/first.txt"
    assert library.search(Query("chip")).total == 2
    again = library.add([folder])
    assert (again.unchanged, again.articles) == (2, 0)
    library.close()
    code = main(["--library", str(tmp_path / "lib"), "show", hit.id])
    assert code == 0 and "bundle.zip!a/first.txt" in capsys.readouterr().out


# -- web archives -------------------------------------------------------------------------------

from index.sources import warc  # noqa: E402
from tests import warcs  # noqa: E402

LAYOUTS = [None, "record", "whole", "zst-record", "zst-whole", "bz2-whole", "xz-whole"]
"""How a test archive is written (``warcs.write``): plain, gzip per record or whole, and
the other compressions around it."""


def crawl_file(tmp_path: Path, gz: str | None = "record", records=None, name=None) -> Path:
    name = name or "crawl" + warcs.suffix(gz)
    return warcs.write(tmp_path / name, records or warcs.crawl(), gz)


def scan(path: Path) -> tuple[warc.Scan, list[warc.Page]]:
    with open(path, "rb") as stream:
        found = warc.Scan(stream, sources.kind(path)[1])
        return found, list(found)


@pytest.mark.parametrize("gz", LAYOUTS)
@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_each_html_200_response_is_an_article_and_the_rest_counted(tmp_path, gz, version):
    records = [r.replace(b"WARC/1.1\r\n", f"WARC/{version}\r\n".encode(), 1)
               for r in warcs.crawl()]
    path = crawl_file(tmp_path, gz, records)
    scanned, pages = scan(path)
    assert [p.url for p in pages] == [f"https://news.example/{i}.html" for i in range(4)]
    assert scanned.problem is None and scanned.end == path.stat().st_size
    assert scanned.skipped == {"request": 4, "warcinfo": 1, "image": 1, "status 404": 1,
                            "revisit": 1, "metadata": 1}
    got = articles(path)
    assert [a.title for a in got] == [title for title, _ in warcs.STORIES]
    assert {a.format for a in got} == {"warc"} and {a.path for a in got} == {str(path)}


def test_a_page_is_read_as_an_html_file_is(tmp_path):
    body = HTML.encode()
    path = crawl_file(tmp_path, records=[warcs.response("https://port.example/strike", body, 1,
                                                        date="2026-11-20T10:00:00Z")])
    (tmp_path / "port.html").write_bytes(body)
    [page], [file] = articles(path), articles(tmp_path / "port.html")
    assert (page.title, page.text, page.date, page.author, page.source) == \
        (file.title, file.text, file.date, file.author, file.source)
    assert page.url == "https://port.example/strike"
    assert page.entry == "<urn:uuid:00000000-0000-4000-8000-000000000001>"
    assert page.crawled == __import__("datetime").datetime(2026, 11, 20, 10, 0)


def test_a_crawled_page_without_a_date_of_its_own_stays_undated(tmp_path):
    path = crawl_file(tmp_path)
    assert all(a.date is None and a.crawled is not None for a in articles(path))


def test_http_encodings_charsets_and_odd_responses(tmp_path):
    text = "Die Fähre nach Norwegen fährt wieder, nachdem ein Sturm die Schiffe vier Tage " \
           "lang im Hafen gehalten hatte, teilte die Reederei am Montag mit."
    latin = warcs.page("Fähre fährt wieder", text, "de").decode().replace(
        '<meta charset="utf-8">', "").encode("latin-1")
    gzipped = gzip.compress(warcs.page("Ferry sails again", warcs.STORIES[0][1]))
    chunked = warcs.page("Harvest", warcs.STORIES[1][1])
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunked[i:i + 100]), chunked[i:i + 100])
                      for i in range(0, len(chunked), 100)) + b"0\r\n\r\n"
    records = [
        warcs.response("https://a.example/de", latin, 1, ctype="text/html; charset=ISO-8859-1"),
        warcs.response("https://a.example/gz", gzipped, 2, headers="Content-Encoding: gzip\r\n"),
        warcs.record("response", "https://a.example/ch", (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunks), 3),
        warcs.record("response", "https://a.example/x", b"not http at all", 4),
        warcs.record("response", "dns:a.example", b"a.example. 300 IN A 192.0.2.1", 5,
                     ctype="text/dns"),
        warcs.response("https://a.example/empty", b"<html><body></body></html>", 6),
    ]
    path = crawl_file(tmp_path, records=records)
    got = articles(path)
    assert [a.title for a in got] == ["Fähre fährt wieder", "Ferry sails again", "Harvest"]
    assert "Norwegen fährt" in got[0].text
    with open(path, "rb") as stream:
        read = warc.read_pages(str(path), list(scan := warc.Scan(stream, True)))
    assert scan.skipped == {"unreadable": 1, "not HTTP": 1}
    assert read[1] == {"no article text": 1}


def test_record_ids_are_stable_across_runs_and_layouts(tmp_path):
    first = crawl_file(tmp_path, "record")
    ids = [article_id(a.path, a.entry) for a in articles(first)]
    assert len(set(ids)) == 4
    assert [article_id(a.path, a.entry) for a in articles(first)] == ids
    crawl_file(tmp_path, "whole")  # the same records, gzipped as a whole, same name
    assert [article_id(a.path, a.entry) for a in articles(first)] == ids


def test_not_a_warc_says_so(tmp_path):
    (tmp_path / "a.warc").write_text("just some text\n", "utf-8")
    with pytest.raises(SourceError, match="WARC"):
        read(tmp_path / "a.warc")
    (tmp_path / "b.warc.gz").write_bytes(gzip.compress(b"just some text\n"))
    with pytest.raises(SourceError, match="WARC"):
        read(tmp_path / "b.warc.gz")


# -- broken archives ------------------------------------------------------------------------

def _cut_points(data: bytes) -> list[int]:
    return [len(data) - 40, len(data) * 2 // 3]


@pytest.mark.parametrize("gz", LAYOUTS)
def test_a_cut_archive_keeps_every_whole_record_before_the_cut(tmp_path, gz):
    whole = crawl_file(tmp_path, gz, warcs.larger(), name="whole" + warcs.suffix(gz))
    data = whole.read_bytes()
    for cut in _cut_points(data):
        path = tmp_path / ("cut" + warcs.suffix(gz))
        path.write_bytes(data[:cut])
        try:
            scanned, pages = scan(path)
        except SourceError as exc:  # a zstd block (128 kB) or bzip2 block (100-900 kB)
            # cut short yields none of its content: here the first
            assert gz in ("zst-whole", "bz2-whole") and cut < len(data) - 40
            assert str(exc).endswith("stream cut off before its end")
            continue
        assert scanned.problem is not None and "cut off" in scanned.problem[1]
        # every page whose record ends before the cut (for plain and per-record
        # compression, exactly; compressed as a whole, a record ends where the
        # decompressor has given out the cut's bytes, a little before the cut)
        assert 0 < len(pages) < 154
        if not gz or not gz.endswith("whole"):
            _, full = scan(whole)
            assert len(pages) == sum(1 for p in full if p.end <= cut)


def test_a_cut_archive_indexes_what_is_whole_and_names_the_file(tmp_path, capsys):
    from tui.cli import main

    whole = crawl_file(tmp_path / "", "record")
    data, cut = whole.read_bytes(), whole.stat().st_size * 2 // 3
    whole_pages = sum(1 for p in warc.Scan(open(whole, "rb"), True) if p.end <= cut)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cut.warc.gz").write_bytes(data[:cut])
    code = main(["--library", str(tmp_path / "lib"), "index", str(folder)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"failed: {folder / 'cut.warc.gz'}: cut off in the middle of a record" in err
    assert f"{whole_pages} articles indexed" in err and whole_pages == 3


@pytest.mark.parametrize("gz", LAYOUTS)
def test_a_cut_archive_of_any_layout_is_named_in_one_line(tmp_path, capsys, gz):
    from tui.cli import main

    whole = crawl_file(tmp_path, gz, warcs.larger(), name="whole" + warcs.suffix(gz))
    data, cut = whole.read_bytes(), whole.stat().st_size - 40
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / ("cut" + warcs.suffix(gz))
    path.write_bytes(data[:cut])
    code = main(["--library", str(tmp_path / "lib"), "index", str(folder)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    [line] = [line for line in err.splitlines() if str(path) in line]
    assert line.startswith(f"failed: {path}: ") and "cut off" in line
    with Library(tmp_path / "lib") as library:
        kept = library.search(Query("*")).total
    _, full = scan(whole)
    assert 0 < kept < len(full) == 154
    if not gz or not gz.endswith("whole"):
        assert kept == sum(1 for p in full if p.end <= cut)


@pytest.mark.parametrize("gz", [None, "record"])
def test_a_garbage_record_is_named_and_the_records_before_it_kept(tmp_path, capsys, gz):
    from tui.cli import main

    records = warcs.crawl()
    records.insert(5, b"GARBAGE, NOT A WARC RECORD\r\nfoo: bar\r\n\r\n")
    folder = tmp_path / "in"
    folder.mkdir()
    path = crawl_file(folder, gz, records)
    code = main(["--library", str(tmp_path / "lib"), "index", str(folder)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"failed: {path}: unreadable WARC record" in err and "(record 6)" in err
    assert "the 5 whole records before it are read" in err and "2 articles indexed" in err
    assert "byte 0" not in err


def test_a_record_that_cannot_be_parsed_is_counted_not_fatal(tmp_path):
    records = warcs.crawl()
    records.insert(3, warcs.record("response", "https://news.example/bad", b"HTTP/1.1 OK?", 99))
    path = crawl_file(tmp_path, None, records)
    assert len(articles(path)) == 4
    with open(path, "rb") as stream:
        scan = warc.Scan(stream, False)
        list(scan)
    assert scan.skipped["unreadable"] == 1 and scan.problem is None


# -- the library: crawled, summary, incremental ----------------------------------------------

def test_crawled_is_shown_and_never_the_date(tmp_path, capsys):
    import json

    from tui.cli import main

    path = crawl_file(tmp_path)
    lib = ["--library", str(tmp_path / "lib")]
    assert main([*lib, "index", str(path)]) == 0
    err = capsys.readouterr().err
    assert "skipped 9 records: request 4, warcinfo 1, image 1, status 404 1, revisit 1, " \
           "metadata 1 of web archives" in err
    assert main([*lib, "search", "ferry", "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["date"] is None and hit["url"] == "https://news.example/0.html"
    assert hit["crawled"] == "2026-11-20T10:00:00"
    assert main([*lib, "search", "ferry", "--jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["crawled"] == "2026-11-20T10:00:00"
    assert main([*lib, "show", hit["id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["crawled"], shown["date"]) == ("2026-11-20T10:00:00", None)
    assert main([*lib, "show", hit["id"]]) == 0
    out = capsys.readouterr().out
    assert "crawled  2026-11-20T10:00:00" in out and "undated" in out
    assert main([*lib, "search", "*", "--undated", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 4
    assert main(["inspect", str(path), "--json"]) == 0
    inspected = json.loads(capsys.readouterr().out)
    assert [a["crawled"] for a in inspected] == ["2026-11-20T10:00:00"] * 4
    assert all(a["date"] is None for a in inspected)
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("crawled   2026-11-20T10:00:00 (when the page was fetched") == 4
    assert out.count("date      undated") == 4


class Spy:
    """Counts the pages read (trafilatura) and where each scan of an archive starts."""

    def __init__(self, monkeypatch) -> None:
        self.pages, self.starts = 0, []
        read_page, scan_init = warc.read_page, warc.Scan.__init__

        def counted(shown, page):
            self.pages += 1
            return read_page(shown, page)

        def started(scan, stream, gz, start=0):
            self.starts.append(start)
            scan_init(scan, stream, gz, start)

        monkeypatch.setattr(warc, "read_page", counted)
        monkeypatch.setattr(warc.Scan, "__init__", started)


@pytest.mark.parametrize("gz", [None, "record", "zst-record", "xz-whole"])
def test_an_archive_that_grew_is_read_on_from_where_it_was(tmp_path, monkeypatch, gz):
    path = crawl_file(tmp_path, gz)
    library = Library(tmp_path / "lib")
    first = library.add([path])
    ids = {h.id for h in library.search(Query("*")).hits}
    assert (first.added, first.articles) == (1, 4)
    size = path.stat().st_size
    spy = Spy(monkeypatch)
    again = library.add([path])
    assert (again.unchanged, again.articles, spy.pages) == (1, 0, 0)
    more = [warcs.request("https://news.example/9.html", 40),
            warcs.response("https://news.example/9.html", warcs.page(
                "Bridge opens over the Danube", "A new bridge between Romania and Bulgaria "
                "opened to traffic on Sunday, cutting the journey by an hour."), 41)]
    with open(path, "ab") as out:  # a crawler adds records (in a stream of their own)
        out.write(warcs.write(tmp_path / "more", more, gz).read_bytes())
    grown = library.add([path])
    assert (grown.updated, grown.articles) == (1, 1)
    assert spy.pages == 1 and spy.starts == [size]  # the new page alone, read from the end
    assert dict(grown.records) == {"request": 1}
    now = {h.id for h in library.search(Query("*")).hits}
    assert ids < now and len(now) == 5
    library.close()


def test_an_archive_changed_before_the_offset_is_read_again_from_the_start(tmp_path,
                                                                          monkeypatch):
    path = crawl_file(tmp_path)
    library = Library(tmp_path / "lib")
    library.add([path])
    records = warcs.crawl()
    del records[1:3]  # the first story gone
    records.append(warcs.response("https://news.example/9.html", warcs.page(
        "Bridge opens over the Danube", "A new bridge between Romania and Bulgaria opened to "
        "traffic on Sunday, cutting the journey by an hour."), 41))
    warcs.write(path, records, "record")
    spy = Spy(monkeypatch)
    report = library.add([path])
    assert spy.starts == [0] and spy.pages == 4 and report.articles == 4
    titles = sorted(h.title for h in library.search(Query("*")).hits)
    assert "Ferry link to Norway reopens" not in titles and len(titles) == 4
    library.close()


def test_a_cut_archive_completed_later_is_read_on_from_the_cut(tmp_path, monkeypatch):
    whole = crawl_file(tmp_path, None, name="whole.warc")
    data = whole.read_bytes()
    path = tmp_path / "in" / "crawl.warc"
    path.parent.mkdir()
    pages = list(warc.Scan(open(whole, "rb"), False))
    cut = pages[1].end + 50  # inside the third page's request
    path.write_bytes(data[:cut])
    library = Library(tmp_path / "lib")
    first = library.add([path])
    assert first.articles == 2 and "cut off" in first.failed[0].reason
    spy = Spy(monkeypatch)
    again = library.add([path])  # still cut: read on from the cut, said again
    assert again.articles == 0 and spy.starts == [pages[1].end] and again.failed
    path.write_bytes(data)
    done = library.add([path])
    assert (done.articles, done.failed, spy.starts[-1], spy.pages) == (2, (), pages[1].end, 2)
    assert library.search(Query("*")).total == 4
    assert library.add([path]).unchanged == 1
    library.close()


def test_a_run_killed_mid_archive_keeps_its_batches_and_the_next_completes(tmp_path,
                                                                           monkeypatch):
    from index import indexer, workers

    records = warcs.crawl()
    for n in range(40):
        uri = f"https://news.example/more/{n}.html"
        records.append(warcs.response(uri, warcs.page(
            f"Council meeting number {n}", f"The town council met for the {n}th time this "
            "year on Tuesday and voted on the budget for the harbour and the schools."), 100 + n))
    path = crawl_file(tmp_path, "record", records)
    monkeypatch.setattr(indexer, "ARCHIVE_BATCH_ARTICLES", 10)  # a worker's share...
    monkeypatch.setattr(workers, "cores", lambda: 1)  # ...and the batch's, on one core
    monkeypatch.setattr(indexer, "PAGES_PER_TASK", 5)
    commit, calls = indexer.Indexer._commit, []

    def dies(self, final=False):
        calls.append(final)
        if len(calls) == 3:
            raise KeyboardInterrupt
        commit(self, final)

    monkeypatch.setattr(indexer.Indexer, "_commit", dies)
    library = Library(tmp_path / "lib")
    with pytest.raises(KeyboardInterrupt):
        library.add([path])
    monkeypatch.setattr(indexer.Indexer, "_commit", commit)
    kept = library.search(Query("*")).total
    assert kept == 20  # two batches of ten
    spy = Spy(monkeypatch)
    report = library.add([path])
    assert spy.starts[0] > 0 and spy.pages == 44 - 20
    assert library.search(Query("*")).total == 44 and report.articles == 24
    library.close()


def test_a_large_archive_is_read_by_the_workers(tmp_path, monkeypatch):
    from index import indexer, workers

    monkeypatch.setattr(indexer, "PARALLEL_WARC_PAGES", 0)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)  # even on a machine of one core
    path = crawl_file(tmp_path)
    calls = []
    pages = workers.Workers.pages
    monkeypatch.setattr(workers.Workers, "pages",
                        lambda self, shown, found: calls.append(len(found)) or
                        pages(self, shown, found))
    library = Library(tmp_path / "lib")
    report = library.add([path])
    assert calls == [4] and report.articles == 4 and not report.failed
    assert sorted(h.title for h in library.search(Query("*")).hits) == \
        sorted(title for title, _ in warcs.STORIES)
    library.close()


def test_the_workers_read_a_large_archive_from_its_first_pages(tmp_path, monkeypatch):
    """An archive whose first pages promise more than PARALLEL_WARC_PAGES (by the bytes
    they took) is read by the workers from the first task, not once that many are read."""
    from index import indexer, workers

    monkeypatch.setattr(indexer, "PARALLEL_WARC_PAGES", 40)
    monkeypatch.setattr(indexer, "PAGES_PER_TASK", 5)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    path = crawl_file(tmp_path, "record", warcs.larger(60))
    firsts = []
    pages = workers.Workers.pages
    monkeypatch.setattr(workers.Workers, "pages",
                        lambda self, shown, found: firsts.append(found[0].url) or
                        pages(self, shown, found))
    library = Library(tmp_path / "lib")
    report = library.add([path])
    assert report.articles == 64 and not report.failed
    assert firsts[0] == "https://news.example/0.html"
    library.close()


def test_a_cut_gzip_file_indexes_its_whole_lines_and_names_the_file(tmp_path, capsys):
    from tui.cli import main

    lines = "".join(f'{{"title": "Item {n}", "text": "Wire item number {n} about Chile."}}\n'
                    for n in range(500))
    data = gzip.compress(lines.encode())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl.gz").write_bytes(data[:len(data) - 100])
    code = main(["--library", str(tmp_path / "lib"), "index", str(folder)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"failed: {folder / 'wire.jsonl.gz'} (after line " in err
    assert "gzip stream cut off" in err
    kept = int(err.split("(after line ")[1].split(")")[0])
    assert 0 < kept < 500 and f"; {kept} articles indexed" in err


def test_a_record_id_given_again_in_a_later_batch_replaces_the_first(tmp_path, monkeypatch):
    """Two records of one archive with the same WARC-Record-ID are one article (its id
    comes from the record's): the later one, whichever batch each lands in."""
    from index import indexer, workers

    stories = [(f"Harbour budget vote {n}", f"The council voted on the harbour budget, "
                f"round {n}, on Tuesday after a long debate about the schools.") for n in range(6)]
    records = [warcs.response(f"https://news.example/vote-{n}.html", warcs.page(title, text),
                              7 if n in (1, 4) else 100 + n)  # records 1 and 4 share an id
               for n, (title, text) in enumerate(stories)]
    path = crawl_file(tmp_path, "record", records)
    monkeypatch.setattr(indexer, "ARCHIVE_BATCH_ARTICLES", 2)
    monkeypatch.setattr(workers, "cores", lambda: 1)
    monkeypatch.setattr(indexer, "PAGES_PER_TASK", 1)
    with Library(tmp_path / "lib") as library:
        library.add([path])
        titles = sorted(hit.title for hit in library.search(Query("harbour", limit=20)).hits)
    assert titles == [f"Harbour budget vote {n}" for n in (0, 2, 3, 4, 5)]
