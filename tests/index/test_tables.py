"""``.csv`` and ``.tsv`` tables of articles, written the ways news datasets are shipped."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from index import Filters, Library, Query, sources
from index.enrich.pipeline import article_id
from index.models import RawArticle
from index.sources.errors import EntryError, SourceError

LONG = ("The harbour authority said on Monday that grain shipments through the port rose "
        "by a third in the first half of the year, as new berths opened to larger ships.")


def read(path: Path) -> list:
    return list(sources.read_file(path))


def articles(path: Path) -> list[RawArticle]:
    return [a for a in read(path) if isinstance(a, RawArticle)]


def test_a_tsv_with_a_header_reads_a_row_an_article(tmp_path):
    """MasakhaNEWS' layout: category, headline, text (quoted, with line breaks and doubled
    quotes), url."""
    path = tmp_path / "dev.tsv"
    path.write_text(
        "category\theadline\ttext\turl\n"
        'business\tShops in limbo\t"Independent shops say they are ""in limbo"".\n'
        'Energy bills doubled."\t/news/business-1\n'
        f"sports\tA late goal\t{LONG}\t/news/sport-2\n", "utf-8")
    first, second = articles(path)
    assert first.title == "Shops in limbo"
    assert first.text == 'Independent shops say they are "in limbo".\nEnergy bills doubled.'
    assert (first.url, first.entry, first.format) == ("/news/business-1", "/news/business-1",
                                                      "tsv")
    assert (second.title, second.text) == ("A late goal", LONG)


def test_a_headerless_semicolon_table_quoted_with_apostrophes(tmp_path):
    """10kGNAD's layout: ``label;'text'``, apostrophes doubled inside, CRLF, no header: the
    text is the column of long cells, its first sentence the title."""
    texts = [f"Die Gewerkschaft lanciert den Rechner; sie findet, dass es reicht. {LONG}",
             f"Wien – Die Regierung hat''s eilig. {LONG}"]
    rows = [f"Wirtschaft;'{texts[0]}'", f"Inland;'{texts[1]}'"]
    (tmp_path / "test.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode())
    got = articles(tmp_path / "test.csv")
    assert [a.text for a in got] == [texts[0], texts[1].replace("''", "'")]
    assert got[0].title == "Die Gewerkschaft lanciert den Rechner; sie findet, dass es reicht."
    assert [a.entry for a in got] == ["row 1", "row 2"]


def test_field_names_in_any_case_give_date_language_and_address(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "Title,Body,Published_At,Link,Language\n"
        f'"Port, grain and ships","{LONG}",2025-11-08,https://example.org/a,en-GB\n', "utf-8")
    [a] = articles(path)
    assert (a.title, a.text, a.url, a.lang) == ("Port, grain and ships", LONG,
                                                "https://example.org/a", "en")
    assert a.date is not None and a.date.date() == date(2025, 11, 8)


def test_without_a_header_addresses_and_dates_are_found_by_their_cells(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(
        f'https://example.org/1,2024-03-01,"{LONG}"\n'
        f'https://example.org/2,2024-03-02,"Second. {LONG}"\n', "utf-8")
    got = articles(path)
    assert [a.url for a in got] == ["https://example.org/1", "https://example.org/2"]
    assert [a.date.day for a in got if a.date] == [1, 2]
    assert got[1].title == "Second."


def test_a_header_in_another_language_is_no_article(tmp_path):
    path = tmp_path / "artikel.csv"
    path.write_text(f"Rubrik;Inhalt;Datum\nSport;'{LONG}';08.11.2025\n"
                    f"Kultur;'Zweiter Text. {LONG}';09.11.2025\n", "utf-8")
    got = articles(path)
    assert [a.text[:6] for a in got] == ["The ha", "Zweite"]
    assert [a.date.day for a in got if a.date] == [8, 9]


def test_the_delimiter_is_the_one_that_splits_rows_evenly(tmp_path):
    """Commas inside the text of a semicolon table do not split it."""
    path = tmp_path / "excel.csv"
    path.write_text("title;text\n" + "".join(f"Row {n};{LONG}\n" for n in range(5)), "utf-8")
    got = articles(path)
    assert [a.title for a in got] == [f"Row {n}" for n in range(5)]
    assert all(a.text == LONG for a in got)


def test_a_table_of_numbers_is_no_articles_and_says_why(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("day,open,close\n2025-01-02,10.5,11.0\n2025-01-03,11.0,10.8\n", "utf-8")
    with pytest.raises(SourceError, match="no column of article text"):
        read(path)


def test_a_row_without_text_costs_that_row(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(f'title,text,url\nFirst,"{LONG}",/a\n,"  ",/b\n\nThird,"{LONG}",/c\n', "utf-8")
    items = read(path)
    assert [a.title for a in items if isinstance(a, RawArticle)] == ["First", "Third"]
    [problem] = [e for e in items if isinstance(e, EntryError)]
    assert problem.entry == "row 2" and "no text or title" in problem.reason


def test_ids_are_distinct_when_rows_repeat_an_address(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(f'title,text,url\nA,"{LONG}",/a\nB,"{LONG}",/a\n', "utf-8")
    got = articles(path)
    assert [a.entry for a in got] == ["/a", "row 2"]
    assert len({article_id(a.path, a.entry) for a in got}) == 2


def test_a_field_longer_than_the_csv_modules_default_limit(tmp_path):
    body = "word " * 40_000  # 200 KB: past the csv module's 128 KB default
    path = tmp_path / "long.tsv"
    path.write_text(f"title\ttext\nLong\t{body}\n", "utf-8")
    [a] = articles(path)
    assert a.text == body.strip()


def test_utf16_and_compressed_tables(tmp_path):
    """Excel's "Unicode text" export is UTF-16 with a byte-order mark; tables come gzipped."""
    table = f"title\ttext\nGrüße aus Zürich\t{LONG}\n"
    (tmp_path / "excel.tsv").write_bytes(table.encode("utf-16"))
    (tmp_path / "news.tsv.gz").write_bytes(gzip.compress(table.encode()))
    for name in ("excel.tsv", "news.tsv.gz"):
        [a] = articles(tmp_path / name)
        assert (a.title, a.text) == ("Grüße aus Zürich", LONG)


def test_an_indexed_table_is_searched_by_its_columns(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "wire.tsv").write_text(
        "headline\ttext\tdate\tlang\n"
        "Kazakhstan signs the accords\tKazakhstan joined the Abraham Accords on Thursday, "
        "the foreign ministry in Astana said, after talks in Washington.\t2025-11-07\ten\n"
        "Harbour grain\t" + LONG + "\t2025-06-01\ten\n", "utf-8")
    with Library(tmp_path / "lib") as library:
        report = library.add([folder])
        assert (report.added, report.articles, report.failed) == (1, 2, ())
        results = library.search(Query("accords", Filters(countries=("KZ",)), limit=5))
    assert [h.title for h in results.hits] == ["Kazakhstan signs the accords"]
    assert results.hits[0].date is not None and results.hits[0].date.date() == date(2025, 11, 7)
