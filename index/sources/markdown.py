"""``.md`` articles with optional YAML front matter; front matter wins over detection."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import RawArticle
from .errors import detail
from .fields import article_from_mapping
from .plaintext import split_title

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
# Every pattern that runs on the body is linear: a scan from one ``[`` stops at the next
# ``[`` (100,000 ``[`` took 48 s when it ran to the end of the file from each one), and
# emphasis marks are dropped where they touch a word, not matched in pairs (a pair search
# from every unclosed ``_`` scanned the rest of its line).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"(?<![\w*_`])[*_`]+(?=[^\s*_`])|(?<=[^\s*_`])[*_`]+(?![\w*_`])")


def strip_markdown(text: str) -> str:
    """Markdown syntax out, words in: headings, links, emphasis, quote markers."""
    text = _HEADING.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"^>\s?", "", text, flags=re.M)


def split_front_matter(text: str) -> tuple[dict | None, str, str | None]:
    """(front matter mapping or None, body, problem). Safe loader only: no tags, no code."""
    match = _FRONT.match(text)
    if not match:
        return None, text, None
    body = text[match.end():]
    import yaml

    try:
        meta = yaml.load(match.group(1), Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        return None, body, f"front matter is not valid YAML{where}; used the body alone"
    except Exception as exc:  # a value yaml cannot build (a 5,000-digit number)
        return None, body, f"front matter unreadable ({detail(exc)}); used the body alone"
    if meta is None:
        return None, body, None
    if not isinstance(meta, dict):
        return None, body, "front matter is not a mapping of fields; used the body alone"
    return meta, body, None


def _loader():
    """yaml's safe loader (no tags, no code), refusing aliases: a kilobyte of nested
    aliases unfolds into billions of strings (the "billion laughs")."""
    import yaml

    class NoAliasSafeLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases are not allowed", event.start_mark)
            return super().compose_node(parent, index)

    # Dates stay text for parse_date_value, which reads them as every other format's and
    # leaves an impossible one (2025-02-30) undated, where yaml's own would raise.
    NoAliasSafeLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                      yaml.SafeLoader.construct_scalar)
    return NoAliasSafeLoader


def read_markdown(path: str, text: str, fmt: str = "md") -> Iterator[RawArticle]:
    meta, body, problem = split_front_matter(text)
    heading = _HEADING.search(body)
    plain = strip_markdown(body).strip()
    if meta:
        meta = dict(meta)
        meta.setdefault("text", plain)
        if "title" not in meta and heading:
            meta["title"] = heading.group(1)
        article = article_from_mapping(meta, path=path, fmt=fmt)
    else:
        title, rest = split_title(plain)
        article = RawArticle(path=path, text=rest or title, format=fmt, title=title)
    if problem:
        article = _with_note(article, problem)
    yield article


def _with_note(article: RawArticle, note: str) -> RawArticle:
    from dataclasses import replace

    return replace(article, notes=article.notes + (note,))
