"""``.json`` (one article or a list of them) and ``.jsonl`` (one article per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..models import RawArticle
from .encoding import text_lines
from .errors import EntryError, SourceError, describe
from .fields import URL, article_from_mapping, as_text, pick


def _entry_key(item: Any, position: int) -> str:
    url = as_text(pick(item, URL)) if isinstance(item, dict) else None
    return url or str(position)


def read_json(path: str, text: str, fmt: str = "json") -> Iterator[RawArticle | EntryError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise SourceError(f"invalid JSON at {where}: {exc.msg}") from None
    if isinstance(data, dict):
        articles = pick(data, ("articles", "items", "entries", "data", "results"))
        if isinstance(articles, list):
            data = articles
        else:
            yield article_from_mapping(data, path=path, fmt=fmt)
            return
    if not isinstance(data, list):
        raise SourceError("JSON holds neither an article object nor a list of articles")
    for position, item in enumerate(data):
        try:
            yield article_from_mapping(item, path=path, fmt=fmt,
                                       entry=_entry_key(item, position))
        except SourceError as exc:
            yield EntryError(f"item {position}", str(exc))
        except Exception as exc:  # a value no field reader expected: this item's problem
            yield EntryError(f"item {position}", describe(exc))


def read_jsonl(path: str, text: str, fmt: str = "jsonl") -> Iterator[RawArticle | EntryError]:
    return read_jsonl_lines(path, text_lines(text), fmt)


def read_jsonl_lines(path: str, lines: Iterable[str],
                     fmt: str = "jsonl") -> Iterator[RawArticle | EntryError]:
    """The articles of a JSONL file's lines (``read_jsonl``'s, or ``encoding.decode_lines``'
    as each is decoded)."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            yield article_from_mapping(item, path=path, fmt=fmt, entry=_entry_key(item, lineno))
        except json.JSONDecodeError as exc:
            yield EntryError(f"line {lineno}", f"invalid JSON at column {exc.colno}: {exc.msg}")
        except RecursionError:
            yield EntryError(f"line {lineno}", "JSON nested too deeply to read")
        except SourceError as exc:
            yield EntryError(f"line {lineno}", str(exc))
        except Exception as exc:  # a 5,000-digit number, say: this line's problem
            yield EntryError(f"line {lineno}", describe(exc))
