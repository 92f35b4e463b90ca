"""RSS and Atom feeds: one article per entry (feedparser; no external entities)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .errors import EntryError, SourceError

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote)\b[^>]*>", re.I)


def html_to_text(markup: str) -> str:
    """Feed content is HTML: keep paragraphs, drop tags, decode entities."""
    import html

    text = _BLOCK.sub("\n\n", markup)
    text = html.unescape(_TAG.sub("", text))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def looks_like_feed(text: str) -> bool:
    head = text[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(path: str, data: bytes, fmt: str = "xml") -> Iterator[RawArticle | EntryError]:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise SourceError(f"not a readable RSS/Atom feed ({reason})" if reason
                          else "feed has no entries")
    source = parsed.feed.get("title")
    for position, entry in enumerate(parsed.entries):
        content = entry.get("content")
        markup = content[0].get("value", "") if content else entry.get("summary", "")
        text, title = html_to_text(markup or ""), entry.get("title")
        if not text and not title:
            yield EntryError(f"entry {position}", "no title or text")
            continue
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        lang = (entry.get("language") or parsed.feed.get("language") or "")[:2].lower() or None
        yield RawArticle(
            path=path, format=fmt, entry=entry.get("link") or entry.get("id") or str(position),
            text=text, title=title, date=parse_date_value(date), lang=lang,
            source=source, url=entry.get("link"), author=entry.get("author"),
        )
