"""Plain ``.txt`` articles: the title is the first line (or its first sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import RawArticle

MAX_TITLE = 160
_SENTENCE_END = re.compile(r"(?<=[.!?…»\"])\s+(?=[A-ZÄÖÜÀ-Ý0-9«\"„])")


def split_title(text: str) -> tuple[str, str]:
    """Return (title, body). A short first line is the title and leaves the body;
    a long first line (a lead paragraph, as in many exported articles) lends its first
    sentence as the title and stays in the body."""
    stripped = text.strip()
    if not stripped:
        return "", ""
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if len(first) <= MAX_TITLE:
        return first, rest.strip()
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0]
    if len(sentence) > MAX_TITLE:
        sentence = sentence[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return sentence, stripped


def read_text(path: str, text: str, fmt: str = "txt") -> Iterator[RawArticle]:
    title, body = split_title(text)
    yield RawArticle(path=path, text=body or title, format=fmt, title=title)
