"""An article's text, wrapped to the width, with every match marked; n/N jump like less."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...text import wrap


class ArticleText(ScrollView, can_focus=True):
    """Line-based: only the visible lines are rendered, so long texts cost nothing extra."""

    COMPONENT_CLASSES = {"article-text--match", "article-text--current"}
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("g", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="article.bottom"),
    ]

    current: reactive[int | None] = reactive(None)
    """Index into ``spans`` of the match the user jumped to (None before the first jump)."""

    @dataclass
    class MatchMoved(Message):
        """The current match changed: for the "match 3 of 17" line."""

        current: int | None
        total: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.spans: Sequence[tuple[int, int]] = ()
        self._lines: list[tuple[int, int]] = []
        self._width = 0

    def show(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans
        self._width = 0
        self.current = None
        self._rewrap()
        self.scroll_home(animate=False)
        self.post_message(self.MatchMoved(None, len(spans)))

    def next_match(self, step: int = 1) -> None:
        """Go to the next (``step`` 1) or previous (-1) match, wrapping around."""
        if not self.spans:
            return
        if self.current is None:
            self.current = 0 if step > 0 else len(self.spans) - 1
        else:
            self.current = (self.current + step) % len(self.spans)

    def watch_current(self, current: int | None) -> None:
        if current is None:
            return
        line = self._line_of(self.spans[current][0])
        if not (self.scroll_offset.y <= line < self.scroll_offset.y + self.size.height):
            self.scroll_to(y=max(0, line - self.size.height // 3), animate=False)
        self.refresh()
        self.post_message(self.MatchMoved(current, len(self.spans)))

    def on_resize(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width and width != self._width:
            self._width = width
            self._lines = wrap(self.text, width)
            self.virtual_size = Size(width, len(self._lines))
            self.refresh()

    def _line_of(self, offset: int) -> int:
        for number, (start, end) in enumerate(self._lines):
            if offset < end or (start == end and offset == start):
                return number
        return max(0, len(self._lines) - 1)

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        base = self.rich_style
        if number >= len(self._lines):
            return Strip.blank(self.size.width, base)
        start, end = self._lines[number]
        segments = self._segments(start, end, base)
        return Strip(segments).extend_cell_length(self.size.width, base) \
            .crop(0, self.size.width)

    def _segments(self, start: int, end: int, base: Style) -> list[Segment]:
        match = self.get_component_rich_style("article-text--match")
        current = self.get_component_rich_style("article-text--current")
        out, at = [], start
        for index, (s, e) in enumerate(self.spans):
            if e <= start or s >= end:
                continue
            s, e = max(s, start), min(e, end)
            out.append(Segment(self.text[at:s], base))
            style = current if index == self.current else match
            out.append(Segment(self.text[s:e], base + style))
            at = e
        out.append(Segment(self.text[at:end], base))
        return out
