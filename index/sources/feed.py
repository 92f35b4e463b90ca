"""RSS, RDF and Atom feeds: one article per entry (feedparser; no external entities).

Whether a file is a feed is feedparser's call, not a look at the first bytes: RSS 2.0 with
namespaced modules, RSS 1.0 under any prefix, or a long comment before the root element are
all feeds it reads. A document it finds no version and no entries in is refused.

Titles and texts are feedparser's parsed values, which are still HTML when the feed says so
(``type="html"``, an escaped or CDATA title in RSS): they are turned into plain text here,
entities decoded and tags dropped, so ``&amp;``, ``&#38;`` or ``<b>`` are never shown.
feedparser's own HTML sanitizer is off: it handles each tag in Python (a few seconds per MB
of ``<p <b <br`` or of bare ``<`` in a CDATA section), while lxml's parser here is linear
and drops what is not text (scripts, styles) itself; the markup only ever becomes text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .encoding import decode, looks_binary
from .errors import EntryError, SourceError, describe

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# A value feedparser calls plain text that still carries markup: the feed escaped it twice,
# or declared HTML as text. Only common inline tags and entities count, so "3 < 5" or
# "<tag>" in a text about markup stay as they are.
_MARKUP = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|span|br|p|div|font|sup|sub|small|big|img|abbr|cite|code|q"
    r"|strike|mark|h[1-6])(?:\s[^<>]{0,500})?/?>"
    r"|&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});",
    re.I,
)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "pre", "ul", "ol", "table", "section", "article", "figure", "hr")
_SPACES = re.compile(r"[ \t\f\v\u00a0]{1,1000}")
_BLANK_LINES = re.compile(r"\n{3,1000}")
_XML_DECLARATION = re.compile(r"\s{0,100}<\?xml\s[^>]{0,300}\?>")


def html_to_text(markup: str) -> str:
    """Feed content is HTML: keep paragraphs, drop tags (and scripts, styles), decode
    entities, CDATA included (lxml's HTML parser)."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        import html

        return _tidy(html.unescape(markup))
    for element in root.iter("script", "style", "noscript", "template"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def as_text(value: str | None, kind: str | None) -> str:
    """A feed value as plain text: HTML (by its declared type, or by the markup it still
    carries) through ``html_to_text``, plain text as it is."""
    if not value:
        return ""
    if kind in _HTML_TYPES or _MARKUP.search(value):
        return html_to_text(value)
    return _tidy(value)


def _squeezed(text: str) -> str | None:
    """Runs of white space as one space (line breaks are made safe later, for every format,
    by ``sources._cleaned``)."""
    return " ".join(text.split()) or None


def _title(entry: Mapping[str, Any]) -> str | None:
    detail = entry.get("title_detail") or {}
    return _squeezed(as_text(entry.get("title"), detail.get("type")))


def _text(entry: Mapping[str, Any]) -> str:
    """The fullest body: the entry's content, else its summary (description)."""
    for part in entry.get("content") or ():
        text = as_text(part.get("value"), part.get("type"))
        if text:
            return text
    detail = entry.get("summary_detail") or {}
    return as_text(entry.get("summary"), detail.get("type"))


def utf8_document(data: bytes) -> bytes:
    """The feed's bytes as UTF-8, decoded the way XML says (byte-order mark, declaration,
    then detection), with a declaration feedparser will not second-guess."""
    text, _ = decode(data)
    declaration = _XML_DECLARATION.match(text)
    if declaration:
        text = '<?xml version="1.0" encoding="utf-8"?>' + text[declaration.end():]
    return text.encode("utf-8", "replace")


def _why_no_entries(parsed: Mapping[str, Any]) -> str:
    problem = parsed.get("bozo_exception")
    detail = str(problem).splitlines()[0] if problem and str(problem).strip() else ""
    if not parsed.get("version"):
        return "XML file is not an RSS or Atom feed" + (f" ({detail})" if detail else "")
    return f"not a readable RSS/Atom feed ({detail})" if detail else "feed has no entries"


def read_feed(path: str, data: bytes, fmt: str = "xml") -> Iterator[RawArticle | EntryError]:
    import feedparser

    if looks_binary(data):
        raise SourceError("binary file, not text")
    try:
        document = utf8_document(data)
    except SourceError:  # no encoding fits: feedparser's own fallbacks may still read it
        document = data
    parsed = feedparser.parse(document, sanitize_html=False,
                               resolve_relative_uris=False)
    if not parsed.entries:
        raise SourceError(_why_no_entries(parsed))
    source = _squeezed(as_text(parsed.feed.get("title"),
                              (parsed.feed.get("title_detail") or {}).get("type")))
    seen: set[str] = set()
    for position, entry in enumerate(parsed.entries):
        try:
            item = _article(path, fmt, parsed.feed, source, position, entry, seen)
        except Exception as exc:  # an odd value in one entry: that entry's problem
            item = EntryError(f"entry {position}", describe(exc))
        yield item


def _article(path: str, fmt: str, feed: Mapping[str, Any], source: str | None, position: int,
             entry: Mapping[str, Any], seen: set[str]) -> RawArticle | EntryError:
    text, title = _text(entry), _title(entry)
    if not text and not title:
        return EntryError(f"entry {position}", "no title or text")
    key = entry.get("link") or entry.get("id") or str(position)
    if key in seen:  # two entries with one link are two articles, not one replaced
        key = f"{key}#{position}"
    seen.add(key)
    date = (entry.get("published_parsed") or entry.get("created_parsed")
            or entry.get("updated_parsed"))
    lang = (entry.get("language") or feed.get("language") or "")[:2].lower() or None
    return RawArticle(
        path=path, format=fmt, entry=key, text=text, title=title,
        date=parse_date_value(date), lang=lang, source=source, url=entry.get("link"),
        author=_squeezed(as_text(entry.get("author"), None)),
    )
