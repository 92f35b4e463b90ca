"""The app's pure helpers: what to mark, how to wrap, history, how hits become rows."""

from __future__ import annotations

from datetime import datetime

import pytest

from index import Hit
from index.highlight import spans
from tui.history import History
from tui.text import query_terms, reflow, wrap


@pytest.mark.parametrize("query, text, marked", [
    ("regierung", "Die Regierungen und die Regierung.", ["Regierungen", "Regierung"]),
    ("grösste", "der größte Erfolg", ["größte"]),
    ("abkommen -israel", "Abkommen mit Israel", ["Abkommen"]),
    ("NOT israel abkommen", "Abkommen mit Israel", ["Abkommen"]),
    ("kasach*", "Kasachstan und Kasachen", ["Kasachstan", "Kasachen"]),
    ("lang:de country:KZ wahl", "Die Wahl in Kasachstan", ["Wahl"]),
    ("title:wahl", "Die Wahl", ["Wahl"]),
    ('"weisse haus"', "das Weisse Haus", ["Weisse", "Haus"]),
    ("*", "anything at all", []),
])
def test_query_terms_mark_what_the_query_matched(query, text, marked):
    found = spans(text, query_terms(query, "de"), "de")
    assert [text[s:e] for s, e in found] == marked


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
    from tui.widgets.results import ResultList

    rows = ResultList()._rows((_hit("a", ("c",)), _hit("b"), _hit("c", ("a",))))
    ids = [row.id if row else None for row in rows]
    assert ids == ["a", "c", None, "b", None]
    assert "other copy" in str(rows[0].prompt) and "same story" in str(rows[1].prompt)
