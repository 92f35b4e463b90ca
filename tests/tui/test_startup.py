"""The collector is paused while ``broadsheet`` starts, and collects again once the app's
first screen is painted, or at once for a command that writes; never while indexing. A
read-only command (a one-shot search) ends without collecting."""

from __future__ import annotations

import gc

import pytest

from tui import startup
from tui.app.widgets.results import ResultList
from tui.cli import commands, main


@pytest.fixture
def paused():
    """The collector paused as ``tui.cli.entry`` pauses it; afterwards, this test process
    gets back what resuming froze, and a running collector."""
    gc.collect()
    startup.pause()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def test_resuming_collects_again_and_leaves_start_up_out(paused):
    assert not gc.isenabled()
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what existed is out of every later collection


def test_resuming_what_was_never_paused_freezes_nothing():
    before = gc.get_freeze_count()
    startup.resume()
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_a_command_that_writes_collects_at_once(paused, tmp_path):
    from tests.tui.conftest import write_articles

    articles = write_articles(tmp_path / "articles")
    assert main(["--library", str(tmp_path / "library"), "index", "-q", str(articles)],
                forward=False) == 0
    assert gc.isenabled()


@pytest.mark.parametrize("command", [["stats"], ["search", "said"], ["facets"]])
def test_a_read_only_command_ends_without_collecting(paused, library_folder, capsys,
                                                     command):
    """Its process ends a moment later: collecting what it made would be time for nothing."""
    assert main(["--library", str(library_folder), *command], forward=False) in (0, 1)
    assert not gc.isenabled()
    assert capsys.readouterr().out


async def test_the_app_collects_again_once_its_first_screen_is_painted(paused, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(ResultList).hits
        assert gc.isenabled()


def test_indexing_before_the_app_runs_with_the_collector(paused, tmp_path, monkeypatch):
    """``broadsheet PATH`` indexes for as long as it takes, collecting as usual; the app
    after it starts paused again."""
    from tests.tui.conftest import write_articles

    seen = {}
    index = commands.cmd_index

    def cmd_index(args):
        seen["indexing"] = gc.isenabled()
        return index(args)

    def run_app(library, engine=None, first=None):
        seen["app starts"] = gc.isenabled()
        first.result()  # the first screen's search, begun before the app
        engine.close()
        return 0

    monkeypatch.setattr(commands, "cmd_index", cmd_index)
    monkeypatch.setattr("tui.app.app.run_app", run_app)
    articles = write_articles(tmp_path / "articles")
    assert main(["--library", str(tmp_path / "library"), str(articles)], forward=False) == 0
    assert seen == {"indexing": True, "app starts": False}
