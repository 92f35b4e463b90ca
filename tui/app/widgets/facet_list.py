"""One facet (languages or countries): values with counts, several can be chosen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.sanitize import shown

LIMIT = 100
"""Values shown per facet (the most frequent; chosen values always show)."""
CHOSEN = "●"
"""The mark of a chosen value, as in the date histogram. A mark, not a colour: SelectionList's
checkbox differs only by colour, which 16-colour and NO_COLOR terminals do not show."""


class PanelList(OptionList):
    """A list in the facet panel. Down past its last row goes on into the panel's next list,
    up past its first row into the list before: j/k and the arrows walk the languages, the
    countries and the dates as one column (tab still jumps pane to pane)."""

    def action_cursor_down(self) -> None:
        last = self.option_count - 1
        if not (self.highlighted is None or self.highlighted >= last) or not self._step(1):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not (self.highlighted is None or self.highlighted <= 0) or not self._step(-1):
            super().action_cursor_up()

    def _step(self, step: int) -> bool:
        """Focus the panel's list after (1) or before (-1) this one; False if there is none."""
        assert self.parent is not None
        lists = [w for w in self.parent.children if isinstance(w, PanelList) and w.display]
        at = lists.index(self) + step
        if 0 <= at < len(lists):
            target = lists[at]
            self.screen.set_focus(target)  # now, not later: the next key may be on its way
            if target.option_count:
                target.highlighted = 0 if step > 0 else target.option_count - 1
            return True
        return False


class FacetList(PanelList):
    """``space`` or ``enter`` chooses or un-chooses the value under the cursor."""

    BINDINGS = [
        Binding("space", "choose", "Choose", id="facet.toggle"),
        Binding("j", "cursor_down", "Down", show=False, id="facet.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facet.up"),
    ]

    @dataclass
    class Toggled(Message):
        """The user chose or un-chose ``value``; ``selected`` has every chosen value."""

        value: str
        selected: tuple[str, ...]

    def __init__(self, namer: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.namer = namer
        """Code -> display name ("de" -> "German")."""
        self.counts: dict[str, int] = {}
        """What the list shows: value -> count for the current query."""
        self.chosen: set[str] = set()

    @property
    def selected(self) -> tuple[str, ...]:
        return tuple(sorted(self.chosen))

    def show(self, counts: dict[str, int]) -> None:
        """Replace the values and counts, keeping the choice and the cursor."""
        at = self.highlighted_option.id if self.highlighted_option else None
        values = sorted(counts, key=lambda v: (-counts[v], v))[:LIMIT]
        values += sorted(self.chosen - set(values))
        self.counts = {v: counts.get(v, 0) for v in values}
        self.set_options(Option(self._label(v), id=v) for v in values)
        if values:  # a cursor on the first value at least, so space works at once
            self.highlighted = values.index(at) if at in values else 0

    def toggle(self, value: str) -> None:
        """Choose ``value``, or un-choose it (no message: the caller knows)."""
        self.chosen ^= {value}
        if value in self.counts:
            self.replace_option_prompt(value, self._label(value))

    def deselect_all(self) -> None:
        chosen, self.chosen = self.chosen, set()
        for value in chosen & set(self.counts):
            self.replace_option_prompt(value, self._label(value))

    def action_choose(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.toggle(option.id)
            self.post_message(self.Toggled(option.id, self.selected))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def _label(self, code: str) -> Content:
        n = self.counts.get(code, 0)
        chosen = code in self.chosen
        return Content.assemble((CHOSEN if chosen else " ", "$text-accent"),
                                f" {shown(code):<4}",
                                (shown(self.namer(code)), "bold" if chosen else ""),
                                (f" {n:,}", "$text-muted"))
