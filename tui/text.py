"""Pure text helpers for the app: which words to mark, how to wrap, what to call a code.

Nothing here imports Textual, so these are plain unit-tested functions.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from rich.cells import cell_len

from index.analysis import WORD, fold, stem
from index.highlight import Terms

_TOKEN = re.compile(r'-?"[^"]*"|\S+')
_OPERATORS = {"AND", "OR", "NOT"}
_TEXT_FIELDS = {"title", "text", "body"}


def query_terms(query: str, lang: str) -> Terms:
    """The words of ``query`` to mark in an article in ``lang``.

    A stand-in for the engine's own highlight terms (it compiles the query with the index's
    knowledge of fuzzy expansions): words match folded or stemmed, ``word*`` by prefix;
    negated words and facet fields (``lang:de``) mark nothing.
    """
    words, stems, prefixes = set(), set(), []
    skip_next = False
    for token in _TOKEN.findall(query):
        if token in _OPERATORS:
            skip_next = token == "NOT"
            continue
        if skip_next or token.startswith("-"):
            skip_next = False
            continue
        field, sep, value = token.partition(":")
        if sep and value and WORD.fullmatch(field):
            if field.lower() not in _TEXT_FIELDS:
                continue
            token = value
        quoted = token.startswith('"')
        token = token.strip('"()')
        if token.endswith("*") and not quoted:
            prefixes += [fold(w) for w in WORD.findall(token[:-1])][-1:]
            continue
        for word in WORD.findall(token.split("~")[0]):
            words.add(fold(word))
            if not quoted:
                stems.add(stem(word.lower(), lang))
    return Terms(frozenset(words), frozenset(stems), tuple(prefixes))


def reflow(text: str) -> str:
    """Undo hard wrapping (old wire copy breaks lines at ~65 columns), keeping offsets.

    When most lines are 40-80 characters long, a single newline inside a paragraph becomes a
    space (same length, so match offsets still hold); blank lines and indented lines still
    start paragraphs.
    """
    lines = text.split("\n")
    full = [line for line in lines if line.strip()]
    if len(full) < 5 or sum(40 <= len(line) <= 80 for line in full) < 0.8 * len(full):
        return text
    out = list(text)
    at = 0
    for line, following in zip(lines, lines[1:]):
        at += len(line)
        if line.strip() and following.strip() and not following[:1].isspace():
            out[at] = " "
        at += 1
    return "".join(out)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) offsets of each screen line of ``text``.

    Lines break at spaces (a word longer than ``width`` is cut); every ``\\n`` starts a new
    line. Offsets let the article view map match spans to screen lines.
    """
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    at = 0
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, at, width)
        at += len(paragraph) + 1
    return lines


def _wrap_paragraph(par: str, offset: int, width: int) -> list[tuple[int, int]]:
    if not par.strip():
        return [(offset, offset)]
    out = []
    start = 0
    while start < len(par):
        end, cells = start, 0
        while end < len(par) and cells + cell_len(par[end]) <= width:
            cells += cell_len(par[end])
            end += 1
        if end < len(par):
            cut = par.rfind(" ", start, end + 1)
            end = cut if cut > start else end
        out.append((offset + start, offset + end))
        start = end
        while start < len(par) and par[start] == " ":
            start += 1
    return out


@lru_cache(maxsize=512)
def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ("de" -> "German"); the code when unknown."""
    if code in ("und", ""):
        return "undetermined"
    from babel import Locale

    return Locale("en").languages.get(code, code)


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    from index.enrich.countries import country_name as name

    return name(code, "en") or code


def date_label(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "undated"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
