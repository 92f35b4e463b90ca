"""Publication dates: metadata values, and the header zone of plain text.

Two entry points:

- ``parse_date_value`` reads what a file's metadata says (front matter, JSON, feeds, HTML meta):
  ISO 8601, RFC 2822, ``date``/``datetime``, ``time.struct_time``, epoch numbers, and the written
  forms the header scanner knows. Aware values become naive UTC. It never raises.
- ``find_header_date`` looks at the first ~400 characters of an article, never the body: a
  year alone (``2020``) or a day without a year (``Am 18. November``) is not a date, and a date
  inside running prose (``…sagte er am 8. November 2025``) is not the publication date.

Scanning is table-driven, in the manner of Textualize/toolong's ``timestamps.py``: ``PATTERNS``
is a list of ``(regex, parser)`` pairs; month and weekday names are data from babel (CLDR) for
the locales in ``date_tables.LOCALES``, read once, on first use.

Decisions:

- Numeric dates are day-first (``08.11.2025``, ``8/11/2025``) except when the day-first reading
  is impossible (``11/28/2025``), or the article is English and looks American (12-hour clock,
  US time zone, ``(AP)``; or its language is ``en-US``), or a weekday in front settles it
  (``Saturday 11/08/2025``). Dotted dates are always day-first; year-first forms
  (``2025-11-08``, ``2025/11/08``, ``2025年11月8日``) are never ambiguous.
- Two-digit years are not read: ``08.11.25`` is too often a score, a version or a price.
- Regexes bound numbers with digit-only look-arounds, so glued text (``Jana Kehl08.11.2025,
  05.30 UhrDer…``) is read as if a space separated letters and digits, and ``evidence`` is the
  exact original text.
- A time zone written after a header time is not applied (a header shows local time); one
  inside an ISO timestamp is, as for metadata.
- Precision over recall (a wrong date is worse than none): a header date must read like one
  (``_is_publication_date``); measured on 21,574 Reuters articles whose datelines have no
  year, 2 get a (wrong) date. ``python -m benchmarks.eval_dates`` prints the numbers.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from . import date_tables as tables
from .date_tables import fold, names

MIN_YEAR, MAX_YEAR = 1000, 2200
HEADER_ZONE = 400
HEADER_MIN_YEAR = 1600
"""No newspaper is older; ``1100`` after a month is a clock time (``APRIL 07 1100 EST``)."""
TOP = 60
"""A date this close to the start needs no further sign of being the publication date."""


@dataclass(frozen=True)
class DateFinding:
    """A publication date and where it came from."""

    value: datetime
    """Naive; 00:00 when no time was given."""
    has_time: bool
    evidence: str
    """The exact matched text, e.g. ``08.11.2025, 05.30 Uhr``."""
    lineno: int | None
    """1-based line in the text it was found in; None for metadata."""
    source: str
    """``metadata`` or ``header``."""


@dataclass(frozen=True)
class DateSpan:
    """A date (and time, when one is written beside it) found in a text, before any judgement
    of whether it is the publication date. ``start``/``end`` cover date and time."""

    start: int
    end: int
    value: datetime
    has_time: bool


@cache
def _multiword_months(lang: str | None) -> re.Pattern[str] | None:
    """Month names of two words (Levantine Arabic ``تشرين الثاني``, Irish), as one regex."""
    multi = sorted((n for n in names("month", lang) if " " in n), key=len, reverse=True)
    if not multi:
        return None
    return re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}}){S}+(?P<mon>" + "|".join(map(re.escape, multi)) +
        rf"){S}+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)


# ------------------------------------------------------------------------------ patterns

S = r"[ \t\u00a0\u202f]"  # a space on the same line: a date never spans two lines
WORD = r"[^\W\d_][^\s\d.,;:!?/()\[\]|\"'«»„“”‘’·•–—-]*"
DAY = r"(?P<d>\d{1,2})"
ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|ª|°|\.)?"
# A year, not a clock time (``APRIL 7 1600 EST``).
YEAR = r"(?P<y>\d{4})(?!\d)(?![ \t]?(?:[AP]M|[ECMP][SD]T|GMT|UTC|Uhr)\b)"
TIME = (rf"(?<![\d.:])(?P<H>\d{{1,2}})"
        rf"(?:[:.](?P<M>\d{{2}})(?!\d)(?::(?P<S>\d{{2}})(?!\d))?"
        rf"|{S}?h{S}?(?P<hM>\d{{2}})(?!\d)"
        rf"|{S}?[時时点]{S}?(?P<jM>\d{{1,2}}){S}?分|(?={S}?[hH]\b))?"
        rf"(?:{S}?(?P<ap>[ap]\.{S}?m\.|[ap]m\b|[AP]\.?M\.?(?![^\W\d_])))?"
        rf"(?:{S}?(?P<uhr>Uhr(?![a-zäöüß])|(?:h|hrs?\.?|godz\.?|ч\.?)(?![^\W\d_])))?")
TIME_AFTER = re.compile(
    rf"(?:{S}?(?:r|г|m)\.|{S}?года)?{S}*[,|·•–—/-]?{S}*"
    rf"(?:(?:um|at|à|a las|a la|alle|ore|o|в|kl\.?|klo|om|saat|às|u|godz\.?){S}+)?" + TIME)
TIME_BEFORE = re.compile(
    TIME + rf"(?:{S}?\(?[A-Z]{{2,5}}\)?)?{S}*[,|·•–—/-]?{S}*(?:{WORD}\.?,?{S}*)?$")

Parser = Callable[[re.Match[str], "Context"], "date | None"]


@dataclass(frozen=True)
class Context:
    """What a parser may need besides its match: the language and the surrounding text."""

    text: str
    lang: str | None


def _valid(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _ymd(m: re.Match[str], ctx: Context) -> date | None:
    return _valid(int(m["y"]), int(m["m"]), int(m["d"]))


def _month(word: str, ctx: Context) -> int | None:
    return names("month", ctx.lang).get(fold(word))


def _named(m: re.Match[str], ctx: Context) -> date | None:
    month = _month(m["mon"], ctx)
    return _valid(int(m["y"]), month, int(m["d"])) if month else None


def _named_year_first(m: re.Match[str], ctx: Context) -> date | None:
    """``2025. november 8.``: in English ``1986 NOV 30 LOSS`` is a year and a headline."""
    base = (ctx.lang or "").replace("_", "-").split("-")[0].lower()
    return _named(m, ctx) if not base or base in tables.YEAR_FIRST_LANGS else None


def _american(ctx: Context) -> bool:
    lang = (ctx.lang or "").replace("_", "-").lower()
    if lang == "en-us":
        return True
    return lang.startswith("en") and any(re.search(s, ctx.text) for s in tables.US_SIGNALS)


def _weekday_at(text: str, start: int, lang: str | None) -> int | None:
    """The weekday (0=Monday) named right before ``start`` (``Samstag, ``), if any."""
    before = re.search(r"(" + WORD + r")\.?,?\s*(?:den\s+)?$", text[max(0, start - 24):start])
    return names("day", lang).get(fold(before.group(1))) if before else None


def _weekday_before(m: re.Match[str], ctx: Context) -> int | None:
    return _weekday_at(ctx.text, m.start(), ctx.lang)


def _numeric(m: re.Match[str], ctx: Context) -> date | None:
    """``8/11/2025`` or ``8-11-2025``: day-first unless impossible or American (module doc)."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    dmy, mdy = _valid(year, b, a), _valid(year, a, b)
    if not (dmy and mdy) or dmy == mdy:
        return dmy or mdy
    weekday = _weekday_before(m, ctx)
    if weekday is not None and (dmy.weekday() == weekday) != (mdy.weekday() == weekday):
        return dmy if dmy.weekday() == weekday else mdy
    return mdy if _american(ctx) else dmy


def _iso(m: re.Match[str], ctx: Context) -> date | datetime | None:
    day = _ymd(m, ctx)
    if day is None or m["H"] is None:
        return day
    try:
        return parse_date_value(m.group(0).replace(" ", "T", 1))
    except ValueError:
        return day


PATTERNS: list[tuple[re.Pattern[str], Parser]] = [
    # 2025-11-08, 2025-11-08T05:30:00+01:00
    (re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<H>\d{2}):\d{2}"
                r"(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"), _iso),
    # 2025/11/08, 2025.11.08, 2025. 11. 8.
    (re.compile(rf"(?<!\d)(?P<y>\d{{4}})(?P<sep>[./]){S}?(?P<m>\d{{1,2}})(?P=sep){S}?"
                rf"(?P<d>\d{{1,2}})\.?(?![\d/])"), _ymd),
    # 2025年11月8日, 2025년 11월 8일
    (re.compile(rf"(?P<y>\d{{4}}){S}*[年년]{S}*(?P<m>\d{{1,2}}){S}*[月월]{S}*(?P<d>\d{{1,2}})"
                rf"{S}*[日号일]"), _ymd),
    # 08.11.2025, 8. 11. 2025
    (re.compile(rf"(?<!\d)(?<!\d\.)(?P<d>\d{{1,2}})\.{S}?(?P<m>\d{{1,2}})\.{S}?{YEAR}(?!\.\d)"),
     _ymd),
    # 8/11/2025, 11-08-2025
    (re.compile(rf"(?<![\d/-])(?P<a>\d{{1,2}})(?P<sep>[/-])(?P<b>\d{{1,2}})(?P=sep){YEAR}"
                r"(?![/-]\d)"), _numeric),
    # 8. November 2025, 8 de noviembre de 2025, 8 d’abril de 2025, 8 ноября 2025 г., 08-Nov-2025
    (re.compile(rf"(?<!\d){DAY}{ORDINAL}(?:{S}|-)*(?:(?:de|del|of){S}+|d['’])?(?P<mon>{WORD})"
                rf"\.?(?:,?{S}*|-)(?:(?:de|del|of){S}+)?{YEAR}"), _named),
    # November 8, 2025; Nov. 8th 2025; KehlNovember 8, 2025
    (re.compile(rf"(?:(?<![^\W\d_])|(?<=[a-zß])(?=[A-Z]))(?P<mon>{WORD})\.?{S}+{DAY}"
                rf"(?:st|nd|rd|th)?,?{S}+{YEAR}"), _named),
    # 2025. november 8. (hu), 2025 m. lapkričio 8 d. (lt): only where the language writes it
    (re.compile(rf"(?<!\d){YEAR}\.?{S}*(?:m\.{S}*)?(?P<mon>{WORD})\.?{S}+{DAY}"
                rf"(?:\.|{S}?d\.|-?[aáeé]n)?(?!\d)"), _named_year_first),
]


def _scan_patterns(lang: str | None) -> list[tuple[re.Pattern[str], Parser]]:
    multi = _multiword_months(lang)
    return PATTERNS + ([(multi, _named)] if multi else [])


# ------------------------------------------------------------------------------ times


def _clock(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a TIME match, or None when it is only a number."""
    minute = m["M"] or m["hM"] or m["jM"]
    ap = (m["ap"] or "").replace(".", "").replace(" ", "").lower()
    if minute is None and not ap and not m["uhr"]:
        return None
    hour, minute, second = int(m["H"]), int(minute or 0), int(m["S"] or 0)
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _with_time(text: str, start: int, end: int, day: date) -> DateSpan:
    """Extend a date span with a time written right after it (or right before it)."""
    value = datetime(day.year, day.month, day.day)
    after = TIME_AFTER.match(text, end)
    if after and (clock := _clock(after)):
        return DateSpan(start, after.end(), value.replace(hour=clock[0], minute=clock[1],
                                                           second=clock[2]), True)
    line_start = text.rfind("\n", 0, start) + 1
    before = TIME_BEFORE.search(text, max(line_start, start - 40), start)
    if before and (clock := _clock(before)):
        return DateSpan(before.start(), end, value.replace(hour=clock[0], minute=clock[1],
                                                           second=clock[2]), True)
    return DateSpan(start, end, value, False)


_YEAR_RUN = re.compile(r"(?<!\d)\d{4}(?!\d)")
WINDOW_BEFORE, WINDOW_AFTER = 45, 30


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around four-digit numbers: every pattern needs a year, so only
    these are scanned (five times faster on a header than scanning it whole, measured once;
    ``python -m benchmarks.eval_dates`` prints the time per article as it is now)."""
    windows: list[tuple[int, int]] = []
    for year in _YEAR_RUN.finditer(text):
        start, end = max(0, year.start() - WINDOW_BEFORE), year.end() + WINDOW_AFTER
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def find_dates(text: str, lang: str | None = None) -> list[DateSpan]:
    """Every date in ``text`` with day, month and year, in order of position; overlapping
    readings keep the longest. No judgement of which one is the publication date."""
    if _YEAR_RUN.search(text) is None:  # every pattern needs a year: most lines have none
        return []
    return list(_iter_dates(text, lang))


def _iter_dates(text: str, lang: str | None) -> Iterator[DateSpan]:
    """``find_dates`` lazily, one window at a time: the header scan stops at its first hit."""
    ctx = Context(text, lang)
    last_end = 0
    for start, end in _windows(text):
        spans: list[DateSpan] = []
        for regex, parser in _scan_patterns(lang):
            for m in regex.finditer(text, start, end):
                found = parser(m, ctx)
                if isinstance(found, datetime):
                    spans.append(DateSpan(m.start(), m.end(), found, True))
                elif found is not None:
                    spans.append(_with_time(text, m.start(), m.end(), found))
        for span in sorted(spans, key=lambda s: (s.start, -s.end)):
            if span.start >= last_end:
                last_end = span.end
                yield span


# ------------------------------------------------------------------------------ header zone

_BOUNDARY = re.compile(r"[.!?…:;]+[\"»”’)]*(?=\s|[A-ZÄÖÜ])|[|•·—–]|\s-\s")
_PREFIX_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_QUOTED = re.compile(r"[«„“\"][^«»„“”\"\n]{1,60}[»“”\"]")


def is_header_prefix(prefix: str, lang: str | None = None) -> bool:
    """Does the text before a date read like a header (``Jana Kehl``, ``Paris, le``,
    ``Veröffentlicht am``) rather than a sentence about the date (``Der``, ``sagte er am``)?"""
    return _prefix_kind(prefix, lang) == "header"


def _prefix_kind(prefix: str, lang: str | None) -> str:
    """``header`` (empty, names, a place, a lead-in, a weekday) or ``prose``: a sentence that
    talks about the date. Prose has a lower-case word (``…sagte er am``), or ends in function
    words not introduced by a lead-in, a weekday or a ``Place,`` (``Der``, ``Mit dem``,
    ``Luxemburg am``, ``C'est le``; but ``Paris, le``, ``Veröffentlicht am``)."""
    words = _PREFIX_WORD.findall(_QUOTED.sub(" Q ", prefix))  # «Каспийский вестник»: a name
    weekdays = names("day", lang)
    kinds = []
    for i, word in enumerate(words):
        folded = fold(word)
        pair = f"{fold(words[i - 1])} {folded}" if i else ""
        if folded in tables.LEAD_WORDS:
            kinds.append("lead")
        elif folded in weekdays or pair in weekdays:
            kinds.append("weekday")
        elif folded in tables.PARTICLES:
            kinds.append("particle")
        elif word[0].islower():
            return "prose"
        else:
            kinds.append("name")  # a name, a place, or a word of an uncased script
    chain = len(kinds) - len("".join(k[0] for k in kinds).rstrip("p"))
    if chain < len(words) and fold(words[-chain - 1]) in tables.TEMPORAL_WORDS:
        return "prose"  # "for the year ended", "seit dem", "à partir du"
    if not chain:
        return "header"
    if chain == len(kinds):
        return "prose"
    before = kinds[-chain - 1]
    if before in ("lead", "weekday"):
        return "header"
    between = prefix[:prefix.rfind(words[-chain])].rstrip()
    dateline = chain == 1 and fold(words[-1]) in tables.DATELINE_ARTICLES
    return "header" if dateline and between.endswith(",") else "prose"


WRAPPED = 50
"""A line at least this long that ends mid-sentence is hard-wrapped prose, not a title."""


def _continues_sentence(text: str, line_start: int) -> bool:
    """The date opens a line that continues the sentence of the line before: that line ends
    in a function word (``…par l'arrêté du`` / ``3 août 1914``), or is a long line cut
    mid-sentence (``…for the four-week period ended`` / ``Feb 28, 1987, a 7.2 pct…``)."""
    if line_start == 0:
        return False
    previous = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].rstrip()
    last = re.search(r"([^\W\d_]+)[,;]?$", previous)
    if not last:
        return False
    if fold(last.group(1)) in tables.PARTICLES | tables.TEMPORAL_WORDS:
        return True
    return len(previous) >= WRAPPED and (previous[-1] in ",;" or last.group(1)[-1].islower())


def _introduced(prefix: str) -> bool:
    """A lead-in before the date: ``Veröffentlicht am``, ``Published``, ``Mis à jour le``."""
    return any(fold(w) in tables.LEAD_WORDS for w in _PREFIX_WORD.findall(prefix))


_HEADER_TAIL = re.compile(
    r"\.?\s*$"  # the line ends
    r"|\.?[A-ZÀ-ÞА-ЯЁ]"  # glued to the next sentence
    r"|\s*[|—–·•(/-].{0,80}$"  # a short header strip follows
    # ", Katarzyna Dudek": a byline ends the line (words apart, or a run of capitals splits
    # in as many ways as it has letters: 200 of them took 1.7 s; ``python -m
    # benchmarks.bench_hostile --only "dateline capitals"`` measures it)
    r"|,\s*[A-ZÀ-ÞА-ЯЁ][\w.'’-]*(?:\s+[A-ZÀ-ÞА-ЯЁ][\w.'’-]*){0,3}\s*$"
    r"|\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?\s*$")  # a time zone


def _ends_header(text: str, end: int) -> bool:
    """The date ends its line, or a short header strip (``| von Jonas Albrecht``), or is glued
    to the next sentence (``…2025Der Präsident``), rather than starting a paragraph."""
    line_end = text.find("\n", end)
    return bool(_HEADER_TAIL.match(text[end:line_end if line_end >= 0 else len(text)]))


def _sentence_prefix(text: str, start: int) -> str:
    """The text between the start of the date's sentence (or line) and the date."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    cut = 0
    for boundary in _BOUNDARY.finditer(prefix):
        cut = boundary.end()
    return prefix[cut:]


def _zone(text: str, zone: int) -> str:
    """The first ``zone`` characters, ending at a word boundary so a date is not cut."""
    head = text[:zone + 40]
    if len(head) <= zone:
        return head
    stop = re.search(r"\s", head[zone:])
    return head[:zone + stop.start()] if stop else head


def find_header_date(text: str, lang: str | None = None, zone: int = HEADER_ZONE
                     ) -> DateFinding | None:
    """The publication date written in the article's header zone, or None.

    The first date (day, month and year) in the first ``zone`` characters that reads like a
    header (``_is_publication_date``). Never looks further: the body's dates are not the
    publication date.
    """
    head = _zone(text, zone)
    for span in _iter_dates(head, lang):
        if span.start >= zone:
            break
        if _is_publication_date(head, span, lang):
            return DateFinding(
                value=span.value, has_time=span.has_time, evidence=head[span.start:span.end],
                lineno=head.count("\n", 0, span.start) + 1, source="header")
    return None


def _is_publication_date(head: str, span: DateSpan, lang: str | None) -> bool:
    """A header date: its sentence prefix is a header (empty, a byline, a place, a lead-in,
    a weekday), it does not continue the line before, a weekday beside it agrees, and it sits
    at the very top, has a time, a lead-in or a weekday, or ends its line or header strip."""
    if span.value.year < HEADER_MIN_YEAR:
        return False
    prefix = _sentence_prefix(head, span.start)
    if _prefix_kind(prefix, lang) != "header":
        return False
    line_start = head.rfind("\n", 0, span.start) + 1
    opening = head[line_start:span.start].lstrip()
    if (not (opening and opening[0].isupper()) and not span.has_time
            and _continues_sentence(head, line_start)):
        return False
    weekday = _weekday_at(head, span.start, lang)
    if weekday is not None and weekday != span.value.weekday():
        return False  # "Montag, 8. November 2025": a misreading, or a misprint
    # "…Whitehall, May 27, 1805. DESPATCHES have been received": a letter, not a header
    return (span.start <= TOP or span.has_time or weekday is not None
            or _introduced(prefix) or _ends_header(head, span.end))


# ------------------------------------------------------------------------------ metadata


def _in_range(value: datetime | None) -> datetime | None:
    return value if value is not None and MIN_YEAR <= value.year <= MAX_YEAR else None


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=None)
    return value.astimezone(UTC).replace(tzinfo=None)


def _from_epoch(seconds: float) -> datetime | None:
    if abs(seconds) > 1e11:  # JavaScript-style milliseconds
        seconds /= 1000
    try:
        return datetime(1970, 1, 1) + timedelta(seconds=seconds)
    except OverflowError:
        return None


def _from_string(value: str) -> datetime | None:
    text = value.strip()
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return _from_epoch(int(text))
    try:
        return _naive_utc(datetime.fromisoformat(text.replace("z", "Z")))
    except ValueError:
        pass
    try:
        return _naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    spans = find_dates(text)
    return spans[0].value if spans else None


_READERS: list[tuple[type | tuple[type, ...], Callable[[object], datetime | None]]] = [
    (bool, lambda v: None),  # before int: True is an int, not a date
    (datetime, lambda v: _naive_utc(v)),  # type: ignore[arg-type]
    (date, lambda v: datetime(v.year, v.month, v.day)),  # type: ignore[attr-defined]
    (time.struct_time, lambda v: datetime(*v[:6])),  # type: ignore[index]
    ((int, float), lambda v: _from_epoch(v)),  # type: ignore[arg-type]
    (str, lambda v: _from_string(v)),  # type: ignore[arg-type]
]


def parse_date_value(value: object) -> datetime | None:
    """A metadata date as a naive datetime (aware values converted to UTC), or None.

    Accepts ISO 8601 (with or without time and zone), RFC 2822 as in RSS, the written forms
    the header scanner reads (``08.11.2025``, ``8 November 2025``, ``November 8, 2025``),
    ``date``, ``datetime``, ``time.struct_time`` (feedparser, UTC), and epoch seconds
    (milliseconds above 10^11; also as 10- or 13-digit strings). A year alone or a year and
    month is not a date. Years outside 1000..2200 give None. Never raises.
    """
    for kind, read in _READERS:
        if isinstance(value, kind):
            try:
                return _in_range(read(value))
            except (TypeError, ValueError, OverflowError, OSError):
                return None
    return None
