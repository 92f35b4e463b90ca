"""One facet (languages or countries): values with counts, several can be chosen."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

LIMIT = 100
"""Values shown per facet (the most frequent; chosen values always show)."""


class FacetList(SelectionList[str]):
    """``space`` toggles the value under the cursor; SelectionToggled tells the panel."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="facet.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facet.up"),
    ]

    def __init__(self, namer: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.namer = namer
        """Code -> display name ("de" -> "German")."""
        self.counts: dict[str, int] = {}
        """What the list shows: value -> count for the current query."""

    def show(self, counts: dict[str, int]) -> None:
        """Replace the values and counts, keeping the choice and the cursor."""
        chosen = set(self.selected)
        at = self.highlighted_option.value if self.highlighted_option else None
        values = sorted(counts, key=lambda v: (-counts[v], v))[:LIMIT]
        values += sorted(chosen - set(values))
        self.counts = {v: counts.get(v, 0) for v in values}
        self.clear_options()
        self.add_options(Selection(self._label(v, counts.get(v, 0)), v, v in chosen)
                         for v in values)
        if at in values:
            self.highlighted = values.index(at)

    def _label(self, code: str, n: int) -> Content:
        return Content.assemble(f"{code:<4}", (self.namer(code), ""), (f" {n:,}", "$text-muted"))
