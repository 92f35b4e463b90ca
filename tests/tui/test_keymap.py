"""Keys of your own: a keymap file rebinds the app's keys by binding id; F1 shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.app import BroadsheetApp, _binding_owners
from tui.app.keymap import ENV, bindings_of, keymap_path, load_keymap
from tui.app.screens.help import KEYS, HelpScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.search_bar import SearchBar


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _keys(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_rebound_key_does_the_action_and_the_old_one_no_longer_does(make_app, tmp_path):
    app = make_app(keys=_keys(tmp_path, '[keys]\n"main.sort" = "S"\n'))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # out of the search box
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.request.sort == "relevance"
        await pilot.press("S")
        await settle(pilot)
        assert app.screen.request.sort == "newest"


async def test_f1_shows_the_keys_in_force(make_app, tmp_path):
    app = make_app(keys=_keys(tmp_path, '[keys]\n"main.sort" = "S"\n"app.quit" = "ctrl+x"\n'))
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help Static").render())
        assert "*S" in text and "sort: relevance, newest, oldest" in text
        assert "*ctrl+x" in text
        assert "Your keys" in text and "main.sort" in text and "keys.toml" in text


async def test_a_bad_keymap_is_a_warning_naming_the_file_and_the_rest_applies(make_app,
                                                                              tmp_path):
    path = _keys(tmp_path, '[keys]\n"main.srot" = "S"\n"main.facets" = "F"\n"main.clear" = 3\n')
    app = make_app(keys=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any("no key binding 'main.srot' (did you mean main.sort?)" in m for m in shown)
        assert any("'main.clear' needs keys as text" in m for m in shown)
        assert all(str(path) in m for m in shown)
        assert isinstance(app.focused, SearchBar)  # the app runs on
        assert app._keymap.get("main.facets") == "F"


def test_a_file_that_does_not_parse_names_its_line(tmp_path):
    keymap = load_keymap(["main.sort"], _keys(tmp_path, '[keys]\n"main.sort" = S\n'))
    assert keymap.keys == {}
    assert len(keymap.problems) == 1
    assert str(tmp_path / "keys.toml") in keymap.problems[0] and "line 2" in keymap.problems[0]


def test_no_file_is_no_keymap_and_no_problem(tmp_path):
    keymap = load_keymap(["main.sort"], tmp_path / "none.toml")
    assert keymap.keys == {} and keymap.problems == ()


def test_the_file_lives_in_the_config_folder_or_where_the_variable_says(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV, str(tmp_path / "mine.toml"))
    assert keymap_path() == tmp_path / "mine.toml"
    monkeypatch.delenv(ENV)
    assert keymap_path().name == "keys.toml" and "broadsheet" in keymap_path().parts


def test_every_binding_the_help_names_exists():
    ids = bindings_of(_binding_owners())
    named = {i for _section, rows in KEYS for _k, _w, row_ids in rows for i in row_ids}
    assert named <= set(ids), named - set(ids)
    assert {"main.sort", "article.open", "app.quit"} <= set(ids)
    assert BroadsheetApp in _binding_owners() and SearchScreen in _binding_owners()


@pytest.mark.parametrize("text", ['"main.sort" = "S"\n', '[keys]\n"main.sort" = ""\n'])
def test_keys_outside_the_table_or_empty_are_reported(tmp_path, text):
    keymap = load_keymap(["main.sort"], _keys(tmp_path, text))
    assert keymap.keys == {} and keymap.problems


def test_the_readme_lists_every_binding_id():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [i for i in bindings_of(_binding_owners()) if f"`{i}`" not in readme]
    assert not missing, missing
