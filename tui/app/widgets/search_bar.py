"""The search box: typing searches; up/down browse the query history."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input

from ..history import History


class SearchBar(Input):
    """An Input with query history. ``down`` past the newest query leaves for the results."""

    virtual_size = Reactive(Size(0, 0), layout=False)
    """Input sets it to the text's width at every key; as Widget's it asks for a layout of
    the whole screen, and so a repaint of it all (4.8 kB to the terminal per key at 80x24,
    13 kB at 120x40, over SSH too). The box's own size never depends on it: here it
    repaints the box alone."""

    BINDINGS = [
        Binding("up", "history_back", "Older query", show=False, id="search.history_back"),
        Binding("down", "history_forward", "Newer query", show=False,
                id="search.history_forward"),
    ]

    class Leave(Message):
        """The user is done typing (enter, or down past the history): go to the results."""

    def __init__(self, history: History, **kwargs) -> None:
        super().__init__(placeholder="Search: words, \"a phrase\", pre*, lang:de, country:KZ",
                         **kwargs)
        self.history = history

    def on_mount(self) -> None:
        # no blinking when headless: snapshots and tests see the same frame every time
        self.cursor_blink = not self.app.is_headless

    def remember(self) -> None:
        self.history.add(self.value)

    def action_history_back(self) -> None:
        query = self.history.back(self.value)
        if query is not None:
            self._show(query)

    def action_history_forward(self) -> None:
        query = self.history.forward()
        if query is None:
            self.remember()
            self.post_message(self.Leave())
        else:
            self._show(query)

    async def action_submit(self) -> None:
        self.remember()
        self.post_message(self.Leave())

    def _show(self, query: str) -> None:
        self.value = query
        self.cursor_position = len(query)
