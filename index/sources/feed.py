"""RSS and Atom feeds: one article per entry (feedparser; no external entities).

feedparser's own HTML sanitizer is not used: it handles each tag in Python, a few seconds
per MB of ``<p <b <br`` or of bare ``<`` in a CDATA section. The markup only becomes
plain text here, never HTML shown to anyone, so dropping the elements whose content is
not text (scripts, styles, comments) and then every tag, in linear time, is enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .errors import EntryError, SourceError, describe

# A tag ends at its ``>`` or at the next ``<``: scanning on to the end of the text from
# every unclosed ``<`` (200 kB of ``<`` in a CDATA section) took half a minute.
_TAG = re.compile(r"<[^<>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote)\b[^<>]*>", re.I)
_HIDDEN = re.compile(r"<(script|style|template|noscript|iframe|object)\b|<!--", re.I)
"""Where content that is not text starts: it runs to the element's end tag."""


def html_to_text(markup: str) -> str:
    """Feed content is HTML: keep paragraphs, drop tags, decode entities."""
    import html

    text = _BLOCK.sub("\n\n", _without_hidden(markup))
    text = html.unescape(_TAG.sub("", text))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _without_hidden(markup: str) -> str:
    """``markup`` without scripts, styles and comments (an unclosed one runs to the end).
    Each search starts where the last one ended: linear in the markup."""
    kept, at = [], 0
    while (start := _HIDDEN.search(markup, at)) is not None:
        kept.append(markup[at:start.start()])
        name = start.group(1)
        end = re.compile("-->" if name is None else rf"</{name}\b[^<>]*>", re.I)
        close = end.search(markup, start.end())
        at = close.end() if close else len(markup)
    kept.append(markup[at:])
    return "".join(kept)


def looks_like_feed(text: str) -> bool:
    head = text[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(path: str, data: bytes, fmt: str = "xml") -> Iterator[RawArticle | EntryError]:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise SourceError(f"not a readable RSS/Atom feed ({reason})" if reason
                          else "feed has no entries")
    for position, entry in enumerate(parsed.entries):
        try:
            yield _article(path, fmt, parsed.feed, position, entry)
        except SourceError as exc:
            yield EntryError(f"entry {position}", str(exc))
        except Exception as exc:  # an odd value in one entry: that entry's problem
            yield EntryError(f"entry {position}", describe(exc))


def _article(path: str, fmt: str, feed, position: int, entry) -> RawArticle:
    content = entry.get("content")
    markup = content[0].get("value", "") if content else entry.get("summary", "")
    text, title = html_to_text(markup or ""), entry.get("title")
    if not text and not title:
        raise SourceError("no title or text")
    date = entry.get("published_parsed") or entry.get("updated_parsed")
    lang = (entry.get("language") or feed.get("language") or "")[:2].lower() or None
    return RawArticle(
        path=path, format=fmt, entry=entry.get("link") or entry.get("id") or str(position),
        text=text, title=title, date=parse_date_value(date), lang=lang,
        source=feed.get("title"), url=entry.get("link"), author=entry.get("author"),
    )
