"""Cleanup of plain text: take out what is not the article before it is indexed.

Removed lines neither match queries nor count as country mentions. Each rule is a small
predicate on one line, and every removal is reported (``Cleaned.dropped``) with its reason:

- ``byline`` / ``dateline``: header metadata, split off when glued together and to the next
  sentence (``Jana Kehl08.11.2025, 05.30 UhrDer kasachische Präsident…``). Only in the header
  (the first ``HEADER_LINES`` non-blank lines). The engine reads the publication date from the
  original text, so dropping the dateline loses nothing.
- ``caption printed twice``: a line that is one sentence written twice (``X.X.``), compared
  with all whitespace removed (the second copy often has U+00A0 where the first has spaces).
- ``photo credit``: a short line of agencies and names (``Alex Brandon / AP``, ``Imago``,
  ``(AFP)``) or with a credit label (``Foto: Keystone``, ``© dpa``). A short line without an
  agency or a label stays: headings look like that (``Investitionen stehen im Vordergrund``).
- ``site boilerplate`` and labels (``NZZ.ch benötigt JavaScript…``, ``Anzeige``, ``Read more``
  alone): phrases kept as data in ``cleanup_tables``. A teaser *with* a headline (``Mehr zum
  Thema - Nach Katar-Vorbild: …``) stays: it names what the story is about.
- ``repeated in many articles of this source``: lines whose ``line_key`` the engine counted in
  many articles of one source (``repeated``).

The text keeps its line structure: a removed line goes, and a blank line doubled by the
removal is folded into one. Nothing removed: the text comes back unchanged.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

# The stdlib's own regex parser: exact, and no new dependency (typeshed leaves it out).
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from ..models import Dropped
from . import cleanup_tables as tables
from . import date_tables
from .automaton import Automaton
from .date_tables import fold, names
from .dates import DateSpan, find_dates, is_header_prefix

HEADER_LINES = 6
"""Non-blank lines at the top where bylines and datelines are looked for."""
DATELINE_CHARS = 240
"""A header line's date is looked for in its first this many characters: a byline before it
is short, and a longer line is a paragraph. (Reading every date of a line of a megabyte, in
the header, cost a second to find the first.)"""
KEY_MAX_CHARS = 200
"""Longer lines are paragraphs: a paragraph shared by two articles is content (near-duplicates
link them), not boilerplate, so ``line_keys`` leaves it out."""
CREDIT_MAX_CHARS = 120
CREDIT_MAX_WORDS = 12
"""``Photo by Jane Doe for The New York Times`` has 9 words; a line of prose has more."""
BOILERPLATE_MAX_CHARS = 300
CAPTION_MIN_CHARS = 15
"""Each copy of a doubled caption has at least this many non-space characters."""

REASON_REPEATED = "repeated in many articles of this source"
SEPARATORS = " \t\u00a0,|·•–—-:"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))
_WORD = re.compile(r"[^\s,|/&]+")
_QUOTED = re.compile(r"[«„“\"][^«»„“”\"\n]{1,60}[»“”\"]")
_NAME_WORD = re.compile(r"(?:[A-ZÀ-ÞĀ-ſА-ЯЁ][\w.'’-]*|[A-Z]\.)$")


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text and every line (or glued piece of a line) taken out of it."""

    text: str
    dropped: tuple[Dropped, ...]
    """1-based line numbers of the original text."""


# ------------------------------------------------------------------------------ keys


def normalise(line: str) -> str:
    """NFKC (U+00A0 becomes a space), invisible characters removed, whitespace folded."""
    if line.isascii():  # most lines: nothing to compose, nothing invisible
        return " ".join(line.split())
    return " ".join(unicodedata.normalize("NFKC", line).translate(_INVISIBLE).split())


def line_key(line: str) -> int:
    """A stable 64-bit key of the casefolded, whitespace-folded line (not ``hash()``, which
    changes from one process to the next)."""
    return _key(normalise(line))


def _key(text: str) -> int:
    """``line_key`` of a normalised line (callers that have normalised it skip doing it again)."""
    digest = hashlib.blake2b(text.casefold().encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _candidate(text: str) -> bool:
    """Could this normalised line be boilerplate repeated across a source? Not blank, not
    letterless (``---``, ``1``), not a paragraph (``KEY_MAX_CHARS``)."""
    return 0 < len(text) <= KEY_MAX_CHARS and any(c.isalpha() for c in text)


EDGE_LINES = 4
"""Site furniture (bylines, sign-offs such as Reuters' ``Reuter``, footers, teasers) sits in
the first and last lines of an article; lines in between are not counted."""


def line_keys(text: str) -> set[int]:
    """Keys of the lines of ``text`` that could be a source's boilerplate (``_candidate``,
    among the first and last EDGE_LINES non-blank lines), split as ``clean_text`` splits
    them, so a glued byline counts on its own."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 2 * EDGE_LINES:
        lines = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    texts = (normalise(piece) for _, _, pieces in _split_lines("\n".join(lines))
             for piece, _ in pieces)
    return {_key(text) for text in texts if _candidate(text)}


# ------------------------------------------------------------------------------ header lines


def _name_like(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) or word.casefold() in tables.NAME_PARTICLES


def _is_agency(segment: str) -> bool:
    words = segment.casefold().split()
    while len(words) > 1 and words[-1] in tables.CREDIT_SUFFIXES:
        words.pop()
    return " ".join(words) in tables.AGENCIES


def _is_byline(text: str) -> bool:
    """``Jana Kehl``, ``Von Anna Muster, Berlin``, ``By Jane Doe and John Roe, Reuters``."""
    words = _WORD.findall(_QUOTED.sub(" Q ", text))  # «Каспийский вестник»: a paper's name
    if not words or len(text) > 80 or len(words) > 8:
        return False
    marker = words[0].casefold().rstrip(":") in tables.BYLINE_MARKERS
    body = words[1:] if marker else words
    names_ = [w for w in body if _name_like(w) and w.casefold() not in tables.NAME_PARTICLES]
    joins = {"und", "and", "et", "y", "e", "i", "и"}
    if any(not (_name_like(w) or w.casefold() in joins) for w in body):
        return False
    return len(names_) >= 2 or (len(names_) == 1 and (marker or _is_agency(names_[0])))


def _is_byline_line(line: str) -> bool:
    """A line that is only a byline introduced by a marker: ``By Jane Doe``."""
    first = line.split(maxsplit=1)[0].casefold().rstrip(":") if line.strip() else ""
    return first in tables.BYLINE_MARKERS and _is_byline(line.strip())


def _byline_end(prefix: str) -> int | None:
    """Where the byline ends in the text before a date: lead-in words, weekdays and
    particles just before the date belong to the dateline. None: not a header prefix."""
    weekdays = names("day")
    end = len(prefix)
    for word in reversed(list(re.finditer(r"[^\W\d_][\w.'’-]*", prefix))):
        folded = fold(word.group())
        if not (folded in date_tables.LEAD_WORDS or folded in weekdays
                or folded in date_tables.PARTICLES) or prefix[word.end():end].strip(SEPARATORS):
            break
        end = word.start()
    byline = prefix[:end].strip(SEPARATORS)
    if not byline or _is_byline(byline):
        return end
    # "Madrid, 8 de noviembre": a place opens the dateline
    return 0 if prefix[:end].rstrip().endswith(",") and _is_person(byline) else None


_ZONE_AFTER = re.compile(
    r"\(?(?:GMT|UTC|CET|CEST|MEZ|MESZ|WET|WEST|EET|EEST|BST|IST|MSK|JST|KST|AEST|AEDT|"
    r"[ECMP][SD]?T)(?:[+-]\d{1,2})?\)?(?![\w-])")


_STRONG_SEPARATOR = re.compile(r"\s+[|—–·•]\s+")


def _is_header_strip(line: str, span: DateSpan) -> bool:
    """``Rhein-Main Kurier | 15. März 2025, 09:42 Uhr | von Jonas Albrecht``: short segments
    between strong separators, one of them a date with a header-like prefix."""
    if len(line) > 160 or not _STRONG_SEPARATOR.search(line):
        return False
    start = 0
    for sep in [*_STRONG_SEPARATOR.finditer(line), None]:
        end = sep.start() if sep else len(line)
        segment = line[start:end].strip()
        if len(segment) > 60 or segment.endswith((".", "?", "!")):
            return False
        if start <= span.start < end:
            after = line[span.end:end].strip()
            if (span.end > end or not is_header_prefix(line[start:span.start])
                    or (after and not _ZONE_AFTER.fullmatch(after))):
                return False
        start = sep.end() if sep else end
    return True


def _split_dateline(line: str) -> list[tuple[str, str | None]]:
    """``Jana Kehl08.11.2025, 05.30 UhrDer …`` -> byline, dateline, rest of the line."""
    spans = find_dates(line[:DATELINE_CHARS])
    if not spans:
        return [(line, None)]
    span = spans[0]
    if _is_header_strip(line, span):
        return [(line.strip(), "dateline")]
    byline_end = _byline_end(line[:span.start])
    if byline_end is None or not is_header_prefix(line[:span.start]):
        return [(line, None)]  # "Der 9. Dezember 1888", "Am 8. November 2025": prose
    end = span.end
    after = line[end:]
    stripped = after.lstrip(" \t\u00a0")
    zone = _ZONE_AFTER.match(stripped)
    if zone:
        end += len(after) - len(stripped) + zone.end()
    rest = line[end:].lstrip(SEPARATORS)
    if rest and not (rest[0].isupper() or rest[0] in "«»\"„“‚‘'(["):
        return [(line, None)]  # "8. November 2025 war ein wichtiger Tag": the date is prose
    pieces: list[tuple[str, str | None]] = []
    if line[:byline_end].strip(SEPARATORS):
        pieces.append((line[:byline_end].strip(SEPARATORS), "byline"))
    pieces.append((line[byline_end:end].strip(SEPARATORS), "dateline"))
    if rest:
        pieces.append((rest, None))
    return pieces


def _split(line: str, in_header: bool) -> list[tuple[str, str | None]]:
    """The pieces of one line, each with its header reason (``byline``/``dateline``) or None."""
    if not in_header or not line.strip():
        return [(line, None)]
    if _is_byline_line(line):
        return [(line.strip(), "byline")]
    return _split_dateline(line)


def _split_lines(text: str) -> Iterator[tuple[int, str, list[tuple[str, str | None]]]]:
    """(line number, original line, pieces) for every line, "\\r" kept on the line."""
    seen = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        yield lineno, raw, _split(line, seen < HEADER_LINES)
        seen += bool(line.strip())


# ------------------------------------------------------------------------------ line rules


_LABELS = {label: reason for reason, labels in tables.LABEL_LINES.items() for label in labels}


def _label_reason(text: str) -> str | None:
    return _LABELS.get(text.casefold().strip(" :-–—›»>.…|"))


def required_literals(pattern: str) -> frozenset[str]:
    """Plain strings one of which every match of ``pattern`` contains, or none: the longest
    run of top-level literals (``newsletter abonnieren``), or one run for each alternative of
    a top-level group (``\\b(?:ad-?blocker|werbeblocker)\\b``), whichever has the longer
    shortest member."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return frozenset()  # its literals match in other cases too
    return _required(parsed)


def _required(items: Iterable[tuple[Any, Any]]) -> frozenset[str]:
    """``required_literals`` of a parsed pattern, or of one alternative of a group."""
    options, run = [], []
    for op, arg in [*items, (None, None)]:
        if op is _parser.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            options.append(frozenset(["".join(run)]))
        run = []
        if op is _parser.BRANCH:
            alternatives = [_required(alternative) for alternative in arg[1]]
            if all(alternatives):
                options.append(frozenset().union(*alternatives))
    return max(options, key=lambda option: min(map(len, option)), default=frozenset())


def _boilerplate_rules() -> tuple[Automaton, re.Pattern[str] | None]:
    """A pattern runs only on lines that contain one of its anchors (``required_literals``, of
    four characters at least): an Aho-Corasick automaton maps each anchor to the patterns that
    need it and finds them all in one pass (~1 µs a line; one alternation of all patterns cost
    ~65 µs, one of all anchors ~7 µs). Patterns without anchors are alternated together."""
    needs: dict[str, list[re.Pattern[str]]] = {}
    loose = []
    for pattern in tables.BOILERPLATE:
        anchors = required_literals(pattern)
        if anchors and min(map(len, anchors)) >= 4:
            rx = re.compile(pattern)
            for anchor in anchors:
                needs.setdefault(anchor, []).append(rx)
        else:
            loose.append(pattern)
    automaton = Automaton((anchor, tuple(patterns)) for anchor, patterns in needs.items())
    rest = re.compile("|".join(f"(?:{p})" for p in loose)) if loose else None
    return automaton, rest


_ANCHORS, _LOOSE = _boilerplate_rules()


def _is_boilerplate(low: str) -> bool:
    for _, patterns in _ANCHORS.iter(low):  # (end, patterns) for each anchor found
        if any(rx.search(low) for rx in patterns):
            return True
    return _LOOSE is not None and _LOOSE.search(low) is not None


_CREDIT_LABEL = re.compile(
    r"(?:" + "|".join(map(re.escape, tables.CREDIT_LABELS)) + r")\.?\s*(?::|©)|©|\(c\)\s")
_CREDIT_BY = re.compile(
    r"(?:" + "|".join(map(re.escape, tables.CREDIT_LABELS)) + r")\.?\s+(?:(?:" +
    "|".join(tables.CREDIT_BY) + r")\s+)?")
_SEGMENTS = re.compile(r"\s*[/|]\s*|\s*,\s*|\s+via\s+|\s+for\s+")
_CREDIT_WORDS = frozenset(
    word for entry in (*tables.AGENCIES, *tables.CREDIT_SUFFIXES, *tables.NAME_PARTICLES,
                       "via", "for")
    for word in entry.replace("/", " ").split())
"""The words of a credit that need not look like names: the words of agencies' names and of
their suffixes, name particles, and the words that ``_SEGMENTS`` cuts at."""


def _is_person(segment: str, min_names: int = 1) -> bool:
    words = segment.split()
    names_ = [w for w in words if w.casefold() not in tables.NAME_PARTICLES]
    return (min_names <= len(names_) <= 4 and len(segment) <= 40
            and all(_name_like(w) for w in words))


def _is_credit(text: str) -> bool:
    """``Alex Brandon / AP``, ``Imago``, ``(AFP)``, ``Foto: Keystone``, ``© dpa``."""
    if len(text) > CREDIT_MAX_CHARS or text.count(" ") >= CREDIT_MAX_WORDS:
        return False
    low = text.casefold()
    if _CREDIT_LABEL.match(low):
        return True
    by = _CREDIT_BY.match(low)
    if by:
        return all(_is_person(s) or _is_agency(s) for s in _SEGMENTS.split(text[by.end():]))
    inner = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    if _has_prose_word(inner):
        return False
    segments = [s for s in _SEGMENTS.split(inner) if s]
    if any(_is_agency(s) for s in segments):
        return all(_is_agency(s) or _is_person(s) for s in segments)
    # "Jana Kehl / NZZ": people, then a short capitals acronym of a paper or agency.
    return (len(segments) >= 2 and re.fullmatch(r"[A-Z]{2,8}", segments[-1]) is not None
            and all(_is_person(s, min_names=2) for s in segments[:-1]))


def _has_prose_word(text: str) -> bool:
    """Has ``text`` a word in lower case (``said``) that is not in ``_CREDIT_WORDS``? Then the
    segment it is in is no person (names start with a capital), no agency and no acronym, so
    the line is no credit. Most lines are prose: this test costs a tenth of cutting them into
    segments and looking at each. Words are cut at whitespace and ``/``, ``|``, ``,``, as
    ``_SEGMENTS`` and ``str.split`` cut them."""
    for word in text.replace("/", " ").replace("|", " ").replace(",", " ").split():
        if "a" <= word[0] <= "z" and word.casefold() not in _CREDIT_WORDS:
            return True
    return False


def _is_doubled(text: str) -> bool:
    """One sentence printed twice on one line (a caption and its copy). ``text`` is
    normalised: its only whitespace is single spaces."""
    bare = text.replace(" ", "")
    half = len(bare) // 2
    return (len(bare) % 2 == 0 and half >= CAPTION_MIN_CHARS
            and bare[:half] == bare[half:])


def _reason(piece: str, repeated: Collection[int]) -> str | None:
    """Why this line (or piece of a line) is not article text, or None to keep it."""
    text = normalise(piece)
    if not text:
        return None
    if label := _label_reason(text):
        return label
    if len(text) <= BOILERPLATE_MAX_CHARS and _is_boilerplate(text.casefold()):
        return "site boilerplate"
    if _is_credit(text):
        return "photo credit"
    if _is_doubled(text):
        return "caption printed twice"
    if repeated and _candidate(text) and _key(text) in repeated:
        return REASON_REPEATED
    return None


# ------------------------------------------------------------------------------ cleanup


def clean_text(text: str, repeated: Collection[int] = frozenset()) -> Cleaned:
    """``text`` without bylines, datelines, doubled captions, credits and boilerplate.

    ``repeated`` are ``line_key``s of lines seen in many articles of the same source.
    """
    dropped: list[Dropped] = []
    lines: list[str | None] = []
    for lineno, raw, pieces in _split_lines(text):
        kept = []
        for piece, reason in pieces:
            reason = reason or _reason(piece, repeated)
            if reason:
                dropped.append(Dropped(lineno, piece, reason))
            else:
                kept.append(piece)
        if len(kept) == len(pieces) == 1 and pieces[0][1] is None:
            lines.append(raw)
        elif kept:
            lines.append(" ".join(kept) + ("\r" if raw.endswith("\r") else ""))
        else:
            lines.append(None)
    if not dropped:
        return Cleaned(text, ())
    return Cleaned("\n".join(_fold_gaps(lines)), tuple(dropped))


def _fold_gaps(lines: list[str | None]) -> list[str]:
    """Drop removed lines (None), and the blank lines a removal left doubled or leading."""
    out: list[str] = []
    gap = False
    for line in lines:
        if line is None:
            gap = True
        elif line.strip():
            out.append(line)
            gap = False
        elif not (gap and (not out or not out[-1].strip())):
            out.append(line)
    return out
