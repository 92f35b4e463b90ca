"""The dateline: the place a wire story was filed from, written before its first sentence.

``NEW YORK, March 3 -``, ``WASHINGTON (AP) —``, ``PORTLAND, Ore., Feb 26 -``,
``Berlin, 3. März (dpa) -``, ``PARÍS, 3 mar (EFE).-``, ``МОСКВА, 3 марта. /ТАСС/.``,
``القاهرة (رويترز) -``, ``新华社北京3月3日电``, ``【ワシントン共同】``, ``(서울=연합뉴스)``.

Only the start of the text counts: the first line, or the second when the first is a title,
and only its first ``HEAD`` characters; a city anywhere else is not a dateline. The place is
looked up in ``data/dateline_places.CITIES``; a state, province or country after the comma
decides the country (``PARIS, Texas`` -> US, ``LONDON, Ontario`` -> CA).

What makes a line start a dateline and not a sentence that begins with a city: a date or an
agency in brackets before the dash; or, with neither, a place in capitals followed by a dash
or colon (``WASHINGTON —``, ``NEW DELHI:``). ``Paris is ...`` or ``Berlin - the film`` is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.enrich.folding import fold

HEAD = 150  # a dateline ends within this many characters of its line's start
TITLE = 300  # a title line before the dateline is at most this long

_S = r"[ \t\u00a0]*"
_WORD = r"[^\W\d_](?:[^\W\d_'’.\-]|(?<=\w)[.'’\-](?=\w))*+\.?"
_PLACE = rf"{_WORD}(?:[ \u00a0]{_WORD}){{0,3}}"
_MONTH = r"[^\W\d_]{3,12}\.?"
_DATE = (rf"(?:\d{{1,2}}\.?{_S}(?:de{_S})?{_MONTH}|{_MONTH}{_S}\d{{1,2}}(?:st|nd|rd|th)?"
         rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})(?:,?{_S}(?:de{_S})?\d{{4}})?")

# Latin, Cyrillic, Arabic... wire datelines; the group names are what ``_accept`` reads.
_GENERIC = re.compile(
    rf"(?P<place>{_PLACE}(?:{_S}/{_S}{_PLACE}){{0,2}})"
    rf"(?:{_S}[,،]{_S}(?P<region>[^\W\d_][^,،()\n\d/:]{{0,28}}?))?"
    rf"(?:{_S}[,.،]{_S}(?P<date>{_DATE}))?"
    rf"(?:{_S}\.?{_S}(?:\((?P<agency>[^()\n]{{2,30}})\)|/(?P<slash>[^/\n]{{2,20}})/))?"
    rf"(?:{_S},)?{_S}(?P<end>[-–—]{{1,2}}|\.{_S}[-–—]|:|(?(date)\.|(?(slash)\.|(?!))))(?=\s|$)"
)
# Agencies writing in scripts without spaces: Xinhua/China News, Kyodo/Jiji, Yonhap/News1.
_CJK = (
    re.compile(r"(?:新华社|中新社|中新网)(?P<place>[^\W\d_]{2,8}?)\d{1,2}月\d{1,2}日电"),
    re.compile(r"【(?P<place>[^\W\d_]{2,8}?)(?:共同|時事|=[^】]{0,12})?】"),
    re.compile(r"[(（](?P<place>[^\W\d_]{2,8}?)=(?:연합뉴스|뉴스1|뉴시스)[)）]"),
)


@dataclass(frozen=True)
class Dateline:
    """The places a dateline names, and where the whole dateline sits in the text."""

    places: tuple[tuple[str, int, int], ...]  # (ISO code, start, end) per distinct country
    start: int
    end: int


_SEPARATORS = re.compile(r"[\s.\-'’]+")


def _key(name: str) -> str:
    """``St. Louis``, ``ST LOUIS`` and ``Saint-Louis``-style spellings compare alike."""
    return " ".join(_SEPARATORS.split(fold(name))).strip()


def _table(text: str) -> dict[str, set[str]]:
    """``CODE  Name | Name ...`` lines -> folded key -> codes."""
    table: dict[str, set[str]] = {}
    for line in text.strip().splitlines():
        code, names = line.split(None, 1)
        for name in names.split("|"):
            table.setdefault(_key(name), set()).add(code)
    return table


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """Folded city name -> ISO code (names listed under two codes are left out)."""
    from index.enrich.data.dateline_places import CITIES

    return {k: next(iter(v)) for k, v in _table(CITIES).items() if len(v) == 1}


@lru_cache(maxsize=1)
def _regions() -> dict[str, set[str]]:
    from index.enrich.data.dateline_places import REGIONS

    return _table(REGIONS)


def _region_codes(region: str) -> set[str]:
    """Countries a region after the comma may mean: a state, a province or a country."""
    from index.enrich.country_gazetteer import names_index

    codes = set(_regions().get(_key(region), ()))
    country = names_index().get(fold(region.strip()))
    return codes | {country} if country else codes


@lru_cache(maxsize=4096)  # a wire repeats its datelines: NEW YORK, WASHINGTON, LONDON...
def _country(place: str, region: str | None) -> str | None:
    """The city's country, unless the region says otherwise; None when unknown or ambiguous."""
    city = cities().get(_key(place))
    allowed = _region_codes(region) if region else set()
    if not allowed:
        return city
    if city in allowed:
        return city
    return next(iter(allowed)) if len(allowed) == 1 else None


def _accept(match: re.Match[str]) -> bool:
    """A date or an agency, or a place in capitals (the pattern allows a bare "." only
    after a date or a /TASS/-style agency)."""
    return bool(match["date"] or match["agency"] or match["slash"]) or match["place"].isupper()


def _line_starts(text: str) -> list[int]:
    """Where the first line starts and, if it is short enough to be a title, the second."""
    first = len(text) - len(text.lstrip())
    if first >= len(text):
        return []
    starts = [first]
    newline = text.find("\n", first, first + TITLE)
    if newline >= 0:
        second = newline + 1
        while second < len(text) and text[second].isspace():
            second += 1
        if second < len(text):
            starts.append(second)
    return starts


def _places(match: re.Match[str], offset: int, region: str | None) -> list[tuple[str, int, int]]:
    """Each distinct country of the place (``Berlin/Moskau`` names two), with its span.

    The span is the city's, stretched over the region when one is written (``PARIS, Texas``).
    """
    found: dict[str, tuple[str, int, int]] = {}
    pos = offset + match.start("place")
    for part in match["place"].split("/"):
        start = pos + len(part) - len(part.lstrip())
        end = offset + match.end("region") if region else start + len(part.strip())
        code = _country(part.strip(), region)
        if code and code not in found:
            found[code] = (code, start, max(end, start + len(part.strip())))
        pos += len(part) + 1
    return list(found.values())


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text`` (after an optional title line), if any."""
    for start in _line_starts(text):
        head = text[start:start + HEAD]
        match = _GENERIC.match(head)
        if match and _accept(match):
            region = match["region"].strip() if match["region"] else None
            places = _places(match, start, region)
            if places:
                return Dateline(tuple(places), start, start + match.end())
            continue  # a title shaped like a dateline ("OPEC -"): the body may have one
        for pattern in _CJK:
            match = pattern.match(head)
            if match:
                code = cities().get(_key(match["place"]))
                if code is None:
                    return None
                place = (code, start + match.start("place"), start + match.end("place"))
                return Dateline((place,), start, start + match.end())
    return None
