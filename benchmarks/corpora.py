"""Readers for the shared benchmark corpora (read in place: their licences forbid copies).

Both readers are generators of small frozen records, so a benchmark can stream 21,578 Reuters
articles or 1,293 HIPE documents without holding them all. Formats and quirks are described in
each corpus README (``../shared/corpora/*/README.md``); the notes below say what is handled.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# ----------------------------------------------------------------------------- Reuters-21578


@dataclass(frozen=True)
class ReutersDoc:
    """One Reuters article. ``places`` are the human PLACES codes (``usa``, ``west-germany``)."""

    id: str
    title: str
    body: str
    date: datetime | None
    places: list[str]


_REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_DATE = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4}) (\d{1,2}):(\d{2}):(\d{2})")
_PLACE = re.compile(r"<D>(.*?)</D>", re.S)
# Control characters Reuters wrote as SGML char refs (&#2; &#3; ...), kept out of the text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}


def _tag(block: str, name: str) -> str:
    """The raw content of the first ``<name ...>...</name>`` in ``block``, or ''."""
    match = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", block, re.S)
    return match.group(1) if match else ""


def _clean(raw: str) -> str:
    """Unescape SGML entities and drop control characters (every BODY ends with &#3;)."""
    return _CONTROL.sub("", html.unescape(raw)).strip()


def reuters_date(raw: str) -> datetime | None:
    """``26-FEB-1987 15:01:01.79`` (with trailing junk in 328 articles); None if malformed."""
    match = _DATE.match(raw.strip())
    if not match:
        return None
    day, month, year, hour, minute, second = match.groups()
    try:
        return datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second))
    except (KeyError, ValueError):
        return None


def _reuters_doc(attrs: str, block: str) -> ReutersDoc:
    text = _tag(block, "TEXT")
    body = _tag(text, "BODY")
    if not body and "<TITLE>" not in text:  # TYPE="UNPROC": raw text straight in <TEXT>
        body = text
    newid = _NEWID.search(attrs)
    return ReutersDoc(
        id=newid.group(1) if newid else "",
        title=_clean(_tag(text, "TITLE")),
        body=_clean(body),
        date=reuters_date(_tag(block, "DATE")),
        places=[p.strip() for p in _PLACE.findall(_tag(block, "PLACES")) if p.strip()],
    )


def iter_reuters(path: str | Path) -> Iterator[ReutersDoc]:
    """Every article of ``reut2-*.sgm`` under ``path`` (a folder or one file), in file order.

    Files are read as latin-1: they are ASCII except one 0xFC byte, and latin-1 never fails.
    """
    path = Path(path)
    files = sorted(path.glob("reut2-*.sgm")) if path.is_dir() else [path]
    for file in files:
        data = file.read_text(encoding="latin-1")
        for match in _REUTERS.finditer(data):
            yield _reuters_doc(match.group(1), match.group(2))


# ----------------------------------------------------------------------------- HIPE-2022


@dataclass(frozen=True)
class HipeDoc:
    """One HIPE-2022 document: rebuilt text and its Wikidata-linked LOC mentions."""

    id: str
    lang: str
    date: str | None  # YYYY-MM-DD as given; None for NA / --
    text: str
    locations: list[tuple[str, str]]  # (surface, QID), NIL links left out


_META = re.compile(r"#\s*hipe2022:(\w+)\s*=\s*(.*)")


def _joiner(misc: str) -> str:
    """What follows a token: nothing (NoSpaceAfter), a newline (EndOfLine) or a space.

    newseye marks line ends NoSpaceAfter without EndOfLine, so EndOfLine is checked first
    and a token that is both gets the newline.
    """
    flags = set(misc.split("|"))
    if "EndOfLine" in flags:
        return "\n"
    return "" if "NoSpaceAfter" in flags else " "


@dataclass
class _HipeBuilder:
    """Accumulates one document while its TSV lines stream past."""

    meta: dict[str, str]
    parts: list[str]
    locations: list[tuple[str, str]]
    current: list[str] | None = None  # tokens of the open LOC mention
    qid: str = ""

    def token(self, cols: list[str]) -> None:
        token, tag, link = cols[0], cols[1], cols[7] if len(cols) > 7 else "_"
        misc = cols[9] if len(cols) > 9 else "_"
        kind = tag.upper()
        if self.current is not None and not kind.startswith("I-LOC"):
            self.close()
        if kind.startswith("B-LOC"):
            self.current, self.qid = [], link
        if self.current is not None:
            self.current.append(token + (" " if _joiner(misc) != "" else ""))
        self.parts.append(token + _joiner(misc))

    def close(self) -> None:
        if self.current is not None and self.qid.startswith("Q"):
            self.locations.append(("".join(self.current).strip(), self.qid))
        self.current = None

    def doc(self) -> HipeDoc:
        self.close()
        date = self.meta.get("date")
        return HipeDoc(
            id=self.meta.get("document_id", ""),
            lang=self.meta.get("language", ""),
            date=date if date and date[:1].isdigit() else None,
            text="".join(self.parts).strip(),
            locations=self.locations,
        )


def _hipe_file(file: Path) -> Iterator[HipeDoc]:
    builder: _HipeBuilder | None = None
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            meta = _META.match(line)
            if meta and meta.group(1) == "document_id":
                if builder is not None and builder.parts:
                    yield builder.doc()
                builder = _HipeBuilder({}, [], [])
            if meta and builder is not None:
                builder.meta[meta.group(1)] = meta.group(2).strip()
        elif line.strip() and not line.startswith("TOKEN\t") and builder is not None:
            builder.token(line.split("\t"))
    if builder is not None and builder.parts:
        yield builder.doc()


def iter_hipe(path: str | Path, langs: Iterable[str] = ("de", "fr", "en")) -> Iterator[HipeDoc]:
    """Every HIPE-2022 document in ``langs`` under ``path`` (the ``hipe2022`` folder)."""
    wanted = set(langs)
    for file in sorted(Path(path).glob("*/*/HIPE-2022-*.tsv")):
        if file.parent.name in wanted:
            yield from _hipe_file(file)
