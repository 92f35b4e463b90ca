"""RawArticle -> Article: cleanup, language, date, countries, in that order.

Order matters: cleanup first, so a caption printed twice or a photo credit neither matches a
query nor counts as a country mention; the date comes from the original header zone, where
the byline that cleanup drops still sits; metadata always wins over detection.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection

from ..models import UNDETERMINED, Article, RawArticle
from ..sanitize import language_code, one_line
from .cleanup import clean_text
from .countries import count_mentions, find_mentions
from .dates import find_header_date
from .language import Verdict, explain_language

ID_CHARS = 12


def article_id(path: str, entry: str | None = None) -> str:
    """Stable id: the same file (and entry) always gets the same id."""
    key = path if entry is None else f"{path}#{entry}"
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8)
    return digest.hexdigest()[:ID_CHARS]


def enrich(raw: RawArticle, repeated: Collection[int] = frozenset(),
           lang_prior: str | None = None) -> Article:
    """Detect everything the facets need; ``repeated`` are line keys of this source's
    boilerplate (lines seen in many of its articles); ``lang_prior`` is the language most
    of its source is written in, the answer for a short or unsure item."""
    cleaned = clean_text(raw.text, repeated)
    text = cleaned.text
    title = one_line(raw.title) or _first_line(text)
    lang = language_code(raw.lang)  # the sources say so already; any RawArticle may not
    lang, prob, why = (Verdict(lang, 1.0, "metadata") if lang
                       else explain_language(f"{title}\n{text}", lang_prior))
    date, date_source, evidence = raw.date, ("metadata" if raw.date else None), None
    if date is None:
        found = find_header_date(f"{raw.title}\n{raw.text}" if raw.title else raw.text, lang)
        if found:
            date, date_source, evidence = found.value, "header", found.evidence
    mentions = tuple(find_mentions(f"{title}\n{text}", lang))
    counts = count_mentions(mentions)
    countries = tuple(dict.fromkeys(raw.countries + tuple(counts)))
    return Article(
        id=article_id(raw.path, raw.entry),
        path=raw.path,
        format=raw.format,
        title=title,
        text=text,
        lang=lang or UNDETERMINED,
        lang_prob=prob,
        lang_evidence=why,
        date=date,
        date_source=date_source,
        date_evidence=evidence,
        countries=countries,
        country_mentions=counts,
        source=source_of(raw),
        url=raw.url,
        author=raw.author,
        entry=raw.entry,
        dropped=cleaned.dropped,
        mentions=mentions,
        notes=raw.notes,
        crawled=raw.crawled,
    )


def source_of(raw: RawArticle) -> str:
    """The article's source; files without source metadata belong to the folder they sit
    in (``archive/nzz/x.txt`` -> ``nzz``)."""
    return raw.source or one_line(os.path.basename(os.path.dirname(raw.path))) or ""


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 160 else line[:160].rsplit(" ", 1)[0] + "…"
