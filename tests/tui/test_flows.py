"""Pilot tests: each key flow a person uses, at 80x24, asserting what they would see."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual import events

from index import Filters, Query
from tui.app.screens.article import ArticleScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.article_text import ArticleText
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.facet_list import FacetList
from tui.app.widgets.results import ResultList
from tui.app.widgets.search_bar import SearchBar


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def titles(app) -> list[str]:
    return [hit.title for hit in app.screen.query_one(ResultList).hits.values()]


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def test_opens_with_everything_and_the_search_box_focused(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, SearchBar)
        assert len(titles(app)) == 7
        assert "7 articles" in status(app)
        # no words to rank by: listed newest first, and the status says so
        assert "by newest" in status(app) and "relevance" not in status(app)
        assert titles(app)[0] == "Abraham-Abkommen: Kasachstan macht mit"
        # the first hits come without facets (faster); the counts follow
        assert app.screen.facets["lang"] == {"de": 3, "en": 2, "es": 1, "fr": 1}


async def test_keys_typed_while_the_app_starts_go_to_the_search_box(make_app):
    """Typed before the box has the focus, "s" must not sort nor "q" quit: the keys are
    held and then typed, in order, into the box."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app._held_keys = []  # as at start-up, before the search screen welcomes keys
        await pilot.press(*"sq kasach")
        app.post_message(events.Paste("x"))  # pasted text waits with the keys
        await settle(pilot)
        assert app.is_running and app.screen.query_one(SearchBar).value == ""
        assert app.screen.request.sort == "relevance"
        app.post_message(app.KeysWelcome())
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == "sq kasachx"
        assert app.screen.request.sort == "relevance"
        await pilot.press("backspace", *"stan")  # keys typed now go straight to the box
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == "sq kasachstan"
        assert status(app).startswith("0 articles")


async def test_typing_searches_and_facets_follow(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"kasachstan OR kaz")
        await settle(pilot)
        await pilot.press(*"akhstan")
        await settle(pilot)
        assert len(titles(app)) == 4
        assert "4 articles" in status(app) and " ms" in status(app)
        await pilot.press("escape", "f")  # the panel starts closed at 80 columns
        langs = app.screen.query_one("#facet-lang", FacetList).counts
        assert langs == {"de": 2, "fr": 1, "en": 1}
        assert app.screen.query_one("#facet-countries", FacetList).counts["KZ"] == 4


async def test_a_bad_query_shows_a_message_and_keeps_running(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"date:2025-13")
        await settle(pilot)
        assert "date" in status(app)
        assert app.is_running


async def test_enter_goes_to_results_and_j_k_arrows_move(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"regierung", "enter")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert app.focused is results
        first = results.current
        await pilot.press("j")
        assert results.current != first
        await pilot.press("k")
        assert results.current == first
        await pilot.press("down", "up")
        assert results.current == first


async def test_open_an_article_jump_between_matches_and_go_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"regierung", "down")
        await settle(pilot)
        hit = app.screen.query_one(ResultList).current
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == hit.id
        text = app.screen.query_one(ArticleText)
        assert len(text.spans) >= 2  # "Regierung" marked in every paragraph
        await pilot.press("n")
        assert text.current == 0
        await pilot.press("n")
        assert text.current == 1
        await pilot.press("N")
        assert text.current == 0
        await pilot.press("N")
        assert text.current == len(text.spans) - 1  # wraps around, like less
        start, end = text.spans[0]
        assert text.text[start:end].lower() == "regierung"
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(app.focused, ResultList)


async def test_choosing_a_country_filters_and_c_clears(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "f")  # leave the search box, open the facets
        await pilot.press("tab")
        countries = app.screen.query_one("#facet-countries", FacetList)
        assert app.focused is countries
        values = [countries.get_option_at_index(i).id for i in range(countries.option_count)]
        await pilot.press(*["down"] * values.index("FR"), "space")  # the cursor starts on top
        await settle(pilot)
        assert sorted(titles(app)) == ["Le Kazakhstan rejoint les accords d'Abraham",
                                       "Wahlen in Frankreich"]
        assert "country FR" in status(app)
        await pilot.press("c")
        await settle(pilot)
        assert len(titles(app)) == 7


async def test_j_walks_from_the_languages_on_into_the_countries_and_back(make_app):
    """The facet panel reads as one column: down past the last language is the first
    country, and up from there the last language again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "f")
        langs = app.screen.query_one("#facet-lang", FacetList)
        countries = app.screen.query_one("#facet-countries", FacetList)
        assert app.focused is langs
        await pilot.press(*["j"] * langs.option_count)
        assert app.focused is countries and countries.highlighted == 0
        await pilot.press("j", "j", "k", "k")  # quick presses across the boundary count too
        assert app.focused is countries and countries.highlighted == 0
        await pilot.press("space")
        await settle(pilot)
        first = countries.get_option_at_index(0).id
        assert f"country {first}" in status(app)
        await pilot.press("k")
        assert app.focused is langs and langs.highlighted == langs.option_count - 1


async def test_two_languages_or_together_and_and_with_a_country(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen  # as the palette does, with the facet panel closed at 80x24
        screen.toggle_facet("lang", "fr")
        screen.toggle_facet("lang", "es")
        await settle(pilot)
        assert len(titles(app)) == 2
        screen.toggle_facet("countries", "ES")
        await settle(pilot)
        assert titles(app) == ["Elecciones en España"]


async def test_escape_leaves_the_search_box_and_never_enters_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.focused, ResultList)
        await pilot.press("escape", "escape")
        assert not isinstance(app.focused, SearchBar)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)


async def test_help_opens_with_f1_and_escape_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_q_types_in_the_search_box_and_quits_after_escape(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        assert app.is_running
        assert app.screen.query_one(SearchBar).value == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_s_cycles_the_sort(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "s")
        await settle(pilot)
        assert app.screen.request.sort == "newest" and "by newest" in status(app)
        assert titles(app)[0] == "Abraham-Abkommen: Kasachstan macht mit"
        await pilot.press("s")
        await settle(pilot)
        assert "by oldest" in status(app)
        assert titles(app)[0] == "Elecciones en España"
        await pilot.press("/", *"kasachstan")  # words: relevance is a sort of its own again
        await settle(pilot)
        await pilot.press("escape", "s")
        await settle(pilot)
        assert "by relevance" in status(app)


async def test_history_is_kept_and_browsed_with_up_down(make_app, tmp_path):
    history = tmp_path / "h"
    app = make_app(history=history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"wahlen", "enter", "slash", "ctrl+a")
        await pilot.press(*"zzz")
        await pilot.press("up")
        bar = app.screen.query_one(SearchBar)
        assert bar.value.endswith("wahlen")
    assert history.read_text(encoding="utf-8").splitlines() == ["wahlen"]


async def test_y_copies_the_url(make_app):
    app = make_app()
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"wahlen", "enter", "y", "Y")
        assert copied[0] == "https://example.org/nzz/wahlen"
        assert len(copied[1]) == 12


async def test_an_empty_library_says_how_to_add_articles(make_app, tmp_path):
    app = make_app(folder=tmp_path / "nothing-here")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        shown = str(results.get_option_at_index(0).prompt)
        assert "broadsheet index PATH" in shown and "sample_data" in shown


async def test_wide_terminal_shows_the_article_beside_the_results(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"regierung")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.display and view.article is not None
        assert app.screen.query_one("#facets").display
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)  # no full-screen article when wide
        assert isinstance(app.focused, ArticleText)
        await pilot.press("n")
        assert app.focused.current == 0


async def test_a_word_being_typed_already_finds_what_it_starts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"kasach")
        await settle(pilot)
        assert sorted(titles(app)) == ["Abraham-Abkommen: Kasachstan macht mit",
                                       "Kasachstan tritt den Abraham-Abkommen bei"]
        assert "2 articles" in status(app)
        await pilot.press("space")  # a space ends the word: now it must match whole
        await settle(pilot)
        assert titles(app) == []
        assert "Nothing matches" in str(
            app.screen.query_one(ResultList).get_option_at_index(0).prompt)


async def test_the_article_marks_stemmed_and_fuzzy_matches_and_n_jumps(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(SearchBar).value = "abkommens kasachstn~ source:nzz"  # pasted
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        text = app.screen.query_one(ArticleText)
        marked = [text.text[s:e] for s, e in text.spans]
        assert set(marked) == {"Abkommen", "Kasachstan"}  # stem of Abkommens; fuzzy Kasachstan
        assert marked.count("Kasachstan") == 2
        assert "3 matches" in str(app.screen.query_one("#article-status").render())
        await pilot.press("n", "n")
        assert text.current == 1
        assert "match 2 of 3" in str(app.screen.query_one("#article-status").render())
        await pilot.press("N", "N")
        assert text.current == 2  # wraps around


async def test_widening_the_terminal_shows_the_article_pane_with_the_current_hit(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"wahlen", "enter")
        await settle(pilot)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.display and view.article.title == "Wahlen in Frankreich"
        assert app.screen.query_one("#facets").display


def rows(results: ResultList) -> list[str]:
    return [results.get_option_at_index(i).id for i in range(results.option_count)]


@asynccontextmanager
async def short_screen(make_app, lines: int):
    """The app at 80 columns and ``lines`` lines, settled, and its result list."""
    app = make_app()
    async with app.run_test(size=(80, lines)) as pilot:
        await settle(pilot)
        yield pilot, app.screen.query_one(ResultList)


async def test_a_list_longer_than_the_screen_is_all_there_once_painted(make_app):
    async with short_screen(make_app, 10) as (pilot, results):  # 7 hits: 14 rows, 10 lines
        assert rows(results) == list(results.hits) and len(rows(results)) == 7
        await pilot.press("enter", "G")
        assert results.current.title == titles(pilot.app)[-1]


async def test_rows_held_back_never_join_the_list_that_replaced_theirs(make_app):
    async with short_screen(make_app, 10) as (pilot, results):
        library = pilot.app.library
        everything = library.search(Query("*", Filters(), limit=50))
        french = library.search(Query("Kazakhstan", Filters(langs=("fr",)), limit=50))
        results.show(everything)  # more rows than lines: some wait for the frame
        results.show(french)  # replaced before that frame
        await settle(pilot)
        assert rows(results) == [hit.id for hit in french.hits] and len(french.hits) == 1


async def test_the_next_page_comes_after_every_row_of_the_first(make_app):
    async with short_screen(make_app, 6) as (pilot, results):
        first = pilot.app.library.search(Query("*", Filters(), limit=5))
        rest = pilot.app.library.search(Query("*", Filters(), limit=5, offset=5))
        results.show(first)  # its last rows and "more" still held back
        results.show(rest, append=True)
        await settle(pilot)
        shown = rows(results)  # copies of a story sit under its first copy: sets per page
        assert set(shown[:5]) == {hit.id for hit in first.hits}
        assert set(shown[5:]) == {hit.id for hit in rest.hits} and len(shown) == 7


async def test_a_library_to_rebuild_says_the_whole_command_at_80_columns(make_app, tmp_path,
                                                                         library_folder):
    import shutil
    import sqlite3

    old = tmp_path / "old"
    shutil.copytree(library_folder, old)
    with sqlite3.connect(old / "library.sqlite") as conn:  # as an older broadsheet left it
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema'")
    app = make_app(folder=old)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#status")
        assert "rebuild it: broadsheet index --rebuild" in status(app)
        assert line.size.height * (line.size.width - 2) >= len(status(app)) > 80
        await pilot.press("escape", "q")  # still a working app: it quits as usual
    assert app.return_code == 0


async def test_a_key_typed_repaints_the_search_box_alone(make_app, monkeypatch):
    """Not the whole screen (a full repaint per key was 4.8 kB to the terminal at 80x24,
    over SSH too): the box's letter, and the results when they come."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        monkeypatch.setattr(screen, "run_search", lambda request: None)  # no search in the way
        repaints, layouts = [], []
        real_refresh, real_layout = screen.refresh, screen._refresh_layout
        monkeypatch.setattr(screen, "refresh", lambda *a, **k: repaints.append(k) or
                            real_refresh(*a, **k))
        monkeypatch.setattr(screen, "_refresh_layout", lambda *a, **k: layouts.append(k) or
                            real_layout(*a, **k))
        await pilot.press(*"kasach")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "kasach"
        assert repaints == [] and layouts == []


async def test_articles_another_process_adds_show_without_a_keypress(make_app, tmp_path,
                                                                      monkeypatch):
    """``broadsheet index`` (or ``index --watch``) beside the open app: within a few
    seconds the results hold the new article and the status line says so."""
    import json
    import shutil

    from index import Library
    from tests.tui.conftest import write_articles

    monkeypatch.setattr(SearchScreen, "WATCH_SECONDS", 0.1)
    articles = write_articles(tmp_path / "articles")
    Library(tmp_path / "library").add([articles])
    app = make_app(folder=tmp_path / "library")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "7 articles" in status(app)
        await pilot.pause(0.3)  # the screen has seen the library as it was
        extra = tmp_path / "more"
        extra.mkdir()
        for n in range(3):
            (extra / f"{n}.json").write_text(json.dumps({
                "title": f"Zqnews number {n}", "lang": "en", "date": "2025-12-01",
                "text": "A new story about the harbour and the council, said the mayor."}))
        Library(tmp_path / "library").add([extra])
        for _ in range(50):  # no key is pressed: the screen notices by itself
            await pilot.pause(0.1)
            if "10 articles" in status(app):
                break
        await settle(pilot)
        assert "10 articles" in status(app) and "3 new articles" in status(app)
        assert sum("Zqnews" in t for t in titles(app)) == 3
        await pilot.press("k")  # typing a search anew: the news was said once
        await settle(pilot)
        assert "new articles" not in status(app)
        shutil.rmtree(extra)


async def test_a_country_word_says_what_it_was_taken_for_and_a_turns_it_off(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"kasachstan ")
        await settle(pilot)
        wide = len(titles(app))
        assert "kasachstan = Kazakhstan, all languages" in status(app)
        assert app.screen.check_action("all_languages", ()) is True
        await pilot.press("escape", "a")
        await settle(pilot)
        assert "kasachstan as typed" in status(app)
        assert not app.screen.request.all_languages
        assert len(titles(app)) <= wide
        await pilot.press("a")
        await settle(pilot)
        assert "all languages" in status(app) and len(titles(app)) == wide
