"""The app's theme: what the terminal can show, or what the user asked for; chosen before
Textual first styles the screen; a name Textual does not know is a warning, not a crash."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets._toast import Toast

from tui.app.app import THEME_ENV


@pytest.fixture
def terminal(monkeypatch):
    """A terminal with the TERM given, no COLORTERM, no theme asked for."""
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv(THEME_ENV, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return lambda term: monkeypatch.setenv("TERM", term)


def app_css_parses(monkeypatch) -> list[str]:
    """Every parse of the app's own stylesheet (app.tcss), as Textual makes them."""
    parses: list[str] = []
    parse = Stylesheet._parse_rules

    def counted(self, css, read_from, *args, **kwargs):
        if str(read_from[0]).endswith("app.tcss") and (
                (css, read_from, *args, *kwargs.values()) not in self._parse_cache):
            parses.append(read_from[0])
        return parse(self, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
    return parses


@pytest.mark.parametrize(("term", "theme"), [("xterm", "ansi-dark"),
                                             ("xterm-256color", "textual-dark")])
async def test_the_terminal_s_colours_choose_the_theme_before_the_first_styling(
        make_app, terminal, monkeypatch, term, theme):
    terminal(term)
    parses = app_css_parses(monkeypatch)
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert len(parses) == 1  # a theme set later makes Textual parse it all again


async def test_the_theme_asked_for_is_used(make_app, terminal, monkeypatch):
    terminal("xterm")
    monkeypatch.setenv(THEME_ENV, "nord")
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert not app.screen.query(Toast)


async def test_an_unknown_theme_is_a_warning_and_the_app_runs(make_app, terminal, monkeypatch):
    terminal("xterm-256color")
    monkeypatch.setenv(THEME_ENV, "nrod")
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause(0.2)  # the toast is mounted a refresh after the first screen
        assert app.theme == "textual-dark"
        shown = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert f"{THEME_ENV}: no theme 'nrod'" in shown and "did you mean nord?" in shown
        await pilot.press(*"wahlen")
        assert app.screen.query_one("#search").value == "wahlen"
