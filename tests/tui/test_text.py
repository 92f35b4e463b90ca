"""The app's pure helpers: how to wrap, history, how hits become rows."""

from __future__ import annotations

from datetime import datetime

import pytest

from index import Filters, Hit
from tui.app.history import History
from tui.engine.request import describe
from tui.text import as_typed, reflow, still_typing, wrap


@pytest.mark.parametrize("query, typing", [
    ("kasach", True),
    ("abkommen kasa", True),
    ("(iran OR kasach", True),
    ("kasach ", False),          # a space ends the word
    ('"weisse haus', False),     # inside a phrase: the phrase runs closed, no prefix
    ('"weisse haus" kasach', True),
    ("", False),
])
def test_still_typing_means_nothing_after_the_last_word_yet(query, typing):
    assert still_typing(query) is typing


@pytest.mark.parametrize("query, run", [
    ("  kasach ", "kasach"),
    ('"weisse haus', '"weisse haus"'),
    ('"weisse haus" "astana', '"weisse haus" "astana"'),
    ('"weisse haus"', '"weisse haus"'),
])
def test_a_phrase_being_typed_runs_as_if_closed(query, run):
    assert as_typed(query) == run


@pytest.mark.parametrize("text, width, lines", [
    ("one two three", 8, ["one two", "three"]),
    ("a\n\nb", 10, ["a", "", "b"]),
    ("abcdefghijkl", 8, ["abcdefgh", "ijkl"]),
    ("日本語の記事です", 8, ["日本語の", "記事です"]),
])
def test_wrap_gives_offsets_of_screen_lines(text, width, lines):
    assert [text[s:e] for s, e in wrap(text, width)] == lines


def test_reflow_joins_hard_wrapped_lines_and_keeps_offsets():
    wire = "\n".join(["word " * 12] * 6) + "\n    New paragraph starts here, indented."
    flowed = reflow(wire)
    assert len(flowed) == len(wire)
    assert flowed.count("\n") == 1
    assert reflow("Short line.\nAnother.") == "Short line.\nAnother."


def test_reflow_joins_reuters_paragraphs_of_two_or_three_lines():
    wire = ("Opec remains within its agreed output\n"
            "ceiling of 15.8 mln barrels a day, and had expected current\n"
            "fluctuations in the spot market of one or two dlrs, Indonesian\n"
            "Energy Minister Subroto said.\n"
            "    He told reporters after meeting with President Suharto that\n"
            "present weakness in the spot oil market was the result of\n"
            "warmer weather in the U.S. And Europe which reduced demand for\n"
            "oil.\n"
            "    Prices had also been forced down because refineries were\n"
            "using up old stock, he said.\n")
    assert reflow(wire).split("\n")[:3] == [
        "Opec remains within its agreed output ceiling of 15.8 mln barrels a day, and had "
        "expected current fluctuations in the spot market of one or two dlrs, Indonesian "
        "Energy Minister Subroto said.",
        "    He told reporters after meeting with President Suharto that present weakness in "
        "the spot oil market was the result of warmer weather in the U.S. And Europe which "
        "reduced demand for oil.",
        "    Prices had also been forced down because refineries were using up old stock, he "
        "said."]


def test_reflow_leaves_one_paragraph_per_line_alone():
    text = "\n".join(["A paragraph that runs well past eighty characters, as web articles "
                      "put one paragraph on each line of the text."] * 6)
    assert reflow(text) == text


def test_history_persists_dedupes_and_browses(tmp_path):
    path = tmp_path / "sub" / "history"
    history = History(path)
    for query in ("a", "b", "a", "  ", "*"):
        history.add(query)
    assert path.read_text().splitlines() == ["b", "a"]
    again = History(path)
    assert again.back("draft") == "a"
    assert again.back("a") == "b"
    assert again.back("b") is None
    assert again.forward() == "a"
    assert again.forward() == "draft"
    assert again.forward() is None


def test_history_survives_an_unwritable_place(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    history = History(blocker / "history")
    history.add("query")
    assert history.entries == ["query"]


def _hit(id_: str, duplicates=()) -> Hit:
    return Hit(id=id_, title=f"title {id_}", date=datetime(2025, 11, 7), lang="de",
               countries=("KZ",), source="nzz", path="/x", url=None, score=1.0,
               snippet="… die Regierung sagte", highlights=((6, 15),), duplicates=duplicates)


def test_copies_of_a_story_are_grouped_under_the_first():
    from tui.app.widgets.results import ResultList

    rows = ResultList._made(ResultList()._rows((_hit("a", ("c",)), _hit("b"),
                                                _hit("c", ("a",)))))
    ids = [row.id if row else None for row in rows]
    assert ids == ["a", "c", None, "b", None]
    assert "other copy" in str(rows[0].prompt) and "same story" in str(rows[1].prompt)


@pytest.mark.parametrize("snippet, highlights, text, marked", [
    ("a  b\n\n    oil c", [(10, 13)], "a b oil c", ["oil"]),
    ("oil\n    prices", [(0, 3), (8, 14)], "oil prices", ["oil", "prices"]),
    ("no change", [(3, 9)], "no change", ["change"]),
])
def test_snippets_show_on_one_line_with_their_marks(snippet, highlights, text, marked):
    from tui.app.widgets.results import squeeze

    squeezed, spans = squeeze(snippet, highlights)
    assert squeezed == text
    assert [squeezed[s:e] for s, e in spans] == marked


@pytest.mark.parametrize("filters, said", [
    (Filters(), ""),
    (Filters(langs=("de", "fr"), countries=("KZ",)), "lang de,fr · country KZ"),
    (Filters(since=datetime(1987, 3, 1), until=datetime(1987, 7, 1)),
     "1987-03-01 to 1987-06-30"),
    (Filters(since=datetime(2025, 11, 1)), "from 2025-11-01"),
    (Filters(undated=True), "undated"),
])
def test_the_status_line_names_the_chosen_facet_values(filters, said):
    assert describe(filters) == said


def test_names_made_by_the_engine_are_the_ones_shown(monkeypatch):
    """The app takes every language's and country's name from the engine in one piece
    (``all_names``), and shows the same names as when it loads them itself."""
    from tui import text

    loaded = {code: text.language_name(code) for code in ("de", "en", "und", "xx")}
    countries = {code: text.country_name(code) for code in ("KZ", "SA", "US", "kz")}
    names = text.all_names()
    monkeypatch.setattr(text, "_NAMES", {})
    text.install_names({"languages": {"de": "Deutsch"}, "territories": {"KZ": "Kasachstan"}})
    try:
        assert text.language_name("de") == "Deutsch" and text.country_name("kz") == "Kasachstan"
        text.install_names(names)
        assert {code: text.language_name(code) for code in loaded} == loaded
        assert {code: text.country_name(code) for code in countries} == countries
        assert loaded["de"] == "German" and countries["KZ"] == "Kazakhstan"
    finally:
        text.language_name.cache_clear()
        text.country_name.cache_clear()


def test_a_new_result_list_first_gets_the_rows_that_fill_the_screen():
    """A hit's row is three lines, a copy's row and a separator one: 24 lines take six hits
    and their separators (the rest is added once the screen is painted), and a list
    shorter than the screen is made whole."""
    from tui.app.widgets.results import _fill

    hit = Hit(id="a", title="t", date=None, source=None, lang="en", countries=(), snippet="",
              highlights=(), score=1.0, path="p", url=None)
    rows = [row for _ in range(50) for row in ((hit, False), None)]
    assert _fill(rows, 24) == 12  # 6 hits, 6 separators: 24 lines
    with_copies = [(hit, False), (hit, True), (hit, True), None] * 10
    assert _fill(with_copies, 24) == 16  # 4 stories of a hit, two copies and a separator
    assert _fill(rows[:6], 24) == 6
