"""Plain, frozen dataclasses that cross the boundary from the engine to the CLI and the UI.

Nothing here knows about Whoosh or Textual: a second backend, or a second front end, sees the
same objects. Field names follow the public JSON contract (see ``to_json`` methods).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .periods import QueryError

UNDATED = "undated"
UNDETERMINED = "und"


def iso(value: datetime | None) -> str | None:
    """ISO 8601 without microseconds, or None."""
    return value.replace(microsecond=0).isoformat() if value else None


def _listing(item: Article | Hit) -> dict[str, Any]:
    """The JSON fields a hit and an article share (a public interface: keep the names)."""
    return {
        "id": item.id,
        "title": item.title,
        "date": iso(item.date),
        "lang": item.lang,
        "countries": list(item.countries),
        "source": item.source,
        "path": item.path,
        "url": item.url,
    }


@dataclass(frozen=True)
class RawArticle:
    """One article as a source module read it, before enrichment.

    Metadata fields are None when the file did not say; enrichment fills them from the text.
    """

    path: str
    text: str
    format: str
    entry: str | None = None
    title: str | None = None
    date: datetime | None = None
    lang: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    countries: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Things the reader wants the user to know (a truncated text, a fallback it took)."""
    crawled: datetime | None = None
    """When a crawler fetched the page (a web archive's ``WARC-Date``); never its date."""


@dataclass(frozen=True)
class Dropped:
    """A line that cleanup removed, and why."""

    lineno: int
    line: str
    reason: str


@dataclass(frozen=True)
class Mention:
    """One place in the text that named a country."""

    code: str
    text: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Article:
    """An enriched article: what the index stores and ``show`` prints."""

    id: str
    path: str
    format: str
    title: str
    text: str
    lang: str = UNDETERMINED
    lang_prob: float = 0.0
    date: datetime | None = None
    date_source: str | None = None
    date_evidence: str | None = None
    countries: tuple[str, ...] = ()
    country_mentions: dict[str, int] = field(default_factory=dict)
    source: str | None = None
    url: str | None = None
    author: str | None = None
    entry: str | None = None
    duplicates: tuple[str, ...] = ()
    shared_paragraphs: dict[str, int] = field(default_factory=dict)
    dropped: tuple[Dropped, ...] = ()
    mentions: tuple[Mention, ...] = ()
    notes: tuple[str, ...] = ()
    lang_evidence: str | None = None
    """Why the language is what it is (``detected``, ``mostly numbers or tables ...``)."""
    crawled: datetime | None = None
    """When a crawler fetched the page: not a publication date (``date`` never takes it)."""

    def to_json(self) -> dict[str, Any]:
        return {
            **_listing(self),
            "duplicates": list(self.duplicates),
            "text": self.text,
            "author": self.author,
            "date_source": self.date_source,
            "lang_prob": round(self.lang_prob, 4),
            "country_mentions": dict(self.country_mentions),
            "shared_paragraphs": dict(self.shared_paragraphs),
            "crawled": iso(self.crawled),
        }


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


@dataclass(frozen=True)
class Failure:
    """A file (or one entry of it) that could not be indexed, and why, in one line."""

    path: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: tuple[Failure, ...] = ()
    notes: tuple[Failure, ...] = ()
    """Indexed, but with something the user should know (truncated text, a fallback)."""
    articles: int = 0
    seconds: float = 0.0
    skipped: tuple[tuple[str, int], ...] = ()
    """Files in the folders given that are of no type broadsheet reads: (extension, how
    many), most first; ``""`` is files without one."""
    records: tuple[tuple[str, int], ...] = ()
    """Records of web archives read that are no article: (kind, how many), most first:
    ``request``, ``warcinfo``, ``image``, ``status 404``, ``no article text``, …"""


@dataclass(frozen=True)
class Stats:
    articles: int
    languages: dict[str, int]
    countries: dict[str, int]
    undated: int
    date_min: datetime | None
    date_max: datetime | None
    formats: dict[str, int]
    sources: dict[str, int]
    index_bytes: int
    library: str

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "languages": self.languages,
            "countries": self.countries,
            "undated": self.undated,
            "date_min": iso(self.date_min),
            "date_max": iso(self.date_max),
            "formats": self.formats,
            "sources": self.sources,
            "index_bytes": self.index_bytes,
            "library": self.library,
        }
