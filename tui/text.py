"""Pure text helpers for the app: a query being typed, how to wrap, what to call a code.

Nothing here imports Textual, so these are plain unit-tested functions.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from itertools import pairwise

from rich.cells import cell_len


def still_typing(query: str) -> bool:
    """Whether the last word of ``query`` (as typed, untrimmed) may be unfinished, so the
    engine should also match it as a prefix: nothing after it yet. A space ends the word
    (as in Meilisearch); so does an open phrase's closing quote. Which words can be prefixes
    (three letters or more, not field values) is the engine's rule."""
    return bool(query) and not query[-1].isspace() and query.count('"') % 2 == 0


def as_typed(query: str) -> str:
    """The query to run while it is being typed: a phrase still open is closed (not an
    "unbalanced quote" error on every key until the closing quote)."""
    query = query.strip()
    return query + '"' if query.count('"') % 2 else query


def reflow(text: str) -> str:
    """Undo hard wrapping (old wire copy breaks lines at ~65 columns), keeping offsets.

    Hard-wrapped text has no line over ~80 characters and many near the margin (a paragraph's
    last line is shorter, and Reuters paragraphs are two or three lines, so only half need
    be). Then a single newline inside a paragraph becomes a space (same length, so match
    offsets still hold); blank lines and indented lines still start paragraphs.
    """
    lines = text.split("\n")
    full = [len(line) for line in lines if line.strip()]
    wrapped = (len(full) >= 5 and sum(n <= 80 for n in full) >= 0.95 * len(full)
               and sum(n >= 40 for n in full) >= 0.5 * len(full))
    if not wrapped:
        return text
    out = list(text)
    at = 0
    for line, following in pairwise(lines):
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


_NAMES: dict[str, dict[str, str]] = {}
"""English names by code, "languages" and "territories": as the engine made them
(``install_names``: this process then never loads CLDR data), else loaded here when first
asked for."""


def all_names(library=None) -> dict[str, dict[str, str]]:
    """Every language's and country's English name by code (~1,000 names; babel takes
    ~50 ms to load them, and more to import; measured once, no benchmark tracks it): made by
    the engine, where the article pane needs them anyway, and sent to the app in one piece
    for ``install_names``."""
    from babel import Locale

    english = Locale("en")
    return {"languages": dict(english.languages), "territories": dict(english.territories)}


def install_names(names: dict[str, dict[str, str]]) -> None:
    """Names from ``all_names``, for ``language_name`` and ``country_name`` from now on."""
    _NAMES.update(names)
    language_name.cache_clear()
    country_name.cache_clear()


def _names() -> dict[str, dict[str, str]]:
    if not _NAMES:
        _NAMES.update(all_names())
    return _NAMES


@lru_cache(maxsize=512)
def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ("de" -> "German"); the code when unknown."""
    if code in ("und", ""):
        return "undetermined"
    return _names()["languages"].get(code, code)


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """English name of an ISO 3166 code ("KZ" -> "Kazakhstan"); the code when unknown."""
    return _names()["territories"].get(code.upper(), code)


def date_label(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "undated"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
