"""Commands for the palette (ctrl+p): open a shown article, toggle a facet, sort, theme.

A command's text holds article titles and facet values, which are data: every prompt is a
``Content`` (Textual reads a string prompt as markup, and a title holding ``[/x]`` made the
palette fail), and the matched letters are marked on it here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from index import Sort
from index.sanitize import shown

from ...text import country_name, language_name


class BroadsheetCommands(Provider):
    """Builds its commands from what the main screen shows right now."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        from ..widgets.facet_list import LIMIT
        from ..widgets.facet_panel import FacetPanel
        from ..widgets.results import ResultList
        from .search import SearchScreen

        screen = self.screen
        if isinstance(screen, SearchScreen):
            results = screen.query_one(ResultList)
            for hit in list(results.hits.values())[:200]:
                yield f"Open: {hit.title}", partial(self._open, screen, hit.id), hit.id
            filters = screen.request.filters
            for facet, namer, label, chosen in (
                    ("lang", language_name, "Language", filters.langs),
                    ("countries", country_name, "Country", filters.countries)):
                counts = screen.facets.get(facet, {})
                top = sorted(counts, key=lambda c: -counts[c])[:LIMIT]
                for code in dict.fromkeys([*top, *chosen]):
                    yield (f"{label}: {namer(code)} ({shown(code)})",
                           partial(screen.toggle_facet, facet, code), "toggle this filter")
            yield ("Clear filters", screen.query_one(FacetPanel).clear,
                   "forget every chosen facet value")
            for sort in Sort:
                yield f"Sort: {sort}", partial(screen.set_sort, sort), "order the results"
        for theme in sorted(self.app.available_themes):
            yield f"Theme: {theme}", partial(setattr, self.app, "theme", theme), "colours"

    @staticmethod
    def _open(screen, hit_id: str) -> None:
        screen.open_hit(hit_id)

    async def discover(self) -> Hits:
        for text, command, help_ in self._commands():
            if text.startswith(("Sort:", "Clear")):
                yield DiscoveryHit(Content(text), command, text=text, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_ in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlighted(matcher, text), command, text=text, help=help_)


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as it is, its matched letters marked: ``Matcher.highlight`` without reading
    ``text`` as markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
