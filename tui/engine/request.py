"""What the search screen asks the engine for, and how it describes the answer (no Textual
here: the engine-side functions run in the engine process, or on the engine thread)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from index import Filters, Query, Results

PAGE = 50
"""Hits fetched per page ("more" fetches the next): 50 hits fill 200 lines, a dozen screens.
Measured on 20,000 Reuters articles: 50 rather than 20 hits cost the engine ~3 ms (snippets)
and the result list ~5 ms (measured once; no benchmark compares page sizes); slow searches
are slow for other reasons ("did you mean")."""

EVERYTHING = Query(limit=PAGE)
"""The first screen's search: a page of every article (newest first: no words to rank
by). The screen's searches are this with the user's text, filters, sort and offset."""


def typed(query: Query, value: str) -> Query:
    """``query`` for ``value`` as it stands in the search box: its words (an open phrase
    closed, nothing typed is ``*``), the last one a prefix while it may be unfinished, the
    first page, a country word finding its country in every language again. The screen
    searches this on every key; ``benchmarks.tmux_app`` counts its hits to know when the
    screen shows a typed word's results."""
    from ..text import as_typed, still_typing  # here: not before the engine process forks

    return replace(query, text=as_typed(value) or "*", prefix_last=still_typing(value),
                   offset=0, all_languages=True)


def search(library, query: Query) -> Results:
    """Run ``query`` (on the engine thread): a page of hits, facets with the first page."""
    return library.search(replace(query, facets=query.facets and query.offset == 0))


def facet_counts(library, query: Query) -> dict[str, dict[str, int]]:
    return library.search(replace(query, limit=0)).facets


def first_page(library, limit: int = PAGE) -> Results:
    """The first screen's hits, facets left for later: on a fresh searcher, counting facets
    reads every facet value's postings (~90 ms of ~150 on 20,000 Reuters articles, measured
    once; the row 'first query after open' of ``python -m benchmarks.run --only reuters``
    times a fresh library's first search, facets counted), and at 80 columns the facet panel
    is closed anyway. ``limit``: the hits the screen shows (``screenful``); the search
    screen fetches the rest of the page once the first frame is painted."""
    return search(library, replace(EVERYTHING, limit=limit, facets=False))


def screenful(lines: int) -> int:
    """How many hits a result list on a screen of ``lines`` can show at once: a hit is
    three lines and a separator, and the list has the screen's height at most."""
    return min(PAGE, lines // 4 + 2)


def terminal_screenful() -> int:
    """``screenful`` of the terminal the app is about to start in (a page when there is no
    terminal to ask)."""
    import os

    try:
        return screenful(os.get_terminal_size().lines)
    except OSError:
        return PAGE


def nothing_found(query: Query, results: Results) -> str:
    """Why the list is empty, and what to try."""
    tips = []
    if results.suggestion:
        tips.append(f"did you mean: {results.suggestion}")
    if not query.filters.is_empty():
        tips.append("c clears the filters")
    return "; ".join(["Nothing matches", *tips]) + "."


def describe(filters: Filters) -> str:
    """The chosen facet values in a few words: "lang de,fr · country KZ · 2025-11…"."""
    parts = []
    if filters.langs:
        parts.append("lang " + ",".join(filters.langs))
    if filters.countries:
        parts.append("country " + ",".join(filters.countries))
    if filters.undated:
        parts.append("undated")
    elif filters.since or filters.until:
        since = filters.since.strftime("%Y-%m-%d") if filters.since else "…"
        last = filters.until - timedelta(days=1) if filters.until else None
        parts.append(f"{since} to {last:%Y-%m-%d}" if last else f"from {since}")
    return " · ".join(parts)


def library_news(library, known: int | None) -> tuple[int, int | None]:
    """The index's generation, and, when it is not ``known`` (another process committed:
    ``broadsheet index``, or ``index --watch``), how many articles the library holds now
    (None when nothing changed: the screen polls this, and a look at the folder is all an
    unchanged library costs)."""
    generation = library.generation()
    if generation == known:
        return generation, None
    return generation, library.search(Query(limit=0, facets=False, suggest=False)).total
