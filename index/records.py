"""The records a search does not hand out: an article read, enriched and shown whole, what
indexing did, the library's statistics. Plain, frozen dataclasses, as ``models``' are.

Apart from ``models``, and loaded when first asked for (``models.__getattr__``): Python
builds a dataclass's methods from source text, ~0.5 ms a class, and a one-shot search
uses none of these seven (``python -X importtime``: ``index.models`` took ~7 ms of its
start with them; the one-shot rows of ``python -m benchmarks.run`` pay what is left).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .listing import UNDETERMINED, _listing, iso

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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

    def __reduce__(self):
        """Pickled (on its way to an indexing worker) with its text as UTF-8 bytes.
        Pickling a ``str`` that is not ASCII caches its UTF-8 form inside the string for as
        long as the string lives: the indexer's batch, sent to the workers, took twice its
        size (94 of the indexer's 210 MB at 20,000 synthetic articles, tracemalloc).
        Encoding here costs what pickle's own encoding does, and the copy goes with the
        pickle."""
        values = [getattr(self, name) for name in self.__dataclass_fields__]
        values[1] = utf8(self.text)
        return _raw_article, tuple(values)


def utf8(text: str) -> bytes:
    """``text`` for a pickle, without leaving a cached copy of it inside ``text`` (see
    ``RawArticle.__reduce__``); ``from_utf8`` reads it back, lone surrogates included."""
    return text.encode("utf-8", "surrogatepass")


def from_utf8(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _raw_article(path: str, text: bytes, *rest) -> RawArticle:
    return RawArticle(path, from_utf8(text), *rest)


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
class Failure:
    """A file (or one entry of it) that could not be indexed, and why, in one line."""

    path: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    """What an index run did: files added, updated, unchanged and removed, and what failed."""

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
    steps: tuple[tuple[str, float], ...] = ()
    """Where the run's time went: (step, seconds), in the order the steps first ran
    (``reading files``, ``writing``, ``merging``, …); together they are ``seconds``, but
    for the moments between them."""


@dataclass(frozen=True)
class Stats:
    """The library at a glance (``broadsheet stats``)."""

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
