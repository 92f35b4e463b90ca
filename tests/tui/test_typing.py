"""Search as you type: a search starts on the key itself when the engine is free; while one
runs, only the newest request waits for it; the screen shows the hits it can hold first and
the rest of the page once the typing rests; and "nothing matches" does not flash between
two keys. The engine here is a thread over a library whose searches the tests can hold."""

from __future__ import annotations

import asyncio
import threading
import types
from pathlib import Path

import pytest

import tui.app.screens.search as search_screen
from tests.tui.conftest import SteadyLibrary
from tui.app.app import BroadsheetApp
from tui.app.screens.search import SearchScreen
from tui.app.widgets.results import MORE, ResultList
from tui.engine.process import EngineThread
from tui.engine.request import first_page


class HeldLibrary(SteadyLibrary):
    """Records each search it is asked for (text, offset, limit), and holds the one for
    ``held`` until ``release`` is set."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.asked: list[tuple[str, int, int]] = []
        self.held: str | None = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.answered: list[str] = []
        self.faceted: list[str] = []
        """The texts searched with their facet counts."""

    def search(self, query):
        self.asked.append((query.text, query.offset, query.limit))
        if query.facets and query.offset == 0:
            self.faceted.append(query.text)
        if query.text == self.held:
            self.holding.set()
            self.release.wait(10)
        try:
            return super().search(query)
        finally:
            self.answered.append(query.text)


def make(library_folder: Path, tmp_path: Path) -> tuple[BroadsheetApp, HeldLibrary]:
    library = HeldLibrary(library_folder)
    engine = EngineThread(library)  # no engine process: the test holds searches here
    app = BroadsheetApp(library, tmp_path / "history", theme="textual-dark", engine=engine,
                        first=engine.start(first_page), keymap_path=tmp_path / "no-keys.toml")
    return app, library


def typed(library: HeldLibrary) -> list[str]:
    """The texts searched for the first page, in order (not the first screen's ``*``, nor a
    count of facets alone)."""
    return [text for text, offset, limit in library.asked
            if offset == 0 and limit and text != "*"]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def until(pilot, condition, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await pilot.pause(0.01)


async def test_a_key_searches_at_once_when_the_engine_is_free(library_folder, tmp_path,
                                                             monkeypatch):
    """No wait for a pause in the typing: the search is the first thing the key starts."""
    app, library = make(library_folder, tmp_path)
    order: list[str] = []
    real_sleep = asyncio.sleep

    async def sleep(delay, *args):  # the screen's own waits, told apart from the search
        order.append(f"wait {delay}")
        return await real_sleep(delay, *args)

    monkeypatch.setattr(search_screen, "asyncio", types.SimpleNamespace(sleep=sleep))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        real_search = library.search
        monkeypatch.setattr(library, "search", lambda query: order.append(
            f"search {query.text}") or real_search(query))
        order.clear()
        await pilot.press("k")
        await until(pilot, lambda: "search k" in order)
        assert order[0] == "search k"
        await settle(pilot)
        assert "7 articles" not in status(app)  # "k" is not a word of any article


async def test_while_a_search_runs_only_the_newest_request_waits_for_it(library_folder,
                                                                       tmp_path):
    app, library = make(library_folder, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        library.held = "k"
        await pilot.press("k")
        await until(pilot, library.holding.is_set)  # "k" runs, and holds the engine
        await pilot.press(*"asachstan")  # typed past "ka", "kas", ... while it runs
        await pilot.pause(0.1)
        assert typed(library) == ["k"]
        library.release.set()
        await settle(pilot)
        assert typed(library) == ["k", "kasachstan"]  # the newest, right after "k"
        assert library.answered.index("kasachstan") == library.answered.index("k") + 1
        # Kasachstan, and Kazakhstan in every language: the country's four articles
        assert status(app).startswith("4 articles")
        assert len(app.screen.query_one(ResultList).hits) == 4


@pytest.fixture
def slow_keys_do_not_rest(monkeypatch):
    """Typing rests after REST_AFTER without a key. Pilot presses keys as fast as the
    machine lets it, and on two busy cores (CI running the suite) one gap between keys
    passed 0.25 s: the typing "rested" mid-word. Here it must rest for 1 s."""
    monkeypatch.setattr(SearchScreen, "REST_AFTER", 1.0)


async def test_the_hits_the_screen_shows_come_first_and_the_rest_when_typing_rests(
        library_folder, tmp_path, monkeypatch, slow_keys_do_not_rest):
    monkeypatch.setattr(SearchScreen, "_screenful", lambda self: 2)
    app, library = make(library_folder, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        library.asked.clear()
        await pilot.press(*"kasachstan")
        await until(pilot, lambda: status(app).startswith("4 articles"))
        results = app.screen.query_one(ResultList)
        assert len(results.hits) == 2  # the first two, and a row to fetch more
        assert results.get_option_at_index(results.option_count - 1).id == MORE
        await settle(pilot)
        assert len(results.hits) == 4
        assert results.get_option_at_index(results.option_count - 1).id != MORE
        assert [(text, offset, limit) for text, offset, limit in library.asked
                if offset > 0] == [("kasachstan", 2, 48)]  # the rest: once, at rest


async def test_a_closed_facet_panel_gets_the_typed_words_counts_once_typing_rests(
        library_folder, tmp_path, slow_keys_do_not_rest):
    """At 80 columns the panel is closed: the keys ask for hits alone, and the facets of
    the words typed follow once, at rest. Opened, the panel counts that query's articles."""
    app, library = make(library_folder, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        library.faceted.clear()
        await pilot.press(*"kasachstan")
        await until(pilot, lambda: status(app).startswith("4 articles"))
        await settle(pilot)
        assert library.faceted == ["kasachstan"]
        await pilot.press("escape", "f")
        await settle(pilot)
        langs = app.screen.query_one("#facet-lang")
        assert sum(langs.counts.values()) == 4


async def test_the_first_screen_gets_its_hits_first_and_the_rest_of_the_page_after(
        library_folder, tmp_path):
    """The engine process searches the hits the terminal shows while Textual starts
    (``first_page`` with ``terminal_screenful``); the rest of the page follows."""
    library = HeldLibrary(library_folder)
    engine = EngineThread(library)
    app = BroadsheetApp(library, tmp_path / "history", theme="textual-dark", engine=engine,
                        first=engine.start(first_page, 2), keymap_path=tmp_path / "k.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: status(app).startswith("7 articles"))
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert len(results.hits) == 7
        assert results.get_option_at_index(results.option_count - 1).id != MORE
        assert [(t, o, n) for t, o, n in library.asked if n] == [("*", 0, 2), ("*", 2, 48)]


async def test_nothing_found_does_not_flash_between_two_keys(library_folder, tmp_path,
                                                             monkeypatch):
    """ "kasachstan r": one letter is no prefix yet and finds nothing; "reg" finds the
    articles again. The screen keeps the hits it had in between; a pause shows nothing
    found."""
    monkeypatch.setattr(SearchScreen, "HOLD_EMPTY", 5.0)
    app, library = make(library_folder, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"kasachstan ")
        await settle(pilot)
        assert status(app).startswith("4 articles")
        shown: list[str] = []
        screen = app.screen
        real = screen._set_status
        monkeypatch.setattr(screen, "_set_status", lambda content, error=False: shown.append(
            str(content)) or real(content, error))
        await pilot.press("r")
        await until(pilot, lambda: "kasachstan r" in library.answered)
        await pilot.pause(0.1)
        assert status(app).startswith("4 articles")  # not "0 articles", nor an empty list
        await pilot.press(*"egierung")
        await settle(pilot)
        assert shown and all(not line.startswith("0 articles") for line in shown)
        assert status(app).startswith("2 articles")  # Kasachstan and Regierung: in German
        monkeypatch.setattr(SearchScreen, "HOLD_EMPTY", 0.05)
        await pilot.press(*" xq")
        await settle(pilot)
        assert status(app).startswith("0 articles")  # at rest, nothing found is said
        assert "Nothing matches" in str(app.screen.query_one(ResultList)
                                        .get_option_at_index(0).prompt)


async def test_an_error_on_the_way_to_a_good_query_does_not_flash(library_folder, tmp_path,
                                                                   monkeypatch):
    """ "country:k" is no country yet; "country:kz" is. The status line does not turn red
    in between; a pause says what is wrong."""
    monkeypatch.setattr(SearchScreen, "HOLD_EMPTY", 5.0)
    app, library = make(library_folder, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"country:k")
        await until(pilot, lambda: "country:k" in library.answered)
        await pilot.pause(0.1)
        assert status(app).startswith("7 articles")  # still the screen before
        await pilot.press("z")
        await settle(pilot)
        assert status(app).startswith("4 articles")
        monkeypatch.setattr(SearchScreen, "HOLD_EMPTY", 0.05)
        await pilot.press("backspace")
        await settle(pilot)
        assert "unknown country 'k'" in status(app)


@pytest.fixture(autouse=True)
def _article_at_once():
    SearchScreen.ARTICLE_DEBOUNCE, before = 0, SearchScreen.ARTICLE_DEBOUNCE
    yield
    SearchScreen.ARTICLE_DEBOUNCE = before


STORY = ("Die Regierung in Astana hat am Donnerstag mitgeteilt, dass Kasachstan den "
         "Abraham-Abkommen beitreten wird. Der Schritt war seit Wochen erwartet worden, und "
         "Diplomaten in Washington sprachen von einem Zeichen an die ganze Region. Israel "
         "begrüsste die Entscheidung der Regierung in Astana ausdrücklich, und weitere Staaten "
         "Zentralasiens sollen nach Angaben aus dem Weissen Haus in den kommenden Monaten "
         "folgen, sagte ein Sprecher am Abend vor Journalisten in der Hauptstadt.")


@pytest.fixture(scope="module")
def copies_library(tmp_path_factory) -> Path:
    """A story (the newest article) and its two copies (the oldest), with eight other
    articles in between: newest first, the copies come after the first screenful."""
    import json

    from index import Library

    root = tmp_path_factory.mktemp("copies")
    articles = root / "articles"
    articles.mkdir()
    texts = [("Kasachstan tritt bei", 20, STORY + "\n\nDie Regierung in Astana schweigt.")]
    texts += [(f"Meldung {n} der Regierung", 19 - n,
               f"Die Regierung meldet Nummer {n} über Getreide, Zölle und Häfen im Land "
               f"{'abcdefgh'[n]}.") for n in range(8)]
    texts += [(f"Kopie {n}: Kasachstan", 2 - n, STORY + f"\n\nKopie {n} aus einer Agentur.")
              for n in range(2)]
    for number, (title, day, text) in enumerate(texts):
        (articles / f"{number:02d}.json").write_text(json.dumps(
            {"title": title, "lang": "de", "date": f"2025-11-{day:02d}T10:00:00",
             "source": f"quelle{number}", "text": text}, ensure_ascii=False), encoding="utf-8")
    library = root / "library"
    assert not Library(library).add([articles]).failed
    return library


async def _list_after_typing(folder: Path, tmp_path: Path, word: str) -> list[str]:
    """The result list's rows (their text) once ``word`` was typed and the typing rests."""
    app, _ = make(folder, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.set_sort(search_screen.Sort.NEWEST)
        await settle(pilot)
        await pilot.press(*word)
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert results.current is not None and results.current.title == "Kasachstan tritt bei"
        return [str(results.get_option_at_index(i).prompt) if results.get_option_at_index(i)
                .id else "-" for i in range(results.option_count)]


async def test_copies_among_the_rest_of_the_page_go_under_their_story(copies_library,
                                                                       tmp_path, monkeypatch):
    """The screen fetches its first hits alone, and the rest once the typing rests: the
    list ends as one search of the whole page shows it, copies under their first copy."""
    monkeypatch.setattr(SearchScreen, "_screenful", lambda self: 50)  # one search a page
    whole = await _list_after_typing(copies_library, tmp_path / "whole", "regierung")
    monkeypatch.setattr(SearchScreen, "_screenful", lambda self: 3)
    split = await _list_after_typing(copies_library, tmp_path / "split", "regierung")
    assert "2 other copies" in whole[0]
    assert {row.split(" · ")[-1] for row in whole[1:3]} == {"Kopie 0: Kasachstan",
                                                            "Kopie 1: Kasachstan"}
    assert len(whole) == 11  # every article once (separators are no options)
    assert split == whole
