"""Plain, frozen dataclasses that cross the boundary from the engine to the CLI and the UI.

Nothing here knows about Whoosh or Textual: a second backend, or a second front end, sees the
same objects. Field names follow the public JSON contract (see ``to_json`` methods).

The records a search does not hand out (``RECORDS``: an article whole, indexing's report,
the statistics) live in ``records`` and are imported from here as ever, loaded on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .listing import UNDATED, UNDETERMINED, _listing, iso  # noqa: F401  (public here)
from .periods import QueryError

# Not typing's: importing typing costs ~2 ms of a one-shot search's start
# (``python -X importtime``); ``Any`` is only ever an annotation here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    # For the type checker (see ``__getattr__``).
    from .records import (  # noqa: F401
        Article,
        Dropped,
        Failure,
        IndexReport,
        Mention,
        RawArticle,
        Stats,
    )

RECORDS = ("Article", "Dropped", "Failure", "IndexReport", "Mention", "RawArticle", "Stats")
"""Defined in ``records``, loaded on first use: a search needs none of them."""


def __getattr__(name: str):
    if name in RECORDS:
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Hit:
    """One search result, ready to show: no stored text beyond the snippet."""

    id: str
    title: str
    date: datetime | None
    lang: str
    countries: tuple[str, ...]
    source: str | None
    path: str
    url: str | None
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    duplicates: tuple[str, ...] = ()
    crawled: datetime | None = None
    """When a crawler fetched the page (a web archive's record): not its date."""

    def to_json(self) -> dict[str, Any]:
        return {
            **_listing(self),
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "duplicates": list(self.duplicates),
            "crawled": iso(self.crawled),
        }


Facets = dict[str, dict[str, int]]
"""Facet name ("lang", "countries", "year", "month", "source") -> value -> count."""


@dataclass(frozen=True)
class Filters:
    """Facet filters: OR within one facet, AND across facets. Values are normalised."""

    langs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    """Exclusive upper bound (the day after ``--until``)."""
    undated: bool = False
    """Only undated articles (the "undated" bucket of the date facet)."""

    def is_empty(self) -> bool:
        return not (self.langs or self.countries or self.sources or self.since or self.until
                    or self.undated)


class Sort(StrEnum):
    """The orders a search lists its hits in; the one list of them (the command line's
    ``--sort`` choices, the app's ``s`` key and palette)."""

    RELEVANCE = "relevance"
    """Best match first; ``*``, with no words to rank by, is listed as NEWEST."""
    NEWEST = "newest"
    """By date, newest first, undated articles last."""
    OLDEST = "oldest"
    """By date, oldest first, undated articles last."""

    @classmethod
    def parse(cls, value: str) -> Sort:
        """The order named ``value``; QueryError for a name that is none."""
        try:
            return cls(value)
        except ValueError:
            raise QueryError(f"unknown sort '{value}'; use one of: "
                             f"{', '.join(cls)}") from None


@dataclass(frozen=True)
class Query:
    """One search, everything that decides its results (``Library.search``). Frozen and
    hashable: the app compares the search it shows with the one an answer is for, and the
    whole request travels to the app's engine process pickled."""

    text: str = "*"
    filters: Filters = field(default_factory=Filters)
    sort: Sort = Sort.RELEVANCE
    """A Sort; its name (``"newest"``) is taken too, and an unknown one is a QueryError."""
    offset: int = 0
    limit: int = 20
    prefix_last: bool = False
    """Search-as-you-type: the last word may be unfinished, so it also matches as a prefix
    (``kasach`` finds Kasachstan)."""
    facets: bool = True
    """Count the facets over all results (``limit=0`` for the counts alone)."""
    suggest: bool = True
    """Look for a "did you mean" (tens of ms) when little matches."""
    all_languages: bool = True
    """A word that names a country (``kasachstan``, ``Казахстана``, ``kazakh``) also finds
    the articles that name that country in any language (``Results.countries_named``)."""

    def __post_init__(self) -> None:
        if not isinstance(self.sort, Sort):
            object.__setattr__(self, "sort", Sort.parse(self.sort))


@dataclass(frozen=True)
class Results:
    """What a search found: a page of hits, the total, facet counts, a suggestion."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: Facets
    suggestion: str | None = None
    elapsed_ms: float = 0.0
    countries_named: dict[str, str] = field(default_factory=dict)
    """The query's words taken for a country, each with its ISO code (``{"kasachstan":
    "KZ"}``): they also found the articles naming that country in every language."""

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": self.facets,
            "suggestion": self.suggestion,
            "countries_named": dict(self.countries_named),
        }


