"""A date histogram, one bar per year or month, where a range of buckets can be chosen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets.option_list import Option

from index import UNDATED, parse_period

from .facet_list import PanelList

BAR = 10
"""Cells of the longest bar."""


class DateHistogram(PanelList):
    """Buckets with counts. ``space`` picks a bucket, a second ``space`` elsewhere extends the
    pick to a range, ``space`` on a lone pick clears it; ``m`` switches years/months."""

    BINDINGS = [
        Binding("space", "pick", "Pick date", id="dates.pick"),
        Binding("m", "toggle_unit", "Years/months", id="dates.unit"),
        Binding("j", "cursor_down", "Down", show=False, id="dates.down"),
        Binding("k", "cursor_up", "Up", show=False, id="dates.up"),
    ]

    by_month: reactive[bool] = reactive(False)
    """Show months rather than years."""

    @dataclass
    class Changed(Message):
        """The chosen range changed: ``since``/``until`` ([start, end)), or ``undated``."""

        since: datetime | None
        until: datetime | None
        undated: bool

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.counts: dict[str, dict[str, int]] = {"year": {}, "month": {}}
        self._chosen_unit = False
        """The user picked years or months with ``m``; until then, months for short spans."""
        self.picked: tuple[str, str] | None = None
        """The first and last bucket of the range (keys such as "2025" or "2025-11")."""

    def show(self, year: dict[str, int], month: dict[str, int]) -> None:
        self.counts = {"year": year, "month": month}
        if not self._chosen_unit and not self.picked:
            self.set_reactive(DateHistogram.by_month, len(set(year) - {UNDATED}) <= 2)
        self._redraw()

    def clear(self) -> None:
        self.picked = None
        self._redraw()

    def action_toggle_unit(self) -> None:
        self._chosen_unit = True
        self.by_month = not self.by_month

    def watch_by_month(self) -> None:
        if self.picked:
            self.picked = None
            self._post()
        self._redraw()

    def action_pick(self) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        key = option.id
        if self.picked is None or key == UNDATED or UNDATED in self.picked:
            self.picked = None if self.picked == (key, key) else (key, key)
        elif self.picked == (key, key):
            self.picked = None
        elif self.picked[0] == self.picked[1]:
            self.picked = (min(self.picked[0], key), max(self.picked[0], key))
        else:
            self.picked = (key, key)
        self._redraw()
        self._post()

    def _post(self) -> None:
        if self.picked is None:
            self.post_message(self.Changed(None, None, False))
        elif self.picked[0] == UNDATED:
            self.post_message(self.Changed(None, None, True))
        else:
            since = parse_period(self.picked[0])[0]
            until = parse_period(self.picked[1])[1]
            self.post_message(self.Changed(since, until, False))

    def _redraw(self) -> None:
        counts = self.counts["month" if self.by_month else "year"]
        keys = sorted(k for k in counts if k != UNDATED)
        if self.picked:
            keys = sorted(set(keys) | {k for k in self.picked if k != UNDATED})
        if UNDATED in counts or (self.picked and UNDATED in self.picked):
            keys.append(UNDATED)
        top = max(counts.values(), default=0) or 1
        at = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self.add_options(Option(self._bar(k, counts.get(k, 0), top), id=k) for k in keys)
        ids = [k for k in keys]
        self.highlighted = ids.index(at) if at in ids else (0 if ids else None)

    def _bar(self, key: str, n: int, top: int) -> Content:
        mark = "●" if self._in_range(key) else " "
        eighths = round(n / top * BAR * 8)
        bar = "█" * (eighths // 8) + (" ▏▎▍▌▋▊▉"[eighths % 8] if eighths % 8 else "")
        # a space before the count: "10,541" fills its 6 cells and would touch a full bar
        return Content.assemble((mark, "$text-accent"), f"{key:<8}",
                                (f"{bar:<{BAR}}", "$text-primary"), f" {n:>6,}")

    def _in_range(self, key: str) -> bool:
        picked = self.picked
        if picked is None:
            return False
        return picked[0] <= key <= picked[1] if key != UNDATED else picked[0] == UNDATED
