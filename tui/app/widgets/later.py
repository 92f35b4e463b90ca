"""A widget made, and its module imported, only after the screen's first frame."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


class Later(Widget):
    """Stands in for the widget ``make`` returns until the first frame is painted, then
    makes it and mounts it in its place, as Textual's ``Lazy`` does with a widget made
    already. ``make`` imports the widget's module: the panes an 80-column screen starts
    with hidden (the facet panel, the article pane) and the footer cost their imports
    after the first screen, not before it (~2 ms of the start's 240)."""

    DEFAULT_CSS = "Later { display: none; }"

    def __init__(self, make: Callable[[], Widget]) -> None:
        self._make = make
        super().__init__()

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return

        async def mount() -> None:
            await parent.mount(self._make(), after=self)
            await self.remove()

        self.call_after_refresh(mount)
