"""The result list: one OptionList row per hit (never a widget per row), copies grouped."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index import Hit, Results
from index.sanitize import shown

from ...engine.request import PAGE
from ...text import date_label

MATCH = "bold $text-warning"
MORE = "more"

Row = Option | tuple[Hit, bool] | None
"""A row of the list before it is made: a ready option, a hit (True: a copy of the story
above it), or a separator."""


class ResultList(OptionList):
    """Hits of the current query. Posts Moved/Chosen with the hit, MoreWanted for paging."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
        Binding("g", "first", "First", show=False, id="results.first"),
        Binding("G", "last", "Last", show=False, id="results.last"),
    ]

    @dataclass
    class Moved(Message):
        """The cursor is on another hit (or on none)."""

        hit: Hit | None

    @dataclass
    class Chosen(Message):
        """The user pressed enter on a hit: open it."""

        hit: Hit

    @dataclass
    class MoreWanted(Message):
        """The user chose the "more" row: fetch the page starting at ``offset``."""

        offset: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: dict[str, Hit] = {}
        """Shown hits by option id."""
        self.total = 0
        self.shown = 0
        self._later: list[Row] = []
        """The rows of this list held back until the screen is painted."""
        self._first: tuple[Hit, ...] = ()
        """The hits of the first page shown so far, in the engine's order (``show_rest``)."""

    @property
    def current(self) -> Hit | None:
        option = self.highlighted_option
        return self.hits.get(option.id) if option and option.id else None

    def show_rest(self, results: Results) -> None:
        """The rest of the first page, after the hits the screen showed first (the search
        screen fetches those alone while the user types). The list ends as one search of
        the whole page shows it: a copy of a story shown already goes under its first copy,
        not on a row of its own further down. Only then is the list made anew (the cursor
        stays on its hit); else the rest is added below."""
        first, self._first = self._first, self._first + results.hits
        placed = {hit.id for hit in first}
        linked = {i for hit in first for i in hit.duplicates}
        if not any(hit.id in linked or placed.intersection(hit.duplicates)
                   for hit in results.hits):
            self.show(results, append=True)
            return
        current = self.current
        self._show(replace(results, hits=self._first), append=False,
                   keep=current.id if current else None)

    def show(self, results: Results, append: bool = False) -> None:
        """Show a page of ``results``: replace the list, or add to it (``append``).

        A new list gets the rows a screen can show at once, and the rest once the screen
        is painted (``_fill``): OptionList lays out every row it holds before the frame. All
        50 rows of hits at once made the first screen ~20 ms slower (medians of 12, tmux 80x24,
        Reuters: ``python -m benchmarks.tmux_app LIBRARY --runs 12``, first screen). The
        rows held back are not even made yet (a row's text is ~0.4 ms of Content): on
        every key typed, the list is new."""
        if not append:
            self._first = results.hits
        self._show(results, append)

    def _show(self, results: Results, append: bool, keep: str | None = None) -> None:
        """``show``; ``keep``: the id of the hit the cursor stays on in a new list (its rows
        are all made at once, so that the hit is among them)."""
        index = self.highlighted if append else None
        if append:
            self._add_later()  # what is held back comes before the next page
        if append and self.option_count and self.get_option_at_index(-1).id == MORE:
            self.remove_option(MORE)
        if not append:
            self.hits, self.shown = {}, 0
        self.total = results.total
        rows: list[Row] = self._rows(tuple(map(for_screen, results.hits)))
        self.shown += len(results.hits)
        if self.shown < self.total:
            rows.append(Option(Content.styled(
                f"▼ {self.shown:,} of {self.total:,} shown: enter for {PAGE} more",
                "$text-accent"), id=MORE))
        now = len(rows) if append or keep is not None else _fill(rows, self.app.size.height)
        if append:
            self.add_options(self._made(rows[:now]))
        else:
            # Not clear_options, then add_options: the emptied list hid its scroll bar and
            # the new one showed it again, two layouts of the screen per key typed
            self.set_options(self._made(rows[:now]))
        self._later = rows[now:]
        if self._later:
            # After two refreshes: the first after a new list can repaint only the list
            # (at start-up the rest of the screen comes with the second).
            self.call_after_refresh(self.call_after_refresh, self._add_later)
        if keep is not None and keep in self.hits:
            index = self.get_option_index(keep)
        self.highlighted = index if index is not None else (0 if self.option_count else None)
        self.post_message(self.Moved(self.current))

    def _add_later(self) -> None:
        """The rows held back, if any (a list that replaced theirs dropped them)."""
        rows, self._later = self._later, []
        if rows:
            self.add_options(self._made(rows))

    def show_message(self, text: str) -> None:
        """An empty list with one line of explanation (no library, no hits, a bad query)."""
        self.hits, self.shown, self.total, self._later, self._first = {}, 0, 0, [], ()
        self.set_options([Option(Content(text), disabled=True)])
        self.post_message(self.Moved(None))

    def _rows(self, hits: tuple[Hit, ...]) -> list[Row]:
        """A row per hit (made later: ``_made``); later copies of a story go under its
        first copy on the page."""
        rows: list[Row] = []
        placed = set(self.hits)
        by_id = {hit.id: hit for hit in hits}
        for hit in hits:
            if hit.id in placed:
                continue
            placed.add(hit.id)
            copies = [by_id[i] for i in hit.duplicates if i in by_id and i not in placed]
            placed.update(c.id for c in copies)
            for shown_hit in (hit, *copies):
                self.hits[shown_hit.id] = shown_hit
            rows.append((hit, False))
            rows += [(c, True) for c in copies]
            rows.append(None)
        return rows

    @staticmethod
    def _made(rows: list[Row]) -> list[Option | None]:
        """The options of ``rows``: a hit's row, a copy's line, a separator."""
        return [Option(copy_row(row[0]) if row[1] else hit_row(row[0], len(row[0].duplicates)),
                       id=row[0].id) if isinstance(row, tuple) else row for row in rows]

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Moved(self.current))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            self.post_message(self.MoreWanted(self.shown))
        elif (hit := self.current) is not None:
            self.post_message(self.Chosen(hit))


HIT_LINES = 3
"""Lines of a hit's row (``hit_row``); a copy's row and a separator take one."""


def _fill(rows: list[Row], height: int) -> int:
    """How many of ``rows`` fill ``height`` lines: the rows a new list gets before the
    frame (``ResultList.show``). Counted by lines, not a line a row, the first screen of an
    80x24 terminal makes and lays out 6 hits of 50, not 12."""
    lines = 0
    for n, row in enumerate(rows):
        if lines >= height:
            return n
        lines += HIT_LINES if isinstance(row, tuple) and not row[1] else 1
    return len(rows)


def for_screen(hit: Hit) -> Hit:
    """``hit`` with no control character in what the list shows, copies (``y``) or opens
    (``o``): Textual writes text to the terminal as it is, and a library an older broadsheet
    wrote may hold ESC sequences (``index.sanitize``). ``shown`` keeps lengths, so the
    snippet's highlights still hold."""
    return replace(hit, title=shown(hit.title), lang=shown(hit.lang),
                   countries=tuple(map(shown, hit.countries)),
                   source=hit.source and shown(hit.source), url=hit.url and shown(hit.url),
                   snippet=shown(hit.snippet))


def hit_row(hit: Hit, copies: int) -> Content:
    """Title; date · source · language · countries; the snippet with matches marked."""
    meta = [date_label(hit.date), hit.source or "", hit.lang, " ".join(hit.countries)]
    if copies:
        meta.append(f"{copies} other cop{'y' if copies == 1 else 'ies'}")
    lines = [
        Content.styled(hit.title or "(untitled)", "bold"),
        Content.styled("  ·  ".join(m for m in meta if m), "$text-muted"),
        snippet_line(hit.snippet, hit.highlights),
    ]
    return Content("\n").join(lines)


def copy_row(hit: Hit) -> Content:
    return Content.styled(f"  ≡ same story: {date_label(hit.date)} · {hit.source or ''} · "
                          f"{hit.title}", "$text-muted")


def snippet_line(snippet: str, highlights, lead: int = 12) -> Content:
    """The snippet on one line, cut so that its first match is near the start."""
    text, spans = squeeze(snippet, highlights)
    cut = 0
    if spans and spans[0][0] > lead + 8:
        cut = text.rfind(" ", 0, spans[0][0] - lead) + 1 or spans[0][0] - lead
    prefix = "…" if cut else ""
    shift = len(prefix) - cut
    marks = [Span(s + shift, e + shift, MATCH) for s, e in spans if s >= cut]
    return Content(prefix + text[cut:], spans=marks)


def squeeze(text: str, spans) -> tuple[str, list[tuple[int, int]]]:
    """Runs of whitespace (newlines, wire copy's indented paragraphs) as one space; the
    spans moved to match."""
    out: list[str] = []
    shift: list[int] = []
    kept = 0
    for char in text:
        blank = char.isspace()
        if not (blank and out and out[-1] == " "):
            out.append(" " if blank else char)
            kept += 1
        shift.append(kept - 1)
    def at(i: int) -> int:
        return shift[i] if i < len(shift) else kept
    return "".join(out), [(at(s), at(e - 1) + 1) for s, e in spans if e > s]
