"""Every key, in one place (``?`` or ``F1``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keymap import Keymap

Row = tuple[str, str, tuple[str, ...]]
"""The keys as the help says them, what they do, and the ids of the bindings behind them
(a keymap that rebinds one of them changes what the row says)."""

KEYS: list[tuple[str, list[Row]]] = [
    ("Anywhere", [
        ("ctrl+q", "quit", ("app.quit",)),
        ("F1, ?", "this help (? outside the search box)", ("app.help", "app.help_key")),
        ("ctrl+p", "palette: open an article, toggle a facet, sort, theme", ()),
        ("escape", "close help / palette / article; leave the search box",
         ("main.back", "article.back")),
    ]),
    ("Search box", [
        ("type", "words, \"a phrase\", pre*, fuzzy~, -not, OR", ()),
        ("", "the last word also finds longer words while you type:", ()),
        ("", "kasach finds Kasachstan; a space after it ends the word", ()),
        ("", "fields: title: lang:de country:KZ source: date:2025-11", ()),
        ("up / down", "older / newer query from the history",
         ("search.history_back", "search.history_forward")),
        ("enter, down", "go to the results", ()),
    ]),
    ("Results, facets, article", [
        ("/", "back to the search box", ("main.search",)),
        ("j k, ↓ ↑", "move (g / G: first / last); facets: on into the next one",
         ("results.down", "results.up")),
        ("enter", "open the article (on the last row: load more)", ()),
        ("tab, shift+tab", "next / previous pane", ("main.next_pane", "main.prev_pane")),
        ("space", "choose a facet value / pick dates (twice: a range)",
         ("facet.toggle", "dates.pick")),
        ("m", "dates by year / by month", ("dates.unit",)),
        ("f", "show / hide the facet panel", ("main.facets",)),
        ("c", "clear all chosen facet values", ("main.clear",)),
        ("n / N", "next / previous match in the article", ("main.next_match", "main.prev_match")),
        ("space / b", "article: page down / up (g / G: top / bottom)",
         ("article.page_down", "article.page_up")),
        ("s", "sort: relevance, newest, oldest", ("main.sort",)),
        ("a", "a country word: every language / as typed", ("main.all_languages",)),
        ("y / Y", "copy the URL or path / the id (OSC 52)", ("main.copy", "main.copy_id")),
        ("o", "open the URL in a browser, or the file in $PAGER", ("main.open",)),
        ("q", "quit", ("main.quit",)),
    ]),
]


def _keys_in_force(ids: tuple[str, ...], keymap: Keymap, bindings: dict[str, Binding]) -> str:
    """What a row rebound by the keymap says: each binding's keys now, " / " between."""
    return " / ".join(keymap.keys.get(i) or (bindings[i].key if i in bindings else "?")
                      for i in ids)


def help_text(keymap: Keymap | None = None, bindings: dict[str, Binding] | None = None) -> Content:
    """Every key; where ``keymap`` rebinds one, the keys in force (marked *), and a section
    that lists the keymap file's own lines."""
    bindings = bindings or {}
    lines: list[Content] = []
    for section, rows in KEYS:
        lines.append(Content.styled(section, "bold $text-accent"))
        for key, what, ids in rows:
            if keymap and any(i in keymap.keys for i in ids):
                key = "*" + _keys_in_force(ids, keymap, bindings)
            lines.append(Content.assemble((f"  {key:<16}", "bold"), what))
        lines.append(Content(""))
    if keymap and keymap.keys:
        lines.append(Content.styled(f"Your keys (* above), from {keymap.path}",
                                    "bold $text-accent"))
        for binding_id, given in keymap.keys.items():
            what = bindings[binding_id].description if binding_id in bindings else ""
            lines.append(Content.assemble((f"  {given:<16}", "bold"), f"{what} ({binding_id})"))
        lines.append(Content(""))
    lines.append(Content.styled("escape, q or F1 closes this help", "$text-muted"))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
    ]

    def __init__(self, keymap: Keymap | None = None,
                 bindings: dict[str, Binding] | None = None) -> None:
        super().__init__()
        self._user_keys, self._all_bindings = keymap, bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text(self._user_keys, self._all_bindings))

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#help", VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()
