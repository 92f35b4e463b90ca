"""Every input format, read into RawArticles; encodings; bad files give one clear reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from index import sources
from index.models import RawArticle
from index.sources.errors import EntryError
from index.sources.plaintext import split_title
from tests.conftest import ATOM, HTML, JSON_LIST, JSONL, MD, RSS, write_corpus


def read(path: Path) -> list:
    return list(sources.read_file(path))


def articles(path: Path) -> list[RawArticle]:
    return [a for a in read(path) if isinstance(a, RawArticle)]


def test_txt_title_is_the_first_line_and_leaves_the_body(tmp_path):
    (tmp_path / "a.txt").write_text("Short title\n\nFirst paragraph.\n\nSecond.", "utf-8")
    [a] = articles(tmp_path / "a.txt")
    assert a.title == "Short title"
    assert a.text == "First paragraph.\n\nSecond."
    assert a.format == "txt"


def test_txt_long_first_line_lends_its_first_sentence():
    lead = ("2020 gelang Donald Trump ein diplomatischer Triumph: Arabische Staaten "
            "normalisierten ihre Beziehungen zu Israel. Nun folgt Kasachstan – doch dem "
            "zentralasiatischen Land geht es nicht um den jüdischen Staat.")
    title, body = split_title(lead + "\n\nMehr Text.")
    assert title.endswith("zu Israel.")
    assert body.startswith("2020 gelang")


def test_markdown_front_matter_wins(tmp_path):
    (tmp_path / "a.md").write_text(MD, "utf-8")
    [a] = articles(tmp_path / "a.md")
    assert a.title == "Grain prices climb as drought hits Argentina"
    assert a.date == datetime(2025, 3, 14)
    assert (a.lang, a.source, a.author) == ("en", "Field Notes", "Maria Lopez")
    assert "**" not in a.text and "Argentina" in a.text


def test_markdown_broken_front_matter_falls_back_to_the_body(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\nBody title\n\nText here.", "utf-8")
    [a] = articles(tmp_path / "a.md")
    assert a.title == "Body title"
    assert any("front matter" in note for note in a.notes)


def test_markdown_yaml_tags_are_not_executed(tmp_path):
    evil = "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nBody\n\nText."
    (tmp_path / "a.md").write_text(evil, "utf-8")
    [a] = articles(tmp_path / "a.md")
    assert a.title == "Body"
    assert not (tmp_path / "pwned").exists()


def test_json_list_with_common_field_names(tmp_path):
    (tmp_path / "a.json").write_text(JSON_LIST, "utf-8")
    first, second = articles(tmp_path / "a.json")
    assert first.title.startswith("Élections") and first.lang == "fr"
    assert first.date == datetime(2024, 6, 30, 18, 0)  # converted to UTC
    assert first.entry == "https://example.org/fr/elections"
    assert second.title == "Elecciones en México" and second.entry == "1"


def test_json_single_object(tmp_path):
    (tmp_path / "a.json").write_text('{"title": "T", "content": "Some text."}', "utf-8")
    [a] = articles(tmp_path / "a.json")
    assert (a.title, a.text, a.entry) == ("T", "Some text.", None)


def test_jsonl_broken_line_costs_only_that_line(tmp_path):
    (tmp_path / "a.jsonl").write_text(JSONL, "utf-8")
    items = read(tmp_path / "a.jsonl")
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, EntryError)]
    assert [a.title for a in good] == ["Chip plant delayed in Taiwan", "Chip exports rise"]
    assert [b.entry for b in bad] == ["line 2"]
    assert "invalid JSON" in bad[0].reason


def test_html_article_metadata_and_no_boilerplate(tmp_path):
    (tmp_path / "a.html").write_text(HTML, "utf-8")
    [a] = articles(tmp_path / "a.html")
    assert "Port strike ends in Rotterdam" in a.title
    assert a.date == datetime(2025, 9, 1, 8, 30)
    assert a.author == "Jan de Vries"
    assert "Dock workers" in a.text
    assert "Subscribe" not in a.text and "Home" not in a.text


@pytest.mark.parametrize("name,text,titles", [
    ("a.rss", RSS, ["Floods close roads in Pakistan", "Wheat deal signed"]),
    ("a.atom", ATOM, ["Accordo sul gas tra Italia e Algeria"]),
])
def test_feeds_one_article_per_entry(tmp_path, name, text, titles):
    (tmp_path / name).write_text(text, "utf-8")
    found = articles(tmp_path / name)
    assert [a.title for a in found] == titles
    assert all(a.url and a.date for a in found)
    assert "<p>" not in found[0].text


def test_rss_feed_dates_and_source(tmp_path):
    (tmp_path / "a.rss").write_text(RSS, "utf-8")
    first = articles(tmp_path / "a.rss")[0]
    assert first.date == datetime(2025, 8, 5, 6, 0)
    assert first.source == "Morning Wire" and first.lang == "en"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "latin-1", "cp1252"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "Grüße aus Zürich\n\nDie Ökonomie der Schweiz wächst, sagt die Regierung in Bern. " * 3
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    [a] = articles(tmp_path / "a.txt")
    assert a.title == "Grüße aus Zürich"


def test_text_is_nfc_normalised(tmp_path):
    (tmp_path / "a.txt").write_bytes("Zu\u0308rich\n\ntext".encode())
    [a] = articles(tmp_path / "a.txt")
    assert a.title == "Zürich"


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  ", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("bad.json", b'{"title": ', "invalid JSON"),
    ("notfeed.xml", b"<?xml version='1.0'?><root><a/></root>", "not an RSS or Atom feed"),
    ("list.json", b"[1, 2]", None),
])
def test_bad_files_give_one_clear_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    if reason is None:  # a list of non-objects: each entry is an error, not the file
        items = read(tmp_path / name)
        assert all(isinstance(i, EntryError) for i in items) and len(items) == 2
        return
    with pytest.raises(sources.SourceError, match=reason):
        read(tmp_path / name)


def test_huge_text_is_truncated_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_TEXT_CHARS", 1000)
    (tmp_path / "big.txt").write_text("Title\n\n" + "word " * 1000, "utf-8")
    [a] = articles(tmp_path / "big.txt")
    assert len(a.text) == 1000
    assert "cut" in a.notes[0]


def test_discover_walks_folders_and_names_bad_paths(tmp_path):
    root = write_corpus(tmp_path / "c")
    (root / "skip.pdf").write_bytes(b"%PDF")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("x", "utf-8")
    (root / "loop").symlink_to(root)
    found = list(sources.discover([root, tmp_path / "missing", root / "skip.pdf"]))
    files = [Path(p).name for p, problem in found if problem is None]
    problems = {Path(p).name: problem for p, problem in found if problem}
    assert sorted(files) == sorted(Path(n).name for n in
                                   ["kasachstan.txt", "reform.txt", "grain.md", "elections.json",
                                    "chips.jsonl", "port.html", "morning.rss", "notizie.atom"])
    assert problems == {"missing": "no such file or folder",
                        "skip.pdf": "unsupported file type '.pdf'"}


def test_discover_counts_the_files_it_does_not_read(tmp_path):
    """Files of other types in a folder are left out, and counted, so the user hears of
    them; hidden files and README-style files are left out without a word."""
    from collections import Counter

    root = write_corpus(tmp_path / "c")
    for name in ("dev.xlsx", "test.xlsx", "scan.pdf", "NOTES", ".DS_Store", "README.md"):
        (root / name).write_bytes(b"x")
    skipped: Counter[str] = Counter()
    found = list(sources.discover([root], skipped))
    assert skipped == {"xlsx": 2, "pdf": 1, "": 1}
    assert not any(Path(p).name in ("dev.xlsx", "NOTES", "README.md") for p, _ in found)
