"""Articles made to attack the app: Textual markup in a title or URL is shown as text (it
once crashed the copy notification and emptied the palette), no escape sequence reaches the
screen, and ``o`` hands only http and https URLs to the browser."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from index import Library, Query
from tui.app.screens.article import ArticleScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.article_text import ArticleText
from tui.app.widgets.results import ResultList

from .test_flows import settle

MARKUP_TITLE = "Markup [/nope] [bold]zqmarkup[/bold] [@click=app.quit]quit[/] [red"
MARKUP_URL = "https://example.org/[/nope]?q=[@click=app.quit]"
OSC2 = "\x1b]2;pwned\x07"
OSC52 = "\x1b]52;c;cHduZWQ=\x07"
ESCAPES = "\x1b\x07\x9b"
ROOT = Path(__file__).resolve().parents[2]

ARTICLES = [
    {"title": MARKUP_TITLE, "url": MARKUP_URL, "lang": "en", "source": "[b]wire[/b]",
     "text": "The zqmarkupbody [/nope] is about Peru, [bold]Lima[/bold] and [@click=app.quit]."},
    {"title": f"Escape {OSC2} zqescape {OSC52}", "lang": f"e{OSC2}n",
     "source": "Wire\x9b2J", "url": f"https://example.org/{OSC52}",
     "text": f"The zqescapebody {OSC2} is about Chile.\x1b[8m Hidden \x9b2J.\rOverwritten."},
    {"title": "Script link zqjavascript", "url": "javascript:alert(1)", "lang": "en",
     "text": "The zqjavascript article is about Chile."},
    {"title": "Option link zqoption", "url": "--remote-debugging-port=9222", "lang": "en",
     "text": "The zqoption article is about Chile."},
    {"title": "File link zqfile", "url": "file:///etc/passwd", "lang": "en",
     "text": "The zqfile article is about Chile."},
    {"title": "Web link zqweb", "url": "https://example.org/web", "lang": "en",
     "text": "The zqweb article is about Chile."},
]


def write(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for n, article in enumerate(ARTICLES):
        (folder / f"{n}.json").write_text(json.dumps(article), "utf-8")
    return folder


@pytest.fixture
def hostile_library(tmp_path, monkeypatch) -> Path:
    """The articles above with every value as the file gave it: cleaning is turned off
    while they are indexed, as in a library an older broadsheet wrote (what the app shows
    must be safe all the same)."""
    import index.enrich.pipeline as pipeline
    import index.sources as sources
    import index.workers as workers

    def enrich_raw(raw, repeated=frozenset(), lang_prior=None):
        return replace(pipeline.enrich(raw, repeated, lang_prior), lang=raw.lang or "und")

    with monkeypatch.context() as patch:
        patch.setattr(sources, "_cleaned", lambda article: article)
        patch.setattr(pipeline, "one_line", lambda text: text)
        patch.setattr(workers, "enrich", enrich_raw)
        report = Library(tmp_path / "library").add([write(tmp_path / "articles")])
    assert report.articles == len(ARTICLES) and not report.failed, report.failed
    with Library(tmp_path / "library") as library:
        [hit] = library.search(Query("zqescape")).hits
        assert OSC2 in hit.title  # the library holds it raw
    return tmp_path / "library"


def rows(app) -> list[str]:
    results = app.screen.query_one(ResultList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def toasts(pilot) -> list[str]:
    """The notifications on the screen, as painted."""
    await pilot.pause(0.05)
    return [str(toast.render()) for toast in pilot.app.screen.query("Toast")]


async def search_for(pilot, words: str) -> None:
    await pilot.press("ctrl+a", "ctrl+k", *words)
    await settle(pilot)


async def test_markup_in_an_article_is_shown_as_text(make_app, hostile_library):
    app = make_app(folder=hostile_library)
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, "zqmarkup")
        [row] = [r for r in rows(app) if "zqmarkup" in r]
        assert MARKUP_TITLE in row and "[b]wire[/b]" in row
        await pilot.press("enter", "y")  # into the results; copy the URL
        await settle(pilot)
        assert copied == [MARKUP_URL]
        notes = await toasts(pilot)
        assert any(f"Copied {MARKUP_URL}" in toast for toast in notes), notes
        await pilot.press("enter")  # the article, full-screen at this width
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        header = str(app.screen.query_one("#article-header", Static).render())
        assert MARKUP_TITLE in header and MARKUP_URL in header
        text = app.screen.query_one(ArticleText)
        assert "[@click=app.quit]" in text.text
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running and copied == [MARKUP_URL, MARKUP_URL]


async def test_the_palette_lists_an_article_whose_title_holds_markup(make_app,
                                                                     hostile_library):
    app = make_app(folder=hostile_library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, "zqmarkup")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"open markup")
        await pilot.pause(0.5)  # the palette gathers its hits in the background
        await settle(pilot)
        listed = app.screen.query_one(OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt)
                   for i in range(listed.option_count)]
        assert any(f"Open: {MARKUP_TITLE}" in prompt for prompt in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, (ArticleScreen, SearchScreen))


async def test_no_escape_sequence_reaches_the_screen(make_app, hostile_library):
    app = make_app(folder=hostile_library)
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, "zqescape")
        shown = [r for r in rows(app) if "zqescape" in r]
        assert shown and not any(c in "".join(shown) for c in ESCAPES), shown
        await pilot.press("enter", "y")
        await settle(pilot)
        assert not any(c in copied[0] for c in ESCAPES), copied
        notes = "".join(await toasts(pilot))
        assert "Copied https://example.org/" in notes
        assert not any(c in notes for c in ESCAPES), notes
        await pilot.press("enter")
        await settle(pilot)
        header = str(app.screen.query_one("#article-header", Static).render())
        assert "zqescape" in header and not any(c in header for c in ESCAPES), header
        text = app.screen.query_one(ArticleText)
        painted = "".join(segment.text for y in range(text.size.height)
                          for segment in text.render_line(y))
        assert "zqescapebody" in painted and "Overwritten" in painted
        assert not any(c in painted + text.text for c in ESCAPES + "\r"), painted
        await pilot.press("escape", "f")  # the facet panel: languages as the library has them
        await settle(pilot)
        labels = [str(option.prompt) for facet in app.screen.query("FacetList")
                  for option in facet._options]
        assert labels and not any(c in "".join(labels) for c in ESCAPES), labels


@pytest.fixture
def browser(monkeypatch) -> list[str]:
    """A display, and a browser that records what it was asked to open."""
    import webbrowser

    import tui.app.app as app_module

    opened: list[str] = []
    monkeypatch.setattr(app_module, "_has_browser", lambda: True)
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    return opened


@pytest.mark.parametrize("word, url", [("zqjavascript", "javascript:alert(1)"),
                                       ("zqoption", "--remote-debugging-port=9222"),
                                       ("zqfile", "file:///etc/passwd")])
async def test_o_opens_no_url_but_http_and_https(make_app, hostile_library, browser, word, url):
    app = make_app(folder=hostile_library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, word)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert browser == []
        notes = await toasts(pilot)
        assert any(f"Not opened: {url} is not an http or https link" in toast
                   for toast in notes), notes
        await pilot.press("enter")  # and from the article itself
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("o")
        await settle(pilot)
        assert browser == [] and app.is_running


async def test_o_opens_an_https_url(make_app, hostile_library, browser):
    app = make_app(folder=hostile_library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, "zqweb")
        await pilot.press("enter", "o")
        await settle(pilot)
        assert browser == ["https://example.org/web"]
        notes = await toasts(pilot)
        assert any("Opened https://example.org/web" in toast for toast in notes), notes
        await pilot.press("slash")
        await search_for(pilot, "zqmarkup")  # markup in the URL opens it too, and says so
        await pilot.press("enter", "o")
        await settle(pilot)
        assert browser[-1] == MARKUP_URL and app.is_running


def test_openable():
    from tui.app.app import openable

    assert openable("https://example.org/a?b=c") and openable("HTTP://example.org")
    for url in ("javascript:alert(1)", "-new-window", "--remote-debugging-port=1",
                "file:///etc/passwd", "ftp://example.org", "https://", "http:///x",
                "https://example.org/ a", "https://example.org/\x1b]2;x\x07",
                "https://[::1", "mailto:a@example.org", "//example.org/x", "data:text/html,x"):
        assert not openable(url), url


def test_the_tmux_pane_title_stays_as_it_was(hostile_library, tmp_path):
    """End to end: the app in tmux on the library holding raw OSC 2 sequences (in a title,
    a language, a text) must not retitle the pane."""
    from .test_tmux import SESSION, Tmux

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    tmux = Tmux()
    try:  # this checkout's code, whatever ``broadsheet`` is installed
        tmux.start(f"cd {shlex.quote(str(ROOT))} && {shlex.quote(sys.executable)} -m tui.cli "
                   f"--library {shlex.quote(str(hostile_library))}; sleep 60",
                   {"TERM": "xterm", "HOME": str(tmp_path),
                    "XDG_DATA_HOME": str(tmp_path / "data")})

        def title() -> str:
            return tmux.run("display-message", "-p", "-t", SESSION, "#{pane_title}").strip()

        before = title()
        tmux.wait_for(f"{len(ARTICLES)} articles", timeout=90)
        tmux.keys("zqescape", literal=True)
        tmux.wait_for("1 article ")
        tmux.keys("Enter")
        tmux.wait_for("s Sort")
        tmux.keys("Enter")  # the article, full-screen: its title, language and text
        tmux.wait_for("Overwritten")
        assert "pwned" not in title() and title() == before
    finally:
        tmux.kill()
