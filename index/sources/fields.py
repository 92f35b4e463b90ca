"""Common metadata field names, shared by the JSON, Markdown and feed readers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .errors import SourceError

TITLE = ("title", "headline", "name")
TEXT = ("text", "body", "content", "article", "description", "summary")
DATE = ("date", "published", "pubDate", "pubdate", "published_at", "publishedAt",
        "datePublished", "date_published", "created", "time")
URL = ("url", "link", "href")
LANG = ("lang", "language", "inLanguage")
SOURCE = ("source", "site", "publisher", "outlet", "feed", "sitename")
AUTHOR = ("author", "byline", "authors", "creator")
COUNTRIES = ("countries", "country")


def pick(data: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    """The first present, non-empty value among ``names`` (case-insensitive keys)."""
    lowered = {str(k).lower(): v for k, v in data.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def as_text(value: Any) -> str | None:
    """Flatten a field value (string, list of strings, {"name": …} object) to a string."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        return as_text(pick(value, ("name", "title", "text", "value", "#text")))
    if isinstance(value, (list, tuple)):
        parts = [as_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    return str(value)


def as_codes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    from ..enrich.countries import resolve_country

    codes = (resolve_country(str(item).strip()) for item in items)
    return tuple(dict.fromkeys(code for code in codes if code))


def article_from_mapping(data: Mapping[str, Any], path: str, fmt: str,
                         entry: str | None = None) -> RawArticle:
    """Build a RawArticle from a JSON object / front matter. Raises SourceError when the
    object has neither text nor title."""
    if not isinstance(data, Mapping):
        raise SourceError(f"expected an article object, found {type(data).__name__}")
    text = as_text(pick(data, TEXT))
    title = as_text(pick(data, TITLE))
    if not text and not title:
        raise SourceError("no text or title field (looked for text/body/content, title/headline)")
    lang = as_text(pick(data, LANG))
    return RawArticle(
        path=path,
        entry=entry,
        format=fmt,
        text=text or "",
        title=title,
        date=parse_date_value(pick(data, DATE)),
        lang=lang.lower().split("-")[0].split("_")[0] if lang else None,
        source=as_text(pick(data, SOURCE)),
        url=as_text(pick(data, URL)),
        author=as_text(pick(data, AUTHOR)),
        countries=as_codes(pick(data, COUNTRIES)),
    )
