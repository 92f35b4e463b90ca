"""The one Whoosh schema, declared once, and the document builder that fills it.

Field roles:

- ``exact``: folded, unstemmed, with positions: exact words, phrases, prefixes, fuzzy terms,
  spelling suggestions.
- ``stem``: folded stems in the article's own language, no positions: inflection-tolerant
  matching (``Abkommens`` finds ``Abkommen``).
- ``title``: folded title words, boosted.
- ``lang``, ``countries``, ``year``, ``month``, ``source``: facet and filter values.
- ``date``: sortable; ``undated`` articles have none and sort last.
- ``body`` and ``meta``: stored only, for snippets and ``show``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import islice
from pickle import dumps
from typing import Any

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.system import pack_uint

from .analysis import (article_words, folded_positions, folding_analyzer, stem_counts,
                       stemming_analyzer)
from .models import UNDATED, Article


FACET_FIELDS = ("lang", "countries", "year", "month", "source")


class Analyzed(str):
    """A text field's value with its words already counted (``analysis.article_words``
    finds the words of ``exact`` and ``stem`` in one pass), so the field need not find
    them again. Only for fields that are not stored."""

    def __new__(cls, value: str, words: dict) -> Analyzed:
        self = super().__new__(cls, value)
        self.words = words
        return self


class FoldedText(TEXT):
    """A TEXT field of ``folding_analyzer`` words, with positions, whose postings are
    computed straight from the words (``analysis.folded_positions``): the same postings
    Whoosh's analyzer chain gives (a test holds them equal), without a Token object and a
    generator step per word. Queries still use the analyzer."""

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        boost = self.format.field_boost
        found = value.words if isinstance(value, Analyzed) else folded_positions(value)
        return [(word.encode("utf-8"), len(poses), len(poses) * boost, encode_positions(poses))
                for word, poses in found.items()]


@lru_cache(maxsize=4096)
def _one_position(pos: int) -> bytes:
    return pack_uint(1) + dumps([pos], 2)


def encode_positions(poses: list[int]) -> bytes:
    """Whoosh's ``Positions.encode`` (a count, then the pickled gaps), the same bytes. Most
    words stand once in an article, so those few thousand encodings are kept; a block's
    pickle then refers back to an earlier copy of the same bytes object instead of repeating
    it, which makes the postings file ~2% smaller and reads back the same values."""
    if len(poses) == 1:
        return _one_position(poses[0])
    gaps = [poses[0]]
    gaps += [b - a for a, b in zip(poses, islice(poses, 1, None))]
    return pack_uint(len(gaps)) + dumps(gaps, 2)


class StemmedText(TEXT):
    """A TEXT field of ``stemming_analyzer`` stems with frequencies, computed straight
    from the words (``analysis.stem_counts``), like ``FoldedText``."""

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        boost = self.format.field_boost
        found = value.words if isinstance(value, Analyzed) else stem_counts(value)
        return [(word.encode("utf-8"), n, n * boost, pack_uint(n)) for word, n in found.items()]


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        format=ID(stored=True),
        title=FoldedText(analyzer=folding_analyzer(), stored=True, field_boost=2.0),
        exact=FoldedText(analyzer=folding_analyzer(), phrase=True, spelling=True),
        stem=StemmedText(analyzer=stemming_analyzer(), phrase=False),
        lang=ID(stored=True),
        countries=KEYWORD(stored=True, commas=True, scorable=False),
        year=ID(stored=True),
        month=ID(stored=True),
        source=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
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
        "lang": article.lang,
        "countries": ",".join(article.countries),
        "year": f"{article.date:%Y}" if article.date else UNDATED,
        "month": f"{article.date:%Y-%m}" if article.date else UNDATED,
        "source": (article.source or "").strip(),
        "body": article.text,
        "meta": json.dumps(_meta(article), ensure_ascii=False, separators=(",", ":")),
    }
    if article.date:
        doc["date"] = article.date
    return doc


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
    }
