"""Commands for the palette (ctrl+p): open a shown article, toggle a facet, sort, theme."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..text import country_name, language_name


class BroadsheetCommands(Provider):
    """Builds its commands from what the main screen shows right now."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        from ..widgets.facet_panel import FacetPanel
        from ..widgets.results import ResultList
        from .search import SORTS, SearchScreen

        screen = self.screen
        if isinstance(screen, SearchScreen):
            results = screen.query_one(ResultList)
            for hit in list(results.hits.values())[:200]:
                yield f"Open: {hit.title}", partial(self._open, screen, hit.id), hit.id
            panel = screen.query_one(FacetPanel)
            for facet, namer, label in (("lang", language_name, "Language"),
                                        ("countries", country_name, "Country")):
                for code in panel.query_one(f"#facet-{facet}").counts:
                    yield (f"{label}: {namer(code)} ({code})",
                           partial(panel.toggle, facet, code), "toggle this filter")
            yield "Clear filters", panel.clear, "forget every chosen facet value"
            for sort in SORTS:
                yield f"Sort: {sort}", partial(screen.set_sort, sort), "order the results"
        for theme in sorted(self.app.available_themes):
            yield f"Theme: {theme}", partial(setattr, self.app, "theme", theme), "colours"

    @staticmethod
    def _open(screen, hit_id: str) -> None:
        screen.open_hit(hit_id)

    async def discover(self) -> Hits:
        for text, command, help_ in self._commands():
            if text.startswith(("Sort:", "Clear")):
                yield DiscoveryHit(text, command, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_ in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_)
