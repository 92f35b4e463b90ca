"""Every key, in one place (``?`` or ``F1``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Anywhere", [
        ("ctrl+q", "quit"),
        ("F1, ?", "this help (? outside the search box)"),
        ("ctrl+p", "palette: open an article, toggle a facet, sort, theme"),
        ("escape", "close help / palette / article; leave the search box"),
    ]),
    ("Search box", [
        ("type", "words, \"a phrase\", pre*, fuzzy~, -not, OR"),
        ("", "the last word also finds longer words while you type:"),
        ("", "kasach finds Kasachstan; a space after it ends the word"),
        ("", "fields: title: lang:de country:KZ source: date:2025-11"),
        ("up / down", "older / newer query from the history"),
        ("enter, down", "go to the results"),
    ]),
    ("Results, facets, article", [
        ("/", "back to the search box"),
        ("j k, ↓ ↑", "move (g / G: first / last); facets: on into the next one"),
        ("enter", "open the article (on the last row: load more)"),
        ("tab, shift+tab", "next / previous pane"),
        ("space", "choose a facet value / pick dates (twice: a range)"),
        ("m", "dates by year / by month"),
        ("f", "show / hide the facet panel"),
        ("c", "clear all chosen facet values"),
        ("n / N", "next / previous match in the article"),
        ("space / b", "article: page down / up (g / G: top / bottom)"),
        ("s", "sort: relevance, newest, oldest"),
        ("y / Y", "copy the URL or path / the id (OSC 52)"),
        ("o", "open the URL in a browser, or the file in $PAGER"),
        ("q", "quit"),
    ]),
]


def help_text() -> Content:
    lines: list[Content] = []
    for section, keys in KEYS:
        lines.append(Content.styled(section, "bold $text-accent"))
        lines += [Content.assemble((f"  {key:<16}", "bold"), what) for key, what in keys]
        lines.append(Content(""))
    lines.append(Content.styled("escape, q or F1 closes this help", "$text-muted"))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text())

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#help", VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()
