"""The one Whoosh schema, declared once, and the document builder that fills it.

Field roles:

- ``exact``: folded, unstemmed, with positions: exact words, phrases, prefixes, fuzzy terms,
  spelling suggestions.
- ``stem``: folded stems in the article's own language, no positions: inflection-tolerant
  matching (``Abkommens`` finds ``Abkommen``).
- ``parts``: the reduced pieces of the article's compounds (``compounds``), no positions: a
  word finds the compounds it begins or ends (``Abkommen`` finds ``Freihandelsabkommen``),
  with a low boost.
- ``title``: folded title words, boosted.
- ``lang``, ``countries``, ``year``, ``month``, ``source``: facet and filter values.
- ``date``: a column at full precision, indexed by the day (``DayDate``); ``undated``
  articles have none and sort last. Hits, the sort and the filters all read the column;
  storing it too took 5.9 MB of a 200,000-article synthetic library (1,223.7 MB;
  ``python -m benchmarks.size_breakdown``).
- ``body`` and ``meta``: stored only, for snippets and ``show``.

Stored is only what a hit or ``show`` reads (``searching``): stored fields, kept once per
article, are a fifth of a library (``python -m benchmarks.size_breakdown LIBRARY``).
"""

from __future__ import annotations

# isort: off
from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import json
from datetime import datetime

from whoosh.analysis import RegexTokenizer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from .analysis import (
    WORD,
    article_words,
    folded_positions,
    folding_analyzer,
    stem_counts,
    stemming_analyzer,
    words,
)
from .compounds import PartsFilter, part_counts
from .models import UNDATED, iso
from .whoosh_internals.positions import Places
from .whoosh_internals.positions import encode as encode_positions

# Not typing's: importing typing costs ~2 ms of a one-shot search's start
# (``python -X importtime``); ``Any`` is only ever an annotation here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .models import Article

FACET_FIELDS = ("lang", "countries", "year", "month", "source")


class Analyzed(str):
    """A text field's value with its words already counted (``analysis.article_words``
    finds the words of ``exact`` and ``stem`` in one pass), so the field need not find
    them again. Only for fields that are not stored."""

    words: dict

    def __new__(cls, value: str, words: dict) -> Analyzed:
        self = super().__new__(cls, value)
        self.words = words
        return self


class FoldedText(TEXT):
    """A TEXT field of ``folding_analyzer`` words, with positions, whose postings are
    computed straight from the words (``analysis.folded_positions``): the same postings
    Whoosh's analyzer chain gives (a test holds them equal), without a Token object and a
    generator step per word. Queries still use the analyzer. Positions are stored in
    ``positions.Places``, which a phrase checks without decoding them."""

    format: Any  # Whoosh's, set by TEXT

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        if type(self.format) is Positions:
            self.format = Places(field_boost=self.format.field_boost)

    @property
    def pooled_as(self) -> str | None:
        """What the writer's pool takes ``indexed_words`` as (``writer.TermPool``)."""
        return "places" if type(self.format) is Places else None

    def indexed_words(self, value: str) -> dict[str, list[int]]:
        """Each word the field indexes of ``value``, and its positions."""
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not unicode or sequence")
        return value.words if isinstance(value, Analyzed) else folded_positions(value)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        boost = self.format.field_boost
        return [(word.encode("utf-8"), len(poses), len(poses) * boost, encode_positions(poses))
                for word, poses in self.indexed_words(value).items()]


class StemmedText(TEXT):
    """A TEXT field of ``stemming_analyzer`` stems with frequencies, computed straight
    from the words (``analysis.stem_counts``), like ``FoldedText``."""

    @property
    def pooled_as(self) -> str | None:
        """What the writer's pool takes ``indexed_words`` as (``writer.TermPool``)."""
        return "counts" if type(self.format) is Frequency else None

    def indexed_words(self, value: str) -> dict[str, int]:
        """Each stem the field indexes of ``value``, and how often."""
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not unicode or sequence")
        return value.words if isinstance(value, Analyzed) else stem_counts(value)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        boost = self.format.field_boost
        return [(word.encode("utf-8"), n, n * boost, pack_uint(n))
                for word, n in self.indexed_words(value).items()]


class DayDate(DATETIME):
    """The ``date`` field: an article's date and time in the sort column, its day alone
    in the terms. The terms only answer ``date:`` in a query, which names a year, a month
    or a day (``periods.parse_period``); the filters and each hit read the column. Whoosh
    indexes a date as 8 terms of its microseconds, so at full precision the low ones were
    nearly every article's own: of a 200,000-article synthetic library, 17.8 MB of terms
    and 20.8 MB of postings (``python -m benchmarks.size_breakdown``). By the day, the
    articles of one day share all 8."""

    def index(self, num, **kwargs):
        if isinstance(num, datetime):
            num = num.replace(hour=0, minute=0, second=0, microsecond=0)
        return super().index(num, **kwargs)


class PartsText(StemmedText):
    """The ``parts`` field: counted straight from the words, like ``StemmedText``."""

    def indexed_words(self, value: str) -> dict[str, int]:
        if isinstance(value, str) and not isinstance(value, Analyzed):
            found = words(value)
            value = Analyzed(value, part_counts(folded_positions(" ".join(found[1:])),
                                                found[0]) if found else {})
        return super().indexed_words(value)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        format=ID(stored=True),
        title=FoldedText(analyzer=folding_analyzer(), stored=True, field_boost=2.0),
        exact=FoldedText(analyzer=folding_analyzer(), phrase=True, spelling=True),
        stem=StemmedText(analyzer=stemming_analyzer(), phrase=False),
        parts=PartsText(analyzer=RegexTokenizer(WORD) | PartsFilter(), phrase=False),
        lang=ID(stored=True),
        countries=KEYWORD(stored=True, commas=True, scorable=False),
        named=TEXT(analyzer=RegexTokenizer(r"[a-z]{2}"), phrase=False),
        # Not stored: facets and filters read their terms, a hit its date and ``meta``,
        # and the date is read from its column.
        year=ID(),
        month=ID(),
        source=ID(),
        date=DayDate(sortable=True),
        body=STORED(),
        meta=STORED(),
    )


def document(article: Article) -> dict[str, Any]:
    """One Whoosh document for one enriched article."""
    exact, stems = article_words(article.title, article.text, article.lang)
    doc: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "format": article.format,
        "title": article.title,
        "exact": Analyzed(f"{article.title}\n{article.text}", exact),
        "stem": Analyzed(f"{article.lang} {article.title}\n{article.text}", stems),
        "parts": Analyzed(f"{article.lang} {article.title}\n{article.text}",
                          part_counts(exact, article.lang)),
        "lang": article.lang,
        "countries": ",".join(article.countries),
        "named": named(article),
        "year": f"{article.date:%Y}" if article.date else UNDATED,
        "month": f"{article.date:%Y-%m}" if article.date else UNDATED,
        "source": (article.source or "").strip(),
        "body": article.text,
        "meta": json.dumps(_meta(article), ensure_ascii=False, separators=(",", ":")),
    }
    if article.date:
        doc["date"] = article.date
    return doc


def named(article: Article) -> str:
    """The ``named`` field: each country's code as often as the article names it (a
    country from metadata alone, once), so a search for a country word scores an article
    in any language by its own mentions, as if the word were in it (BM25F's term
    frequency)."""
    counts = dict(article.country_mentions)
    for code in article.countries:
        counts.setdefault(code, 1)
    return " ".join(code.lower() for code, n in counts.items() for _ in range(n))


def _meta(article: Article) -> dict[str, Any]:
    return {
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "entry": article.entry,
        "lang_prob": article.lang_prob,
        "date_source": article.date_source,
        "date_evidence": article.date_evidence,
        "country_mentions": article.country_mentions,
        **({"crawled": iso(article.crawled)} if article.crawled else {}),
    }
