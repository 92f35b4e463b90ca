"""Pilot: the dictionary form typed marks the inflected forms it matched in the article, and
n/N jump between them (a Polish name in three cases, none of them the form typed)."""

from __future__ import annotations

import json

import pytest

from index import Library
from tui.app.screens.article import ArticleScreen
from tui.app.widgets.article_text import ArticleText
from tui.app.widgets.search_bar import SearchBar

ARTICLE = {
    "title": "Spotkanie w Brukseli", "lang": "pl", "source": "pap",
    "url": "https://example.org/pap/tusk",
    "text": "Premier spotkał się z Tuskiem w Brukseli. Dla Tuska była to pierwsza wizyta "
            "od wyborów, a turystów nie wpuszczono do budynku.\n\nO Tusku pisały w czwartek "
            "wszystkie gazety.",
}


@pytest.fixture
def polish_library(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "tusk.json").write_text(json.dumps(ARTICLE, ensure_ascii=False), "utf-8")
    Library(tmp_path / "library").add([folder])
    return tmp_path / "library"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_inflected_forms_matched_are_marked_and_n_jumps(make_app, polish_library):
    app = make_app(polish_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(SearchBar).value = "Tusk"
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        text = app.screen.query_one(ArticleText)
        assert [text.text[s:e] for s, e in text.spans] == ["Tuskiem", "Tuska", "Tusku"]
        assert "3 matches" in str(app.screen.query_one("#article-status").render())
        await pilot.press("n", "n")
        assert text.current == 1
        assert "match 2 of 3" in str(app.screen.query_one("#article-status").render())
        await pilot.press("n", "n")
        assert text.current == 0  # wraps around
        await pilot.press("N")
        start, end = text.spans[text.current]
        assert text.text[start:end] == "Tusku"
