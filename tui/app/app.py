"""The Textual app: owns one Library, one query history, and the screens.

Imported only by ``broadsheet`` (the app command); every other command runs without Textual.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import Initialize, Reactive

from index import Library, Results
from index.sanitize import printable

from .. import startup
from ..engine.process import EngineThread
from ..engine.request import first_page
from . import css_cache
from .history import History, default_path
from .keymap import Keymap, bindings_of, load_keymap
from .screens.search import SearchScreen

THEME_ENV = "BROADSHEET_THEME"

css_cache.install()  # before the first stylesheet is parsed


def _first_theme(app: BroadsheetApp) -> str:
    """The theme the app starts in: the one asked for (``theme=``, else $BROADSHEET_THEME),
    else the terminal's own 16 colours when that is all it has (TERM=xterm, screen), else
    Textual's default. A name Textual does not know is reported once the app runs."""
    wanted = app._theme or os.environ.get(THEME_ENV)
    if wanted in app.available_themes:
        return wanted
    if wanted:
        from difflib import get_close_matches

        near = get_close_matches(wanted, app.available_themes, n=1)
        app._theme_problem = (f"{THEME_ENV}: no theme '{wanted}'"
                              f"{f' (did you mean {near[0]}?)' if near else ''}; "
                              "ctrl+p, then Theme, lists them")
    return "ansi-dark" if _colours() in ("standard", "windows") else "textual-dark"


def _colours() -> str | None:
    """The colour system Textual's console will find for this terminal (the app's own
    console does not exist yet when the theme is chosen)."""
    import io

    from rich.console import Console
    from textual import constants

    # The environment's string, unchecked, as Textual passes it to its own console.
    system: Any = constants.COLOR_SYSTEM
    return Console(color_system=system, file=io.StringIO(),
                   force_terminal=True, legacy_windows=False).color_system


class BroadsheetApp(App[int]):
    """Browse and search one library at the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "broadsheet"
    COMMANDS = App.COMMANDS | {lambda: _palette()}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit"),
        Binding("f1", "help", "Help", id="app.help"),
        Binding("question_mark", "help", "Help", show=False, id="app.help_key"),
    ]

    theme: Reactive[str] = Reactive(Initialize(_first_theme))
    """Textual's theme, chosen before the first styling. Set once the app had mounted, a
    theme other than Textual's default (ansi-dark on a 16-colour terminal, or one asked
    for) made Textual parse every stylesheet again before the first frame: CSS parsing
    took 50 ms of the start instead of 27 (tmux, TERM=xterm, a slow machine)."""

    def __init__(self, library: Library, history_path: Path | None = None,
                 theme: str | None = None, engine: EngineThread | None = None,
                 first: Future[Results] | None = None, keymap_path: Path | None = None) -> None:
        self._theme = theme  # read while Textual's App starts (``_first_theme``)
        self._theme_problem: str | None = None
        super().__init__()
        self.library = library
        self.engine = engine or EngineThread(library)
        """Where every engine call runs (see ``tui.engine``)."""
        self._first = first or self.engine.start_beside(first_page)
        """The first screen's search, under way (in the engine process) while Textual
        starts; ``commands.cmd_app`` begins it before Textual is even imported."""
        self.history = History(history_path)
        self.keymap_file: Keymap = load_keymap(_binding_ids(), keymap_path)
        """The user's keys (``tui.app.keymap``): applied here, shown by F1."""
        self.set_keymap(self.keymap_file.keys)
        self._held_keys: list[events.Key | events.Paste] | None = []
        """Keys typed (or text pasted) before the search box could take them (see
        ``on_event``); None once it can."""

    class KeysWelcome(Message):
        """The search box has the focus: the keys typed ahead may go to it."""

    def get_default_screen(self) -> SearchScreen:
        """The search screen is the first on the stack. Pushed from ``on_mount`` over
        Textual's blank default screen, it cost the first screen a second styling, layout
        and paint: the median in tmux at 80x24 went from 0.579 to 0.416 s without it."""
        return SearchScreen(self.engine, self.history, first=self._first)

    async def on_event(self, event: events.Event) -> None:
        """Type-ahead: keys typed while the app starts (``broadsheet`` and a query, typed at
        once), and text pasted then, are held until the search screen has given its box the
        focus. Before that, nothing has it, so "s" would sort and "q" quit instead of being
        typed."""
        if self._held_keys is not None and isinstance(event, (events.Key, events.Paste)) \
                and not event.is_forwarded:
            self._held_keys.append(event)
            return
        await super().on_event(event)

    async def on_broadsheet_app_keys_welcome(self, _: KeysWelcome) -> None:
        # In the queue after every key held so far, before every later one: the order holds
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            await super().on_event(event)

    def on_mount(self) -> None:
        # After the screen's first refresh: the first screen is painted by then.
        self.call_after_refresh(startup.resume)
        if self._theme_problem:
            self.say(self._theme_problem, severity="warning", timeout=8)
        for problem in self.keymap_file.problems:
            self.say(problem, severity="warning", timeout=10)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            owners = _binding_owners()
            self.push_screen(HelpScreen(self.keymap_file, bindings_of(owners)))

    def on_unmount(self) -> None:
        self.engine.close()

    # -- things the screens ask for (a Hit or an Article: both have id, url, path) -----------
    def say(self, message: str, severity: SeverityLevel = "information",
            timeout: float | None = None) -> None:
        """A notification whose text is shown as it is: article titles, URLs, file names and
        settings are data, not Textual markup (``[/x]`` in one made ``notify`` raise), and
        never reach the terminal with a control character in them."""
        self.notify(printable(message), severity=severity, timeout=timeout, markup=False)

    def copy_link(self, item) -> None:
        link = item.url or item.path
        self.copy_to_clipboard(link)
        self.say(f"Copied {link}", timeout=3)

    def copy_id(self, item) -> None:
        self.copy_to_clipboard(item.id)
        self.say(f"Copied id {item.id}", timeout=3)

    def open_source(self, item) -> None:
        """The URL in a browser when there is a display; else the file in $PAGER. Only an
        http or https URL is handed to the browser (see ``openable``)."""
        if item.url and _has_browser():
            if not openable(item.url):
                self.say(f"Not opened: {item.url[:80]} is not an http or https link "
                         "(y copies it)", severity="warning")
                return
            import webbrowser

            if webbrowser.open(item.url):
                self.say(f"Opened {item.url}", timeout=3)
                return
        if not item.path or not os.path.exists(item.path):
            self.say("Nothing to open here (y copies the link)", severity="warning")
            return
        import shlex

        pager = shlex.split(os.environ.get("PAGER") or "less")
        if not shutil.which(pager[0]):
            self.say(f"No pager '{pager[0]}': set $PAGER", severity="warning")
            return
        with self.suspend():
            # absolute: a path never reads as one of the pager's options
            subprocess.run([*pager, os.path.abspath(item.path)], check=False)


def openable(url: str) -> bool:
    """Whether ``url`` may go to the browser: http or https to a host, nothing else. An
    article's URL is data from its file: ``file:``, ``javascript:`` or an app's own
    scheme would open what the file chose, and one starting with ``-`` reads as an option
    to the browser's command line (``--remote-debugging-port=...``)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced [ in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) \
        and url.isprintable() and " " not in url


def _palette() -> type:
    """The palette's own commands, imported when the palette first opens (Textual takes a
    callable for a provider): not a module more before the first screen."""
    from .screens.palette import BroadsheetCommands

    return BroadsheetCommands


def _binding_ids() -> Iterator[str]:
    """The ids a keymap may rebind, listed only when there is a keymap file to check
    (``load_keymap``): listing them imports every screen and widget, the ones the first
    screen does not show too."""
    yield from bindings_of(_binding_owners())


def _binding_owners() -> tuple[type, ...]:
    """Every class of the app that declares key bindings: what a keymap may rebind."""
    from .screens.article import ArticleScreen
    from .screens.help import HelpScreen
    from .widgets.article_text import ArticleText
    from .widgets.date_histogram import DateHistogram
    from .widgets.facet_list import FacetList
    from .widgets.results import ResultList
    from .widgets.search_bar import SearchBar

    return (BroadsheetApp, SearchScreen, ArticleScreen, HelpScreen, ResultList, FacetList,
            DateHistogram, ArticleText, SearchBar)


def _has_browser() -> bool:
    """A graphical browser can open here: not over a bare SSH session."""
    if sys.platform in ("darwin", "win32"):
        return not os.environ.get("SSH_CONNECTION")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(library: Library, history_path: Path | None = None,
            engine: EngineThread | None = None, first: Future[Results] | None = None) -> int:
    """Run the app on ``library`` until the user quits; the exit status. ``engine`` and
    ``first``: an engine thread and its first screen's search, already started."""
    app = BroadsheetApp(library, history_path or default_path(), engine=engine, first=first)
    # Textual's classes are made: their dataclass methods kept now, not only once the
    # first screen is up (a start cut short, as a benchmark's, would keep nothing)
    startup.save_compiled()
    app.run(mouse=False)
    return app.return_code or 0
